package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TeamsChannelTest extends HttpChannelContract<TeamsChannel, TeamsChannel.Builder> {

    static final String FLOW_PATH = "/workflows/abc/triggers/manual/paths/invoke";
    static final String SIG = "s1gSecretValue123";

    TeamsChannelTest() {
        super(TeamsChannel.Builder::build, "Teams workflow", "");
    }

    @Override
    TeamsChannel.Builder configure(TestHttpServer server) {
        return TeamsChannel.fromEnvironment(Map.of("TEAMS_WEBHOOK_URL",
                server.url(FLOW_PATH + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sig=" + SIG).toString()))
                .dashboardUrl("https://dash.example/alerts/alert-000001");
    }

    @Override
    Answers answers() {
        return new Answers(
                Response.of(202, ""),
                Response.of(502, "Bad Gateway"),
                Response.of(429, "{\"error\":{\"code\":\"WorkflowTriggeredTooManyTimes\"}}"),
                Response.of(400, "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"bad card\"}}"));
    }

    /** The workflow's error body is quoted. */
    @Override
    String rejectionReason() {
        return "HTTP 400 from Teams workflow: {\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"bad card\"}}";
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(SIG);
    }

    @Test
    @DisplayName("POSTs a message with one Adaptive Card attachment to the workflow URL; 202 is delivered")
    void exactRequest() {
        Accepted a = deliverAccepted(sample().build(), Wire.post(FLOW_PATH)
                .header("Content-Type", "application/json; charset=utf-8"));
        assertThat(a.request().query()).contains("sig=" + SIG);
        JsonNode body = a.json();
        assertThat(body.path("type").asText()).isEqualTo("message");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.2");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("CRITICAL: SpO2 82 % below 85 for 10 s");
        assertThat(card.path("body").get(0).path("color").asText()).isEqualTo("Attention");
        assertThat(card.path("body").get(2).path("facts")).hasSize(2);
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo("https://dash.example/alerts/alert-000001");
    }

    @Test
    @DisplayName("a plain 200 is delivered too")
    void ok200() {
        assertThat(deliverAnswered(Response.of(200, "")).outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    @DisplayName("a card without ward, bed or evidence is still valid JSON")
    void minimalCard() {
        channel.deliver(sample().ward(null).bed(null).evidence(Map.of()).incidentId(null).build());
        JsonNode card = Fixtures.json(server.lastRequest().body()).path("attachments").get(0).path("content");
        assertThat(card.path("body")).hasSize(3);
    }

    @Test
    @DisplayName("the URL is required and never echoed")
    void environment() {
        assertThatThrownBy(() -> TeamsChannel.fromEnvironment(Map.of())).hasMessageContaining("TEAMS_WEBHOOK_URL is required");
        assertThat(channel.toString()).doesNotContain(SIG).doesNotContain("workflows");
    }
}
