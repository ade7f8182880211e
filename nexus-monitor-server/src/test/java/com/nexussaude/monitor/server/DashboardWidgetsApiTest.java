package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's widgets and board data over plain HTTP (no browser needed). */
class DashboardWidgetsApiTest {
    @TempDir
    Path dir;

    @Test
    void widgetsAreKeptPerUserInTheDataDirectoryAndBadOnesAreRefusedByName() throws Exception {
        String id;
        try (TestServer t = new TestServer(dir)) {
            HttpResponse<String> created = t.post("/dashboard/widgets", TestServer.VIEWER,
                    "{\"type\":\"bed_group\",\"title\":\"Cardiology\",\"config\":{\"ward\":\"cardiology\"},\"position\":{\"x\":2,\"y\":1}}");
            assertThat(created.statusCode()).isEqualTo(201);
            id = json(created).get("widget_id").asText();
            assertThat(json(created).get("position").toString()).isEqualTo("{\"x\":2,\"y\":1,\"w\":1,\"h\":1}");

            HttpResponse<String> unknown = t.post("/dashboard/widgets", TestServer.VIEWER, "{\"type\":\"metric\",\"colour\":\"red\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(json(unknown).get("detail").asText()).contains("colour");
            HttpResponse<String> badType = t.post("/dashboard/widgets", TestServer.VIEWER, "{\"type\":\"clock\"}");
            assertThat(json(badType).get("detail").asText()).contains("type must be one of", "clock");
            HttpResponse<String> badPosition = t.post("/dashboard/widgets", TestServer.VIEWER, "{\"type\":\"metric\",\"position\":{\"x\":-1}}");
            assertThat(json(badPosition).get("detail").asText()).contains("position.x");

            // Another user sees neither the widget nor can change it.
            assertThat(t.get("/dashboard/widgets/" + id, TestServer.ADMIN).statusCode()).isEqualTo(404);
            assertThat(t.send("DELETE", "/dashboard/widgets/" + id, TestServer.ADMIN, null).statusCode()).isEqualTo(404);
            assertThat(t.get("/dashboard/widgets/" + id, null).statusCode()).isEqualTo(401);

            HttpResponse<String> moved = t.put("/dashboard/widgets/" + id, TestServer.VIEWER,
                    "{\"type\":\"bed_group\",\"title\":\"Cardiology\",\"config\":{\"ward\":\"cardiology\"},\"position\":{\"x\":0,\"y\":0}}");
            assertThat(moved.statusCode()).isEqualTo(200);
        }
        assertThat(Files.readString(dir.resolve(DashboardLayouts.FILE))).contains("viewer.vic", id);
        try (TestServer t = new TestServer(dir)) {
            JsonNode w = json(t.get("/dashboard/widgets/" + id, TestServer.VIEWER));
            assertThat(w.get("title").asText()).isEqualTo("Cardiology");
            assertThat(w.get("position").get("x").asInt()).isZero();
            // Ids keep counting after a restart: a new widget never takes an old one's id.
            String next = json(t.post("/dashboard/widgets", TestServer.VIEWER, "{\"type\":\"metric\"}")).get("widget_id").asText();
            assertThat(next).isNotEqualTo(id);
            assertThat(t.send("DELETE", "/dashboard/widgets/" + id, TestServer.VIEWER, null).statusCode()).isEqualTo(204);
            assertThat(json(t.get("/dashboard/data", TestServer.VIEWER)).get("widgets").size()).isEqualTo(1);
        }
    }

    @Test
    void boardDataHasEveryBedWithItsReadingsAlertsAndTheSilenceCoveringThem() {
        try (TestServer t = new TestServer(dir)) {
            t.server.submitRegistration(PatientContext.of("bed-1").withWard("icu"), "1");
            t.server.submitRegistration(PatientContext.of("bed-2").withWard("icu"), "2");
            t.server.submit(Observation.builder("bed-1", Instant.now()).heartRate(72).spo2(97).build());
            assertThat(t.post("/alerts", TestServer.CLINICIAN, "{\"patient_id\":\"bed-2\",\"severity\":\"high\",\"message\":\"grey\",\"reason\":\"concern\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(t.post("/silences", TestServer.CLINICIAN, "{\"patient_id\":\"bed-2\",\"duration_minutes\":30,\"comment\":\"in CT\"}")
                    .statusCode()).isEqualTo(201);
            JsonNode d = json(t.get("/dashboard/data", TestServer.VIEWER));
            assertThat(d.get("user").asText()).isEqualTo("viewer.vic");
            assertThat(d.get("beds").size()).isEqualTo(2);
            JsonNode bed1 = d.get("beds").get(0);
            assertThat(bed1.get("bed").asText()).isEqualTo("1");
            assertThat(bed1.get("latest").get("heart_rate").get("value").asDouble()).isEqualTo(72);
            JsonNode alert = d.get("beds").get(1).get("alerts").get(0);
            assertThat(alert.get("severity").asText()).isEqualTo("high");
            assertThat(alert.get("silenced_by").get("comment").asText()).isEqualTo("in CT");
            assertThat(d.get("alerts_by_severity").get("high").asInt()).isEqualTo(1);
            assertThat(d.get("seq").asLong()).isPositive();
        }
    }
}
