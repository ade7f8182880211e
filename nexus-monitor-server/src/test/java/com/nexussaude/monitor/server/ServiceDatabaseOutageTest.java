package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.jdbc.JdbcJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under the running service and started again: the journal buffers, the monitor
 * raises its journal-failed technical alert and the health check says degraded (not ready); once the
 * buffer is written both clear, and every record is in the database once.
 */
class ServiceDatabaseOutageTest {
    @TempDir
    Path dir;

    @Test
    void whileTheDatabaseIsDownTheJournalIsDegradedWithATechnicalAlertAndBothClearWhenItIsBack() throws Exception {
        try (ServicePostgres pg = new ServicePostgres(dir.resolve("pg"))) {
            String db = pg.createDatabase();
            try (TestServer t = new TestServer(Files.createDirectories(dir.resolve("data")), pg.settings(db))) {
                JdbcJournal journal = (JdbcJournal) t.server.storage.journal;
                Instant now = Instant.now();
                assertThat(t.post("/vital-signs", INTEGRATOR, "[" + obs("bed-3", now.minusSeconds(1),
                        "\"oxygen_saturation\":80") + "," + obs("bed-3", now, "\"oxygen_saturation\":80") + "]")
                        .statusCode()).isEqualTo(202);
                String spo2 = json(t.get("/alerts/patient/bed-3?rule=threshold", VIEWER)).at("/items/0/alert_id").asText();

                pg.stop();
                try {
                    // The acknowledgement is taken (in memory and in the journal's buffer) while the database is away.
                    assertThat(t.put("/alerts/" + spo2 + "/acknowledge", CLINICIAN, "{\"reason\":\"oxygen on\"}")
                            .statusCode()).isEqualTo(200);
                    JsonNode health = json(t.get("/system/health", VIEWER));
                    assertThat(health.at("/checks/journal/status").asText()).isEqualTo("degraded");
                    assertThat(health.at("/checks/journal/backlog").asInt()).isPositive();
                    assertThat(health.get("status").asText()).isEqualTo("down");
                    JsonNode technical = json(t.get("/alerts/patient/bed-3?rule=journal-failed", VIEWER)).get("items");
                    assertThat(technical).hasSize(1);
                    assertThat(technical.get(0).get("category").asText()).isEqualTo("technical");
                    assertThat(technical.get(0).get("state").asText()).isEqualTo("open");
                    assertThat(technical.get(0).get("message").asText()).contains("/" + db);
                } finally {
                    pg.start();
                }
                // The journal's background retry writes the buffer; the monitor's next step sees it healthy.
                assertThat(journal.awaitHealthy(Duration.ofSeconds(60))).isTrue();
                assertThat(t.post("/vital-signs", INTEGRATOR, obs("bed-3", Instant.now(), "\"heart_rate\":80"))
                        .statusCode()).isEqualTo(202);
                JsonNode health = json(t.get("/system/health", VIEWER));
                assertThat(health.at("/checks/journal/status").asText()).isEqualTo("up");
                assertThat(health.at("/checks/journal/backlog").asInt()).isZero();
                // Cleared: it resolves after the monitor's resolve hold, unless the journal fails again.
                Alert cleared = t.server.monitor().openAlerts().stream()
                        .filter(a -> a.ruleId().equals("journal-failed")).findFirst().orElseThrow();
                assertThat(cleared.clearingSince()).isNotNull();
            }
            // Every record is in the database once, the acknowledgement and the technical alert included.
            try (Connection c = pg.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq, type, data->>'ruleId' FROM journal_event ORDER BY seq")) {
                List<String> rows = new ArrayList<>();
                long expected = 1;
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(expected++);
                    rows.add(rs.getString(2) + " " + rs.getString(3));
                }
                assertThat(rows).contains("alert.acknowledged threshold", "alert.raised journal-failed");
            }
        }
    }
}
