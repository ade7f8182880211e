package com.nexussaude.monitor.journal;

import java.util.List;

/**
 * The durable history of the alert lifecycle: every alert transition, incident change,
 * suppression, silence and notification delivery attempt, appended in order with its time, actor
 * and reason. It answers "what happened to this patient, this alert, this incident, last night",
 * and on restart it gives the lifecycle back everything it needs to rebuild its state.
 *
 * <p>Lifecycle of a journal: {@link #recover()} exactly once, then any number of
 * {@link #append(JournalRecord)} and {@link #query(JournalQuery)} calls, then {@link #close()}.
 *
 * <p>Implementations shipped: {@link FileJournal} (durable, one JSON line per record) and
 * {@link InMemoryJournal} (tests; hosts that do not want durability). A host that keeps its audit
 * trail in its own database implements this interface; {@code nexus-monitor-core/JOURNAL.md} says how.
 *
 * <p><b>Contract for implementations.</b>
 * <ul>
 *   <li>{@code query} may run concurrently with {@code append} from another thread, and sees each
 *       record either completely or not at all.</li>
 *   <li>{@code append} returns only once the record is as durable as the implementation documents.</li>
 *   <li>{@code append} and {@code query} before {@code recover}, a second {@code recover}, and any call
 *       but {@code close} after {@code close} throw {@link IllegalStateException}.</li>
 *   <li>{@code append} rejects a record whose {@code seq} is not greater than the last one
 *       (recovered or appended) with {@link IllegalArgumentException}, and the journal stays usable.</li>
 *   <li>{@code close} is idempotent.</li>
 * </ul>
 *
 * @since 0.1
 */
public interface AlertJournal extends AutoCloseable {

    /**
     * Reads back every valid record in order, for the lifecycle to replay, and reports bad data.
     * Called once, before the first append. A durable implementation also repairs what it can (for
     * example cuts off a record half-written by a crash) so that later appends start clean; it
     * never silently drops a record.
     *
     * @return the valid records and the problems found
     * @throws IllegalStateException if called twice or after {@link #close()}
     * @throws JournalException      if the store cannot be read or repaired
     */
    Recovery recover();

    /**
     * Appends one record. Returns once the record is as durable as the implementation's documented
     * policy and visible to {@link #query(JournalQuery)}.
     *
     * @param record the record; its {@code seq} must be greater than every earlier one
     * @throws IllegalArgumentException if {@code record.seq()} is not greater than the last seq
     * @throws IllegalStateException    before {@link #recover()} or after {@link #close()}
     * @throws JournalException         on I/O failure (names the file and the cause)
     */
    void append(JournalRecord record);

    /**
     * The records matching {@code query}, in journal order, at most {@code query.limit()} of them.
     * Safe to call while another thread appends.
     *
     * @param query the criteria; {@link JournalQuery#all()} for everything
     * @return an unmodifiable list, possibly empty
     * @throws IllegalStateException before {@link #recover()} or after {@link #close()}
     * @throws JournalException      on I/O failure
     */
    List<JournalRecord> query(JournalQuery query);

    /**
     * Whether every record this journal accepted is stored as durably as it documents. A journal that,
     * when its store fails, keeps a record in a buffer and returns from {@link #append} (instead of
     * throwing) reports it here while records wait; the monitor then treats the journal as failing
     * exactly as when {@code append} throws: it raises the {@code journal-failed} technical alert,
     * {@code VitalMonitor.journalHealthy()} is false and {@code journalBacklog()} counts the waiting
     * records, and all of it clears once the journal reports healthy again.
     *
     * <p>The monitor calls this as each of its calls ends, under its lock, and from health checks on
     * any thread: answer at once from memory, never wait for I/O, never throw (also after
     * {@link #close()}).
     *
     * @return {@link JournalHealth#HEALTHY} by default: a journal whose {@code append} throws when it
     *         cannot store a record has nothing else to report
     * @since 0.3
     */
    default JournalHealth journalHealth() {
        return JournalHealth.HEALTHY;
    }

    /**
     * Makes everything appended durable, releases the store and makes further calls fail with
     * {@link IllegalStateException}. Idempotent.
     *
     * @throws JournalException if the final flush fails (the store is released anyway)
     */
    @Override
    void close();
}
