package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.Content;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookChannelTest extends HttpChannelContract<WebhookChannel, WebhookChannel.Builder> {

    /** The secret of the Standard Webhooks test vector. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    WebhookChannelTest() {
        super(WebhookChannel.Builder::build, "webhook receiver", "");
    }

    @Override
    WebhookChannel.Builder configure(TestHttpServer server) {
        return WebhookChannel.fromEnvironment(Map.of("WEBHOOK_URL", server.url("/hooks/nexus?token=urlSecret99").toString(),
                "WEBHOOK_SECRET", SECRET));
    }

    @Override
    Answers answers() {
        return new Answers(Response.of(204, ""), Response.of(500, "boom"), Response.of(429, "slow down"),
                Response.of(422, "{\"error\":\"unknown alert type\"}"));
    }

    /** The receiver's error body is quoted. */
    @Override
    String rejectionReason() {
        return "HTTP 422 from webhook receiver: {\"error\":\"unknown alert type\"}";
    }

    /** The Standard Webhooks idempotency key: the same on every retry. */
    @Override
    protected List<String> receivedIdentities() {
        return server.requests().stream().map(r -> r.header("webhook-id")).toList();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "urlSecret99");
    }

    @Test
    @DisplayName("signs exactly like the Standard Webhooks test vector")
    void testVector() {
        assertThat(WebhookChannel.sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    @DisplayName("POSTs JSON with webhook-id, webhook-timestamp and a signature the receiver can verify")
    void exactRequest() throws Exception {
        var n = sample().build();
        TestHttpServer.Request req = deliverAccepted(n, Wire.post("/hooks/nexus")
                .header("Content-Type", "application/json")
                .header("webhook-id", n.idempotencyKey())
                .header("webhook-timestamp", Long.toString(Fixtures.CLOCK.instant().getEpochSecond()))).request();
        // Verify as a receiver would: HMAC-SHA256 over id.timestamp.body with the decoded key, constant-time compare.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        byte[] expected = mac.doFinal((req.header("webhook-id") + "." + req.header("webhook-timestamp") + "." + req.body())
                .getBytes(StandardCharsets.UTF_8));
        String signature = req.header("webhook-signature");
        assertThat(signature).startsWith("v1,");
        assertThat(MessageDigest.isEqual(Base64.getDecoder().decode(signature.substring(3)), expected)).isTrue();

        JsonNode body = Fixtures.json(req.body());
        assertThat(body.path("type").asText()).isEqualTo("alert.raised");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-25T08:00:00Z");
        JsonNode data = body.path("data");
        assertThat(data.path("alert_id").asText()).isEqualTo("alert-000001");
        assertThat(data.path("patient_id").asText()).isEqualTo("patient-0042");
        assertThat(data.path("bed").asText()).isEqualTo("12");
        assertThat(data.path("severity").asText()).isEqualTo("critical");
        assertThat(data.path("level").asInt()).isEqualTo(1);
        assertThat(data.path("evidence").path("spo2").asText()).isEqualTo("82");
        assertThat(data.has("patient_name")).isFalse();
    }

    @Test
    @DisplayName("410 Gone asks to disable the endpoint; a redirect is not followed")
    void goneAndRedirect() {
        assertThat(deliverAnswered(Response.of(410, "")).reason()).contains("410 Gone", "disabled");
        DeliveryResult r = deliverAnswered(Response.of(301, "").withHeader("Location", "http://127.0.0.1:1/elsewhere"));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("redirects are not followed");
    }

    @Test
    @DisplayName("a pre-rendered body is sent and signed as given (after a JSON check)")
    void preRendered() {
        var n = sample().content(Content.none().withBody("webhook", "{\"custom\":\"yes\"}")).build();
        channel.deliver(n);
        assertThat(server.lastRequest().body()).isEqualTo("{\"custom\":\"yes\"}");
        var broken = sample().content(Content.none().withBody("webhook", "not json")).build();
        assertThat(channel.deliver(broken).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    @DisplayName("the secret must be whsec_ and base64 of 24 to 64 bytes, and is never echoed")
    void secretFormat() {
        assertThatThrownBy(() -> WebhookChannel.fromEnvironment(Map.of("WEBHOOK_URL", "https://x.example/h",
                "WEBHOOK_SECRET", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
                .hasMessageContaining("WEBHOOK_SECRET must start with whsec_").hasMessageNotContaining("MfKQ9r8");
        assertThatThrownBy(() -> WebhookChannel.builder().secret("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 random bytes, but encodes 5");
        assertThatThrownBy(() -> WebhookChannel.fromEnvironment(Map.of()))
                .isInstanceOfSatisfying(ChannelConfigurationException.class, e ->
                        assertThat(e.settings()).containsExactly("WEBHOOK_URL", "WEBHOOK_SECRET"));
    }
}
