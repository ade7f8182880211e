package com.nexussaude.monitor.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AlertJournal} that keeps its records in memory: for tests, and for hosts that do not
 * want durability. Nothing survives the process; everything else behaves as {@link FileJournal}
 * does (same ordering, seq and state checks, same query results).
 *
 * <p>To simulate a restart in a test, build a new journal from the old one's records:
 * {@code new InMemoryJournal(old.records())}; its {@link #recover()} returns them.
 *
 * <p>Thread-safe: every method may be called from any thread; {@code query} runs concurrently with
 * {@code append}. Memory grows with every record and is never released before the journal is
 * garbage collected.
 *
 * @since 0.1
 */
public final class InMemoryJournal implements AlertJournal {
    private final Object lock = new Object();
    // guarded by lock
    private final List<JournalRecord> records;
    // guarded by lock
    private boolean recovered;
    // guarded by lock
    private boolean closed;

    /** An empty journal. */
    public InMemoryJournal() {
        this.records = new ArrayList<>();
    }

    /**
     * A journal that already holds {@code initial}, which {@link #recover()} returns.
     *
     * @param initial records in strictly increasing {@code seq} order
     * @throws IllegalArgumentException if the seqs do not strictly increase
     */
    public InMemoryJournal(List<JournalRecord> initial) {
        this.records = new ArrayList<>(initial.size());
        long last = 0;
        for (JournalRecord r : initial) {
            checkSeq(Objects.requireNonNull(r, "initial contains null"), last);
            records.add(r);
            last = r.seq();
        }
    }

    /**
     * @return the records held, with no problems (memory is never corrupt)
     * @throws IllegalStateException if called twice or after {@link #close()}
     */
    @Override
    public Recovery recover() {
        synchronized (lock) {
            checkOpen();
            if (recovered) {
                throw new IllegalStateException("recover() was already called on this journal");
            }
            recovered = true;
            return new Recovery(records, List.of());
        }
    }

    /** Appends {@code record}; it is "durable" as soon as this returns, until the process ends. */
    @Override
    public void append(JournalRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (lock) {
            checkRecovered();
            checkSeq(record, lastSeq());
            records.add(record);
        }
    }

    /** The matching records, by a scan of every record held. */
    @Override
    public List<JournalRecord> query(JournalQuery query) {
        Objects.requireNonNull(query, "query");
        synchronized (lock) {
            checkRecovered();
            List<JournalRecord> out = new ArrayList<>();
            for (JournalRecord r : records) {
                if (out.size() == query.maxResults()) {
                    break;
                }
                if (query.matches(r)) {
                    out.add(r);
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * Every record held, in order, whatever the journal's state (also after {@link #close()}), so
     * that a test can build the journal of the "restarted" monitor from it.
     *
     * @return every record held, in order, whatever the journal's state (also after {@link #close()}), so
     *     that a test can build the journal of the "restarted" monitor from it
     */
    public List<JournalRecord> records() {
        synchronized (lock) {
            return List.copyOf(records);
        }
    }

    /** Marks the journal closed; the records stay readable through {@link #records()}. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryJournal[" + records.size() + " records" + (closed ? ", closed" : "") + "]";
        }
    }

    private long lastSeq() {
        return records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("journal is closed");
        }
    }

    private void checkRecovered() {
        checkOpen();
        if (!recovered) {
            throw new IllegalStateException("call recover() before append() or query()");
        }
    }

    static void checkSeq(JournalRecord record, long lastSeq) {
        if (record.seq() <= lastSeq) {
            throw new IllegalArgumentException("seq must be greater than the last seq " + lastSeq + ", but was "
                    + record.seq() + " (" + record.type() + ")");
        }
    }
}
