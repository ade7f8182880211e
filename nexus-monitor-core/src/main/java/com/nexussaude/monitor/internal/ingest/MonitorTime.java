package com.nexussaude.monitor.internal.ingest;

import java.util.OptionalLong;

/**
 * What time it is in the monitor: the one place that answers it. A live monitor has a time from its start (its
 * clock); an event-time monitor only from its first observation or {@code advanceTo}, since event time comes from
 * the data. Before that, {@link #hasStarted()} is false and {@link #now()} refuses: there is no magic value for
 * "no time yet" to compare against. Under the engine lock (CONCURRENCY.md).
 */
final class MonitorTime {
    /**
     * The stamp of what a new event-time monitor records before it has any time (a person's call before the
     * first observation or {@code advanceTo}): the epoch. There is no better time to give it: event time comes
     * from the data only.
     */
    static final long NO_TIME_YET = 0;

    /** The last time of the restored journal, empty for a new journal (a restored monitor resumes its history there). */
    private final OptionalLong restoredUntil;
    private boolean started;
    private long now;

    MonitorTime(OptionalLong restoredUntil) {
        this.restoredUntil = restoredUntil;
    }

    /** Whether the clock has a time: a live monitor always, an event-time one after its first move. */
    boolean hasStarted() {
        return started;
    }

    /** The monitor clock in epoch ms; only once it {@link #hasStarted()}. */
    long now() {
        if (!started) {
            throw new IllegalStateException("the monitor clock has no time yet");
        }
        return now;
    }

    /** Whether {@code t} is later than the clock (every time is, before the clock starts). */
    boolean isAhead(long t) {
        return !started || t > now;
    }

    /** Moves the clock to {@code t} if that is ahead of it (starting it); whether it moved. */
    boolean moveTo(long t) {
        if (!isAhead(t)) {
            return false;
        }
        started = true;
        now = t;
        return true;
    }

    /** Whether there is a time to stamp a record with: the clock's, or the restored journal's last. */
    boolean canStamp() {
        return started || restoredUntil.isPresent();
    }

    /**
     * What every record and transition is stamped with: the clock; before an event-time clock has a time, the
     * last time of the restored journal, or {@link #NO_TIME_YET} for a new monitor that has seen nothing.
     */
    long stamp() {
        return started ? now : restoredUntil.orElse(NO_TIME_YET);
    }
}
