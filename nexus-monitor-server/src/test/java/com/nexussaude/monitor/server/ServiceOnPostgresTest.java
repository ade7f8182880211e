package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.jdbc.JdbcJournal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a real PostgreSQL: with DB_HOST (or DATABASE_URL) set it journals through
 * {@link JdbcJournal} and keeps the vitals history in the database, so a new service on the same
 * database (and an empty data directory) shows the same alerts, incidents, acknowledgements,
 * timelines and readings.
 */
class ServiceOnPostgresTest {
    @TempDir
    static Path pgDir;
    @TempDir
    Path dir;
    static ServicePostgres pg;

    @BeforeAll
    static void startPostgres() {
        pg = new ServicePostgres(pgDir.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    static List<String> ids(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(a -> out.add(a.get(field).asText()));
        return out;
    }

    @Test
    void aNewServiceOnTheSameDatabaseShowsTheAlertsIncidentsAcknowledgementsAndHistory() throws Exception {
        String db = pg.createDatabase();
        Path firstDir = Files.createDirectories(dir.resolve("first"));
        Path secondDir = Files.createDirectories(dir.resolve("second"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String spo2;
        String manual;
        JsonNode alertsBefore;
        JsonNode incidentsBefore;
        JsonNode historyBefore;
        try (TestServer first = new TestServer(firstDir, pg.settings(db))) {
            assertThat(first.server.storage.journal).isInstanceOf(JdbcJournal.class);
            assertThat(first.post("/vital-signs", INTEGRATOR, "[" + obs("bed-9", now.minusSeconds(2),
                    "\"oxygen_saturation\":80,\"heart_rate\":91") + "," + obs("bed-9", now.minusSeconds(1),
                    "\"oxygen_saturation\":80,\"heart_rate\":93") + "]").statusCode()).isEqualTo(202);
            HttpResponse<String> m = first.post("/alerts", CLINICIAN, "{\"patient_id\":\"bed-9\",\"severity\":\"high\","
                    + "\"message\":\"grey and clammy\",\"reason\":\"nurse concern\"}");
            assertThat(m.statusCode()).as(m.body()).isEqualTo(201);
            manual = json(m).get("alert_id").asText();
            alertsBefore = json(first.get("/alerts", VIEWER)).get("items");
            assertThat(alertsBefore).hasSize(2);
            spo2 = null;
            for (JsonNode a : alertsBefore) {
                if (a.get("rule").asText().equals("threshold")) {
                    spo2 = a.get("alert_id").asText();
                }
            }
            assertThat(spo2).isNotNull();
            assertThat(first.put("/alerts/" + spo2 + "/acknowledge", CLINICIAN, "{\"reason\":\"oxygen on\"}").statusCode())
                    .isEqualTo(200);
            incidentsBefore = json(first.get("/incidents", VIEWER)).get("items");
            assertThat(incidentsBefore).hasSize(1);
            assertThat(first.server.storage.history.flush(Duration.ofSeconds(30))).isTrue();
            historyBefore = json(first.get("/vital-signs/bed-9/history?from=" + now.minusSeconds(60) + "&to=" + now,
                    VIEWER)).get("vitals");
            assertThat(historyBefore.get("oxygen_saturation")).hasSize(2);
            assertThat(historyBefore.get("heart_rate").findValuesAsText("v")).containsExactly("91.0", "93.0");
            JsonNode health = json(first.get("/system/health", VIEWER)).at("/checks/journal");
            assertThat(health.get("status").asText()).isEqualTo("up");
            assertThat(health.get("database").asText()).isEqualTo("jdbc:postgresql://localhost:" + pg.port() + "/" + db);
            assertThat(health.has("file")).isFalse();
            assertThat(health.at("/vitals_history/written").asLong()).isEqualTo(4);
            assertThat(health.at("/vitals_history/dropped").asLong()).isZero();
        }
        // The database holds the journal, one row per record, and the current state of each alert.
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT alert_id, state FROM current_alert WHERE state <> 'RESOLVED'"
                     + " ORDER BY alert_id")) {
            Map<String, String> open = new HashMap<>();
            while (rs.next()) {
                open.put(rs.getString(1), rs.getString(2));
            }
            assertThat(open).containsEntry(spo2, "ACKNOWLEDGED").containsEntry(manual, "OPEN").hasSize(2);
        }

        // A new service on the same database and an empty data directory.
        try (TestServer second = new TestServer(secondDir, pg.settings(db))) {
            JsonNode alertsAfter = json(second.get("/alerts", VIEWER)).get("items");
            assertThat(ids(alertsAfter, "alert_id")).containsExactlyElementsOf(ids(alertsBefore, "alert_id"));
            JsonNode acked = json(second.get("/alerts/" + spo2, VIEWER));
            assertThat(acked.get("state").asText()).isEqualTo("acknowledged");
            assertThat(acked.at("/acknowledgement/actor").asText()).isEqualTo("nurse.ana");
            assertThat(acked.at("/acknowledgement/reason").asText()).isEqualTo("oxygen on");
            assertThat(json(second.get("/alerts/" + manual, VIEWER)).get("state").asText()).isEqualTo("open");
            JsonNode incidentsAfter = json(second.get("/incidents", VIEWER)).get("items");
            assertThat(ids(incidentsAfter, "incident_id")).containsExactlyElementsOf(ids(incidentsBefore, "incident_id"));
            JsonNode timeline = json(second.get("/alerts/" + spo2 + "/timeline", VIEWER)).get("records");
            assertThat(timeline.findValuesAsText("type")).startsWith("alert.raised").contains("alert.acknowledged");
            // The readings come from the database: this process has seen none of them.
            HttpResponse<String> h = second.get("/vital-signs/bed-9/history?from=" + now.minusSeconds(60) + "&to=" + now,
                    VIEWER);
            assertThat(h.statusCode()).as(h.body()).isEqualTo(200);
            assertThat(json(h).get("vitals")).isEqualTo(historyBefore);
            HttpResponse<String> minute = second.get("/vital-signs/bed-9/history?from=" + now.minusSeconds(60) + "&to="
                    + now + "&resolution=minute", VIEWER);
            assertThat(json(minute).at("/vitals/heart_rate/0/resolution").asText()).isEqualTo("minute");
            // A new alert does not reuse an id of the first service.
            HttpResponse<String> fresh = second.post("/alerts", CLINICIAN, "{\"patient_id\":\"bed-10\",\"severity\":"
                    + "\"low\",\"message\":\"check\",\"reason\":\"round\"}");
            assertThat(ids(alertsBefore, "alert_id")).doesNotContain(json(fresh).get("alert_id").asText());
        }
        assertThat(firstDir.resolve(MonitorServer.JOURNAL_FILE)).doesNotExist();
        assertThat(secondDir.resolve(MonitorServer.JOURNAL_FILE)).doesNotExist();
    }

    @Test
    void thePasswordIsNeverLogged() throws Exception {
        String db = pg.createDatabase();
        String password = "n0t-1n-any-l0g-" + db;
        Map<String, String> env = new HashMap<>(pg.settings(db));
        env.put("DB_PASSWORD", password); // the embedded server trusts local connections: it is never asked for
        java.io.PrintStream err = System.err;
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        java.io.PrintStream capture = new java.io.PrintStream(seen, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try (TestServer t = new TestServer(dir, env)) {
            assertThat(t.get("/system/health", VIEWER).body()).doesNotContain(password);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String log = seen.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).as("the log was captured").contains("journal and vitals history on PostgreSQL")
                .contains("password=***").doesNotContain(password);
    }

    @Test
    void withoutADatabaseTheServiceKeepsItsFileJournal() {
        try (TestServer t = new TestServer(dir)) {
            assertThat(t.server.storage.history).isNull();
            assertThat(json(t.get("/system/health", VIEWER)).at("/checks/journal/file").asText())
                    .isEqualTo(dir.resolve(MonitorServer.JOURNAL_FILE).toString());
        }
        assertThat(dir.resolve(MonitorServer.JOURNAL_FILE)).exists();
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsStartUpNamingItButNeverThePassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(closed), "DB_NAME", "nexus",
                "DB_USER", "nexus", "DB_PASSWORD", "s3cret-Pa55word");
        assertThatThrownBy(() -> new TestServer(dir, env)).isInstanceOf(ServerConfig.ConfigException.class)
                .hasMessageContaining("DATABASE_URL or DB_HOST")
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + closed + "/nexus")
                .hasMessageNotContaining("s3cret-Pa55word");
        assertThat(dir.resolve(MonitorServer.JOURNAL_FILE)).doesNotExist();
    }
}
