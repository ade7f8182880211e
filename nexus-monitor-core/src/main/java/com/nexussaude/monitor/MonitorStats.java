package com.nexussaude.monitor;

/**
 * Counters of a monitor since it was built, read with {@link VitalMonitor#stats()}.
 *
 * @param accepted          observations accepted
 * @param rejected          observations rejected (invalid or late), each with an exception to its submitter
 * @param late              of the rejected, how many for their timestamp
 * @param signals           alert signals received from rules
 * @param invalidSignals    alert signals dropped for breaking the alert contract (each logged)
 * @param alertsRaised      alerts opened
 * @param openAlerts        alerts open now
 * @param listenerFailures  exceptions thrown by listeners (each logged)
 * @param journalFailures   journal appends that failed (each logged; the event was still delivered)
 * @since 0.1
 */
public record MonitorStats(long accepted, long rejected, long late, long signals, long invalidSignals,
                           long alertsRaised, long openAlerts, long listenerFailures, long journalFailures) {
}
