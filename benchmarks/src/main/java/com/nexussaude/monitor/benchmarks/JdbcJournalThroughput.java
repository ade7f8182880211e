package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.jdbc.JdbcConfig;
import com.nexussaude.monitor.jdbc.JdbcJournal;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The PostgreSQL journal's throughput (issue 18): how many records a second {@link JdbcJournal#append}
 * commits, one transaction each as the monitor appends them, and how long a monitor takes to restore
 * from a journal of a simulated week of a 30-bed ward. A documented main, not JMH: each figure is one
 * long run of a real database, reported with its spread.
 *
 * <p>The week: 30 beds observed every 10 s (1.8 million observations); each bed desaturates (SpO2 84)
 * for 5 minutes every 4 hours, phases staggered; paging with the default five-level escalation to a
 * channel that delivers at once; the nurse acknowledges each alert 60 s after it is raised. The
 * monitor runs on an {@link InMemoryJournal}; its records are then appended to the JDBC journal one
 * by one (the append figure), and a monitor is built on that database three times (the restore
 * figure), next to one built on a {@link FileJournal} of the same records.
 *
 * <p>Database: {@code NEXUS_DB_URL}, {@code NEXUS_DB_USER}, {@code NEXUS_DB_PASSWORD} when set (the
 * journal's tables there are emptied first: point it at a scratch database); otherwise an embedded
 * PostgreSQL started here with {@code synchronous_commit=on} and {@code fsync=on}, so a commit waits
 * for its WAL flush as on a production server. Run with {@code benchmarks/jdbc.sh}.
 */
public final class JdbcJournalThroughput {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final int BEDS = 30;

    private JdbcJournalThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        boolean outageOnly = args.length > 1 && args[1].equals("outage");
        String url = System.getenv(JdbcConfig.ENV_URL);
        EmbeddedPostgres embedded = null;
        JdbcConfig config;
        if (url == null || url.isBlank()) {
            embedded = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on").start();
            config = JdbcConfig.builder("jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres")
                    .user("postgres").build();
            System.out.println("database: embedded PostgreSQL (synchronous_commit=on, fsync=on) in " + tempNote());
        } else {
            config = JdbcConfig.fromEnvironment(System.getenv());
            System.out.println("database: " + config);
        }
        try {
            run(config, days, outageOnly);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static String tempNote() {
        return System.getProperty("java.io.tmpdir");
    }

    static void run(JdbcConfig config, int days, boolean outageOnly) throws Exception {
        long t = System.nanoTime();
        InMemoryJournal memory = new InMemoryJournal();
        try (VitalMonitor m = ward(memory)) {
            simulate(m, days);
        }
        List<JournalRecord> records = memory.records();
        System.out.printf("simulated %d days of %d beds: %,d journal records (%,.0f a day) in %.1f s%n", days, BEDS,
                records.size(), records.size() / (double) days, (System.nanoTime() - t) / 1e9);
        Map<String, Long> byType = new java.util.TreeMap<>();
        records.forEach(r -> byType.merge(r.type(), 1L, Long::sum));
        System.out.println("  by type: " + byType);
        if (outageOnly) {
            outage(config, records);
            return;
        }

        empty(config);
        long[] latency = new long[records.size()];
        try (JdbcJournal journal = JdbcJournal.open(config)) {
            journal.recover();
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                long s = System.nanoTime();
                journal.append(records.get(i));
                latency[i] = System.nanoTime() - s;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latency);
            System.out.printf("append: %,d records in %.1f s = %,.0f records/s (one transaction each); latency p50 %.2f"
                            + " ms, p99 %.2f ms, max %.1f ms%n", records.size(), seconds, records.size() / seconds,
                    pct(latency, 0.50), pct(latency, 0.99), latency[latency.length - 1] / 1e6);
        }

        Path file = Files.createTempDirectory("nexus-journal-bench").resolve("week.journal");
        try (FileJournal fj = FileJournal.open(file)) {
            fj.recover();
            long start = System.nanoTime();
            records.forEach(fj::append);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("for comparison, FileJournal (fsync every record) on %s: %,.0f records/s%n",
                    file.getParent(), records.size() / seconds);
        }
        for (int round = 1; round <= 3; round++) {
            double none = timeBuild(() -> null);
            long rs = System.nanoTime();
            int recovered;
            try (JdbcJournal j = JdbcJournal.open(config)) {
                recovered = j.recover().records().size();
            }
            double recoverOnly = (System.nanoTime() - rs) / 1e9;
            double onDb = timeBuild(() -> JdbcJournal.open(config));
            double onFile = timeBuild(() -> FileJournal.open(file));
            System.out.printf("restore round %d: build() with no journal %.2f s; JdbcJournal open+recover of %,d records"
                    + " %.2f s; build() on the database %.2f s; build() on a FileJournal of the same records %.2f s%n",
                    round, none, recovered, recoverOnly, onDb, onFile);
        }
    }

    /**
     * The outage path with a spill file: another session holds an exclusive lock on journal_event, so
     * the first append times out (1 s) and the journal buffers; every later append is kept in memory and
     * in the spill file (forced to disk) without touching the database. Then the lock goes, and
     * {@code flush()} writes the buffer. Last, the crash case: the spill file of the whole week left
     * behind, replayed by the next journal's {@code recover()} into an empty database, and again into
     * one that already holds every record (each seq skipped).
     */
    static void outage(JdbcConfig config, List<JournalRecord> records) throws Exception {
        empty(config);
        Path spill = Files.createTempDirectory("nexus-spill-bench").resolve("alerts.journal-spill");
        Path copy = spill.resolveSibling("copy");
        JdbcConfig quick = JdbcConfig.builder(config.url()).user(config.user()).password(config.password())
                .statementTimeout(Duration.ofSeconds(1)).retryInterval(Duration.ofHours(1)).build();
        long[] latency = new long[records.size() - 1];
        try (Connection blocker = java.sql.DriverManager.getConnection(config.url(), config.user(), config.password())) {
            blocker.setAutoCommit(false);
            JdbcJournal journal = JdbcJournal.open(quick, spill);
            journal.recover();
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE journal_event IN ACCESS EXCLUSIVE MODE");
            }
            long f = System.nanoTime();
            journal.append(records.get(0));
            double first = (System.nanoTime() - f) / 1e9;
            if (journal.health().status() != JdbcJournal.Status.DEGRADED) {
                throw new IllegalStateException("the journal did not degrade: " + journal.health());
            }
            long start = System.nanoTime();
            for (int i = 1; i < records.size(); i++) {
                long s = System.nanoTime();
                journal.append(records.get(i));
                latency[i - 1] = System.nanoTime() - s;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latency);
            System.out.printf("outage: first append degraded the journal after %.2f s (the statement timeout); then %,d"
                    + " records buffered and spilled (forced to disk each) in %.1f s = %,.0f records/s; latency p50 %.2f"
                    + " ms, p99 %.2f ms, max %.1f ms; spill file %,d bytes%n", first, latency.length, seconds,
                    latency.length / seconds, pct(latency, 0.50), pct(latency, 0.99), latency[latency.length - 1] / 1e6,
                    Files.size(spill));
            Files.copy(spill, copy);
            blocker.rollback(); // the lock goes: the database answers again
            long d = System.nanoTime();
            boolean drained = journal.flush();
            System.out.printf("outage over: flush() wrote the %,d buffered records in %.2f s (%s)%n", records.size(),
                    (System.nanoTime() - d) / 1e9, drained ? "healthy" : "STILL DEGRADED");
            journal.close();
        }
        empty(config);
        Files.copy(copy, spill, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long r = System.nanoTime();
        int n;
        try (JdbcJournal j = JdbcJournal.open(config, spill)) {
            n = j.recover().records().size();
        }
        System.out.printf("crash during the outage: open + recover() writing the spilled week (%,d records) into an empty"
                + " database and reading it back: %.2f s%n", n, (System.nanoTime() - r) / 1e9);
        Files.copy(copy, spill, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        r = System.nanoTime();
        try (JdbcJournal j = JdbcJournal.open(config, spill)) {
            n = j.recover().records().size();
        }
        System.out.printf("the same spill file again, every seq already in the database (all skipped): %.2f s (%,d"
                + " records)%n", (System.nanoTime() - r) / 1e9, n);
    }

    static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    static double timeBuild(Supplier<AlertJournal> journal) {
        long s = System.nanoTime();
        AlertJournal j = journal.get();
        VitalMonitor m = j == null ? ward(null) : ward(j);
        double seconds = (System.nanoTime() - s) / 1e9;
        if (j != null && m.openAlerts().isEmpty() && m.incidents().isEmpty()) {
            System.out.println("  (note: the restored monitor has no open alert or incident)");
        }
        m.close();
        return seconds;
    }

    static void empty(JdbcConfig config) throws Exception {
        try (JdbcJournal j = JdbcJournal.open(config)) {
            // opening migrates the schema; the tables are then emptied for a clean run
        }
        try (Connection c = java.sql.DriverManager.getConnection(config.url(), config.user(), config.password());
             Statement st = c.createStatement()) {
            st.execute("TRUNCATE current_alert, journal_event, journal_quarantine");
        }
    }

    static VitalMonitor ward(AlertJournal journal) {
        NotificationChannel push = new NotificationChannel() {
            @Override
            public String name() {
                return "push";
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                return DeliveryResult.delivered("ok");
            }
        };
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        Roster roster = Roster.builder()
                .person("dr-silva", "Dr Silva", ContactPoint.of("push", "tok-silva"))
                .person("dr-costa", "Dr Costa", ContactPoint.of("push", "tok-costa"))
                .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "tok-bn"))
                .role("charge-nurse", "Charge nurse", ContactPoint.of("push", "tok-cn"))
                .role("rapid-response-team", "RRT", ContactPoint.of("push", "tok-rrt"))
                .schedule(OnCallSchedule.builder("ward-physician", zone).rotation(Rotation.daily("wp",
                        LocalDate.of(2026, 1, 1), LocalTime.of(7, 0), List.of("dr-silva"))).build())
                .schedule(OnCallSchedule.builder("intensive-care", zone).rotation(Rotation.daily("icu",
                        LocalDate.of(2026, 1, 1), LocalTime.of(7, 0), List.of("dr-costa"))).build())
                .build();
        VitalMonitor.Builder b = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "correlation")).build())
                .paging(Paging.builder().channel(push).escalation(EscalationChain.defaults(), roster).build())
                .listener(e -> { }).listenerExecutor(Runnable::run);
        if (journal != null) {
            b.journal(journal);
        }
        return b.build();
    }

    static void simulate(VitalMonitor m, int days) {
        long end = days * 86_400L;
        for (long t = 0; t < end; t += 10) {
            for (int bed = 0; bed < BEDS; bed++) {
                boolean desaturated = (t + bed * 487L) % 14_400 < 300;
                m.submit(Observation.builder("bed-" + bed, T0.plusSeconds(t).plusMillis(bed * 10L))
                        .spo2(desaturated ? 84 : 97).heartRate(80).respiratoryRate(16).build());
            }
            Instant now = T0.plusSeconds(t);
            for (Alert a : m.openAlerts()) {
                if (a.state() == AlertState.OPEN && !a.raisedAt().plus(Duration.ofSeconds(60)).isAfter(now)) {
                    m.acknowledge(a.alertId(), "nurse.ana", "at bedside");
                }
            }
        }
    }
}
