package com.nexussaude.monitor.server;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.jdbc.JdbcConfig;
import com.nexussaude.monitor.jdbc.JdbcJournal;
import com.nexussaude.monitor.jdbc.VitalPoint;
import com.nexussaude.monitor.jdbc.VitalsHistoryException;
import com.nexussaude.monitor.jdbc.VitalsHistoryStore;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the service keeps its state: the file journal in the data directory ({@value MonitorServer#JOURNAL_FILE}),
 * or, when a database is configured ({@link ServerConfig#database()}), the {@link JdbcJournal} and a
 * {@link VitalsHistoryStore} on PostgreSQL, which then answers {@code GET /vital-signs/{id}/history}
 * (the readings survive a restart). The JDBC journal's buffer is spilled to
 * {@value #SPILL_FILE} in the data directory while the database is down (see {@link JdbcJournal}).
 */
final class Storage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Storage.class);
    /** The JDBC journal's spill file inside the data directory. */
    static final String SPILL_FILE = "alerts.journal-spill";

    final AlertJournal journal;
    /** The vitals history on PostgreSQL, or null (the in-memory history of {@link PatientVitals}). */
    final VitalsHistoryStore history;
    private final Path file;
    private final JdbcConfig database;

    private Storage(AlertJournal journal, VitalsHistoryStore history, Path file, JdbcConfig database) {
        this.journal = journal;
        this.history = history;
        this.file = file;
        this.database = database;
    }

    /**
     * Opens the configured store. The data directory must exist.
     *
     * @throws ServerConfig.ConfigException when the configured database cannot be reached or migrated,
     *                                      naming the setting and the database (never the password)
     */
    static Storage open(ServerConfig config, java.util.function.LongConsumer fsyncListener) {
        JdbcConfig db = config.database();
        if (db == null) {
            Path file = config.dataDir().resolve(MonitorServer.JOURNAL_FILE);
            return new Storage(FileJournal.builder(file).fsyncListener(fsyncListener).build(), null, file, null);
        }
        JdbcJournal journal;
        try {
            journal = JdbcJournal.open(db, config.dataDir().resolve(SPILL_FILE));
        } catch (JournalException e) {
            throw new ServerConfig.ConfigException("cannot use the database configured by DATABASE_URL or DB_HOST ("
                    + db + "): " + e.getMessage());
        }
        try {
            VitalsHistoryStore history = VitalsHistoryStore.open(db);
            log.info("journal and vitals history on PostgreSQL: {}", db);
            return new Storage(journal, history, null, db);
        } catch (VitalsHistoryException e) {
            journal.close();
            throw new ServerConfig.ConfigException("cannot use the database configured by DATABASE_URL or DB_HOST ("
                    + db + ") for the vitals history: " + e.getMessage());
        }
    }

    /**
     * Where the journal is, for the health check: {@code file} or {@code database} (without credentials),
     * and with a database what its vitals history writer reports (readings queued, written, dropped while
     * the database was down or the queue full, failed batches, the last error).
     */
    void describe(Map<String, Object> out) {
        if (database == null) {
            out.put("file", file.toString());
        } else {
            out.put("database", database.url().replaceFirst("\\?.*", "?…"));
            VitalsHistoryStore.Stats st = history.stats();
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("queued", st.queued());
            h.put("written", st.written());
            h.put("dropped", st.dropped());
            h.put("failed_batches", st.failedBatches());
            h.put("last_error", st.lastError());
            out.put("vitals_history", h);
        }
    }

    /** Where the journal is, for the start-up line. */
    String where() {
        return database == null ? file.toString() : database.toString();
    }

    /** Queues the observation's readings for the database's history (never blocks); nothing without one. */
    void record(Observation o) {
        if (history != null) {
            history.record(o);
        }
    }

    /**
     * The vitals of {@code patientId} in {@code [from, to]} from the database, in the API's shape
     * ({@code {"heart_rate": [{"t","v","resolution"}, ...]}}), or {@code null} without a database.
     * {@code raw}: the readings kept raw; {@code auto}: those, and minute medians where the raw ones
     * were folded by retention; {@code minute}: a median per minute throughout.
     */
    Map<String, Object> vitalsHistory(String patientId, Instant from, Instant to, String resolution) {
        if (history == null) {
            return null;
        }
        List<VitalPoint> points;
        try {
            // The API's range includes `to`; the store's excludes it (timestamps have microseconds).
            points = history.history(patientId, from, to.plus(1, ChronoUnit.MICROS),
                    resolution.equals("minute") ? VitalsHistoryStore.Resolution.MINUTE : VitalsHistoryStore.Resolution.RAW);
        } catch (VitalsHistoryException e) {
            throw new Problem(503, "Service unavailable", "the vitals history cannot be read from the database now: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (VitalPoint p : points) {
            // A raw reading stands for itself; a stored minute aggregate for its readings.
            // (A minute folded from a single reading is shown as raw, at the minute's start.)
            boolean raw = !resolution.equals("minute") && p.count() == 1;
            if (resolution.equals("raw") && !raw) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", p.at().toString());
            m.put("v", p.median());
            m.put("resolution", raw ? "raw" : "minute");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) out.computeIfAbsent(p.vital().fieldName(),
                    k -> new ArrayList<Map<String, Object>>());
            list.add(m);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            if (history != null) {
                history.close();
            }
        } finally {
            journal.close();
        }
    }
}
