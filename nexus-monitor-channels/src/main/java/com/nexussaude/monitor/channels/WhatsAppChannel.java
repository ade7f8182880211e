package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * WhatsApp through the WhatsApp Business Cloud API: a {@code POST} to
 * {@code {baseUrl}/{version}/{phone-number-id}/messages} with a Bearer token, sending an approved
 * <b>template message</b> (free-form text is allowed only inside the 24-hour customer-service
 * window, which a page usually is not).
 *
 * <p>The body parameters of the template ({@code {{1}}}, {@code {{2}}}…) are rendered from the
 * Mustache templates {@code param1}, {@code param2}…; by default three: the severity, the location
 * (bed and ward, or the patient id) and the alert message with the alert id (so two pages
 * with the same text can be told apart). The approved template must take the same
 * number of body parameters. Parameters are made one line (WhatsApp rejects newlines and tabs in
 * them). The contact point's address is the recipient's phone number.
 *
 * <p>Results: 200 with {@code messages[0].id} (a {@code wamid}) is delivered, meaning accepted;
 * delivery is reported later through webhooks. Error codes 130429 (throughput) and 131056 (pair
 * rate) are retried whatever the HTTP status; otherwise the usual status mapping with Meta's
 * {@code error.message}.
 *
 * <p>Default name {@value #DEFAULT_NAME}. Environment: {@code WHATSAPP_TOKEN},
 * {@code WHATSAPP_PHONE_NUMBER_ID}, optional {@code WHATSAPP_TEMPLATE},
 * {@code WHATSAPP_TEMPLATE_LANGUAGE}, {@code WHATSAPP_API_URL}, {@code WHATSAPP_API_VERSION}.
 *
 * @since 0.1
 */
public final class WhatsAppChannel extends BaseChannel {

    /** Default channel name. */
    public static final String DEFAULT_NAME = "whatsapp";
    /** Default Graph API base URL. */
    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    /** Default Graph API version. */
    public static final String DEFAULT_API_VERSION = "v21.0";
    /** Default approved template name. */
    public static final String DEFAULT_TEMPLATE = "vital_alert";
    /** Default template language. */
    public static final String DEFAULT_LANGUAGE = "en_US";
    /** The default body parameters, as Mustache templates. */
    public static final List<String> DEFAULT_PARAMETERS = List.of(
            "{{severity_label}}",
            "{{#location}}{{location}}{{/location}}{{^location}}patient {{patient_id}}{{/location}}",
            "{{#message}}{{message}}{{/message}}{{^message}}{{rule}} alert{{/message}} [{{alert_id}}]");

    /** Meta error codes that mean "too fast, try again": throughput and pair rate limits. */
    private static final Set<Integer> RETRY_CODES = Set.of(130429, 131056);

    private final Http http;
    private final URI messagesUrl;
    private final Secret token;
    private final String templateName;
    private final String language;
    private final int parameterCount;

    private WhatsAppChannel(Builder b) {
        super(b, Templates.compile(b.name, parts(b.parameters), b.templates));
        this.http = b.http("WhatsApp Cloud API");
        this.messagesUrl = Urls.join(b.baseUrl, "/" + b.apiVersion + "/"
                + URLEncoder.encode(b.phoneNumberId, StandardCharsets.UTF_8) + "/messages");
        this.token = b.token;
        this.templateName = b.templateName;
        this.language = b.language;
        this.parameterCount = b.parameters.size();
    }

    private static List<Templates.Part> parts(List<String> parameters) {
        List<Templates.Part> parts = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            parts.add(new Templates.Part("param" + (i + 1), parameters.get(i), Escaping.NONE));
        }
        return parts;
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
        b.readHttp(s, ChannelEnvironment.WHATSAPP_API_URL);
        b.token = s.requiredSecret(ChannelEnvironment.WHATSAPP_TOKEN);
        b.phoneNumberId = s.required(ChannelEnvironment.WHATSAPP_PHONE_NUMBER_ID);
        b.templateName = orDefault(s.optional(ChannelEnvironment.WHATSAPP_TEMPLATE), DEFAULT_TEMPLATE);
        b.language = orDefault(s.optional(ChannelEnvironment.WHATSAPP_TEMPLATE_LANGUAGE), DEFAULT_LANGUAGE);
        b.apiVersion = orDefault(s.optional(ChannelEnvironment.WHATSAPP_API_VERSION), DEFAULT_API_VERSION);
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    private static String orDefault(String v, String d) {
        return v != null ? v : d;
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        String to = original.recipient().contact().address().replace(" ", "");
        if (to.isEmpty()) {
            return noAddress(original, "phone number");
        }
        String body = original.content().body(name).orElseGet(() -> json(templateMessage(to, model)));
        HttpRequest request = http.post(messagesUrl, "application/json", body)
                .header("Authorization", "Bearer " + token.reveal())
                .build();
        return http.exchange(request, this::interpret);
    }

    private ObjectNode templateMessage(String to, Map<String, Object> model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("messaging_product", "whatsapp");
        root.put("recipient_type", "individual");
        root.put("to", to);
        root.put("type", "template");
        ObjectNode template = root.putObject("template");
        template.put("name", templateName);
        template.putObject("language").put("code", language);
        ObjectNode component = template.putArray("components").addObject();
        component.put("type", "body");
        ArrayNode parameters = component.putArray("parameters");
        for (int i = 1; i <= parameterCount; i++) {
            String text = Text.oneLine(templates.render("param" + i, model));
            // An empty parameter is rejected by the API; a dash keeps the message readable.
            parameters.addObject().put("type", "text").put("text", text.isEmpty() ? "-" : text);
        }
        return root;
    }

    private DeliveryResult interpret(HttpResponse<String> r) {
        JsonNode body = Http.jsonBody(r.body());
        if (r.statusCode() / 100 == 2) {
            return DeliveryResult.delivered("WhatsApp accepted message " + body.path("messages").path(0).path("id").asText("(no id)"));
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(0);
        String text = error.isMissingNode()
                ? Http.clip(r.body())
                : Http.clip("error " + code + ": " + error.path("message").asText()
                        + (error.path("error_data").hasNonNull("details") ? " (" + error.path("error_data").path("details").asText() + ")" : ""));
        if (RETRY_CODES.contains(code)) {
            return http.retryLater("HTTP " + r.statusCode() + " from WhatsApp Cloud API: " + text, r);
        }
        return http.byStatus(r, text);
    }

    @Override
    public String toString() {
        return "WhatsAppChannel[name=" + name + ", url=" + messagesUrl + ", template=" + templateName + "/" + language
                + ", token=" + token + "]";
    }

    /** Configures a {@link WhatsAppChannel}; token and phone number id are required. */
    public static final class Builder extends HttpChannelBuilder<Builder> {
        private Secret token;
        private String phoneNumberId;
        private String templateName = DEFAULT_TEMPLATE;
        private String language = DEFAULT_LANGUAGE;
        private String apiVersion = DEFAULT_API_VERSION;
        private List<String> parameters = DEFAULT_PARAMETERS;

        private Builder() {
            super(DEFAULT_NAME, DEFAULT_BASE_URL);
        }

        /**
         * The access token (system-user token with {@code whatsapp_business_messaging}); never shown.
         *
         * @param token the access token; not blank
         * @return this builder
         */
        public Builder token(String token) {
            this.token = Secret.of(token, "token");
            return this;
        }

        /**
         * The sending phone number's id.
         *
         * @param phoneNumberId the id of the sending phone number in the WhatsApp Business account; not null
         * @return this builder
         */
        public Builder phoneNumberId(String phoneNumberId) {
            this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
            return this;
        }

        /**
         * The approved template's name and language code; default {@code vital_alert}, {@code en_US}.
         *
         * @param name the approved message template's name; not null
         * @param languageCode the template's language code ({@code en_US}); not null
         * @return this builder
         */
        public Builder approvedTemplate(String name, String languageCode) {
            this.templateName = Objects.requireNonNull(name, "name");
            this.language = Objects.requireNonNull(languageCode, "languageCode");
            return this;
        }

        /**
         * The Graph API version path segment, e.g. {@code v21.0}.
         *
         * @param apiVersion the Graph API version ({@code v21.0}); not null
         * @return this builder
         */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
            return this;
        }

        /**
         * The body parameters as Mustache templates, in order ({@code {{1}}} first); at least one.
         *
         * @param mustacheTemplates one Mustache template per body parameter, in order; not empty
         * @return this builder
         */
        public Builder parameters(List<String> mustacheTemplates) {
            if (mustacheTemplates.isEmpty()) {
                throw new ChannelConfigurationException(List.of("parameters"), "whatsapp channel needs at least one template parameter");
            }
            this.parameters = List.copyOf(mustacheTemplates);
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if token or phone number id is missing
         */
        public WhatsAppChannel build() {
            List<String> missing = new ArrayList<>();
            if (token == null) {
                missing.add("token");
            }
            if (phoneNumberId == null || phoneNumberId.isBlank()) {
                missing.add("phoneNumberId");
            }
            requireAll("whatsapp", missing);
            requireTls("whatsapp", Map.of("baseUrl", baseUrl));
            return new WhatsAppChannel(this);
        }
    }
}
