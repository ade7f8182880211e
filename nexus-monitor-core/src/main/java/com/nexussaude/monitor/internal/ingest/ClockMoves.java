package com.nexussaude.monitor.internal.ingest;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.LateObservationException;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.paging.Notifier;
import com.nexussaude.monitor.internal.state.PatientReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The monitor clock's moves and the deadlines they reach: the clock for an observation (late and early checks, the
 * event-time jump confirmed by a second reading), {@code advanceTo}, the live ticker; on the way every timer due
 * fires at its own time (Esper's schedules, the lifecycle's holds and ttls, the minutes the clock closed, idle
 * patients' release, paging's due work), and at the clock's first time what a restore left to do.
 *
 * <p>Every method runs under the engine lock, on the thread that holds it: the host's {@code submit} and
 * {@code advanceTo}, the live ticker, or the building thread (live start).
 */
final class ClockMoves {
    /** The longest gap in event time whose timers fire one by one at their due times (see moveThroughTimers). */
    static final long MAX_STEPPED_GAP_MS = Duration.ofDays(1).toMillis();

    private final MonitorClock clock;
    /** The monitor clock: the one answer to "what time is it"; guarded by the engine lock. */
    private final MonitorTime time;
    private final EPEventService events;
    private final AlertBook book;
    private final PatientReadings readings;
    private final PatientReadings.WardLookup wardLookup;
    private final PatientRelease patientRelease;
    private final PagingFeedback pagingFeedback;
    /** Paging's notifier, or null for a monitor without paging. */
    private final Notifier notifier;
    private final RestoredWatches restoredWatches;
    /** The engine's warm-up flag (changed only under the lock). */
    private final BooleanSupplier warmingUp;
    /** The engine's counters of rejected and of late observations (a late one counts in both). */
    private final AtomicLong rejected;
    private final AtomicLong late;
    private final long latenessMs;
    private final long futureMs;
    /** Release a patient after this long without a reading (ms); {@code Long.MAX_VALUE}: never. */
    private volatile long idleReleaseMs = Long.MAX_VALUE;
    private volatile long eventFutureMs = Long.MAX_VALUE;
    /**
     * Event time: the last observation rejected as too far ahead, with none accepted since
     * ({@link #hasAheadCandidate}); guarded by engineLock.
     */
    private long aheadCandidate;
    private boolean hasAheadCandidate;

    ClockMoves(MonitorClock clock, MonitorTime time, long latenessMs, long futureMs, EPEventService events,
               AlertBook book, PatientReadings readings, PatientReadings.WardLookup wardLookup,
               PatientRelease patientRelease, PagingFeedback pagingFeedback, RestoredWatches restoredWatches,
               BooleanSupplier warmingUp, AtomicLong rejected, AtomicLong late) {
        this.clock = clock;
        this.time = time;
        this.latenessMs = latenessMs;
        this.futureMs = futureMs;
        this.events = events;
        this.book = book;
        this.readings = readings;
        this.wardLookup = wardLookup;
        this.patientRelease = patientRelease;
        this.pagingFeedback = pagingFeedback;
        this.notifier = pagingFeedback.notifier();
        this.restoredWatches = restoredWatches;
        this.warmingUp = warmingUp;
        this.rejected = rejected;
        this.late = late;
    }

    /** Release a patient after this long without a reading (ms); {@code Long.MAX_VALUE}: never. Set once, at build. */
    void idleReleaseMs(long ms) {
        this.idleReleaseMs = ms;
    }

    /** The idle time after which a patient is released (ms; {@code Long.MAX_VALUE}: never), for the warm-up horizon. */
    long idleReleaseMs() {
        return idleReleaseMs;
    }

    /** Event time: how far ahead of the monitor clock an observation may be (ms). Set once, at build. */
    void eventFutureMs(long ms) {
        this.eventFutureMs = ms;
    }

    /** Moves the engine clock for an observation at {@code ts}, or rejects it as late/early. Under the lock. */
    long advanceFor(long ts) {
        if (clock instanceof MonitorClock.Live live) {
            long wall = live.clock().millis();
            if (ts > wall + futureMs) {
                throw reject(new LateObservationException(Instant.ofEpochMilli(ts), "at most " + Duration.ofMillis(futureMs)
                        + " ahead of the monitor clock (" + Instant.ofEpochMilli(wall) + ")", "timestamp "
                        + Instant.ofEpochMilli(ts) + " is " + Duration.ofMillis(ts - wall) + " ahead of the monitor clock "
                        + Instant.ofEpochMilli(wall) + "; the allowed clock skew is " + Duration.ofMillis(futureMs)));
            }
            moveTo(time.hasStarted() ? Math.max(wall, time.now()) : wall);
        } else if (time.isAhead(ts)) {
            if (time.hasStarted() && ts - time.now() > eventFutureMs) {
                long engineTime = time.now();
                // One reading far ahead (a device with a wrong clock) must not move the clock: every later valid
                // reading of every patient would be late. Two in a row that agree are the data moving on after a gap.
                boolean confirmed = hasAheadCandidate && Math.abs(ts - aheadCandidate) <= eventFutureMs;
                if (!confirmed) {
                    aheadCandidate = ts;
                    hasAheadCandidate = true;
                    throw reject(new LateObservationException(Instant.ofEpochMilli(ts), "at most "
                            + Duration.ofMillis(eventFutureMs) + " ahead of the monitor clock (" + Instant.ofEpochMilli(engineTime)
                            + ")", "timestamp " + Instant.ofEpochMilli(ts) + " is " + Duration.ofMillis(ts - engineTime)
                            + " ahead of the monitor clock " + Instant.ofEpochMilli(engineTime)
                            + "; the event-time future tolerance is " + Duration.ofMillis(eventFutureMs)
                            + " (the clock jumps only when the next observation agrees with it)"));
                }
            }
            hasAheadCandidate = false;
            moveThroughTimers(ts);
            return time.now();
        }
        hasAheadCandidate = false;
        long engineTime = time.now();
        if (ts < engineTime - latenessMs) {
            throw reject(new LateObservationException(Instant.ofEpochMilli(ts), "no earlier than "
                    + Instant.ofEpochMilli(engineTime - latenessMs), "timestamp " + Instant.ofEpochMilli(ts) + " is "
                    + Duration.ofMillis(engineTime - ts) + " behind the monitor clock " + Instant.ofEpochMilli(engineTime)
                    + "; the allowed lateness is " + Duration.ofMillis(latenessMs)));
        }
        return engineTime;
    }

