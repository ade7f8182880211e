package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook signed per the <a href="https://www.standardwebhooks.com/">Standard
 * Webhooks</a> specification, so receivers can verify it with any Standard Webhooks library.
 *
 * <p>Each attempt is a {@code POST} of JSON with three headers: {@code webhook-id} (the
 * notification's idempotency key, the same on every retry), {@code webhook-timestamp} (this
 * attempt's Unix time in seconds) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, keyed with the base64-decoded part of the {@code whsec_} secret. The body is
 * {@code {"type":"alert.<event>","timestamp":…,"data":{…}}} with the notification's facts after the
 * privacy policy; a {@value #BODY} template may replace it (it must render a JSON object).
 *
 * <p>Results: any 2xx is delivered. 3xx fails (redirects are not followed; update the URL), 410
 * Gone fails with a request to disable the endpoint, 408/429/5xx are retried honouring
 * {@code Retry-After}, other statuses fail.
 *
 * <p>Default name {@value #DEFAULT_NAME}. Environment: {@code WEBHOOK_URL}, {@code WEBHOOK_SECRET}.
 *
 * @since 0.1
 */
public final class WebhookChannel extends BaseChannel {

    /** Template part: an optional replacement for the JSON body. */
    public static final String BODY = "body";
    /** Default channel name. */
    public static final String DEFAULT_NAME = "webhook";
    /** The secret's prefix in the Standard Webhooks format. */
    static final String SECRET_PREFIX = "whsec_";

    private final Http http;
    private final URI url;
    private final Secret secret;
    private final boolean customBody;

    private WebhookChannel(Builder b) {
        super(b, Templates.compile(b.name, List.of(new Templates.Part(BODY, "", Escaping.JSON)), b.templates));
        this.http = b.http("webhook receiver");
        this.url = b.url;
        this.secret = b.secret;
        this.customBody = b.templates.containsKey(BODY);
    }

    /**
     * A builder; URL and secret are required.
     *
     * @return a builder
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
        b.readHttp(s, null);
        b.url = s.url(ChannelEnvironment.WEBHOOK_URL, null, true, true);
        Secret raw = s.requiredSecret(ChannelEnvironment.WEBHOOK_SECRET);
        if (raw != null) {
            try {
                b.secret = checkSecret(raw.reveal(), ChannelEnvironment.WEBHOOK_SECRET);
            } catch (ChannelConfigurationException e) {
                s.problem(ChannelEnvironment.WEBHOOK_SECRET, e.getMessage());
            }
        }
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    /** Checks the {@code whsec_<base64>} form and the 24–64 byte key length the spec asks for. */
    static Secret checkSecret(String value, String setting) {
        if (!value.startsWith(SECRET_PREFIX)) {
            throw new ChannelConfigurationException(List.of(setting), setting + " must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new ChannelConfigurationException(List.of(setting), setting + " must be " + SECRET_PREFIX + " followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new ChannelConfigurationException(List.of(setting), setting + " must encode 24 to 64 random bytes, but encodes "
                    + key.length);
        }
        return Secret.of(value, setting);
    }

    /**
     * The {@code webhook-signature} value for one message: {@code v1,} and the base64 HMAC-SHA256 of
     * {@code id.timestamp.body} keyed with the decoded secret.
     */
    static String sign(String secret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        String body = original.content().body(name)
                .map(b -> json(jsonObject(b, "pre-rendered webhook body")))
                .orElseGet(() -> customBody ? json(jsonObject(templates.render(BODY, model), "webhook body template"))
                        : json(payload(visible)));
        String id = original.idempotencyKey();
        long timestamp = http.clock().instant().getEpochSecond();
        HttpRequest request = http.post(url, "application/json", body)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", sign(secret.reveal(), id, timestamp, body))
                .build();
        return http.exchange(request, this::interpret);
    }

    /**
     * True: every attempt carries the same {@code webhook-id}, which the Standard Webhooks
     * specification asks receivers to use as the idempotency key, so a receiver drops a repeat.
     */
    @Override
    public boolean deduplicates() {
        return true;
    }

    /** The default body: the event type, its time, and the facts the privacy policy lets through. */
    static ObjectNode payload(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "alert." + n.event().wireName());
        root.put("timestamp", n.timestamp().toString());
        ObjectNode data = root.putObject("data");
        data.put("alert_id", n.alertId());
        putIfPresent(data, "incident_id", n.incidentId());
        data.put("patient_id", n.patientId());
        putIfPresent(data, "patient_name", n.patientName());
        putIfPresent(data, "ward", n.ward());
        putIfPresent(data, "bed", n.bed());
        data.put("rule", n.ruleId());
        data.put("severity", n.severity().wireName());
        data.put("category", n.category().wireName());
        data.put("event", n.event().wireName());
        data.put("level", n.escalationLevel());
        data.put("timestamp", n.timestamp().toString());
        data.put("message", n.message());
        ObjectNode evidence = data.putObject("evidence");
        n.evidence().forEach(evidence::put);
        data.putObject("recipient").put("id", n.recipient().id()).put("channel", n.channel());
        return root;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private DeliveryResult interpret(HttpResponse<String> r) {
        int s = r.statusCode();
        if (s / 100 == 2) {
            return DeliveryResult.delivered("webhook receiver accepted the message (HTTP " + s + ")");
        }
        if (s / 100 == 3) {
            return DeliveryResult.failed("HTTP " + s + " from webhook receiver: redirects are not followed; update "
                    + ChannelEnvironment.WEBHOOK_URL);
        }
        if (s == 410) {
            return DeliveryResult.failed("HTTP 410 Gone from webhook receiver: the endpoint asks to be disabled");
        }
        return http.byStatus(r, Http.clip(r.body()));
    }

    @Override
    public String toString() {
        return "WebhookChannel[name=" + name + ", url=" + Urls.redacted(url) + ", secret=" + secret + "]";
    }

    /** Configures a {@link WebhookChannel}. */
    public static final class Builder extends HttpChannelBuilder<Builder> {
        private URI url;
        private Secret secret;

        private Builder() {
            super(DEFAULT_NAME, null);
        }

        /**
         * The receiver's URL (treated as a secret; shown only as its host).
         *
         * @param url the receiver's {@code https://} URL; not null
         * @return this builder
         */
        public Builder url(URI url) {
            this.url = Urls.requireHttp(Objects.requireNonNull(url, "url"), "url");
            return this;
        }

        /**
         * The signing secret, {@code whsec_} and the base64 of 24 to 64 random bytes; never shown.
         *
         * @param secret the signing secret, {@code whsec_...}; not null
         * @return this builder
         * @throws ChannelConfigurationException if it is not in that form
         */
        public Builder secret(String secret) {
            this.secret = checkSecret(Objects.requireNonNull(secret, "secret"), "secret");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if URL or secret is missing
         */
        public WebhookChannel build() {
            List<String> missing = new java.util.ArrayList<>();
            if (url == null) {
                missing.add("url");
            }
            if (secret == null) {
                missing.add("secret");
            }
            requireAll("webhook", missing);
            requireTls("webhook", Map.of("url", url));
            return new WebhookChannel(this);
        }
    }
}
