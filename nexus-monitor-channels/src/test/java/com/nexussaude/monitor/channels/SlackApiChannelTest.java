package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackApiChannelTest extends HttpChannelContract<SlackChannel, SlackChannel.Builder> {

    static final String TOKEN = "xoxb-1234-5678-s3cretBotToken";

    SlackApiChannelTest() {
        super(SlackChannel.Builder::build, "Slack", "C0ICU");
    }

    @Override
    SlackChannel.Builder configure(TestHttpServer server) {
        return SlackChannel.fromEnvironment(Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_CHANNEL", "C0DEFAULT",
                "SLACK_API_URL", server.url("/api").toString()));
    }

    @Override
    Answers answers() {
        return new Answers(
                Response.of(200, "{\"ok\":true,\"channel\":\"C0ICU\",\"ts\":\"1764057600.000100\"}"),
                Response.of(503, "{\"ok\":false,\"error\":\"service_unavailable\"}"),
                Response.of(429, "{\"ok\":false,\"error\":\"ratelimited\"}"),
                // chat.postMessage reports errors with HTTP 200.
                Response.of(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
    }

    /** HTTP 200 with ok:false is a permanent failure naming Slack's error. */
    @Override
    String rejectionReason() {
        return "Slack chat.postMessage error: channel_not_found";
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }

    @Test
    @DisplayName("POSTs chat.postMessage with the bot token and the contact point's channel")
    void exactRequest() {
        Accepted a = deliverAccepted(Fixtures.notification("slack", "C0ICU").build(), Wire.post("/api/chat.postMessage")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json; charset=utf-8"));
        assertThat(a.result().reason()).contains("1764057600.000100");
        JsonNode body = a.json();
        assertThat(body.path("channel").asText()).isEqualTo("C0ICU");
        assertThat(body.path("blocks").isArray()).isTrue();
        assertThat(body.path("text").asText()).startsWith("CRITICAL");
    }

    @Test
    @DisplayName("without an address the default channel is used")
    void defaultChannel() {
        channel.deliver(Fixtures.notification("slack", "").build());
        assertThat(Fixtures.json(server.lastRequest().body()).path("channel").asText()).isEqualTo("C0DEFAULT");
    }

    @Test
    @DisplayName("HTTP 200 with error ratelimited is retried after Retry-After")
    void ratelimitedInBody() {
        DeliveryResult r = deliverAnswered(Response.of(200, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", "30"));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(((DeliveryResult.RetryLater) r).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("no address and no default channel fails before any request")
    void noChannel() {
        SlackChannel bare = SlackChannel.builder().botToken(TOKEN).baseUrl(server.url("/api")).allowInsecureTransport("loopback test server").build();
        DeliveryResult r = bare.deliver(Fixtures.notification("slack", "").build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("SLACK_CHANNEL");
        assertThat(server.requests()).isEmpty();
        assertThat(bare.toString()).doesNotContain(TOKEN);
    }
}
