package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.tck.NotificationChannelContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackApiChannelTest extends NotificationChannelContract {

    static final String TOKEN = "xoxb-1234-5678-s3cretBotToken";

    TestHttpServer server;
    SlackChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
        channel = SlackChannel.fromEnvironment(Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_CHANNEL", "C0DEFAULT",
                "SLACK_API_URL", server.url("/api").toString())).build();
        arrange(Behaviour.ACCEPT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected NotificationChannel channel() {
        return channel;
    }

    @Override
    protected String address() {
        return "C0ICU";
    }

    @Override
    protected void arrange(Behaviour b) {
        switch (b) {
            case ACCEPT -> server.answer(Response.of(200, "{\"ok\":true,\"channel\":\"C0ICU\",\"ts\":\"1764057600.000100\"}"));
            case SERVER_ERROR -> server.answer(Response.of(503, "{\"ok\":false,\"error\":\"service_unavailable\"}"));
            case RATE_LIMITED -> server.answer(Response.of(429, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", "7"));
            // chat.postMessage reports errors with HTTP 200.
            case REJECT -> server.answer(Response.of(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
            case UNREACHABLE -> server.refuseConnections();
        }
    }

    @Override
    protected List<String> receivedIdentities() {
        return server.requests().stream().map(TestHttpServer.Request::body).toList();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }

    @Test
    @DisplayName("POSTs chat.postMessage with the bot token and the contact point's channel")
    void exactRequest() {
        DeliveryResult r = channel.deliver(Fixtures.notification("slack", "C0ICU").build());
        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(r.reason()).contains("1764057600.000100");
        TestHttpServer.Request req = server.lastRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/api/chat.postMessage");
        assertThat(req.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(req.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = Fixtures.json(req.body());
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
    @DisplayName("HTTP 200 with ok:false is a permanent failure naming Slack's error")
    void okFalse() {
        arrange(Behaviour.REJECT);
        DeliveryResult r = channel.deliver(Fixtures.notification("slack", "C0ICU").build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo("Slack chat.postMessage error: channel_not_found");
    }

    @Test
    @DisplayName("HTTP 200 with error ratelimited is retried after Retry-After")
    void ratelimitedInBody() {
        server.answer(Response.of(200, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", "30"));
        DeliveryResult r = channel.deliver(Fixtures.notification("slack", "C0ICU").build());
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(((DeliveryResult.RetryLater) r).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("no address and no default channel fails before any request")
    void noChannel() {
        SlackChannel bare = SlackChannel.builder().botToken(TOKEN).baseUrl(server.url("/api")).build();
        DeliveryResult r = bare.deliver(Fixtures.notification("slack", "").build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("SLACK_CHANNEL");
        assertThat(server.requests()).isEmpty();
        assertThat(bare.toString()).doesNotContain(TOKEN);
    }
}
