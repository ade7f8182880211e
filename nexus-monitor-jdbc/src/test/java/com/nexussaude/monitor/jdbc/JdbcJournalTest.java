package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is particular to the PostgreSQL journal: schema, indexes, the one-open-alert rule, locking, faults. */
class JdbcJournalTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    static Connection connect(JdbcConfig config) throws SQLException {
        return DriverManager.getConnection(config.url(), config.user(), config.password());
    }

    static Map<String, Object> alert(String alertId, String patient, String rule, String state) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alertId", alertId);
        d.put("patientId", patient);
        d.put("ruleId", rule);
        d.put("key", "spo2");
        d.put("severity", "high");
        d.put("state", state);
        return d;
    }

    static JournalRecord alertRecord(long seq, String type, String alertId, String patient, String state) {
        return new JournalRecord(seq, T0.plusSeconds(seq), type, patient, alertId, null, "monitor", "",
                alert(alertId, patient, "hypoxia", state));
    }

    @Test
    void aSecondOpenAlertForTheSamePatientRuleAndKeyIsRefusedAndNothingOfItIsStored() throws SQLException {
        JdbcConfig config = TestPostgres.freshDatabase();
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            journal.recover();
            journal.append(alertRecord(1, "alert.raised", "alert-000001", "bed-1", "OPEN"));
            assertThatThrownBy(() -> journal.append(alertRecord(2, "alert.raised", "alert-000002", "bed-1", "OPEN")))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("refused record seq 2 (alert.raised, alert alert-000002)")
                    .hasMessageContaining("current_alert_one_open");
            // The transaction was rolled back whole: no event row, no current row; the journal goes on.
            assertThat(journal.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L);
            assertThat(journal.health().rejected()).isEqualTo(1);
            assertThat(journal.health().status()).isEqualTo(JdbcJournal.Status.HEALTHY);
            journal.append(alertRecord(2, "alert.resolved", "alert-000001", "bed-1", "RESOLVED"));
            journal.append(alertRecord(3, "alert.raised", "alert-000002", "bed-1", "OPEN")); // after resolution: fine
            journal.append(alertRecord(4, "alert.raised", "alert-000003", "bed-2", "OPEN"));
            assertThat(journal.openAlerts()).extracting(m -> m.get("alertId"))
                    .containsExactly("alert-000002", "alert-000003");
        }
        try (Connection c = connect(config); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT alert_id, state, last_seq FROM current_alert ORDER BY alert_id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
            }
            assertThat(rows).containsExactly("alert-000001 RESOLVED 2", "alert-000002 OPEN 3", "alert-000003 OPEN 4");
        }
    }

    @Test
    void historyQueriesUseTheIndexesNotAScan() throws SQLException {
        JdbcConfig config = TestPostgres.freshDatabase();
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            journal.recover();
        }
        // A month of a 30-bed ward's worth of rows, written in bulk (the journal's own append is one
        // transaction per record, measured in benchmarks/).
        try (Connection c = connect(config); Statement st = c.createStatement()) {
            st.execute("INSERT INTO journal_event (seq, at_seconds, at_nanos, type, patient_id, alert_id, incident_id,"
                    + " actor, reason, data) SELECT g, " + T0.getEpochSecond() + " + g * 30, 0,"
                    + " (ARRAY['alert.raised','alert.updated','notification.attempt','alert.resolved'])[1 + g % 4],"
                    + " 'bed-' || (g % 30), 'alert-' || (g / 5), 'incident-' || (g / 20), 'monitor', '', '{}'::json"
                    + " FROM generate_series(1, 100000) g");
            st.execute("ANALYZE journal_event");
        }
        List<JournalQuery> queries = List.of(
                JournalQuery.builder().patientId("bed-12").limit(100).build(),
                JournalQuery.builder().patientId("bed-12").from(T0.plusSeconds(86_400)).to(T0.plusSeconds(2 * 86_400))
                        .build(),
                JournalQuery.builder().alertId("alert-4242").build(),
                JournalQuery.builder().incidentId("incident-777").build(),
                JournalQuery.builder().from(T0.plusSeconds(86_400)).to(T0.plusSeconds(86_400 + 3600)).build(),
                JournalQuery.builder().types("alert.raised").patientId("bed-3").limit(50).build());
        try (Connection c = connect(config)) {
            for (JournalQuery q : queries) {
                JdbcJournal.QuerySql sql = JdbcJournal.QuerySql.of(q);
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.text())) {
                    sql.bind(ps, c);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertThat(plan.toString()).as("plan of %s", q).contains("Index").doesNotContain("Seq Scan");
            }
        }
        // And the answers are right.
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            assertThat(journal.recover().records()).hasSize(100_000);
            assertThat(journal.query(JournalQuery.builder().alertId("alert-4242").build()))
                    .extracting(JournalRecord::seq).containsExactly(21210L, 21211L, 21212L, 21213L, 21214L);
            assertThat(journal.query(queries.get(0))).hasSize(100).allSatisfy(r ->
                    assertThat(r.patientId()).isEqualTo("bed-12"));
        }
    }

    @Test
    void aDatabaseUnreachableAtStartUpFailsOpenWithTheUrlAndNeverThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free, and nothing listens once it is closed
        }
        JdbcConfig config = TestPostgres.configBuilder(port, "ward3").password("s3cret-pw")
                .connectTimeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> JdbcJournal.open(config)).isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot connect to the database jdbc:postgresql://localhost:" + port + "/ward3 as "
                        + "postgres within 1000 ms")
                .hasMessageNotContaining("s3cret-pw");
        assertThat(config.toString()).contains("password=***").doesNotContain("s3cret-pw");
        assertThatThrownBy(() -> JdbcConfig.builder("jdbc:postgresql://h/db?password=x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not carry a password")
                .hasMessageNotContaining("password=x");
        assertThatThrownBy(() -> JdbcConfig.fromEnvironment(Map.of())).hasMessageContaining("NEXUS_DB_URL is not set");
        assertThat(JdbcConfig.fromEnvironment(Map.of("NEXUS_DB_URL", "jdbc:postgresql://db/nexus", "NEXUS_DB_USER", "n",
                "NEXUS_DB_PASSWORD", "pw"))).satisfies(c -> {
                    assertThat(c.user()).isEqualTo("n");
                    assertThat(c.password()).isEqualTo("pw");
                });
    }

    @Test
    void aSecondJournalOnTheSameDatabaseIsRefusedWhileTheFirstIsOpen() {
        JdbcConfig config = TestPostgres.freshDatabase();
        try (JdbcJournal first = JdbcJournal.open(config)) {
            first.recover();
            try (JdbcJournal second = JdbcJournal.open(config)) {
                assertThatThrownBy(second::recover).isInstanceOf(JournalException.class)
                        .hasMessageContaining("another process holds this journal");
            }
        }
        try (JdbcJournal after = JdbcJournal.open(config)) {
            assertThat(after.recover().records()).isEmpty();
        }
    }

    @Test
    void aRowChangedByHandIsReportedAndItAndEveryLaterRowAreQuarantined() throws SQLException {
        JdbcConfig config = TestPostgres.freshDatabase();
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            journal.recover();
            for (long s = 1; s <= 5; s++) {
                journal.append(alertRecord(s, s == 1 ? "alert.raised" : "alert.updated", "alert-000001", "bed-1", "OPEN"));
            }
        }
        try (Connection c = connect(config); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE journal_event SET data = '[1, 2]' WHERE seq = 3");
        }
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            Recovery r = journal.recover();
            assertThat(r.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L);
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("journal_event");
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.offset()).isEqualTo(3);
                assertThat(p.message()).contains("invalid JSON in data").contains("journal_quarantine");
            });
            journal.append(alertRecord(3, "alert.resolved", "alert-000001", "bed-1", "RESOLVED"));
            assertThat(journal.openAlerts()).isEmpty();
        }
        try (Connection c = connect(config); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq FROM journal_quarantine ORDER BY seq")) {
            List<Long> moved = new ArrayList<>();
            while (rs.next()) {
                moved.add(rs.getLong(1));
            }
            assertThat(moved).containsExactly(3L, 4L, 5L);
        }
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            Recovery clean = journal.recover();
            assertThat(clean.problems()).isEmpty();
            assertThat(clean.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aStatementSlowerThanTheTimeoutTakesTheErrorPathAndNothingIsLost() throws SQLException {
        JdbcConfig config = TestPostgres.configBuilder(TestPostgres.server().getPort(),
                        TestPostgres.createDatabase(TestPostgres.server(), "slow_db"))
                .statementTimeout(Duration.ofMillis(300)).build();
        try (JdbcJournal journal = JdbcJournal.open(config); Connection blocker = connect(config)) {
            journal.recover();
            journal.append(alertRecord(1, "alert.raised", "alert-000001", "bed-1", "OPEN"));
            // Another session holds the table: every statement on it waits, past the timeout.
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE journal_event IN ACCESS EXCLUSIVE MODE");
            }
            journal.append(alertRecord(2, "alert.acknowledged", "alert-000001", "bed-1", "ACKNOWLEDGED"));
            JdbcJournal.Health degraded = journal.health();
            assertThat(degraded.status()).isEqualTo(JdbcJournal.Status.DEGRADED);
            assertThat(degraded.pending()).isEqualTo(1);
            assertThat(degraded.lastError()).containsAnyOf("canceling statement due to statement timeout", "lock timeout");
            // Later records wait behind it without touching the database; reads of the table time out.
            journal.append(alertRecord(3, "alert.updated", "alert-000001", "bed-1", "ACKNOWLEDGED"));
            assertThatThrownBy(() -> journal.query(JournalQuery.all())).isInstanceOf(JournalException.class)
                    .hasMessageContaining("cannot query the journal");
            assertThat(journal.flush()).isFalse();

            blocker.rollback();
            assertThat(journal.flush()).isTrue();
            assertThat(journal.health()).satisfies(h -> {
                assertThat(h.status()).isEqualTo(JdbcJournal.Status.HEALTHY);
                assertThat(h.pending()).isZero();
                assertThat(h.rejected()).isZero();
                assertThat(h.failedWrites()).isEqualTo(2);
            });
            assertThat(journal.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
            assertThat(journal.openAlerts()).singleElement()
                    .satisfies(m -> assertThat(m.get("state")).isEqualTo("ACKNOWLEDGED"));
        }
    }

    @Test
    void whenTheBufferIsFullTheRecordIsRefusedLoudly() throws SQLException {
        JdbcConfig config = TestPostgres.configBuilder(TestPostgres.server().getPort(),
                        TestPostgres.createDatabase(TestPostgres.server(), "buffer_full"))
                .statementTimeout(Duration.ofMillis(300)).bufferCapacity(2).build();
        try (JdbcJournal journal = JdbcJournal.open(config); Connection blocker = connect(config)) {
            journal.recover();
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE journal_event IN ACCESS EXCLUSIVE MODE");
            }
            journal.append(alertRecord(1, "alert.raised", "alert-000001", "bed-1", "OPEN"));
            journal.append(alertRecord(2, "alert.updated", "alert-000001", "bed-1", "OPEN"));
            assertThatThrownBy(() -> journal.append(alertRecord(3, "alert.updated", "alert-000001", "bed-1", "OPEN")))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("has been failing for 2 records, the most the buffer holds; record seq 3 "
                            + "(alert.updated) is not kept");
            assertThat(journal.health().rejected()).isEqualTo(1);
            blocker.rollback();
            assertThat(journal.flush()).isTrue();
            journal.append(alertRecord(3, "alert.updated", "alert-000001", "bed-1", "OPEN")); // seq 3 is free again
            assertThat(journal.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void aRecordWhoseCommitAnswerWasLostIsNotWrittenTwiceAndADifferentRowAtItsSeqIsRefused() throws SQLException {
        JdbcConfig config = TestPostgres.configBuilder(TestPostgres.server().getPort(),
                        TestPostgres.createDatabase(TestPostgres.server(), "lost_answer"))
                .statementTimeout(Duration.ofMillis(300)).build();
        JournalRecord two = alertRecord(2, "alert.acknowledged", "alert-000001", "bed-1", "ACKNOWLEDGED");
        JournalRecord three = alertRecord(3, "alert.updated", "alert-000001", "bed-1", "ACKNOWLEDGED");
        try (JdbcJournal journal = JdbcJournal.open(config); Connection other = connect(config)) {
            journal.recover();
            journal.append(alertRecord(1, "alert.raised", "alert-000001", "bed-1", "OPEN"));
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("LOCK TABLE journal_event IN ACCESS EXCLUSIVE MODE");
            }
            journal.append(two);
            journal.append(three);
            assertThat(journal.health().pending()).isEqualTo(2);
            // As if seq 2's commit had reached the database and only its answer was lost; seq 3's row
            // is someone else's.
            try (PreparedStatement ps = other.prepareStatement("INSERT INTO journal_event (" + RecordCodec.COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json)")) {
                RecordCodec.bind(ps, two);
                ps.executeUpdate();
                RecordCodec.bind(ps, alertRecord(3, "alert.updated", "alert-000001", "bed-1", "OPEN"));
                ps.executeUpdate();
            }
            other.commit();

            assertThat(journal.flush()).isTrue();
            assertThat(journal.health()).satisfies(h -> {
                assertThat(h.pending()).isZero();
                assertThat(h.rejected()).isEqualTo(1);
                assertThat(h.lastError()).contains("seq 3 already holds a different record");
            });
            assertThat(journal.query(JournalQuery.all())).hasSize(3).contains(two).doesNotContain(three);
        }
    }

    @Test
    void theBackgroundRetryWritesTheBufferOnceTheDatabaseAnswers() throws Exception {
        JdbcConfig config = TestPostgres.configBuilder(TestPostgres.server().getPort(),
                        TestPostgres.createDatabase(TestPostgres.server(), "background_retry"))
                .statementTimeout(Duration.ofMillis(300)).retryInterval(Duration.ofMillis(100)).build();
        try (JdbcJournal journal = JdbcJournal.open(config); Connection blocker = connect(config)) {
            journal.recover();
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE journal_event IN ACCESS EXCLUSIVE MODE");
            }
            journal.append(alertRecord(1, "alert.raised", "alert-000001", "bed-1", "OPEN"));
            journal.append(alertRecord(2, "alert.acknowledged", "alert-000001", "bed-1", "ACKNOWLEDGED"));
            assertThat(journal.health().status()).isEqualTo(JdbcJournal.Status.DEGRADED);
            assertThat(journal.awaitHealthy(Duration.ofMillis(1))).isFalse();
            blocker.rollback();
            // Nobody calls flush(): the retry thread writes the buffer.
            assertThat(journal.awaitHealthy(Duration.ofSeconds(60))).isTrue();
            assertThat(journal.health().pending()).isZero();
            assertThat(journal.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L, 2L);
        }
    }

    @Test
    void aJournalReopenedAtOnceAfterCloseGetsTheLock() {
        // close() releases the advisory lock itself: the pool closes its connections asynchronously,
        // and a restart that reopened at once found the lock still held (seen once in a full build).
        JdbcConfig config = TestPostgres.freshDatabase();
        for (int i = 1; i <= 10; i++) {
            try (JdbcJournal journal = JdbcJournal.open(config)) {
                assertThat(journal.recover().records()).hasSize(i - 1);
                journal.append(alertRecord(i, "alert.updated", "alert-000001", "bed-1", "OPEN"));
            }
        }
    }
}
