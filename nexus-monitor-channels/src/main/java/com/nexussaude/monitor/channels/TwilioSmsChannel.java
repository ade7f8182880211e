package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SMS through Twilio's Messages API: one form-encoded {@code POST} to
 * {@code {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json} with HTTP Basic authentication
 * (account SID and auth token), fields {@code To}, {@code From} (or {@code MessagingServiceSid}),
 * {@code Body} and, if configured, {@code StatusCallback}.
 *
 * <p>The contact point's address is the recipient's E.164 number. The text is the notification's
 * pre-rendered {@code text} if present, else the {@value #TEXT} template, and is cut to
 * {@link #DEFAULT_MAX_LENGTH} characters (one GSM-7 segment) without splitting a character.
 *
 * <p>Results: 201 (any 2xx) is delivered, meaning Twilio queued the message; only a status callback
 * says the phone got it. Twilio's error JSON ({@code code}, {@code message}, {@code more_info}) is
 * quoted in failures. 429 (error 20429, "always safe to retry") and 5xx are retried. The Messages
 * API takes no idempotency key, so a retry after a lost response may send the SMS twice.
 *
 * <p>Templates: {@value #TEXT}. Default name {@value #DEFAULT_NAME}. Environment: {@code
 * TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN}, {@code TWILIO_PHONE_NUMBER} or {@code
 * TWILIO_MESSAGING_SERVICE_SID}, optional {@code TWILIO_STATUS_CALLBACK_URL}, {@code TWILIO_API_URL}.
 *
 * @since 0.1
 */
public final class TwilioSmsChannel extends BaseChannel {

    /** Template part: the SMS text. */
    public static final String TEXT = "text";
    /** Default channel name. */
    public static final String DEFAULT_NAME = "sms";
    /** Default base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    /** One SMS segment in the GSM-7 alphabet. */
    public static final int DEFAULT_MAX_LENGTH = 160;

    private final Http http;
    private final URI messagesUrl;
    private final URI baseUrl;
    private final String accountSid;
    private final Secret authToken;
    private final String from;
    private final String messagingServiceSid;
    private final URI statusCallback;
    private final int maxLength;

    private TwilioSmsChannel(Builder b) {
        super(b, Templates.compile(b.name, List.of(Templates.Part.bundled(TEXT, "sms.txt.mustache", Escaping.NONE)), b.templates));
        this.http = b.http("Twilio");
        this.baseUrl = b.baseUrl;
        this.accountSid = b.accountSid;
        this.messagesUrl = Urls.join(b.baseUrl, "/2010-04-01/Accounts/" + URLEncoder.encode(b.accountSid, StandardCharsets.UTF_8)
                + "/Messages.json");
        this.authToken = b.authToken;
        this.from = b.from;
        this.messagingServiceSid = b.messagingServiceSid;
        this.statusCallback = b.statusCallback;
        this.maxLength = b.maxLength;
    }

    /**
     * A builder with defaults and no credentials.
     *
     * @return a builder with defaults and no credentials
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder filled from environment variables.
     *
     * @param env the environment variables, usually {@link System#getenv()}; not null
     * @return a builder filled from environment variables
     * @throws ChannelConfigurationException naming every missing or invalid variable
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        Settings s = new Settings(env);
        Builder b = new Builder();
        b.readHttp(s, ChannelEnvironment.TWILIO_API_URL);
        b.accountSid = s.required(ChannelEnvironment.TWILIO_ACCOUNT_SID);
        b.authToken = s.requiredSecret(ChannelEnvironment.TWILIO_AUTH_TOKEN);
        b.from = s.optional(ChannelEnvironment.TWILIO_PHONE_NUMBER);
        b.messagingServiceSid = s.optional(ChannelEnvironment.TWILIO_MESSAGING_SERVICE_SID);
        if (b.from == null && b.messagingServiceSid == null) {
            s.problem(ChannelEnvironment.TWILIO_PHONE_NUMBER, ChannelEnvironment.TWILIO_PHONE_NUMBER + " (or "
                    + ChannelEnvironment.TWILIO_MESSAGING_SERVICE_SID + ") is required");
        }
        b.statusCallback = s.url(ChannelEnvironment.TWILIO_STATUS_CALLBACK_URL, null, false, false);
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        String to = original.recipient().contact().address().strip();
        if (to.isEmpty()) {
            return noAddress(original, "phone number");
        }
        String text = original.content().body(name).or(() -> original.content().textIfPresent())
                .orElseGet(() -> templates.render(TEXT, model));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        if (messagingServiceSid != null) {
            form.put("MessagingServiceSid", messagingServiceSid);
        } else {
            form.put("From", from);
        }
        form.put("Body", Text.truncate(text.strip(), maxLength));
        if (statusCallback != null) {
            form.put("StatusCallback", statusCallback.toString());
        }
        String credentials = Base64.getEncoder().encodeToString((accountSid + ":" + authToken.reveal())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = http.post(messagesUrl, "application/x-www-form-urlencoded", Http.form(form))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json")
                .build();
        return http.exchange(request, this::interpret);
    }

    private DeliveryResult interpret(HttpResponse<String> r) {
        JsonNode body = Http.jsonBody(r.body());
        if (r.statusCode() / 100 == 2) {
            return DeliveryResult.delivered("Twilio accepted SMS " + body.path("sid").asText("(no sid)") + ", status "
                    + body.path("status").asText("unknown"));
        }
        String error = body.has("code")
                ? "Twilio error " + body.path("code").asText() + ": " + body.path("message").asText()
                        + (body.hasNonNull("more_info") ? " (" + body.path("more_info").asText() + ")" : "")
                : Http.clip(r.body());
        return http.byStatus(r, Http.clip(error));
    }

    @Override
    public String toString() {
        return "TwilioSmsChannel[name=" + name + ", baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken="
                + authToken + ", from=" + (from != null ? from : messagingServiceSid) + "]";
    }

    /** Configures a {@link TwilioSmsChannel}; account SID, auth token and a sender are required. */
    public static final class Builder extends HttpChannelBuilder<Builder> {
        private String accountSid;
        private Secret authToken;
        private String from;
        private String messagingServiceSid;
        private URI statusCallback;
        private int maxLength = DEFAULT_MAX_LENGTH;

        private Builder() {
            super(DEFAULT_NAME, DEFAULT_BASE_URL);
        }

        /**
         * The account SID ({@code AC…}).
         *
         * @param accountSid the account SID; not null
         * @return this builder
         */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /**
         * The auth token (or API key secret); never shown.
         *
         * @param authToken the auth token; not blank
         * @return this builder
         */
        public Builder authToken(String authToken) {
            this.authToken = Secret.of(authToken, "authToken");
            return this;
        }

        /**
         * The sending number, E.164.
         *
         * @param from the sending number in E.164 form ({@code +14155550100}); not null
         * @return this builder
         */
        public Builder from(String from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /**
         * A Messaging Service SID, sent instead of {@code From}.
         *
         * @param messagingServiceSid the Messaging Service SID ({@code MG…}); not null
         * @return this builder
         */
        public Builder messagingServiceSid(String messagingServiceSid) {
            this.messagingServiceSid = Objects.requireNonNull(messagingServiceSid, "messagingServiceSid");
            return this;
        }

        /**
         * Where Twilio posts delivery status.
         *
         * @param statusCallback an {@code https://} URL Twilio calls with delivery status
         * @return this builder
         */
        public Builder statusCallback(URI statusCallback) {
            this.statusCallback = Urls.requireHttp(statusCallback, "statusCallback");
            return this;
        }

        /**
         * Longest text sent, at least 10; default {@value TwilioSmsChannel#DEFAULT_MAX_LENGTH}.
         *
         * @param maxLength the most characters one text may have; longer texts are shortened; at least 10
         * @return this builder
         */
        public Builder maxLength(int maxLength) {
            if (maxLength < 10) {
                throw new ChannelConfigurationException(List.of("maxLength"), "maxLength must be at least 10, but was " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if a required setting is missing or a template does not compile
         */
        public TwilioSmsChannel build() {
            List<String> missing = new java.util.ArrayList<>();
            if (accountSid == null || accountSid.isBlank()) {
                missing.add("accountSid");
            }
            if (authToken == null) {
                missing.add("authToken");
            }
            if (from == null && messagingServiceSid == null) {
                missing.add("from");
            }
            requireAll("sms", missing);
            requireTls("sms", Map.of("baseUrl", baseUrl));
            return new TwilioSmsChannel(this);
        }
    }
}