    private LateObservationException reject(LateObservationException e) {
        rejected.incrementAndGet();
        late.incrementAndGet();
        return e;
    }

    private void moveTo(long t) {
        if (time.moveTo(t)) {
            events.advanceTime(t);
        }
    }

    /**
     * Event time: moves the clock to {@code t} through every timer due on the way, each fired at its
     * own due time (Esper's schedules, the lifecycle's holds and ttls, the minute summaries, escalation
     * steps), so a timer due in a gap of one patient's data carries its due time whatever else the
     * input holds. A single jump would fire them all at {@code t}, stamped with the next observation's
     * time. The first observation jumps: nothing ran before it. Under the lock.
     */
    private void moveThroughTimers(long t) {
        if (time.hasStarted()) {
            // Periodic timers (the 5-s signal-loss scan) would take millions of steps across a gap of
            // years (files of different recordings replayed together), re-signalling the same alerts at
            // every step. Past a day the gap is a discontinuity: timers due in its first day fire at their
            // due time, the rest once, at t.
            long stepUntil = Math.min(t, time.now() + MAX_STEPPED_GAP_MS);
            long next;
            while ((next = nextTimerAt()) <= stepUntil) {
                moveTo(next);
                book.advance(next);
                readings.sweep(next, wardLookup);
                releaseIdle(next);
                runNotifications(next);
            }
        }
        moveTo(t);
    }

    /** The earliest time after the clock at which a timer is due, or {@code Long.MAX_VALUE}. Under the lock. */
    private long nextTimerAt() {
        Long esper = events.getNextScheduledTime();
        long next = after(esper == null ? Long.MAX_VALUE : esper, Long.MAX_VALUE);
        if (!warmingUp.getAsBoolean()) { // the lifecycle's timers wait for the end of the warm-up
            next = after(book.nextDue(), next);
        }
        next = after(readings.nextSweepAt(), next);
        next = after(readings.nextIdleAt(idleReleaseMs), next);
        return notifier == null || warmingUp.getAsBoolean() ? next : after(notifier.nextEscalationAt(), next);
    }

    /**
     * The earlier of a deadline and {@code next}, ignoring a deadline at or before the clock: what was due
     * then ran with the clock (a stale one would otherwise move time by a millisecond at a time).
     */
    private long after(long deadline, long next) {
        return time.isAhead(deadline) && deadline < next ? deadline : next;
    }

    /** Event time: moves the clock forward without an observation (fires timers). Under the lock. */
    void advanceTo(Instant t) {
        if (t.isBefore(Observation.EARLIEST_TIMESTAMP) || t.isAfter(Observation.LATEST_TIMESTAMP)) {
            throw new IllegalArgumentException("time must be within " + Observation.EARLIEST_TIMESTAMP + ".."
                    + Observation.LATEST_TIMESTAMP + ", but was " + t);
        }
        long ms = t.toEpochMilli();
        hasAheadCandidate = false;
        if (time.hasStarted() && ms < time.now()) {
            throw new IllegalArgumentException("time must not move backwards: " + t + " is before the monitor clock "
                    + Instant.ofEpochMilli(time.now()));
        }
        moveThroughTimers(ms);
        clockStarted();
        runDeadlines(time.now());
    }

    /** Live: advances the engine to the clock's time. The ticker's tick, under the lock. */
    void tick(MonitorClock.Live live) {
        moveTo(live.clock().millis());
        runDeadlines(time.now());
    }

    /**
     * After the clock moved without an observation (advanceTo, the live ticker): the lifecycle's deadlines, the
     * minutes the clock closed, idle patients' release, then paging. Under the lock.
     */
    private void runDeadlines(long now) {
        book.advance(now);
        readings.sweep(now, wardLookup);
        releaseIdle(now);
        runNotifications(now);
    }

    /** Releases the patients idle by {@code now} ({@link PatientRelease#releaseIdle}). Under the lock. */
    void releaseIdle(long now) {
        patientRelease.releaseIdle(now, idleReleaseMs);
    }

    /** Under the lock: paging's due work and feedback ({@link PagingFeedback#runNotifications}). */
    private void runNotifications(long now) {
        pagingFeedback.runNotifications(now);
    }

    /**
     * Once the clock has a time (a live monitor at its start, an event-time one at its first move): what a
     * restore left to do at that time. Under the lock.
     */
    void clockStarted() {
        if (warmingUp.getAsBoolean()) {
            return; // the warm-up rebuilds the watches; restored pages wait for the end of it
        }
        restoredWatches.arm();
        if (notifier != null && time.hasStarted()) {
            notifier.resubmitRestored(time.now());
        }
    }
}
