package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WhatsAppChannelTest extends HttpChannelContract<WhatsAppChannel, WhatsAppChannel.Builder> {

    static final String TOKEN = "EAAGsecretSystemUserToken";
    static final String PHONE_ID = "106540352242922";

    WhatsAppChannelTest() {
        super(WhatsAppChannel.Builder::build, "WhatsApp Cloud API", "15551234567");
    }

    @Override
    WhatsAppChannel.Builder configure(TestHttpServer server) {
        return WhatsAppChannel.fromEnvironment(Map.of("WHATSAPP_TOKEN", TOKEN, "WHATSAPP_PHONE_NUMBER_ID", PHONE_ID,
                "WHATSAPP_API_URL", server.url().toString()));
    }

    @Override
    Answers answers() {
        return new Answers(
                Response.of(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"15551234567\","
                        + "\"wa_id\":\"15551234567\"}],\"messages\":[{\"id\":\"wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI\"}]}"),
                Response.of(500, "{\"error\":{\"message\":\"An unknown error occurred\",\"type\":\"OAuthException\","
                        + "\"code\":1,\"fbtrace_id\":\"A1\"}}"),
                Response.of(429, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                        + "\"code\":130429,\"fbtrace_id\":\"A2\"}}"),
                Response.of(400, "{\"error\":{\"message\":\"(#132001) Template name does not exist in the translation\","
                        + "\"type\":\"OAuthException\",\"code\":132001,\"error_data\":{\"details\":\"template name (vital_alert) does not exist in en_US\"},"
                        + "\"fbtrace_id\":\"A3\"}}"));
    }

    /** Meta's error code, message and details are quoted. */
    @Override
    String rejectionReason() {
        return "HTTP 400 from WhatsApp Cloud API: error 132001: (#132001) Template name does not exist in the translation"
                + " (template name (vital_alert) does not exist in en_US)";
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }

    @Test
    @DisplayName("POSTs a template message to /{version}/{phone-number-id}/messages with the Bearer token")
    void exactRequest() {
        Accepted a = deliverAccepted(Fixtures.notification("whatsapp", "+1 555 123 4567").build(),
                Wire.post("/v21.0/" + PHONE_ID + "/messages")
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json"));
        assertThat(a.result().reason()).contains("wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI");
        JsonNode body = a.json();
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("to").asText()).isEqualTo("+15551234567");
        assertThat(body.path("type").asText()).isEqualTo("template");
        JsonNode template = body.path("template");
        assertThat(template.path("name").asText()).isEqualTo("vital_alert");
        assertThat(template.path("language").path("code").asText()).isEqualTo("en_US");
        JsonNode component = template.path("components").get(0);
        assertThat(component.path("type").asText()).isEqualTo("body");
        assertThat(component.path("parameters")).extracting(p -> p.path("type").asText() + ":" + p.path("text").asText())
                .containsExactly("text:CRITICAL", "text:bed 12, ward-3", "text:SpO2 82 % below 85 for 10 s [alert-000001]");
    }

    @Test
    @DisplayName("parameters are made one line, and custom parameters and template names are sent")
    void customParameters() {
        WhatsAppChannel custom = WhatsAppChannel.builder().token(TOKEN).phoneNumberId(PHONE_ID).baseUrl(server.url())
                .apiVersion("v23.0").approvedTemplate("alerta_sinais", "pt_BR")
                .parameters(List.of("{{message}}", "{{alert_id}}")).allowInsecureTransport("loopback test server").build();
        custom.deliver(sample().message("line one\n\tline two").build());
        TestHttpServer.Request req = server.lastRequest();
        assertThat(req.path()).isEqualTo("/v23.0/" + PHONE_ID + "/messages");
        JsonNode template = Fixtures.json(req.body()).path("template");
        assertThat(template.path("name").asText()).isEqualTo("alerta_sinais");
        assertThat(template.path("language").path("code").asText()).isEqualTo("pt_BR");
        assertThat(template.path("components").get(0).path("parameters")).extracting(p -> p.path("text").asText())
                .containsExactly("line one line two", "alert-000001");
    }

    @Test
    @DisplayName("pair-rate error 131056 is retried even as HTTP 400")
    void pairRateLimit() {
        DeliveryResult r = deliverAnswered(Response.of(400, "{\"error\":{\"message\":\"(#131056) (Business Account, Consumer Account)"
                + " pair rate limit hit\",\"code\":131056}}"));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(r.reason()).contains("131056");
    }

    @Test
    @DisplayName("every missing variable is named")
    void environment() {
        assertThatThrownBy(() -> WhatsAppChannel.fromEnvironment(Map.of()))
                .isInstanceOfSatisfying(ChannelConfigurationException.class, e ->
                        assertThat(e.settings()).containsExactly("WHATSAPP_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"));
    }
}
