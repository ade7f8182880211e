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
 * @param rejectedValues    values rejected alone, the rest of their observation accepted (each reported
 *                          by {@link VitalMonitor#submitAndReport}; logged once per patient and field)
 * @param unknownFields     field names {@link VitalMonitor#submitFields} did not know (not monitored)
 * @param unknownPatients   distinct patient ids observed without a registration (see {@link UnknownPatientPolicy});
 *                          the latest 100,000 are remembered: an id forgotten, or released and back, counts again
 * @since 0.1
 */
public record MonitorStats(long accepted, long rejected, long late, long signals, long invalidSignals,
                           long alertsRaised, long openAlerts, long listenerFailures, long journalFailures,
                           long rejectedValues, long unknownFields, long unknownPatients) {

    /**
     * The counters of 0.1, without the input counters added in 0.2 (zero).
     *
     * @param accepted observations accepted
     * @param rejected observations rejected (invalid or late), each with an exception to its submitter
     * @param late of the rejected, how many for their timestamp
     * @param signals alert signals received from rules
     * @param invalidSignals alert signals dropped for breaking the alert contract (each logged)
     * @param alertsRaised alerts opened
     * @param openAlerts alerts open now
     * @param listenerFailures exceptions thrown by listeners (each logged)
     * @param journalFailures journal appends that failed (each logged; the event was still delivered)
     */
    public MonitorStats(long accepted, long rejected, long late, long signals, long invalidSignals, long alertsRaised,
                        long openAlerts, long listenerFailures, long journalFailures) {
        this(accepted, rejected, late, signals, invalidSignals, alertsRaised, openAlerts, listenerFailures,
                journalFailures, 0, 0, 0);
    }
}
