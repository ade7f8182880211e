package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nexus-monitor serve --demo}: prints its addresses and a working token, and the ward has readings. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void serveDemoPrintsTheServiceTheDashboardAndATokenThatTheApiAccepts() throws Exception {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--demo", "--port", "0", "--data-dir", dir.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ServeCommand.Running running = cmd.start(Map.of("HOST", "127.0.0.1"), out)) {
            String printed = bytes.toString(StandardCharsets.UTF_8);
            int port = running.server().port();
            assertThat(printed).contains("Nexus Monitor service: http://127.0.0.1:" + port);
            assertThat(printed).contains("Dashboard: http://127.0.0.1:" + port + "/dashboard#token=");
            assertThat(printed).contains("Demo ward: 6 beds");
            Matcher m = Pattern.compile("export TOKEN=(\\S+)").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/patients"))
                    .header("Authorization", "Bearer " + m.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode patients = new ObjectMapper().readTree(r.body()).get("items");
            assertThat(patients).hasSize(6);
            assertThat(patients.get(2).get("ward").asText()).isEqualTo("demo-ward");
            HttpResponse<String> v = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/vital-signs/bed-3"))
                    .header("Authorization", "Bearer " + m.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(v.statusCode()).isEqualTo(200);
            // 01:30 of the demo night: bed-3's SpO2 has drifted to about 92 %.
            assertThat(new ObjectMapper().readTree(v.body()).at("/latest/oxygen_saturation/value").asDouble()).isBetween(90.0, 94.0);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("Nexus Monitor: central station").contains("/dashboard/assets/dashboard.js");
        }
    }
}
