package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.jdbc.VitalsHistoryStore.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database stopped under a running monitor and started again on the same data directory: what
 * the monitor does meanwhile, what reaches the database, and what a restarted monitor restores. One
 * server for the class (starting one takes seconds); each test its own database on it.
 */
class JdbcDatabaseFaultTest {
    @TempDir
    static Path dataDir;
    static RestartablePostgres pg;

    @BeforeAll
    static void startServer() {
        pg = new RestartablePostgres(dataDir.resolve("pgdata"));
    }

    @AfterAll
    static void stopServer() {
        pg.close();
    }

    static JdbcConfig database(String name) {
        TestPostgres.createDatabase(pg.server(), name);
        return TestPostgres.configBuilder(pg.port(), name).build();
    }

    @Test
    void anAcknowledgementMadeWhileTheDatabaseIsDownIsWrittenWhenItIsBackAndRestoredAfterARestart() {
        JdbcConfig config = database("down_and_back");
        JdbcJournal journal = JdbcJournal.open(config);
        List<JournalRecord> firstHistory;
        Alert hypoxia;
        try (Ward ward = new Ward(journal)) {
            ward.hypoxic(0, 30);
            hypoxia = ward.monitor.openAlerts().get(0);
            assertThat(journal.health().status()).isEqualTo(JdbcJournal.Status.HEALTHY);

            pg.stop();
            // The nurse acknowledges while the database is away: the monitor does, and the journal keeps
            // the record in order, reporting itself degraded (not a clinical condition: no alert).
            Alert acked = ward.monitor.acknowledge(hypoxia.alertId(), "nurse.ana", "at bedside");
            assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
            ward.hypoxic(40, 90);
            JdbcJournal.Health down = journal.health();
            assertThat(down.status()).isEqualTo(JdbcJournal.Status.DEGRADED);
            assertThat(down.pending()).isGreaterThanOrEqualTo(1);
            assertThat(down.lastError()).isNotBlank();
            assertThat(ward.monitor.stats().journalFailures()).as("the journal accepted every record").isZero();
            assertThatThrownBy(() -> ward.monitor.history(JournalQuery.all())).isInstanceOf(JournalException.class);
            assertThat(journal.flush()).as("still down").isFalse();

            pg.start();
            assertThat(journal.flush()).isTrue();
            assertThat(journal.health()).satisfies(h -> {
                assertThat(h.status()).isEqualTo(JdbcJournal.Status.HEALTHY);
                assertThat(h.pending()).isZero();
                assertThat(h.rejected()).isZero();
            });
            // Healthy again: the next transition commits at once.
            ward.monitor.resolve(hypoxia.alertId(), "dr.silva", "reviewed");
            firstHistory = ward.monitor.history(JournalQuery.all());
            assertThat(firstHistory).extracting(JournalRecord::type).contains("alert.acknowledged", "alert.resolved");
            assertThat(firstHistory).extracting(JournalRecord::seq).doesNotHaveDuplicates().isSorted();
        }

        JdbcJournal again = JdbcJournal.open(config);
        try (Ward restarted = new Ward(again)) {
            assertThat(restarted.monitor.history(JournalQuery.all())).isEqualTo(firstHistory);
            assertThat(restarted.monitor.history(JournalQuery.builder().alertId(hypoxia.alertId())
                    .types("alert.acknowledged").build())).singleElement()
                    .satisfies(r -> assertThat(r.actor()).isEqualTo("nurse.ana"));
            assertThat(restarted.events).isEmpty();
            assertThat(restarted.pages).isEmpty();
        }
    }

