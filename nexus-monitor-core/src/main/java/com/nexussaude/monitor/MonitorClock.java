package com.nexussaude.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one clock every time-based behaviour of a monitor reads: persistence delays, rule windows,
 * staleness, alert resolution.
 *
 * <ul>
 *   <li>{@link #eventTime()}: time is the largest observation timestamp seen so far (or a later
 *   time given to {@link VitalMonitor#advanceTo}). A replay is deterministic and runs as fast as the
 *   CPU allows. A timer due between two observations fires when the next one (or {@code advanceTo})
 *   moves the clock past it, at its due time and stamped with it, whatever else the input holds; a timer
 *   due after the last observation fires only if the clock is advanced (see {@link VitalMonitor#advanceTo}).</li>
 *   <li>{@link #live()}: time is wall time from a {@link Clock}; a background ticker advances the
 *   engine every {@code tickInterval} so timers fire when no data arrives.</li>
 * </ul>
 *
 * @since 0.1
 */
public sealed interface MonitorClock permits MonitorClock.EventTime, MonitorClock.Live {

    /**
     * Event time: the clock follows the observations' timestamps.
     *
     * @return event time: the clock follows the observations' timestamps
     */
    static MonitorClock eventTime() {
        return EventTime.INSTANCE;
    }

    /**
     * Live wall-clock time from the system UTC clock, ticking every second.
     *
     * @return live wall-clock time from the system UTC clock, ticking every second
     */
    static MonitorClock live() {
        return new Live(Clock.systemUTC(), Duration.ofSeconds(1));
    }

    /**
     * Live time from the given clock, ticking every {@code tickInterval}.
     *
     * @param clock the source of wall time
     * @param tickInterval how often the background ticker advances the engine when idle
     * @return live time from the given clock, ticking every {@code tickInterval}
     */
    static MonitorClock live(Clock clock, Duration tickInterval) {
        return new Live(clock, tickInterval);
    }

    /** Event-time clock; see {@link MonitorClock#eventTime()}. */
    enum EventTime implements MonitorClock {
        /** The only event-time clock: it has no state. */
        INSTANCE
    }

    /**
     * Wall-clock time; see {@link MonitorClock#live()}.
     *
     * @param clock        the source of wall time
     * @param tickInterval how often the background ticker advances the engine when idle
     */
    record Live(Clock clock, Duration tickInterval) implements MonitorClock {
        /**
         * Checks the components: a clock and a tick interval greater than zero.
         *
         * @param clock the source of wall time
         * @param tickInterval how often the background ticker advances the engine when idle
         */
        public Live {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(tickInterval, "tickInterval");
            if (tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tickInterval must be greater than 0, but was " + tickInterval);
            }
        }
    }
}
