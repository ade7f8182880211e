package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalHealth;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertJournal} on PostgreSQL: the records in the append-only table {@code journal_event}
 * (one row per {@link JournalRecord}, the file journal's vocabulary), and the latest state of every
 * alert in {@code current_alert}, written in the same transaction as the {@code alert.*} record that
 * changed it. A partial unique index on {@code current_alert} keeps at most one alert open per
 * patient, rule and key. The schema is migrated by Flyway when the journal opens; the module's
 * README describes it.
 *
 * <pre>{@code
 * VitalMonitor monitor = VitalMonitor.builder()
 *         .journal(JdbcJournal.open(JdbcConfig.fromEnvironment(System.getenv())))
 *         .build();   // recovers the journal: open alerts, incidents, acks, silences, pages
 * }</pre>
 *
 * <p><b>Durability.</b> In the {@linkplain Status#HEALTHY healthy} state {@code append} returns after
 * its transaction committed: under PostgreSQL's default {@code synchronous_commit = on} the record
 * then survives a crash of this process and of the database server.
 *
 * <p><b>When the database fails</b> (unreachable, restarted, slower than the statement timeout):
 * the failed transaction is rolled back, so the database holds the record completely or not at all;
 * the record is kept, in order, in a bounded memory buffer ({@link JdbcConfig#bufferCapacity()}),
 * {@code append} returns, and the journal is {@linkplain Status#DEGRADED degraded}: later records
 * join the buffer without touching the database (the engine is not held up by a dead server), and a
 * background thread writes the buffer, oldest first, every {@link JdbcConfig#retryInterval()} until
 * the database answers. A person's acknowledgement made during an outage is therefore written when
 * the database is back, never dropped; only a crash of this process while degraded loses the
 * buffered records, and {@link #health()} tells how many are at risk, unless the journal was opened
 * with a spill file ({@link #open(JdbcConfig, Path)}): then every buffered record is on local disk
 * before {@code append} returns, and the next journal writes it to the database before anything
 * else. A commit whose answer was lost is recognised on retry (the row with that seq is already there
 * and equal) and not written twice.
 * When the buffer is full, {@code append} throws {@link JournalException} and the record is not kept.
 * A record the database refuses as data (a second open alert for the same patient, rule and key;
 * text PostgreSQL cannot store) is not retried: {@code append} throws {@link JournalException}, or,
 * for a buffered record, it is logged and counted in {@link Health#rejected()}.
 *
 * <p><b>One writer.</b> The journal holds a PostgreSQL advisory lock while it is open, so a second
 * journal on the same database fails at {@link #recover()} instead of interleaving seqs.
 *
 * <p><b>Recovery</b> reads every row in seq order. A row that does not map to a valid record (changed
 * by hand) is reported as a {@link JournalProblem} (source {@code journal_event}, line = its position,
 * offset = its seq) and it and every later row are moved to {@code journal_quarantine}, as the file
 * journal moves a bad line and its tail to a side file: replaying past a lost transition could
 * rebuild a wrong state.
 *
 * <p>Thread-safe. {@code query} runs on its own pooled connection, concurrently with appends, and sees
 * a record completely or not at all; records still in the buffer are merged into its answer.
 *
 * @since 0.1
 */
public final class JdbcJournal implements AlertJournal {
    static final String TABLE = "journal_event";
    private static final Logger log = LoggerFactory.getLogger(JdbcJournal.class);
    private static final int FLUSH_BATCH = 500;
    private static final String INSERT = "INSERT INTO journal_event (" + RecordCodec.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json) ON CONFLICT (seq) DO NOTHING";
    private static final String UPSERT_ALERT = "INSERT INTO current_alert (alert_id, patient_id, rule_id, alert_key, "
            + "state, severity, incident_id, last_seq, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json) "
            + "ON CONFLICT (alert_id) DO UPDATE SET patient_id = EXCLUDED.patient_id, rule_id = EXCLUDED.rule_id, "
            + "alert_key = EXCLUDED.alert_key, state = EXCLUDED.state, severity = EXCLUDED.severity, "
            + "incident_id = EXCLUDED.incident_id, last_seq = EXCLUDED.last_seq, data = EXCLUDED.data";
    // One journal per database: the lock's key is derived from the schema, so two schemas may each
    // hold a journal. It waits up to lock_timeout (the statement timeout): a crashed predecessor's
    // session may take a moment to end.
    private static final String LOCK = "SELECT pg_advisory_lock(hashtext(current_schema() || '.journal_event'))";

    /** The journal's state, as {@link #health()} reports it. */
    public enum Status {
        /** Appends commit before they return. */
        HEALTHY,
        /** The database failed; records wait in memory, in order, for it to come back. */
        DEGRADED,
        /** Closed. */
        CLOSED
    }

    /**
     * What the journal is doing, for a host's health check and metrics.
     *
     * @param status       the state
     * @param pending      records accepted and not yet in the database (lost if the process dies now)
     * @param written      records committed since the journal opened
     * @param rejected     records not kept: refused by the database as data, or the buffer was full
     * @param failedWrites write attempts that failed (each transient failure counts once)
     * @param lastError    the last failure's message, or {@code null}; never holds credentials
     * @since 0.1
     */
    public record Health(Status status, int pending, long written, long rejected, long failedWrites, String lastError) {
    }

    private enum Phase { OPENED, RECOVERED, CLOSED }

    private final Database db;
    private final int capacity;
    // the state below; held briefly, never during a database round trip
    private final Object lock = new Object();
    // held by append() from its checks to its outcome, so that appends happen one at a time, in order
    private final Object appendLock = new Object();
    // guarded by lock: records accepted but not yet committed (non-empty only while degraded)
    private final ArrayDeque<JournalRecord> buffer = new ArrayDeque<>();
    // guarded by lock
    private Phase phase = Phase.OPENED;
    private long lastSeq;
    private boolean degraded;
    private String lastError;
    /** The SQLSTATE of the last failed write, or null. */
    private volatile String lastFailureState;
    // guarded by writerLock: the connection that holds the advisory lock and writes every record
    private final Object writerLock = new Object();
    private Connection writer;
    // one flush at a time (the background retry, an explicit flush(), close())
    private final Object flushLock = new Object();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final ScheduledExecutorService retrier;
    // the outage buffer on disk, or null; used under appendLock
    private final SpillFile spill;

    private JdbcJournal(Database db, Path spillFile) {
        this.db = db;
        this.spill = spillFile == null ? null : new SpillFile(spillFile, db.describe());
        this.capacity = db.config().bufferCapacity();
        this.retrier = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nexus-jdbc-journal-retry");
            t.setDaemon(true);
            return t;
        });
        long every = db.config().retryInterval().toMillis();
        retrier.scheduleWithFixedDelay(this::retry, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to the database, migrates the schema, and returns the journal; call {@link #recover()}
     * next (the monitor's {@code build()} does).
     *
     * @param config the database and its timeouts, pool and buffer sizes
     * @return the open journal, its schema migrated
     * @throws JournalException naming the database (not the password) and the cause, when it cannot
     *                          be reached within {@link JdbcConfig#connectTimeout()} or migrated
     */
    public static JdbcJournal open(JdbcConfig config) {
        return new JdbcJournal(Database.open(Objects.requireNonNull(config, "config"), "nexus-journal",
                JournalException::new), null);
    }

    /**
     * {@link #open(JdbcConfig)}, with the outage buffer kept on disk as well: while the database fails,
     * each buffered record is appended to {@code spillFile} (one JSON line, forced to disk) before
     * {@code append} returns, and the file is emptied once the buffer is written. A process that dies
     * during an outage therefore loses nothing it acknowledged: {@link #recover()} of the next journal
     * on that file writes its records to the database first, skipping those already there (a seq is
     * written once), then reads the journal back. The file's first line names the database; it is
     * never written to another one. Put it on local disk, e.g. in the service's data directory.
     *
     * @param spillFile where the buffer is kept (created when first needed)
     * @param config the database and its timeouts, pool and buffer sizes
     * @return the open journal, its schema migrated; call {@link #recover()} next
     * @throws JournalException as {@link #open(JdbcConfig)}
     * @since 0.1
     */
    public static JdbcJournal open(JdbcConfig config, Path spillFile) {
        return new JdbcJournal(Database.open(Objects.requireNonNull(config, "config"), "nexus-journal",
                JournalException::new), Objects.requireNonNull(spillFile, "spillFile"));
    }

    /**
     * {@link #open(JdbcConfig)} with the defaults: the factory a service calls when a database URL is
     * configured.
     *
     * @param url a {@code jdbc:postgresql:} URL without a password
     * @param user the database user, or {@code null} for the driver's default
     * @param password the password, or {@code null}; never logged
     * @return the open journal; call {@link #recover()} next
     */
    public static JdbcJournal fromUrl(String url, String user, String password) {
        return open(JdbcConfig.builder(url).user(user).password(password).build());
    }

    /**
     * What the journal is doing now.
     *
     * @return what the journal is doing now
     */
    public Health health() {
        synchronized (lock) {
            Status s = phase == Phase.CLOSED ? Status.CLOSED : degraded ? Status.DEGRADED : Status.HEALTHY;
            return new Health(s, buffer.size(), written.get(), rejected.get(), failedWrites.get(), lastError);
        }
    }

    /**
     * While the journal is {@linkplain Status#DEGRADED degraded}: the records waiting in its buffer and
     * the last error, so that the monitor treats the outage as a failing journal (its
     * {@code journal-failed} technical alert, {@code journalHealthy()} false) although {@code append}
     * returned; healthy once the buffer is written, and after {@link #close()}. Answers from memory.
     *
     * @since 0.1
     */
    @Override
    public JournalHealth journalHealth() {
        synchronized (lock) {
            if (!degraded || phase == Phase.CLOSED) {
                return JournalHealth.HEALTHY;
            }
            return JournalHealth.degraded(buffer.size(), "the database " + db.describe() + " is failing ("
                    + lastError + "); " + buffer.size() + " record(s) wait to be written"
                    + (spill == null ? "" : " (kept in " + spill.path() + ")"));
        }
    }

    /**
     * Takes the journal's lock, reads every record back in seq order, and quarantines a bad row and
     * everything after it (see the class documentation).
     *
     * @throws IllegalStateException if called twice or after {@link #close()}
     * @throws JournalException      if the database cannot be read, or another journal holds it
     */
    @Override
    public Recovery recover() {
        synchronized (lock) {
            if (phase != Phase.OPENED) {
                throw new IllegalStateException(phase == Phase.CLOSED ? "journal is closed: " + db.describe()
                        : "recover() was already called on journal " + db.describe());
            }
            List<JournalRecord> records = new ArrayList<>();
            List<JournalProblem> problems = new ArrayList<>();
            try {
                synchronized (writerLock) {
                    writer();
                    if (spill != null) {
                        replaySpill(problems);
                    }
                    readAll(writer, records, problems);
                }
            } catch (SQLException e) {
                throw new JournalException("cannot recover the journal from " + db.describe(), e);
            }
            lastSeq = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
            phase = Phase.RECOVERED;
            return new Recovery(records, problems);
        }
    }

    /**
     * Writes what a previous process left in the spill file (it stopped while the database failed) before
     * anything else, oldest first; a seq already in the database is not written again. Then empties the
     * file, or moves it aside when some of it could not be used (reported in {@code problems}). The
     * caller holds writerLock and the advisory lock.
     */
    private void replaySpill(List<JournalProblem> problems) throws SQLException {
        List<JournalProblem> found = new ArrayList<>();
        List<JournalRecord> pending = new ArrayList<>(spill.read(found));
        if (!pending.isEmpty()) {
            log.warn("alert journal: {} record(s) left in {} by a process that stopped while the database was failing;"
                    + " writing them to {} first", pending.size(), spill.path(), db.describe());
        }
        while (!pending.isEmpty()) {
            List<JournalRecord> batch = pending.subList(0, Math.min(FLUSH_BATCH, pending.size()));
            try {
                writeInTransaction(new ArrayList<>(batch));
                batch.clear();
            } catch (PartialFailure f) {
                if (Database.isTransient(f.cause)) {
                    throw f.cause; // recover() fails; the file stays for the next start
                }
                found.add(new JournalProblem(spill.path().toString(), spill.lineOf(f.record.seq()), 0, "the database refused spilled"
                        + " record seq " + f.record.seq() + " (" + f.record.type() + "): " + describe(f.cause)
                        + "; skipped"));
                pending.remove(f.record);
            }
        }
        try {
            if (found.isEmpty()) {
                spill.clear();
            } else {
                Path aside = spill.moveAside();
                for (JournalProblem p : found) {
                    log.error("alert journal: {}; the spill file is kept as {}", p, aside);
                }
            }
        } catch (IOException e) {
            // Its records are in the database now: written again at the next start, they are skipped.
            log.warn("alert journal: cannot empty the spill file {}: {}", spill.path(), e.toString());
        }
        problems.addAll(found);
    }

    private void readAll(Connection c, List<JournalRecord> records, List<JournalProblem> problems) throws SQLException {
        long line = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RecordCodec.COLUMNS + "::text AS data FROM "
                + TABLE + " ORDER BY seq")) {
            ps.setFetchSize(2000); // a cursor: memory holds the records, not also the rows
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    line++;
                    try {
                        records.add(RecordCodec.read(rs));
                    } catch (RecordCodec.BadRow bad) {
                        c.commit();
                        quarantine(c, line, bad, records, problems);
                        break;
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /** Moves row {@code bad} and every later row aside, and rebuilds current_alert from what is left. */
    private void quarantine(Connection c, long line, RecordCodec.BadRow bad, List<JournalRecord> kept,
                            List<JournalProblem> problems) throws SQLException {
        String problem = bad.getMessage() + "; moved it and every later row (seq >= " + bad.seq
                + ") to journal_quarantine";
        try (PreparedStatement move = c.prepareStatement("INSERT INTO journal_quarantine SELECT e.*, now(), ? FROM "
                + TABLE + " e WHERE seq >= ?");
             Statement clear = c.createStatement();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE seq >= ?")) {
            move.setString(1, problem);
            move.setLong(2, bad.seq);
            move.executeUpdate();
            clear.executeUpdate("DELETE FROM current_alert");
            delete.setLong(1, bad.seq);
            delete.executeUpdate();
            Map<String, JournalRecord> latest = new LinkedHashMap<>();
            for (JournalRecord r : kept) {
                if (AlertRow.of(r) != null) {
                    latest.put(r.alertId(), r);
                }
            }
            try (PreparedStatement upsert = c.prepareStatement(UPSERT_ALERT)) {
                for (JournalRecord r : latest.values()) {
                    AlertRow.of(r).bind(upsert, r.seq());
                    upsert.executeUpdate();
                }
            }
            c.commit();
        }
        JournalProblem p = new JournalProblem(TABLE, line, bad.seq, problem);
        log.warn("alert journal: {}", p);
        problems.add(p);
    }

    /**
     * Appends {@code record}: commits it (and the alert's new current state) before returning, or,
     * while the database is failing, keeps it in the buffer (see the class documentation).
     *
     * @throws IllegalArgumentException if its seq is not greater than the last one
     * @throws IllegalStateException    before {@link #recover()} or after {@link #close()}
     * @throws JournalException         if the database refuses the record as data, or the buffer is
     *                                  full; the record is then not kept
     */
    @Override
    public void append(JournalRecord record) {
        Objects.requireNonNull(record, "record");
        // appendLock orders the appends; lock is held only to read and change the state, never during
        // the database's round trip, so query() and health() do not wait behind a slow commit.
        synchronized (appendLock) {
            // Only append() sets degraded, and only flush() clears it, holding appendLock: it stays as read.
            boolean buffering;
            synchronized (lock) {
                checkRecovered();
                if (record.seq() <= lastSeq) {
                    throw new IllegalArgumentException("seq must be greater than the last seq " + lastSeq
                            + ", but was " + record.seq() + " (" + record.type() + ")");
                }
                buffering = degraded;
                if (degraded && buffer.size() >= capacity) {
                    rejected.incrementAndGet();
                    throw new JournalException("the database " + db.describe() + " has been failing for "
                            + buffer.size() + " records, the most the buffer holds; record seq " + record.seq()
                            + " (" + record.type() + ") is not kept (last error: " + lastError + ")", null);
                }
            }
            if (buffering) {
                spill(record);
                synchronized (lock) {
                    buffer.addLast(record);
                    lastSeq = record.seq();
                }
                return;
            }
            // Healthy, so the buffer is empty and stays so until this append ends (only a failed append
            // fills it): no flush writes concurrently.
            SQLException failure = null;
            try {
                synchronized (writerLock) {
                    writeInTransaction(List.of(record));
                }
            } catch (SQLException f) {
                failure = f instanceof PartialFailure p ? p.cause : f;
            }
            synchronized (lock) {
                if (failure == null) {
                    lastSeq = record.seq();
                    return;
                }
                failedWrites.incrementAndGet();
                lastError = describe(failure);
                if (!Database.isTransient(failure)) {
                    rejected.incrementAndGet();
                    throw new JournalException("the database " + db.describe() + " refused record seq " + record.seq()
                            + " (" + record.type() + ", alert " + record.alertId() + "); it is not kept", failure);
                }
                degraded = true;
            }
            spill(record);
            synchronized (lock) {
                buffer.addLast(record);
                lastSeq = record.seq();
                log.error("alert journal: the database {} failed ({}); records are kept in memory{}, in order, until it "
                        + "answers again (at most {})", db.describe(), lastError,
                        spill == null ? "" : " and in " + spill.path(), capacity);
            }
        }
    }

    /** Keeps a record to be buffered in the spill file, on disk, first; the caller holds appendLock. */
    private void spill(JournalRecord record) {
        if (spill == null) {
            return;
        }
        try {
            spill.append(record);
        } catch (IOException e) {
            synchronized (lock) {
                rejected.incrementAndGet();
            }
            throw new JournalException("the database " + db.describe() + " is failing and record seq " + record.seq()
                    + " (" + record.type() + ") cannot be kept in the spill file " + spill.path() + "; it is not kept",
                    e);
        }
    }

    /**
     * Writes the buffered records now, oldest first, if there are any; the background thread does the
     * same every {@link JdbcConfig#retryInterval()}.
     *
     * @return whether the buffer is empty afterwards (the journal is healthy again)
     */
    public boolean flush() {
        synchronized (flushLock) {
            while (true) {
                List<JournalRecord> batch = new ArrayList<>();
                synchronized (lock) {
                    if (buffer.isEmpty() && !degraded) {
                        return true;
                    }
                    Iterator<JournalRecord> it = buffer.iterator();
                    while (it.hasNext() && batch.size() < FLUSH_BATCH) {
                        batch.add(it.next());
                    }
                }
                if (batch.isEmpty()) {
                    // Healthy again. appendLock: no append is between its spill and its buffer now.
                    synchronized (appendLock) {
                        synchronized (lock) {
                            if (!buffer.isEmpty()) {
                                continue;
                            }
                            if (degraded) {
                                clearSpill();
                                degraded = false;
                                lock.notifyAll(); // awaitHealthy()
                                log.info("alert journal: the database {} answers again; every buffered record is written",
                                        db.describe());
                            }
                            return true;
                        }
                    }
                }
                JournalRecord refused = null;
                SQLException failure = null;
                synchronized (writerLock) {
                    try {
                        writeInTransaction(batch);
                    } catch (PartialFailure f) {
                        refused = f.record;
                        failure = f.cause;
                    } catch (SQLException e) {
                        failure = e;
                    }
                }
                synchronized (lock) {
                    if (failure == null) {
                        for (int i = 0; i < batch.size(); i++) {
                            buffer.pollFirst();
                        }
                        continue;
                    }
                    failedWrites.incrementAndGet();
                    lastError = describe(failure);
                    lastFailureState = failure.getSQLState();
                    if (refused == null || Database.isTransient(failure)) {
                        return false;
                    }
                    buffer.remove(refused);
                    rejected.incrementAndGet();
                    log.error("alert journal: the database refused buffered record seq {} ({}, alert {}); it is not "
                            + "kept: {}", refused.seq(), refused.type(), refused.alertId(), lastError);
                }
            }
        }
    }

    /** Whether a failure was a session the server ended or a connection lost: another connection may succeed. */
    private static boolean deadSession(String sqlState) {
        return sqlState != null && (sqlState.startsWith("57P") || sqlState.startsWith("08"));
    }

    /** Empties the spill file: every record in it is in the database. */
    private void clearSpill() {
        if (spill == null) {
            return;
        }
        try {
            spill.clear();
        } catch (IOException e) {
            // Its records are in the database: written again at the next start, they are skipped.
            log.warn("alert journal: cannot empty the spill file {}: {}", spill.path(), e.toString());
        }
    }

    /**
     * Waits until every buffered record is written (the journal is {@linkplain Status#HEALTHY healthy}),
     * at most {@code timeout}: for a host that wants the buffer drained before it shuts down or
     * reports ready. Does not write anything itself; the background retry does.
     *
     * @param timeout the longest to wait
     * @return whether the journal is healthy
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (degraded && phase != Phase.CLOSED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return !degraded;
        }
    }

    private void retry() {
        boolean due;
        synchronized (lock) {
            due = degraded && phase == Phase.RECOVERED;
        }
        if (due) {
            try {
                flush();
            } catch (RuntimeException e) {
                log.error("alert journal: retrying the buffered records failed", e);
            }
        }
    }

    /**
     * Writes {@code records} in one transaction on the writer connection; the caller holds writerLock.
     * On failure the transaction is rolled back (the database holds none of them) and a
     * {@link PartialFailure} names the record whose statement failed.
     */
    private void writeInTransaction(List<JournalRecord> records) throws SQLException {
        Connection c = writer();
        JournalRecord current = null;
        try (PreparedStatement insert = c.prepareStatement(INSERT);
             PreparedStatement upsert = c.prepareStatement(UPSERT_ALERT)) {
            for (JournalRecord r : records) {
                current = r;
                RecordCodec.bind(insert, r);
                if (insert.executeUpdate() == 0 && alreadyThere(c, r)) {
                    continue; // committed by an earlier attempt whose answer was lost
                }
                AlertRow row = AlertRow.of(r);
                if (row != null) {
                    row.bind(upsert, r.seq());
                    upsert.executeUpdate();
                }
            }
            c.commit();
            written.addAndGet(records.size());
        } catch (SQLException e) {
            rollbackQuietly(c);
            dropWriterIfBroken();
            throw current == null ? e : new PartialFailure(current, e);
        }
    }

    /** Whether the row at {@code r.seq()} is {@code r}; a different row there is another writer's. */
    private static boolean alreadyThere(Connection c, JournalRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RecordCodec.COLUMNS + "::text AS data FROM " + TABLE
                + " WHERE seq = ?")) {
            ps.setLong(1, r.seq());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && r.equals(RecordCodec.read(rs))) {
                    return true;
                }
            } catch (RecordCodec.BadRow bad) {
                // falls through: not the same record
            }
        }
        throw new SQLException("seq " + r.seq() + " already holds a different record: is another process writing "
                + "this journal?", "23505");
    }

    /** The writer connection, with the journal's advisory lock; opened (and locked) when missing. */
    private Connection writer() throws SQLException {
        if (writer == null) {
            Connection c = db.connection();
            try (Statement st = c.createStatement()) {
                st.execute(LOCK);
                c.setAutoCommit(false);
            } catch (SQLException e) {
                c.close();
                // lock_timeout and statement_timeout are equal: either may end the wait
                if ("55P03".equals(e.getSQLState()) || "57014".equals(e.getSQLState())) {
                    throw new SQLException("another process holds this journal (PostgreSQL advisory lock on "
                            + "journal_event, waited " + db.config().statementTimeout() + "); close it first", "55P03", e);
                }
                throw e;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            writer = c;
        }
        return writer;
    }

    /**
     * After a failure: keep the writer if its session is alive (it still holds the advisory lock),
     * evict it from the pool otherwise, so that the next attempt connects afresh.
     */
    private void dropWriterIfBroken() {
        Connection c = writer;
        if (c == null) {
            return;
        }
        boolean alive;
        try {
            alive = c.isValid(1);
        } catch (SQLException e) {
            alive = false;
        }
        if (!alive) {
            writer = null;
            db.evict(c);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone; so is its transaction
        }
    }

    /**
     * The matching records in seq order: committed ones from the database, by index, merged with the
     * matching records still in the buffer.
     *
     * @throws JournalException if the database cannot be queried
     */
    @Override
    public List<JournalRecord> query(JournalQuery query) {
        Objects.requireNonNull(query, "query");
        int limit = query.limit().orElse(Integer.MAX_VALUE);
        TreeMap<Long, JournalRecord> out = new TreeMap<>();
        synchronized (lock) {
            checkRecovered();
            // Before the database is read: a record flushed meanwhile is then found in one or the other.
            for (JournalRecord r : buffer) {
                if (query.matches(r)) {
                    out.put(r.seq(), r);
                }
            }
        }
        QuerySql sql = QuerySql.of(query);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps, c);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JournalRecord r = RecordCodec.read(rs);
                    if (query.matches(r)) {
                        out.put(r.seq(), r);
                    }
                }
            }
        } catch (SQLException e) {
            throw new JournalException("cannot query the journal in " + db.describe(), e);
        } catch (RecordCodec.BadRow bad) {
            throw new JournalException("row seq " + bad.seq + " of " + TABLE + " is not a valid record: "
                    + bad.getMessage(), null);
        }
        List<JournalRecord> list = new ArrayList<>(Math.min(out.size(), limit));
        for (JournalRecord r : out.values()) {
            if (list.size() == limit) {
                break;
            }
            list.add(r);
        }
        return List.copyOf(list);
    }

    /**
     * The latest state of every alert that is not resolved, from {@code current_alert}: each one the
     * {@code data} of its last {@code alert.*} record, ordered by alert id. For a service's alert list.
     *
     * @return the latest state of every alert that is not resolved, from {@code current_alert}: each one the
     *     {@code data} of its last {@code alert.*} record, ordered by alert id
     * @throws JournalException if the database cannot be queried
     */
    public List<Map<String, Object>> openAlerts() {
        synchronized (lock) {
            checkRecovered();
        }
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT data::text FROM current_alert WHERE state <> 'RESOLVED' "
                     + "ORDER BY alert_id")) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                out.add(RecordCodec.map(rs.getString(1)));
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new JournalException("cannot read current_alert in " + db.describe(), e);
        }
    }

    /**
     * Writes what is buffered (an attempt, and a second one on a fresh connection if it fails), releases the
     * lock and the pool. Idempotent.
     *
     * @throws JournalException if buffered records could not be written; they are lost (the journal
     *                          is released anyway). With a spill file nothing is lost and nothing is
     *                          thrown: the records stay in the file for the next journal (logged at ERROR)
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (phase == Phase.CLOSED) {
                return;
            }
        }
        retrier.shutdownNow();
        // More attempts if the first failed on a dead session: right after the database restarted, every pooled
        // session is dead (57P01, 08xxx) and each attempt evicts the one it met, so one attempt per pooled
        // connection and one more reach a fresh session. One attempt, then two, lost a buffered acknowledgement
        // at close when the database had just come back. A database that is down fails at once otherwise.
        boolean flushed = flush();
        for (int i = 0; !flushed && deadSession(lastFailureState) && i <= db.config().poolSize(); i++) {
            flushed = flush();
        }
        int lost;
        synchronized (lock) {
            phase = Phase.CLOSED;
            lost = buffer.size();
            buffer.clear();
        }
        synchronized (writerLock) {
            if (writer != null) {
                // Release the advisory lock now: the pool closes its connections asynchronously, and a
                // journal reopened at once on this database must not find it still held.
                try (Statement st = writer.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock_all()");
                    writer.commit();
                } catch (SQLException e) {
                    log.debug("alert journal: releasing the advisory lock failed (the session ends with the pool)", e);
                }
                try {
                    writer.close();
                } catch (SQLException e) {
                    log.debug("alert journal: closing the writer connection failed", e);
                }
                writer = null;
            }
        }
        db.close();
        if (spill != null) {
            synchronized (appendLock) {
                try {
                    spill.close();
                } catch (IOException e) {
                    log.warn("alert journal: closing the spill file {} failed: {}", spill.path(), e.toString());
                }
            }
        }
        if (!flushed && spill != null) {
            // Nothing is lost: every buffered record is in the spill file, written at the next start.
            log.error("alert journal: {} records could not be written to {} before close; they are kept in {} and"
                    + " written to the database when a journal on it opens next", lost, db.describe(), spill.path());
            return;
        }
        if (!flushed) {
            log.error("alert journal: {} records could not be written to {} before close and are lost", lost,
                    db.describe());
            throw new JournalException(lost + " journal records could not be written to " + db.describe()
                    + " before close (last error: " + lastError + ")", null);
        }
    }

    /** The configuration it was opened with (for a test's reopen). */
    JdbcConfig config() {
        return db.config();
    }

    @Override
    public String toString() {
        return "JdbcJournal[" + db.describe() + ", " + health().status() + "]";
    }

    private void checkRecovered() {
        if (phase == Phase.CLOSED) {
            throw new IllegalStateException("journal is closed: " + db.describe());
        }
        if (phase != Phase.RECOVERED) {
            throw new IllegalStateException("call recover() before append() or query()");
        }
    }

    private static String describe(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
    }

    /** A failed write, naming the record whose statement failed. */
    private static final class PartialFailure extends SQLException {
        private static final long serialVersionUID = 1L;
        final transient JournalRecord record;
        final SQLException cause;

        PartialFailure(JournalRecord record, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.record = record;
            this.cause = cause;
        }
    }

    /** An alert.* record's columns of current_alert, or null when its data is not an alert snapshot. */
    record AlertRow(String alertId, String patientId, String ruleId, String key, String state, String severity,
                    String incidentId, String json) {
        static AlertRow of(JournalRecord r) {
            if (!r.type().startsWith("alert.")) {
                return null;
            }
            Map<String, Object> d = r.data();
            if (!(d.get("alertId") instanceof String id) || !(d.get("patientId") instanceof String patient)
                    || !(d.get("ruleId") instanceof String rule) || !(d.get("state") instanceof String state)) {
                return null;
            }
            return new AlertRow(id, patient, rule, d.get("key") instanceof String k ? k : "", state,
                    d.get("severity") instanceof String s ? s : null,
                    d.get("incidentId") instanceof String i ? i : null, RecordCodec.json(d));
        }

        void bind(PreparedStatement ps, long seq) throws SQLException {
            ps.setString(1, alertId);
            ps.setString(2, patientId);
            ps.setString(3, ruleId);
            ps.setString(4, key);
            ps.setString(5, state);
            ps.setString(6, severity);
            ps.setString(7, incidentId);
            ps.setLong(8, seq);
            ps.setString(9, json);
        }
    }

    /** The SQL of a {@link JournalQuery}: one indexed condition per criterion. */
    record QuerySql(String text, List<Object> params) {
        static QuerySql of(JournalQuery q) {
            StringBuilder where = new StringBuilder();
            List<Object> params = new ArrayList<>();
            q.patientId().ifPresent(v -> and(where, params, "patient_id = ?", v));
            q.alertId().ifPresent(v -> and(where, params, "alert_id = ?", v));
            q.incidentId().ifPresent(v -> and(where, params, "incident_id = ?", v));
            q.from().ifPresent(v -> {
                and(where, params, "(at_seconds, at_nanos) >= (?, ?)", v.getEpochSecond());
                params.add(v.getNano());
            });
            q.to().ifPresent(v -> {
                and(where, params, "(at_seconds, at_nanos) < (?, ?)", v.getEpochSecond());
                params.add(v.getNano());
            });
            if (!q.types().isEmpty()) {
                and(where, params, "type = ANY (?)", q.types().toArray(String[]::new));
            }
            String text = "SELECT " + RecordCodec.COLUMNS + "::text AS data FROM " + TABLE
                    + (where.length() == 0 ? "" : " WHERE " + where) + " ORDER BY seq"
                    + (q.limit().isPresent() ? " LIMIT " + q.limit().getAsInt() : "");
            return new QuerySql(text, params);
        }

        private static void and(StringBuilder where, List<Object> params, String cond, Object value) {
            if (where.length() > 0) {
                where.append(" AND ");
            }
            where.append(cond);
            params.add(value);
        }

        void bind(PreparedStatement ps, Connection c) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof String[] types) {
                    Array array = c.createArrayOf("text", types);
                    ps.setArray(i + 1, array);
                } else if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (p instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) p);
                }
            }
        }
    }
}
