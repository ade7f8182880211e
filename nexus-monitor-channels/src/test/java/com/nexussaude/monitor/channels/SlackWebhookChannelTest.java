package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.PrivacyPolicy;
import com.nexussaude.monitor.notify.tck.NotificationChannelContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackWebhookChannelTest extends NotificationChannelContract {

    static final String HOOK_PATH = "/services/T0001/B0001/s3cretWebhookToken42";

    TestHttpServer server;
    SlackChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
        channel = SlackChannel.builder().webhookUrl(server.url(HOOK_PATH)).build();
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
        return "";
    }

    @Override
    protected void arrange(Behaviour b) {
        switch (b) {
            case ACCEPT -> server.answer(Response.of(200, "ok"));
            case SERVER_ERROR -> server.answer(Response.of(500, "rollup_error"));
            case RATE_LIMITED -> server.answer(Response.of(429, "rate_limited").withHeader("Retry-After", "7"));
            case REJECT -> server.answer(Response.of(400, "invalid_payload"));
            case UNREACHABLE -> server.refuseConnections();
        }
    }

    @Override
    protected List<String> receivedIdentities() {
        return server.requests().stream().map(TestHttpServer.Request::body).toList();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of("s3cretWebhookToken42");
    }

    @Test
    @DisplayName("POSTs Block Kit JSON to the webhook URL; no patient name by default")
    void exactRequest() {
        arrange(Behaviour.ACCEPT);
        DeliveryResult r = channel.deliver(Fixtures.notification("slack", "").build());
        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        TestHttpServer.Request req = server.lastRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo(HOOK_PATH);
        assertThat(req.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(req.header("Authorization")).isNull();
        JsonNode body = Fixtures.json(req.body());
        assertThat(body.has("channel")).isFalse();
        assertThat(body.path("text").asText()).isEqualTo("CRITICAL: SpO2 82 % below 85 for 10 s - bed 12, ward-3");
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("CRITICAL: SpO2 82 % below 85 for 10 s");
        assertThat(body.path("blocks").get(2).path("text").path("text").asText()).isEqualTo("*spo2* 82\n*heart_rate* 121");
        assertThat(req.body()).doesNotContain(Fixtures.PATIENT_NAME);
    }

    @Test
    @DisplayName("a privacy policy that includes the name puts it in; the dashboard link is a Slack link")
    void privacyAndLink() {
        arrange(Behaviour.ACCEPT);
        SlackChannel named = SlackChannel.builder().webhookUrl(server.url(HOOK_PATH)).privacyPolicy(PrivacyPolicy.all())
                .dashboardUrl("https://dash.example/a?x=1&y=2").build();
        named.deliver(Fixtures.notification("slack", "").build());
        String body = server.lastRequest().body();
        assertThat(body).contains(Fixtures.PATIENT_NAME).contains("<https://dash.example/a?x=1&amp;y=2|Open in the dashboard>");
    }

    @Test
    @DisplayName("Slack's error text is quoted")
    void errorText() {
        arrange(Behaviour.REJECT);
        assertThat(channel.deliver(Fixtures.notification("slack", "").build()).reason())
                .isEqualTo("HTTP 400 from Slack: invalid_payload");
    }

    @Test
    @DisplayName("an override template that renders invalid JSON fails permanently, naming the problem")
    void invalidTemplateOutput() {
        SlackChannel broken = SlackChannel.builder().webhookUrl(server.url(HOOK_PATH)).template(SlackChannel.BODY,
                "{\"text\": {{message}}}").build();
        DeliveryResult r = broken.deliver(Fixtures.notification("slack", "").build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("Slack message body of the slack channel is not valid JSON");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("from the environment; the webhook URL is never echoed")
    void environment() {
        assertThatThrownBy(() -> SlackChannel.fromEnvironment(Map.of()))
                .hasMessageContaining("SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL is required");
        assertThatThrownBy(() -> SlackChannel.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", "hooks.slack.com/s3cretWebhookToken42")))
                .hasMessageContaining("SLACK_WEBHOOK_URL must be an absolute http or https URL")
                .hasMessageNotContaining("s3cretWebhookToken42");
        SlackChannel c = SlackChannel.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", server.url(HOOK_PATH).toString())).build();
        assertThat(c.toString()).doesNotContain("s3cretWebhookToken42").contains("127.0.0.1");
    }
}
