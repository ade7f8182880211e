package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child JVM ({@link SpillChild}) appending through a JDBC journal with a spill file while PostgreSQL
 * is down is killed with SIGKILL: while the database is still down, just after it came back (the
 * buffer being written), and once the journal is healthy again. Restarted with the database up, the
 * journal holds every record whose append had returned, each once, and the spill file is empty.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JdbcSpillCrashTest {
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

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"while-down", "just-back", "healthy-again"})
    void everyAcknowledgedRecordIsInTheDatabaseOnceAfterAKillDuringAnOutage(String when) throws Exception {
        String database = "spill_crash_" + when.replace('-', '_');
        TestPostgres.createDatabase(pg.server(), database);
        JdbcConfig config = TestPostgres.configBuilder(pg.port(), database).build();
        Path spill = dir.resolve("alerts.journal-spill");
        Process child = startChild(database, spill);
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = child.getOutputStream()) {
            readUntil(out, "READY");
            pg.stop();
            try {
                in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                acknowledged = readUntil(out, "APPENDED 300");
            } finally {
                if (!when.equals("while-down")) {
                    pg.start();
                }
            }
            if (when.equals("just-back")) {
                acknowledged = readUntil(out, "APPENDED " + (lastAppended + 20));
            } else if (when.equals("healthy-again")) {
                String healthy = readUntil(out, "HEALTHY ", null);
                acknowledged = readUntil(out, "APPENDED " + (Long.parseLong(healthy.substring(8)) + 50));
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (when.equals("while-down")) {
                pg.start();
            }
        }
        assertThat(acknowledged).isGreaterThanOrEqualTo(300);

        List<JournalRecord> restored;
        try (JdbcJournal journal = JdbcJournal.open(config, spill)) {
            Recovery recovery = journal.recover();
            assertThat(recovery.problems()).isEmpty();
            restored = recovery.records();
        }
        System.out.printf("killed %s: %d appends acknowledged, %d records in the database%n", when, acknowledged,
                restored.size());
        // Every acknowledged record, and perhaps a few the child appended before the signal reached it.
        assertThat(restored.size()).isGreaterThanOrEqualTo((int) acknowledged);
        List<JournalRecord> expected = new ArrayList<>();
        for (long s = 1; s <= restored.size(); s++) {
            expected.add(SpillRecords.record(s));
        }
        assertThat(restored).isEqualTo(expected);
        try (Connection c = DriverManager.getConnection(config.url(), "postgres", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT seq), max(seq) FROM journal_event")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows").isEqualTo(restored.size());
            assertThat(rs.getLong(2)).as("distinct seqs").isEqualTo(restored.size());
            assertThat(rs.getLong(3)).isEqualTo(restored.size());
        }
        assertThat(Files.size(spill)).isZero();
    }

    private long lastAppended;

    /** Reads the child's lines up to {@code line}; returns the last APPENDED seq read. */
    private long readUntil(BufferedReader out, String line) throws Exception {
        readUntil(out, line, line);
        return lastAppended;
    }

    /** Reads up to a line starting with {@code prefix} (equal to {@code exact} when given) and returns it. */
    private String readUntil(BufferedReader out, String prefix, String exact) throws Exception {
        while (true) {
            String l = out.readLine();
            assertThat(l).as("the child's output before '%s' (its stderr is in %s)", prefix, dir).isNotNull();
            if (l.startsWith("APPENDED ")) {
                lastAppended = Long.parseLong(l.substring(9));
            }
            if (exact != null ? l.equals(exact) : l.startsWith(prefix)) {
                return l;
            }
        }
    }

    private Process startChild(String database, Path spill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SpillChild.class.getName(), Integer.toString(pg.port()), database, spill.toString()));
        File err = Files.createTempFile(dir, "child", ".err").toFile();
        return new ProcessBuilder(cmd).redirectError(err).start();
    }
}
