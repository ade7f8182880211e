package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertState;
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
            assertThat(restarted.monitor.openAlerts()).singleElement().satisfies(a -> {
                assertThat(a.alertId()).isEqualTo(hypoxia.alertId());
                assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
                assertThat(a.acknowledgement().actor()).isEqualTo("nurse.ana");
            });
            assertThat(restarted.events).isEmpty();
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
