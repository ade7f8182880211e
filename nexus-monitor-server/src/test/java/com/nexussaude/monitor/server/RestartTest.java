package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as a child JVM on a journal directory: killed mid-incident
 * ({@code Process.destroyForcibly}, no clean shutdown) and started again on the same directory, the
 * API shows the same open alerts, incident and acknowledgement.
 */
class RestartTest {
    @TempDir
    Path dir;
    final List<Process> children = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts ServerMain in a new JVM and returns its base address, read from its first line. */
    String startChild() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ServerMain.class.getName());
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("PORT", "0");
        pb.environment().put("DATA_DIR", dir.toString());
        pb.environment().put("JWT_SECRET", TestServer.SECRET);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        children.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern address = Pattern.compile("Nexus Monitor service: (http://127\\.0\\.0\\.1:\\d+)");
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = address.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("the child exited before listening:\n" + seen);
    }

    JsonNode call(String method, String url, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isBetween(200, 299);
            return TestServer.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKilledServiceStartedAgainOnItsJournalShowsTheSameOpenAlertsAndAcknowledgements() throws Exception {
        String first = startChild();
        Instant now = Instant.now();
        call("POST", first + "/vital-signs", INTEGRATOR, "[" + TestServer.obs("bed-9", now.minusSeconds(1), "\"oxygen_saturation\":80")
                + "," + TestServer.obs("bed-9", now, "\"oxygen_saturation\":80") + "]");
        JsonNode manual = call("POST", first + "/alerts", CLINICIAN,
                "{\"patient_id\":\"bed-9\",\"severity\":\"high\",\"message\":\"grey and clammy\",\"reason\":\"nurse concern\"}");
        JsonNode before = call("GET", first + "/alerts", VIEWER, null).get("items");
        assertThat(before).hasSize(2);
        String spo2 = null;
        for (JsonNode a : before) {
            if (a.get("rule").asText().equals("threshold")) {
                spo2 = a.get("alert_id").asText();
            }
        }
        call("PUT", first + "/alerts/" + spo2 + "/acknowledge", CLINICIAN, "{\"reason\":\"oxygen on\"}");
        JsonNode incidentsBefore = call("GET", first + "/incidents", VIEWER, null).get("items");
        assertThat(incidentsBefore).hasSize(1);

        Process killed = children.get(0);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String second = startChild();
        JsonNode after = call("GET", second + "/alerts", VIEWER, null).get("items");
        List<String> idsBefore = new ArrayList<>();
        before.forEach(a -> idsBefore.add(a.get("alert_id").asText()));
        List<String> idsAfter = new ArrayList<>();
        after.forEach(a -> idsAfter.add(a.get("alert_id").asText()));
        assertThat(idsAfter).containsExactlyElementsOf(idsBefore);
        JsonNode acked = call("GET", second + "/alerts/" + spo2, VIEWER, null);
        assertThat(acked.get("state").asText()).isEqualTo("acknowledged");
        assertThat(acked.at("/acknowledgement/actor").asText()).isEqualTo("nurse.ana");
        assertThat(acked.at("/acknowledgement/reason").asText()).isEqualTo("oxygen on");
        JsonNode stillOpen = call("GET", second + "/alerts/" + manual.get("alert_id").asText(), VIEWER, null);
        assertThat(stillOpen.get("state").asText()).isEqualTo("open");
        JsonNode incidentsAfter = call("GET", second + "/incidents", VIEWER, null).get("items");
        assertThat(incidentsAfter).hasSize(1);
        assertThat(incidentsAfter.get(0).get("incident_id").asText()).isEqualTo(incidentsBefore.get(0).get("incident_id").asText());
        // The timeline written by the first process is read by the second.
        JsonNode timeline = call("GET", second + "/alerts/" + spo2 + "/timeline", VIEWER, null).get("records");
        List<String> types = new ArrayList<>();
        timeline.forEach(r -> types.add(r.get("type").asText()));
        assertThat(types).startsWith("alert.raised").contains("alert.acknowledged");
        // A new alert after the restart does not reuse an id.
        JsonNode fresh = call("POST", second + "/alerts", CLINICIAN,
                "{\"patient_id\":\"bed-10\",\"severity\":\"low\",\"message\":\"check\",\"reason\":\"round\"}");
        assertThat(idsBefore).doesNotContain(fresh.get("alert_id").asText());
    }
}
