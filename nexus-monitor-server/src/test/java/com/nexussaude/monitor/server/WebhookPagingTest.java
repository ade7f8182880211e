package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With WEBHOOK_URL set, an incident pages a real webhook receiver on loopback, signed. */
class WebhookPagingTest {
    static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    record Received(Map<String, List<String>> headers, String body) {
    }

    @Test
    void anIncidentPagesTheWebhookAndHealthReportsTheChannel() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (TestServer t = new TestServer(dir, Map.of("WEBHOOK_URL",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "WEBHOOK_SECRET", WEBHOOK_SECRET,
                "NOTIFY_ALLOW_INSECURE_TRANSPORT", "a plain-HTTP receiver on loopback in a test"))) {
            JsonNode health = json(t.get("/system/health", null));
            assertThat(health.at("/checks/channels/status").asText()).isEqualTo("up");
            assertThat(health.at("/checks/channels/names/0").asText()).isEqualTo("webhook");
            assertThat(t.post("/alerts", CLINICIAN, "{\"patient_id\":\"bed-70\",\"severity\":\"critical\","
                    + "\"message\":\"unresponsive\",\"reason\":\"nurse concern\"}").statusCode()).isEqualTo(201);
            Received page = received.poll(30, TimeUnit.SECONDS);
            assertThat(page).as("a page at the webhook").isNotNull();
            assertThat(page.body()).contains("bed-70");
            assertThat(page.headers().get("Webhook-signature").get(0)).startsWith("v1,");
            JsonNode timeline = json(t.get("/alerts/" + json(t.get("/alerts?patient=bed-70", VIEWER)).at("/items/0/alert_id")
                    .asText() + "/timeline", VIEWER));
            assertThat(timeline.toString()).contains("notification.");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aBadWebhookSecretStopsStartUpNamingTheVariableNotTheValue() {
        assertThatThrownBy(() -> new TestServer(dir, Map.of("WEBHOOK_URL", "http://127.0.0.1:9/hook",
                "WEBHOOK_SECRET", "not-a-whsec-secret")))
                .isInstanceOf(ServerConfig.ConfigException.class)
                .hasMessageContaining("WEBHOOK_SECRET").hasMessageNotContaining("not-a-whsec-secret");
    }
}
