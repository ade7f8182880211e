package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Slack, either through an <b>incoming webhook</b> (a secret URL that posts to one channel) or
 * through the Web API's <b>{@code chat.postMessage}</b> with a bot token, which can post to any
 * channel the bot is in. The message is a Block Kit JSON body rendered from the {@value #BODY}
 * template ({@code text} as the notification fallback plus {@code blocks}); in API mode the
 * contact point's address, or the default channel, is added as {@code channel}.
 *
 * <p>Results: the webhook answers 200 {@code ok}; its errors are 4xx with a text body
 * ({@code invalid_payload}, {@code channel_not_found}…), failed permanently. {@code chat.postMessage}
 * answers HTTP 200 even for errors, so {@code "ok": false} is a failure with Slack's {@code error}
 * code, except {@code ratelimited}, which is retried. HTTP 429 (both modes) is retried after
 * {@code Retry-After}. Slack allows about one message per second per channel: register this channel
 * with a dispatcher {@code RateLimit.of(1, Duration.ofSeconds(1))}.
 *
 * <p>Text in the template is escaped for Slack ({@code & < >} as entities) and for JSON. Templates:
 * {@value #BODY}. Default name {@value #DEFAULT_NAME}. Environment: {@code SLACK_BOT_TOKEN} with
 * optional {@code SLACK_CHANNEL} and {@code SLACK_API_URL}, or {@code SLACK_WEBHOOK_URL}.
 *
 * @since 0.1
 */
public final class SlackChannel extends BaseChannel {

    /** Template part: the Block Kit message JSON. */
    public static final String BODY = "body";
    /** Default channel name. */
    public static final String DEFAULT_NAME = "slack";
    /** Default Web API base URL. */
    public static final String DEFAULT_API_URL = "https://slack.com/api";

    private final Http http;
    private final URI webhookUrl;
    private final URI postMessageUrl;
    private final Secret botToken;
    private final String defaultChannel;

    private SlackChannel(Builder b) {
        super(b, Templates.compile(b.name, List.of(Templates.Part.bundled(BODY, "slack.json.mustache", Escaping.SLACK_JSON)), b.templates));
        this.http = b.http("Slack");
        this.webhookUrl = b.webhookUrl;
        this.botToken = b.botToken;
        this.postMessageUrl = b.botToken == null ? null : Urls.join(b.baseUrl, "/chat.postMessage");
        this.defaultChannel = b.defaultChannel;
    }

    /**
     * A builder; give either {@link Builder#webhookUrl(URI)} or {@link Builder#botToken(String)}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder filled from environment variables: API mode when {@code SLACK_BOT_TOKEN} is set,
     * otherwise webhook mode.
     *
     * @param env the environment variables, usually {@link System#getenv()}; not null
     * @return a builder filled from environment variables: API mode when {@code SLACK_BOT_TOKEN} is set,
     *     otherwise webhook mode
     * @throws ChannelConfigurationException naming every missing or invalid variable
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        Settings s = new Settings(env);
        Builder b = new Builder();
        b.readHttp(s, ChannelEnvironment.SLACK_API_URL);
        if (s.isSet(ChannelEnvironment.SLACK_BOT_TOKEN)) {
            b.botToken = s.requiredSecret(ChannelEnvironment.SLACK_BOT_TOKEN);
            b.defaultChannel = s.optional(ChannelEnvironment.SLACK_CHANNEL);
        } else if (s.isSet(ChannelEnvironment.SLACK_WEBHOOK_URL)) {
            b.webhookUrl = s.url(ChannelEnvironment.SLACK_WEBHOOK_URL, null, true, true);
        } else {
            s.problem(ChannelEnvironment.SLACK_BOT_TOKEN, ChannelEnvironment.SLACK_BOT_TOKEN + " or "
                    + ChannelEnvironment.SLACK_WEBHOOK_URL + " is required");
        }
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        ObjectNode message = jsonObject(body(original, BODY, model), "Slack message body");
        if (botToken == null) {
            return http.exchange(http.post(webhookUrl, "application/json; charset=utf-8", json(message)).build(),
                    this::interpretWebhook);
        }
        String address = original.recipient().contact().address().strip();
        String channel = !address.isEmpty() ? address : defaultChannel;
        if (channel == null) {
            return DeliveryResult.failed("no Slack channel: the contact point of " + original.recipient().id()
                    + " has no address and SLACK_CHANNEL is not set");
        }
        message.put("channel", channel);
        HttpRequest request = http.post(postMessageUrl, "application/json; charset=utf-8", json(message))
                .header("Authorization", "Bearer " + botToken.reveal())
                .build();
        return http.exchange(request, this::interpretApi);
    }

    private DeliveryResult interpretWebhook(HttpResponse<String> r) {
        if (r.statusCode() / 100 == 2) {
            return DeliveryResult.delivered("Slack webhook accepted the message (" + Http.clip(r.body()) + ")");
        }
        return http.byStatus(r, Http.clip(r.body()));
    }

    private DeliveryResult interpretApi(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            return http.byStatus(r, Http.clip(r.body()));
        }
        JsonNode body = Http.jsonBody(r.body());
        if (body.path("ok").asBoolean(false)) {
            return DeliveryResult.delivered("Slack posted message ts=" + body.path("ts").asText("?") + " in "
                    + body.path("channel").asText("?"));
        }
        String error = body.path("error").asText("unknown_error");
        if (error.equals("ratelimited")) {
            return http.retryLater("Slack chat.postMessage: ratelimited", r);
        }
        return DeliveryResult.failed("Slack chat.postMessage error: " + Http.clip(error));
    }

    @Override
    public String toString() {
        return "SlackChannel[name=" + name + (botToken != null
                ? ", api=" + postMessageUrl + ", botToken=" + botToken + ", defaultChannel=" + defaultChannel
                : ", webhook=" + Urls.redacted(webhookUrl)) + "]";
    }

    /** Configures a {@link SlackChannel}. */
    public static final class Builder extends HttpChannelBuilder<Builder> {
        private URI webhookUrl;
        private Secret botToken;
        private String defaultChannel;

        private Builder() {
            super(DEFAULT_NAME, DEFAULT_API_URL);
        }

        /**
         * Webhook mode: the incoming-webhook URL (a secret; shown only as its host).
         *
         * @param webhookUrl the incoming-webhook URL; not null
         * @return this builder
         */
        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = Urls.requireHttp(Objects.requireNonNull(webhookUrl, "webhookUrl"), "webhookUrl");
            return this;
        }

        /**
         * API mode: the bot token ({@code xoxb-…}, scope {@code chat:write}); never shown.
         *
         * @param botToken the bot token; not blank
         * @return this builder
         */
        public Builder botToken(String botToken) {
            this.botToken = Secret.of(botToken, "botToken");
            return this;
        }

        /**
         * API mode: the channel id used when a contact point has no address.
         *
         * @param defaultChannel a Slack channel id ({@code C…}); not null
         * @return this builder
         */
        public Builder defaultChannel(String defaultChannel) {
            this.defaultChannel = Objects.requireNonNull(defaultChannel, "defaultChannel");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if neither or both of webhook URL and bot token are given
         */
        public SlackChannel build() {
            if ((webhookUrl == null) == (botToken == null)) {
                throw new ChannelConfigurationException(List.of("webhookUrl", "botToken"),
                        "slack channel needs exactly one of webhookUrl (incoming webhook) and botToken (chat.postMessage)");
            }
            requireTls("slack", botToken != null ? Map.of("baseUrl", baseUrl) : Map.of("webhookUrl", webhookUrl));
            return new SlackChannel(this);
        }
    }
}
