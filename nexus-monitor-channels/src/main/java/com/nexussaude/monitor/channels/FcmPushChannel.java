package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Push notifications through Firebase Cloud Messaging's HTTP v1 API: a {@code POST} to
 * {@code {baseUrl}/v1/projects/{project}/messages:send} with an OAuth 2.0 access token that the
 * channel obtains itself from a service-account key (RS256 JWT-bearer grant, see
 * {@code GoogleAccessTokens}), cached until shortly before it expires.
 *
 * <p>The contact point's address is the device registration token. The message has a
 * {@code notification} (title and body from the {@value #TITLE} and {@value #TEXT} templates, or
 * the pre-rendered subject and text), string-valued {@code data} ({@code alertId}, {@code level},
 * {@code severity}, {@code event}, {@code rule}, {@code patientId}, {@code bed}, {@code ward},
 * {@code incidentId} where present) and high priority on Android ({@code priority: HIGH}) and APNs
 * ({@code apns-priority: 10}), so a sleeping device wakes.
 *
 * <p>Results: 200 is delivered. FCM's error JSON ({@code status}, {@code message} and the
 * {@code FcmError} {@code errorCode}) is quoted in failures; {@code UNREGISTERED} says to remove the
 * token. 401 drops the cached access token and is retried (a fresh one is fetched). 429
 * ({@code RESOURCE_EXHAUSTED}) and 5xx are retried. A token endpoint that rejects the key fails
 * permanently; one that is down is retried.
 *
 * <p>Templates: {@value #TITLE}, {@value #TEXT}. Default name {@value #DEFAULT_NAME}. Environment:
 * {@code FCM_SERVICE_ACCOUNT_FILE}, optional {@code FCM_PROJECT_ID}, {@code FCM_API_URL}.
 *
 * @since 0.1
 */
public final class FcmPushChannel extends BaseChannel {

    /** The longest collapse id APNs accepts, in bytes (ASCII here). */
    static final int MAX_COLLAPSE_ID = 64;

    /** Template part: the notification title. */
    public static final String TITLE = "title";
    /** Template part: the notification body. */
    public static final String TEXT = "text";
    /** Default channel name. */
    public static final String DEFAULT_NAME = "push";
    /** Default FCM base URL. */
    public static final String DEFAULT_BASE_URL = "https://fcm.googleapis.com";
    /** The OAuth scope for sending. */
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    /** How long before expiry a cached access token is replaced. */
    public static final Duration DEFAULT_TOKEN_REFRESH_MARGIN = Duration.ofMinutes(5);

    private final Http http;
    private final URI sendUrl;
    private final String projectId;
    private final ServiceAccount account;
    private final GoogleAccessTokens tokens;

    private FcmPushChannel(Builder b, String projectId) {
        super(b, Templates.compile(b.name, List.of(
                Templates.Part.bundled(TITLE, "push-title.txt.mustache", Escaping.NONE),
                Templates.Part.bundled(TEXT, "push-text.txt.mustache", Escaping.NONE)), b.templates));
        this.http = b.http("FCM");
        this.projectId = projectId;
        this.account = b.account;
        this.sendUrl = Urls.join(b.baseUrl, "/v1/projects/" + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/messages:send");
        this.tokens = new GoogleAccessTokens(b.account, SCOPE, b.http("OAuth token endpoint"), b.tokenRefreshMargin);
    }

    /**
     * A builder with defaults and no service account.
     *
     * @return a builder with defaults and no service account
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
        b.readHttp(s, ChannelEnvironment.FCM_API_URL);
        Path file = s.readableFile(ChannelEnvironment.FCM_SERVICE_ACCOUNT_FILE);
        if (file != null) {
            try {
                b.account = ServiceAccount.fromFile(file, ChannelEnvironment.FCM_SERVICE_ACCOUNT_FILE);
            } catch (ChannelConfigurationException e) {
                s.problem(ChannelEnvironment.FCM_SERVICE_ACCOUNT_FILE, e.getMessage());
            }
        }
        b.projectId = s.optional(ChannelEnvironment.FCM_PROJECT_ID);
        if (b.projectId == null && b.account != null && b.account.projectId == null) {
            s.problem(ChannelEnvironment.FCM_PROJECT_ID, ChannelEnvironment.FCM_PROJECT_ID
                    + " is required when the service-account file has no project_id");
        }
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        String deviceToken = original.recipient().contact().address().strip();
        if (deviceToken.isEmpty()) {
            return noAddress(original, "device token");
        }
        String body = original.content().body(name).orElseGet(() -> json(message(deviceToken, original, visible, model)));
        String accessToken;
        try {
            accessToken = tokens.current();
        } catch (GoogleAccessTokens.TokenUnavailable e) {
            return e.result;
        }
        HttpRequest request = http.post(sendUrl, "application/json; charset=UTF-8", body)
                .header("Authorization", "Bearer " + accessToken)
                .build();
        return http.exchange(request, this::interpret);
    }

    private ObjectNode message(String deviceToken, Notification original, Notification visible, Map<String, Object> model) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("token", deviceToken);
        ObjectNode notification = message.putObject("notification");
        notification.put("title", original.content().subjectIfPresent().orElseGet(() -> Text.oneLine(templates.render(TITLE, model))));
        notification.put("body", original.content().textIfPresent().orElseGet(() -> templates.render(TEXT, model).strip()));
        // Data values must be strings (FCM rejects others with INVALID_ARGUMENT).
        ObjectNode data = message.putObject("data");
        data.put("alertId", visible.alertId());
        if (visible.incidentId() != null) {
            data.put("incidentId", visible.incidentId());
        }
        data.put("level", Integer.toString(visible.escalationLevel()));
        data.put("severity", visible.severity().wireName());
        data.put("event", visible.event().wireName());
        data.put("rule", visible.ruleId());
        data.put("patientId", visible.patientId());
        if (visible.bed() != null) {
            data.put("bed", visible.bed());
        }
        if (visible.ward() != null) {
            data.put("ward", visible.ward());
        }
        data.put("timestamp", visible.timestamp().toString());
        // The same id on every attempt: a repeat replaces the notification a device already shows
        // instead of adding a second one (Android notification tag, APNs apns-collapse-id). Not
        // android.collapse_key: FCM keeps at most four collapse keys per device, so distinct pages
        // waiting for an offline device could be dropped.
        String collapseId = collapseId(original.idempotencyKey());
        ObjectNode android = message.putObject("android");
        android.put("priority", "HIGH");
        android.putObject("notification").put("tag", collapseId);
        ObjectNode apnsHeaders = message.putObject("apns").putObject("headers");
        apnsHeaders.put("apns-priority", "10");
        apnsHeaders.put("apns-collapse-id", collapseId);
        return root;
    }

    /** APNs takes collapse ids of at most 64 bytes: a longer idempotency key is replaced by its hash. */
    static String collapseId(String idempotencyKey) {
        if (idempotencyKey.length() <= MAX_COLLAPSE_ID) {
            return idempotencyKey;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "k_" + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * True: every attempt carries the same id (Android notification {@code tag}, APNs
     * {@code apns-collapse-id}), so a repeat replaces the notification on the device rather than
     * adding one. An app that shows data messages itself must use {@code tag} likewise.
     */
    @Override
    public boolean deduplicates() {
        return true;
    }

    private DeliveryResult interpret(HttpResponse<String> r) {
        JsonNode body = Http.jsonBody(r.body());
        if (r.statusCode() / 100 == 2) {
            return DeliveryResult.delivered("FCM accepted " + body.path("name").asText("the message"));
        }
        if (r.statusCode() == 401) {
            tokens.invalidate();
            return DeliveryResult.retryLater("HTTP 401 from FCM: the access token was rejected; a new one will be fetched");
        }
        JsonNode error = body.path("error");
        String errorCode = null;
        for (JsonNode d : error.path("details")) {
            if (d.hasNonNull("errorCode")) {
                errorCode = d.path("errorCode").asText();
            }
        }
        String text = error.isMissingNode() ? Http.clip(r.body())
                : (errorCode != null ? errorCode : error.path("status").asText("")) + ": " + error.path("message").asText("");
        if ("UNREGISTERED".equals(errorCode)) {
            text += " (the device token is no longer valid; remove it)";
        }
        return http.byStatus(r, Http.clip(text));
    }

    @Override
    public String toString() {
        return "FcmPushChannel[name=" + name + ", project=" + projectId + ", account=" + account + "]";
    }

    /** Configures an {@link FcmPushChannel}; a service account is required. */
    public static final class Builder extends HttpChannelBuilder<Builder> {
        private ServiceAccount account;
        private String projectId;
        private Duration tokenRefreshMargin = DEFAULT_TOKEN_REFRESH_MARGIN;

        private Builder() {
            super(DEFAULT_NAME, DEFAULT_BASE_URL);
        }

        /**
         * The service-account key file's JSON ({@code client_email}, {@code private_key} as PEM
         * PKCS#8, {@code token_uri}, {@code project_id}); the key is never shown.
         *
         * @param json the content of a Google service-account key file; not null
         * @return this builder
         * @throws ChannelConfigurationException if it is not a usable service-account key
         */
        public Builder serviceAccountJson(String json) {
            this.account = ServiceAccount.parse(Objects.requireNonNull(json, "json"), "serviceAccountJson");
            return this;
        }

        /**
         * The service-account key file.
         *
         * @param file the path of a Google service-account key file, read now; not null
         * @return this builder
         */
        public Builder serviceAccountFile(Path file) {
            this.account = ServiceAccount.fromFile(Objects.requireNonNull(file, "file"), "serviceAccountFile");
            return this;
        }

        /**
         * The Firebase project id; default the service account's {@code project_id}.
         *
         * @param projectId the Firebase project id; not null
         * @return this builder
         */
        public Builder projectId(String projectId) {
            this.projectId = Objects.requireNonNull(projectId, "projectId");
            return this;
        }

        /**
         * How long before expiry the cached access token is replaced; default 5 minutes.
         *
         * @param margin how long before expiry to refresh the access token; not negative
         * @return this builder
         */
        public Builder tokenRefreshMargin(Duration margin) {
            Objects.requireNonNull(margin, "margin");
            if (margin.isNegative()) {
                throw new ChannelConfigurationException(List.of("tokenRefreshMargin"), "tokenRefreshMargin must not be negative");
            }
            this.tokenRefreshMargin = margin;
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if the service account or the project id is missing
         */
        public FcmPushChannel build() {
            if (account == null) {
                throw new ChannelConfigurationException(List.of("serviceAccount"), "push channel: a service account is required");
            }
            String project = projectId != null ? projectId : account.projectId;
            if (project == null) {
                throw new ChannelConfigurationException(List.of("projectId"),
                        "push channel: projectId is required when the service account has no project_id");
            }
            var urls = new java.util.LinkedHashMap<String, URI>();
            urls.put("baseUrl", baseUrl);
            urls.put("serviceAccount token_uri", account.tokenUri);
            requireTls("push", urls);
            return new FcmPushChannel(this, project);
        }
    }
}
