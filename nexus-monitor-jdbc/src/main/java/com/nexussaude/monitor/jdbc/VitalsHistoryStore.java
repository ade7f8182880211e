package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of every patient's vital signs on PostgreSQL, for trend charts and
 * {@code GET /vital-signs/{id}/history}: raw readings for {@link Options#rawRetention()} (24 h by
 * default), one-minute aggregates (median, min, max, count) beyond it, kept for
 * {@link Options#aggregateRetention()}.
 *
 * <p><b>Writing never slows the caller.</b> {@link #record(Observation)} puts the readings on a
 * bounded queue and returns at once; one background thread writes them in batches (one transaction
 * per batch of up to {@link Options#batchSize()}). When the queue is full the readings are dropped
 * and counted ({@link Stats#dropped()}); {@code record} never blocks and never throws for it.
 *
 * <p><b>When the database is down or slow</b> the writer keeps its current batch and retries it every
 * {@link JdbcConfig#retryInterval()}; meanwhile the queue fills, and once it is full new readings are
 * dropped and counted: the history gets a gap, the monitor and its alerts are not affected. A batch
 * the database refuses as data (it never should) is dropped and counted too, so it cannot block the
 * readings behind it. {@link #stats()} reports all of it for a health check.
 *
 * <p><b>Retention</b> ({@link #runRetention(Instant)}, every {@link Options#retentionInterval()} on
 * the writer's scheduler): raw readings older than the raw window are folded into per-minute
 * aggregates and deleted, and aggregates older than the aggregate window are deleted, in one
 * transaction. A reading that arrives after its minute was folded is merged into the minute's min,
 * max and count; the minute keeps the median of whichever part had more readings.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class VitalsHistoryStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VitalsHistoryStore.class);
    private static final String INSERT = "INSERT INTO vital_reading (patient_id, vital, at, value) VALUES (?, ?, ?, ?)";
    // history(): the three queries, each by patient and time range (indexes (patient_id, at) and the
    // primary key (patient_id, minute, vital)); package-private for the test that EXPLAINs them.
    static final String STORED_MINUTES = "SELECT vital, minute, median, min, max, count FROM vital_minute"
            + " WHERE patient_id = ? AND minute >= ? AND minute < ?";
    static final String MINUTES_OF_READINGS = "SELECT vital, date_trunc('minute', at) AS minute,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median, min(value) AS min, max(value) AS max,"
            + " count(*) AS count FROM vital_reading WHERE patient_id = ? AND at >= ? AND at < ? GROUP BY vital, minute";
    static final String READINGS = "SELECT vital, at AS minute, value AS median, value AS min, value AS max,"
            + " 1 AS count FROM vital_reading WHERE patient_id = ? AND at >= ? AND at < ?";

    /** The detail of {@link #history}. */
    public enum Resolution {
        /** Every reading while it is kept raw; minute aggregates for the older part of the range. */
        RAW,
        /** One point per vital and minute over the whole range. */
        MINUTE
    }

    /**
     * How the store keeps and writes the history.
     *
     * @param rawRetention            how long raw readings are kept before they are folded into minutes
     * @param aggregateRetention      how long minute aggregates are kept
     * @param retentionInterval       how often the retention job runs; {@link Duration#ZERO} never
     *                                (the host calls {@link #runRetention(Instant)})
     * @param retentionTimeout        the statement timeout of the retention job's statements
     * @param queueCapacity           the most readings waiting to be written
     * @param batchSize               the most readings written in one transaction
     * @param clock                   the time the retention job runs at (the monitor's clock)
     * @since 0.1
     */
    public record Options(Duration rawRetention, Duration aggregateRetention, Duration retentionInterval,
                          Duration retentionTimeout, int queueCapacity, int batchSize, InstantSource clock) {
        /**
         * The defaults: 24 h raw, 400 days of minutes, retention every 10 min, 100,000 queued, 1,000 a batch.
         *
         * @return the defaults: 24 h raw, 400 days of minutes, retention every 10 min, 100,000 queued, 1,000
         *     a batch
         */
        public static Options defaults() {
            return new Options(Duration.ofHours(24), Duration.ofDays(400), Duration.ofMinutes(10), Duration.ofMinutes(1),
                    100_000, 1_000, InstantSource.system());
        }

        /**
         * Validates every component.
         *
         * @param rawRetention how long raw readings are kept before they are folded into minutes
         * @param aggregateRetention how long minute aggregates are kept
         * @param retentionInterval how often the retention job runs; {@link Duration#ZERO} never (the host
         *     calls {@link #runRetention(Instant)})
         * @param retentionTimeout the statement timeout of the retention job's statements
         * @param queueCapacity the most readings waiting to be written
         * @param batchSize the most readings written in one transaction
         * @param clock the time the retention job runs at (the monitor's clock)
         */
        public Options {
            Objects.requireNonNull(rawRetention, "rawRetention");
            Objects.requireNonNull(aggregateRetention, "aggregateRetention");
            Objects.requireNonNull(retentionInterval, "retentionInterval");
            Objects.requireNonNull(retentionTimeout, "retentionTimeout");
            Objects.requireNonNull(clock, "clock");
            if (rawRetention.compareTo(Duration.ofMinutes(1)) < 0 || aggregateRetention.compareTo(rawRetention) < 0) {
                throw new IllegalArgumentException("rawRetention must be at least 1 minute and aggregateRetention at "
                        + "least rawRetention, but were " + rawRetention + " and " + aggregateRetention);
            }
            if (retentionInterval.isNegative() || retentionTimeout.isNegative() || retentionTimeout.isZero()) {
                throw new IllegalArgumentException("retentionInterval must not be negative and retentionTimeout must "
                        + "be positive, but were " + retentionInterval + " and " + retentionTimeout);
            }
            if (queueCapacity < 1 || batchSize < 1) {
                throw new IllegalArgumentException("queueCapacity and batchSize must be at least 1, but were "
                        + queueCapacity + " and " + batchSize);
            }
        }

        /**
         * These options with another raw retention window.
         *
         * @param d how long raw readings are kept before they are folded into minute aggregates
         * @return these options with another raw retention window
         */
        public Options withRawRetention(Duration d) {
            return new Options(d, aggregateRetention, retentionInterval, retentionTimeout, queueCapacity, batchSize, clock);
        }

        /**
         * These options with another aggregate retention window.
         *
         * @param d how long minute aggregates are kept
         * @return these options with another aggregate retention window
         */
        public Options withAggregateRetention(Duration d) {
            return new Options(rawRetention, d, retentionInterval, retentionTimeout, queueCapacity, batchSize, clock);
        }

        /**
         * These options with another retention interval ({@link Duration#ZERO}: never by itself).
         *
         * @param d how often retention runs by itself; not negative, zero never
         * @return these options with another retention interval ({@link Duration#ZERO}: never by itself)
         */
        public Options withRetentionInterval(Duration d) {
            return new Options(rawRetention, aggregateRetention, d, retentionTimeout, queueCapacity, batchSize, clock);
        }

        /**
         * These options with another queue capacity.
         *
         * @param n the most readings queued for the writer, {@code >= 1}; beyond it readings are dropped and
         *     counted
         * @return these options with another queue capacity
         */
        public Options withQueueCapacity(int n) {
            return new Options(rawRetention, aggregateRetention, retentionInterval, retentionTimeout, n, batchSize, clock);
        }

        /**
         * These options with another batch size.
         *
         * @param n the most readings written in one batch, {@code >= 1}
         * @return these options with another batch size
         */
        public Options withBatchSize(int n) {
            return new Options(rawRetention, aggregateRetention, retentionInterval, retentionTimeout, queueCapacity, n, clock);
        }

        /**
         * These options with another clock for the retention job.
         *
         * @param c the clock the retention job reads "now" from
         * @return these options with another clock for the retention job
         */
        public Options withClock(InstantSource c) {
            return new Options(rawRetention, aggregateRetention, retentionInterval, retentionTimeout, queueCapacity,
                    batchSize, c);
        }
    }

    /**
     * What the writer has done since the store opened.
     *
     * @param queued        readings waiting to be written
     * @param written       readings committed
     * @param dropped       readings not kept: the queue was full, or the database refused their batch
     * @param failedBatches batch writes that failed (a batch retried three times counts three)
     * @param lastError     the last failure's message, or {@code null}
     * @since 0.1
     */
    public record Stats(int queued, long written, long dropped, long failedBatches, String lastError) {
    }

    /**
     * What one retention run did.
     *
     * @param minutesWritten  minute aggregates written or merged
     * @param readingsDeleted raw readings folded and deleted
     * @param minutesDeleted  minute aggregates past their retention, deleted
     * @since 0.1
     */
    public record Retention(long minutesWritten, long readingsDeleted, long minutesDeleted) {
    }

    private record Reading(String patientId, Vital vital, Instant at, double value) {
    }

    private final Database db;
    private final Options options;
    private final ArrayBlockingQueue<Reading> queue;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    // readings the writer has finished with (written or dropped), for flush(); guarded by progress
    private final Object progress = new Object();
    private long settled;
    private volatile String lastError;
    // writer thread only: whether the last write failed
    private boolean failing;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread writer;
    private final ScheduledExecutorService retention;

    private VitalsHistoryStore(Database db, Options options) {
        this.db = db;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = new Thread(this::writeLoop, "nexus-vitals-writer");
        writer.setDaemon(true);
        writer.start();
        if (options.retentionInterval().isZero()) {
            retention = null;
        } else {
            retention = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nexus-vitals-retention");
                t.setDaemon(true);
                return t;
            });
            long every = options.retentionInterval().toMillis();
            retention.scheduleWithFixedDelay(this::scheduledRetention, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Connects, migrates the schema and starts the writer.
     *
     * @param config the database and its timeouts and pool size
     * @param options retention windows, queue and batch sizes, clock
     * @return the open store, its writer running; close it to stop the writer
     * @throws VitalsHistoryException naming the database (never the password) when it cannot be
     *                                reached within {@link JdbcConfig#connectTimeout()} or migrated
     */
    public static VitalsHistoryStore open(JdbcConfig config, Options options) {
        Objects.requireNonNull(options, "options");
        return new VitalsHistoryStore(Database.open(Objects.requireNonNull(config, "config"), "nexus-vitals",
                VitalsHistoryException::new), options);
    }

    /**
     * {@link #open(JdbcConfig, Options)} with {@link Options#defaults()}.
     *
     * @param config the database and its timeouts and pool size
     * @return the open store, its writer running; close it to stop the writer
     */
    public static VitalsHistoryStore open(JdbcConfig config) {
        return open(config, Options.defaults());
    }

    /**
     * Queues every value of {@code observation} for writing; never blocks.
     *
     * @param observation the observation; each value it carries is one reading
     * @return how many of its values were queued; the others were dropped (queue full) and counted
     */
    public int record(Observation observation) {
        int queued = 0;
        for (Map.Entry<Vital, Double> v : observation.values().entrySet()) {
            if (record(observation.patientId(), v.getKey(), observation.timestamp(), v.getValue())) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Queues one reading for writing; never blocks.
     *
     * @param patientId the patient; not {@code null}
     * @param vital the vital; not {@code null}
     * @param at when it was measured; not {@code null}
     * @param value the value, in the vital's unit ({@link Vital#unit()}); finite
     * @return whether it was queued; {@code false} when the queue was full (it is counted as dropped)
     * @throws IllegalArgumentException if the value is not finite
     * @throws IllegalStateException    after {@link #close()}
     */
    public boolean record(String patientId, Vital vital, Instant at, double value) {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(vital, "vital");
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(vital.fieldName() + " of " + patientId + " at " + at
                    + " must be a finite number, but was " + value);
        }
        if (closing.getCount() == 0) {
            throw new IllegalStateException("vitals history store is closed");
        }
        if (queue.offer(new Reading(patientId, vital, at, value))) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /**
     * What the writer has done.
     *
     * @return what the writer has done
     */
    public Stats stats() {
        return new Stats(queue.size(), written.get(), dropped.get(), failedBatches.get(), lastError);
    }

    /**
     * Waits until every reading queued before this call is written (or dropped), at most {@code timeout}.
     *
     * @param timeout the longest to wait
     * @return whether they all were
     * @throws InterruptedException if interrupted while waiting; the queued readings are still written
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (settled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    private void writeLoop() {
        List<Reading> batch = new ArrayList<>(options.batchSize());
        try {
            while (true) {
                if (batch.isEmpty()) {
                    Reading first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing.getCount() == 0) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, options.batchSize() - 1);
                }
                if (write(batch)) {
                    settle(batch.size());
                    batch.clear();
                } else if (closing.await(db.config().retryInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    return; // closing while the database is down: close() counts what is left
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!batch.isEmpty()) {
                dropped.addAndGet(batch.size());
                settle(batch.size());
            }
        }
    }

    /** Writes one batch; false when it should be retried (the database is away or slow). */
    private boolean write(List<Reading> batch) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Reading r : batch) {
                    ps.setString(1, r.patientId());
                    ps.setString(2, r.vital().fieldName());
                    ps.setObject(3, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
                    ps.setDouble(4, r.value());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            written.addAndGet(batch.size());
            if (failing) {
                log.info("vitals history: {} answers again", db.describe());
                failing = false;
            }
            return true;
        } catch (SQLException e) {
            failedBatches.incrementAndGet();
            lastError = e.getMessage() + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
            if (Database.isTransient(e)) {
                // Once per outage at WARN; every retry at DEBUG.
                if (!failing) {
                    log.warn("vitals history: writing {} readings to {} failed ({}); retrying every {}, readings queue "
                            + "up to {} and are dropped (counted) beyond", batch.size(), db.describe(), lastError,
                            db.config().retryInterval(), options.queueCapacity());
                } else {
                    log.debug("vitals history: retry failed: {}", lastError);
                }
                failing = true;
                return false;
            }
            log.error("vitals history: the database {} refused a batch of {} readings; they are dropped: {}",
                    db.describe(), batch.size(), lastError);
            dropped.addAndGet(batch.size());
            return true;
        }
    }

    private void settle(int n) {
        synchronized (progress) {
            settled += n;
            progress.notifyAll();
        }
    }

    /**
     * The history of {@code patientId} in {@code [from, to)}, every vital, ordered by time then vital.
     *
     * @param patientId the patient
     * @param from the start, inclusive
     * @param to the end, exclusive
     * @param resolution raw readings where still kept, or minute aggregates throughout
     * @return the points, ordered by time then vital; empty when there are none
     * @throws VitalsHistoryException if the database cannot be queried
     */
    public List<VitalPoint> history(String patientId, Instant from, Instant to, Resolution resolution) {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(resolution, "resolution");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, but from was " + from + " and to was " + to);
        }
        try (Connection c = db.connection()) {
            TreeMap<String, VitalPoint> points = new TreeMap<>();
            // Minutes folded by retention: always aggregates.
            try (PreparedStatement ps = c.prepareStatement(STORED_MINUTES)) {
                bindRange(ps, patientId, from.truncatedTo(ChronoUnit.MINUTES), to);
                collect(ps, points);
            }
            try (PreparedStatement ps = c.prepareStatement(resolution == Resolution.MINUTE ? MINUTES_OF_READINGS
                    : READINGS)) {
                bindRange(ps, patientId, from, to);
                collect(ps, points);
            }
            return List.copyOf(points.values());
        } catch (SQLException e) {
            throw new VitalsHistoryException("cannot read the vitals history of " + patientId + " from "
                    + db.describe(), e);
        }
    }

    static void bindRange(PreparedStatement ps, String patientId, Instant from, Instant to) throws SQLException {
        ps.setString(1, patientId);
        ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }

    /** Adds the rows as points keyed by time and vital; a late reading's minute merges into a folded one. */
    private static void collect(PreparedStatement ps, TreeMap<String, VitalPoint> points) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Vital vital = Vital.parse(rs.getString("vital"));
                Instant at = rs.getObject("minute", OffsetDateTime.class).toInstant();
                VitalPoint p = new VitalPoint(vital, at, rs.getDouble("median"), rs.getDouble("min"),
                        rs.getDouble("max"), rs.getInt("count"));
                points.merge(String.format("%020d%09d%s", at.getEpochSecond(), at.getNano(), vital.name()), p,
                        VitalsHistoryStore::merge);
            }
        }
    }

    private static VitalPoint merge(VitalPoint a, VitalPoint b) {
        return new VitalPoint(a.vital(), a.at(), a.count() >= b.count() ? a.median() : b.median(),
                Math.min(a.min(), b.min()), Math.max(a.max(), b.max()), a.count() + b.count());
    }

    /**
     * Folds raw readings older than the raw window into minute aggregates and deletes them, and
     * deletes aggregates older than the aggregate window, in one transaction.
     *
     * @param now the current time (the monitor's clock)
     * @return how many minute aggregates were written and how many readings and aggregates were deleted
     * @throws VitalsHistoryException if the database fails; nothing was changed then
     */
    public Retention runRetention(Instant now) {
        Instant cutoff = now.minus(options.rawRetention()).truncatedTo(ChronoUnit.MINUTES);
        Instant oldest = now.minus(options.aggregateRetention());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement();
                 PreparedStatement fold = c.prepareStatement("INSERT INTO vital_minute (patient_id, vital, minute, "
                         + "median, min, max, count) SELECT patient_id, vital, date_trunc('minute', at), "
                         + "percentile_cont(0.5) WITHIN GROUP (ORDER BY value), min(value), max(value), count(*) "
                         + "FROM vital_reading WHERE at < ? GROUP BY 1, 2, 3 "
                         + "ON CONFLICT (patient_id, minute, vital) DO UPDATE SET "
                         + "median = CASE WHEN EXCLUDED.count > vital_minute.count THEN EXCLUDED.median "
                         + "ELSE vital_minute.median END, min = LEAST(vital_minute.min, EXCLUDED.min), "
                         + "max = GREATEST(vital_minute.max, EXCLUDED.max), count = vital_minute.count + EXCLUDED.count");
                 PreparedStatement deleteRaw = c.prepareStatement("DELETE FROM vital_reading WHERE at < ?");
                 PreparedStatement deleteOld = c.prepareStatement("DELETE FROM vital_minute WHERE minute < ?")) {
                // The job's statements may take longer than a write: their own timeout, for this transaction only.
                st.execute("SET LOCAL statement_timeout = " + options.retentionTimeout().toMillis());
                fold.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                long minutes = fold.executeUpdate();
                deleteRaw.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                long readings = deleteRaw.executeUpdate();
                deleteOld.setObject(1, OffsetDateTime.ofInstant(oldest, ZoneOffset.UTC));
                long old = deleteOld.executeUpdate();
                c.commit();
                return new Retention(minutes, readings, old);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new VitalsHistoryException("the vitals history retention at " + now + " failed on " + db.describe(), e);
        }
    }

    private void scheduledRetention() {
        try {
            Retention r = runRetention(options.clock().instant());
            log.debug("vitals history retention: {}", r);
        } catch (RuntimeException e) {
            log.error("vitals history: the retention job failed; it runs again in {}", options.retentionInterval(), e);
        }
    }

    /**
     * Stops taking readings, writes what is queued (waiting at most the statement timeout plus the
     * connect timeout when the database does not answer), and releases the pool. Readings that could
     * not be written are counted as dropped. Idempotent.
     */
    @Override
    public void close() {
        if (closing.getCount() == 0) {
            return;
        }
        closing.countDown();
        if (retention != null) {
            retention.shutdownNow();
        }
        try {
            writer.join(db.config().statementTimeout().plus(db.config().connectTimeout()).toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            dropped.addAndGet(left);
            log.error("vitals history: {} readings could not be written to {} before close", left, db.describe());
        }
        db.close();
    }
}
