package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.ADMIN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patient registrations (name, ward, bed, SpO2 scale, per-patient bands) are kept in the data
 * directory: after a restart the API shows them, a discharged patient stays discharged, and the
 * restored bands decide the alerts of the first readings.
 */
class PatientRegistrationRestartTest {
    static final String BANDS = "{\"heart_rate\":{\"normal\":[50,80],\"warning\":[45,90],\"critical\":[40,100]}}";

    @TempDir
    Path dir;

    @Test
    void registrationsSurviveARestartAndTheirBandsStillDecideTheAlerts() {
        try (TestServer t = new TestServer(dir)) {
            assertThat(t.put("/patients/bed-3", ADMIN, "{\"name\":\"Maria Santos\",\"ward\":\"cardio\",\"bed\":\"3\","
                    + "\"spo2_scale\":2,\"bands\":" + BANDS + "}").statusCode()).isEqualTo(201);
            assertThat(t.put("/patients/bed-4", INTEGRATOR, "{\"ward\":\"cardio\",\"bed\":\"4\"}").statusCode()).isEqualTo(201);
            assertThat(t.post("/patients/bed-4/discharge", INTEGRATOR, null).statusCode()).isEqualTo(204);
            // A scale given with an observation is a registration too.
            assertThat(t.post("/vital-signs", INTEGRATOR, obs("bed-5", Instant.now(), "\"spo2_scale\":2,\"heart_rate\":70"))
                    .statusCode()).isEqualTo(202);
            assertThat(json(t.get("/patients/bed-3", VIEWER)).get("name").asText()).isEqualTo("Maria Santos");
        }
        assertThat(dir.resolve(PatientRegistry.FILE)).exists();

        try (TestServer t = new TestServer(dir)) {
            JsonNode p = json(t.get("/patients/bed-3", VIEWER));
            assertThat(p.get("name").asText()).isEqualTo("Maria Santos");
            assertThat(p.get("ward").asText()).isEqualTo("cardio");
            assertThat(p.get("bed").asText()).isEqualTo("3");
            assertThat(p.get("spo2_scale").asInt()).isEqualTo(2);
            assertThat(p.at("/bands/heart_rate/critical/1").asDouble()).isEqualTo(100);
            assertThat(t.get("/patients/bed-4", VIEWER).statusCode()).as("discharged before the restart").isEqualTo(404);
            assertThat(json(t.get("/patients/bed-5", VIEWER)).get("spo2_scale").asInt()).isEqualTo(2);

            // 105/min is inside the global bands' warning range but beyond this patient's critical limit.
            Instant now = Instant.now();
            assertThat(t.post("/vital-signs", INTEGRATOR, "[" + obs("bed-3", now.minusSeconds(1), "\"heart_rate\":105")
                    + "," + obs("bed-3", now, "\"heart_rate\":105") + "]").statusCode()).isEqualTo(202);
            JsonNode alert = json(t.get("/alerts/patient/bed-3?rule=threshold", VIEWER)).at("/items/0");
            assertThat(alert.get("severity").asText()).isEqualTo("critical");
            assertThat(alert.get("ward").asText()).isEqualTo("cardio");
            assertThat(json(t.get("/patients", VIEWER)).get("items").toString()).contains("bed-3", "bed-5")
                    .doesNotContain("bed-4");
        }
    }

    @Test
    void aRegistrationsFileThatCannotBeReadStopsStartUpNamingItAndTheEntry() throws Exception {
        Path file = dir.resolve(PatientRegistry.FILE);
        Files.writeString(file, "{\"patients\":[{\"patient_id\":\"bed-1\",\"spo2_scale\":3}]}");
        assertThatThrownBy(() -> new TestServer(dir).close()).isInstanceOf(ServerConfig.ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("patients[0]")
                .hasMessageContaining("spo2Scale must be 1 or 2, but was 3");
        Files.writeString(file, "{\"patients\":[{\"patient_id\":\"bed-1\",\"room\":\"12\"}]}");
        assertThatThrownBy(() -> new TestServer(dir).close()).isInstanceOf(ServerConfig.ConfigException.class)
                .hasMessageContaining("unknown field(s) [room]");
    }
}
