package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill file of {@link JdbcJournal#open(JdbcConfig, java.nio.file.Path)}: the outage buffer on local
 * disk, written to the database by the next journal before anything else, each seq once.
 */
class JdbcSpillTest {
    @TempDir
    static Path pgDir;
    @TempDir
    Path dir;
    static RestartablePostgres pg;

    @BeforeAll
    static void startServer() {
        pg = new RestartablePostgres(pgDir.resolve("pgdata"));
    }

    @AfterAll
    static void stopServer() {
        pg.close();
    }

    static JdbcConfig database(String name) {
        TestPostgres.createDatabase(pg.server(), name);
        return TestPostgres.configBuilder(pg.port(), name).build();
    }

    static List<JournalRecord> records(long from, long to) {
        List<JournalRecord> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(SpillRecords.record(s));
        }
        return out;
    }

    static long rows(JdbcConfig config) throws Exception {
        try (Connection c = DriverManager.getConnection(config.url(), "postgres", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT seq) FROM journal_event")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
            return rs.getLong(1);
        }
    }

    @Test
    void recordsBufferedWhenTheProcessStopsWhileTheDatabaseIsDownAreWrittenByTheNextJournalFirst() throws Exception {
        JdbcConfig config = database("spill_close_down");
        Path spill = dir.resolve("alerts.journal-spill");
        JdbcJournal journal = JdbcJournal.open(config, spill);
        journal.recover();
        records(1, 10).forEach(journal::append);
        pg.stop();
        try {
            records(11, 40).forEach(journal::append);
            assertThat(journal.health().pending()).isEqualTo(30);
            assertThat(journal.journalHealth().problem()).contains(spill.toString());
            // Nothing is lost, so close() does not throw: the records are on disk.
            journal.close();
            assertThat(Files.readAllLines(spill)).hasSize(1 + 30);
        } finally {
            pg.start();
        }
        try (JdbcJournal next = JdbcJournal.open(config, spill)) {
            Recovery r = next.recover();
            assertThat(r.problems()).isEmpty();
            assertThat(r.records()).isEqualTo(records(1, 40));
            assertThat(Files.size(spill)).isZero();
            next.append(SpillRecords.record(41));
        }
        assertThat(rows(config)).isEqualTo(41);
    }

    @Test
    void spilledRecordsAlreadyInTheDatabaseAreNotWrittenTwice() throws Exception {
        TestPostgres.createDatabase(pg.server(), "spill_idempotent");
        // The background retry writes the buffer once the database is back; the test waits for it.
        JdbcConfig config = TestPostgres.configBuilder(pg.port(), "spill_idempotent")
                .retryInterval(java.time.Duration.ofMillis(100)).build();
        Path spill = dir.resolve("alerts.journal-spill");
        Path copy = dir.resolve("copy");
        JdbcJournal journal = JdbcJournal.open(config, spill);
        journal.recover();
        records(1, 5).forEach(journal::append);
        pg.stop();
        try {
            records(6, 25).forEach(journal::append);
            // What a crash leaves after the buffer was written but before the file was emptied.
            Files.copy(spill, copy);
        } finally {
            pg.start();
        }
        assertThat(journal.awaitHealthy(java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(Files.size(spill)).isZero();
        journal.close();
        Files.copy(copy, spill, StandardCopyOption.REPLACE_EXISTING);
        // and a torn line: the append a crash interrupted never returned
        Files.writeString(spill, "{\"seq\":26,\"atSec", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (JdbcJournal next = JdbcJournal.open(config, spill)) {
            Recovery r = next.recover();
            assertThat(r.problems()).isEmpty();
            assertThat(r.records()).isEqualTo(records(1, 25));
        }
        assertThat(rows(config)).isEqualTo(25);
    }

    @Test
    void aSpillFileOfAnotherDatabaseIsNeverWrittenToThisOne() throws Exception {
        JdbcConfig first = database("spill_first");
        JdbcConfig second = database("spill_second");
        Path spill = dir.resolve("alerts.journal-spill");
        JdbcJournal journal = JdbcJournal.open(first, spill);
        journal.recover();
        pg.stop();
        try {
            journal.append(SpillRecords.record(1));
            journal.close();
        } finally {
            pg.start();
        }
        try (JdbcJournal other = JdbcJournal.open(second, spill)) {
            assertThatThrownBy(other::recover).isInstanceOf(JournalException.class)
                    .hasMessageContaining("holds records of the database jdbc:postgresql://localhost:" + pg.port()
                            + "/spill_first, not of jdbc:postgresql://localhost:" + pg.port() + "/spill_second");
        }
        assertThat(rows(second)).isZero();
        try (JdbcJournal own = JdbcJournal.open(first, spill)) {
            assertThat(own.recover().records()).containsExactly(SpillRecords.record(1));
        }
    }

    @Test
    void anUnreadableSpilledLineIsReportedAndTheFileKeptAsideForAPerson() throws Exception {
        JdbcConfig config = database("spill_damaged");
        Path spill = dir.resolve("alerts.journal-spill");
        JdbcJournal journal = JdbcJournal.open(config, spill);
        journal.recover();
        pg.stop();
        try {
            records(1, 3).forEach(journal::append);
            journal.close();
        } finally {
            pg.start();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(spill));
        lines.set(2, "{\"seq\":2, damaged by hand");
        Files.write(spill, lines);
        try (JdbcJournal next = JdbcJournal.open(config, spill)) {
            Recovery r = next.recover();
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(spill.toString());
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.message()).contains("unreadable spilled record");
            });
            assertThat(r.records()).containsExactly(SpillRecords.record(1), SpillRecords.record(3));
        }
        assertThat(spill).doesNotExist();
        try (var aside = Files.list(dir)) {
            assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("alerts.journal-spill.damaged-"));
        }
    }
}
