package com.nexussaude.monitor.channels;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Microsoft Teams through a Workflows (Power Automate) webhook, "When a Teams webhook request is
 * received": a {@code POST} of an Adaptive Card wrapped in a {@code message} with one attachment,
 * rendered from the {@value #BODY} template. The webhook URL carries its {@code sig} and is a
 * secret.
 *
 * <p>Results: any 2xx is delivered (flows answer 202 Accepted with an empty body, some 200); 429
 * and 5xx are retried, other statuses fail permanently. Office 365 connectors (MessageCard) are
 * retired and not supported.
 *
 * <p>Templates: {@value #BODY}. Default name {@value #DEFAULT_NAME}. Environment:
 * {@code TEAMS_WEBHOOK_URL}.
 *
 * @since 0.1
 */
public final class TeamsChannel extends BaseChannel {

    /** Template part: the message JSON with the Adaptive Card. */
    public static final String BODY = "body";
    /** Default channel name. */
    public static final String DEFAULT_NAME = "teams";

    private final Http http;
    private final URI webhookUrl;

    private TeamsChannel(Builder b) {
        super(b, Templates.compile(b.name, List.of(Templates.Part.bundled(BODY, "teams.json.mustache", Escaping.JSON)), b.templates));
        this.http = b.http("Teams workflow");
        this.webhookUrl = b.webhookUrl;
    }

    /**
     * A builder; the webhook URL is required.
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
        b.webhookUrl = s.url(ChannelEnvironment.TEAMS_WEBHOOK_URL, null, true, true);
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        String body = json(jsonObject(body(original, BODY, model), "Teams message body"));
        return http.exchange(http.post(webhookUrl, "application/json; charset=utf-8", body).build(), this::interpret);
    }

    private DeliveryResult interpret(HttpResponse<String> r) {
        if (r.statusCode() / 100 == 2) {
            return DeliveryResult.delivered("Teams workflow accepted the card (HTTP " + r.statusCode() + ")");
        }
        return http.byStatus(r, Http.clip(r.body()));
    }

    @Override
    public String toString() {
        return "TeamsChannel[name=" + name + ", webhook=" + Urls.redacted(webhookUrl) + "]";
    }

    /** Configures a {@link TeamsChannel}. */
    public static final class Builder extends HttpChannelBuilder<Builder> {
        private URI webhookUrl;

        private Builder() {
            super(DEFAULT_NAME, null);
        }

        /**
         * The workflow's webhook URL (a secret; shown only as its host).
         *
         * @param webhookUrl the webhook URL of the Teams workflow; not null
         * @return this builder
         */
        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = Urls.requireHttp(Objects.requireNonNull(webhookUrl, "webhookUrl"), "webhookUrl");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if the webhook URL is missing
         */
        public TeamsChannel build() {
            if (webhookUrl == null) {
                throw new ChannelConfigurationException(List.of("webhookUrl"), "teams channel: webhookUrl is required");
            }
            requireTls("teams", Map.of("webhookUrl", webhookUrl));
            return new TeamsChannel(this);
        }
    }
}
