package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.PrivacyPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackWebhookChannelTest extends HttpChannelContract<SlackChannel, SlackChannel.Builder> {

    static final String HOOK_PATH = "/services/T0001/B0001/s3cretWebhookToken42";

    SlackWebhookChannelTest() {
        super(SlackChannel.Builder::build, "Slack", "");
    }

    @Override
    SlackChannel.Builder configure(TestHttpServer server) {
        return SlackChannel.builder().webhookUrl(server.url(HOOK_PATH));
    }

    @Override
    Answers answers() {
        return new Answers(Response.of(200, "ok"), Response.of(500, "rollup_error"), Response.of(429, "rate_limited"),
                Response.of(400, "invalid_payload"));
    }

    /** Slack's error text is quoted. */
    @Override
    String rejectionReason() {
        return "HTTP 400 from Slack: invalid_payload";
    }

    @Override
    protected Set<String> secrets() {
        return Set.of("s3cretWebhookToken42");
    }

    @Test
    @DisplayName("POSTs Block Kit JSON to the webhook URL; no patient name by default")
    void exactRequest() {
        JsonNode body = deliverAccepted(sample().build(), Wire.post(HOOK_PATH)
                .header("Content-Type", "application/json; charset=utf-8")
                .without("Authorization")).json();
        assertThat(body.has("channel")).isFalse();
        assertThat(body.path("text").asText()).isEqualTo("CRITICAL: SpO2 82 % below 85 for 10 s - bed 12, ward-3");
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("CRITICAL: SpO2 82 % below 85 for 10 s");
        assertThat(body.path("blocks").get(2).path("text").path("text").asText()).isEqualTo("*spo2* 82\n*heart_rate* 121");
    }

    @Test
    @DisplayName("a privacy policy that includes the name puts it in; the dashboard link is a Slack link")
    void privacyAndLink() {
        SlackChannel named = build(configure(server).privacyPolicy(PrivacyPolicy.all())
                .dashboardUrl("https://dash.example/a?x=1&y=2"));
        named.deliver(sample().build());
        String body = server.lastRequest().body();
        assertThat(body).contains(Fixtures.PATIENT_NAME).contains("<https://dash.example/a?x=1&amp;y=2|Open in the dashboard>");
    }

    @Test
    @DisplayName("an override template that renders invalid JSON fails permanently, naming the problem")
    void invalidTemplateOutput() {
        SlackChannel broken = build(configure(server).template(SlackChannel.BODY, "{\"text\": {{message}}}"));
        DeliveryResult r = broken.deliver(sample().build());
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
        SlackChannel c = SlackChannel.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", server.url(HOOK_PATH).toString(),
                "NOTIFY_ALLOW_INSECURE_TRANSPORT", "loopback test server")).build();
        assertThat(c.toString()).doesNotContain("s3cretWebhookToken42").contains("127.0.0.1");
    }
}