    /**
     * The journal's buffering hides the failed appends from the monitor; it reports them through
     * journalHealth(), and the monitor raises its journal-failed technical alert (a technical condition,
     * never a clinical one), shows the journal degraded, and resolves the alert once the buffer is
     * written. Every seq from the first is then in the database, once.
     */
    @Test
    void whileRecordsWaitForTheDatabaseTheMonitorRaisesTheJournalFailedTechnicalAlertAndResolvesItWhenTheyAreWritten() {
        JdbcConfig config = database("technical_alert");
        JdbcJournal journal = JdbcJournal.open(config);
        try (Ward ward = new Ward(journal)) {
            ward.hypoxic(0, 30);
            assertThat(ward.monitor.journalHealthy()).isTrue();
            assertThat(journal.journalHealth().healthy()).isTrue();
            Alert hypoxia = ward.monitor.openAlerts().get(0);
            pg.stop();
            try {
                ward.monitor.acknowledge(hypoxia.alertId(), "nurse.ana", "at bedside");
                assertThat(journal.journalHealth().healthy()).isFalse();
                assertThat(ward.monitor.journalHealthy()).isFalse();
                assertThat(ward.monitor.journalBacklog()).isPositive().isEqualTo(journal.health().pending());
                assertThat(ward.monitor.stats().journalFailures()).as("append never threw").isZero();
                assertThat(ward.monitor.openAlerts()).filteredOn(a -> a.ruleId().equals("journal-failed"))
                        .singleElement().satisfies(a -> {
                            assertThat(a.category()).isEqualTo(Category.TECHNICAL);
                            assertThat(a.message()).contains("jdbc:postgresql://localhost:" + pg.port()
                                    + "/technical_alert").contains("wait");
                        });
                ward.hypoxic(70, 80);
                assertThat(ward.events).filteredOn(e -> e.alert().ruleId().equals("journal-failed")
                        && e.type() == AlertEventType.RAISED).as("raised once").hasSize(1);
            } finally {
                pg.start();
            }
            assertThat(journal.flush()).isTrue();
            // The monitor's next calls see the journal healthy: the condition clears, and the alert
            // resolves after the resolve hold (30 s of event time).
            ward.hypoxic(90, 150);
            assertThat(ward.monitor.journalHealthy()).isTrue();
            assertThat(ward.monitor.journalBacklog()).isZero();
            assertThat(ward.monitor.openAlerts()).noneMatch(a -> a.ruleId().equals("journal-failed"));
            assertThat(ward.events).filteredOn(e -> e.alert().ruleId().equals("journal-failed")
                    && e.type() == AlertEventType.RESOLVED).hasSize(1);
            List<JournalRecord> all = ward.monitor.history(JournalQuery.all());
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).seq()).as("record " + i).isEqualTo(i + 1);
            }
            assertThat(all).filteredOn(r -> "journal-failed".equals(r.data().get("ruleId")))
                    .extracting(JournalRecord::type).contains("alert.raised", "alert.resolved");
        }
    }

    @Test
    void anAcknowledgementStillBufferedIsRestoredAfterARestartOnceTheDatabaseIsBack() {
        JdbcConfig config = database("ack_restored");
        JdbcJournal journal = JdbcJournal.open(config);
        Alert hypoxia;
        try (Ward ward = new Ward(journal)) {
            ward.hypoxic(0, 30);
            hypoxia = ward.monitor.openAlerts().get(0);
            pg.stop();
            ward.monitor.acknowledge(hypoxia.alertId(), "nurse.ana", "at bedside");
            pg.start();
            // The monitor closes normally: close() writes the buffer before it lets go.
        }
        try (Ward restarted = new Ward(JdbcJournal.open(config))) {
            // The outage raised the journal-failed technical alert; it is restored too (below).
            assertThat(restarted.monitor.openAlerts()).filteredOn(a -> !a.ruleId().equals("journal-failed"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.alertId()).isEqualTo(hypoxia.alertId());
                        assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
                        assertThat(a.acknowledgement().actor()).isEqualTo("nurse.ana");
                    });
            assertThat(restarted.events).isEmpty();
            // The journal works now: the restored technical alert clears at the monitor's first step and
            // resolves after the hold.
            restarted.hypoxic(100, 160);
            assertThat(restarted.monitor.openAlerts()).noneMatch(a -> a.ruleId().equals("journal-failed"));
        }
    }

    @Test
    void closingWhileTheDatabaseIsStillDownSaysLoudlyWhatIsLost() {
        JdbcConfig config = database("closed_while_down");
        JdbcJournal journal = JdbcJournal.open(config);
        Ward ward = new Ward(journal);
        ward.hypoxic(0, 30);
        Alert hypoxia = ward.monitor.openAlerts().get(0);
        pg.stop();
        try {
            ward.monitor.acknowledge(hypoxia.alertId(), "nurse.ana", "at bedside");
            int pending = journal.health().pending();
            assertThat(pending).isPositive();
            assertThatThrownBy(ward::close).isInstanceOf(JournalException.class)
                    .hasMessageContaining(pending + " journal records could not be written to "
                            + "jdbc:postgresql://localhost:" + pg.port() + "/closed_while_down before close");
        } finally {
            pg.start();
        }
        // What the database holds is what was committed: the alert, not the acknowledgement.
        try (Ward restarted = new Ward(JdbcJournal.open(config))) {
            assertThat(restarted.monitor.openAlerts()).singleElement()
                    .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.OPEN));
        }
    }

    @Test
    void theVitalsHistoryDropsAndCountsWhatItCannotQueueWhileTheDatabaseIsDownAndNeverBlocks()
            throws InterruptedException {
        TestPostgres.createDatabase(pg.server(), "vitals_down");
        // The writer retries by itself; the test waits for it with flush(timeout), never a sleep.
        JdbcConfig config = TestPostgres.configBuilder(pg.port(), "vitals_down").retryInterval(Duration.ofMillis(100))
                .build();
        VitalsHistoryStore.Options options = VitalsHistoryStore.Options.defaults().withRetentionInterval(Duration.ZERO)
                .withQueueCapacity(20).withBatchSize(10);
        Instant t0 = Ward.T0;
        try (VitalsHistoryStore store = VitalsHistoryStore.open(config, options)) {
            store.record("bed-1", Vital.HEART_RATE, t0, 70);
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
            pg.stop();
            int queued = 0;
            for (int i = 1; i <= 80; i++) {
                if (store.record("bed-1", Vital.HEART_RATE, t0.plusSeconds(i), 70 + i)) {
                    queued++;
                }
            }
            // The writer holds at most one batch and the queue the rest: everything beyond is dropped.
            assertThat(queued).isBetween(20, 30);
            assertThat(store.stats().dropped()).isEqualTo(80 - queued);
            assertThatThrownBy(() -> store.history("bed-1", t0, t0.plusSeconds(100), Resolution.RAW))
                    .isInstanceOf(VitalsHistoryException.class).hasMessageContaining("vitals_down");
            // The writer meets the outage on its own thread, at its own time: the database must not be back before
            // it has (the failed batch and its error are asserted below). Paced by flush, which cannot succeed now.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (store.stats().failedBatches() == 0) {
                assertThat(System.nanoTime()).as("the writer met the outage within 60 s").isLessThan(deadline);
                assertThat(store.flush(Duration.ofMillis(100))).as("nothing written while the database is down").isFalse();
            }
            pg.start();
            assertThat(store.flush(Duration.ofSeconds(60))).isTrue();
            VitalsHistoryStore.Stats stats = store.stats();
            assertThat(stats.written()).isEqualTo(1 + queued);
            assertThat(stats.failedBatches()).isPositive();
            assertThat(stats.lastError()).isNotBlank();
            assertThat(store.history("bed-1", t0, t0.plusSeconds(100), Resolution.RAW)).hasSize(1 + queued);
        }
    }
}
