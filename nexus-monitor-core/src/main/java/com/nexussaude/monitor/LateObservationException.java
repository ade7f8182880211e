package com.nexussaude.monitor;

/**
 * An observation's timestamp lies too far behind the monitor clock (more than the configured
 * {@link MonitorConfig#allowedLateness()}), too far ahead of a live clock (more than
 * {@link MonitorConfig#futureTolerance()}), or too far ahead of an event-time clock (more than
 * {@link VitalMonitor.Builder#eventTimeFutureTolerance(java.time.Duration)}, since 0.3; such an
 * observation does not move the clock). The message names the timestamp, the clock and the tolerance.
 * It is rejected and counted like any invalid observation; see {@code CONCURRENCY.md} and
 * {@link VitalMonitor} for the late-data policy.
 *
 * @since 0.1
 */
public class LateObservationException extends InvalidObservationException {
    private static final long serialVersionUID = 1L;

    /**
     * A rejected late (or too early) observation; its field is {@code timestamp}.
     *
     * @param value   the observation's timestamp
     * @param allowed the window the clock accepts
     * @param message the whole message, naming the timestamp, the clock and the tolerance
     */
    public LateObservationException(Object value, String allowed, String message) {
        super("timestamp", value, allowed, message);
    }
}
