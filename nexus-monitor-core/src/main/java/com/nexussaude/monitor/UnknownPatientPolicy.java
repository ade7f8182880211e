package com.nexussaude.monitor;

/**
 * What the monitor does with an observation of a patient nobody {@linkplain VitalMonitor#register registered}
 * (or who was discharged): a typo'd id such as {@code bed-404} would otherwise be monitored, and paged,
 * as if it were a real bed. Set with {@link VitalMonitor.Builder#unknownPatients}; the default is
 * {@link #WARN}.
 *
 * @since 0.2
 */
public enum UnknownPatientPolicy {
    /** Monitor it like a registered patient, without a word (replays of files that register nobody). */
    ACCEPT,
    /**
     * Monitor it, and log a warning once per unknown id; {@link MonitorStats#unknownPatients()} counts the
     * ids. The default: a hospital hears of a wrong id without losing the readings of a real patient whose
     * registration is late.
     */
    WARN,
    /**
     * Reject the observation with an {@link UnknownPatientException} (an {@link InvalidObservationException}
     * naming {@code patient_id}), counted in {@link MonitorStats#rejected()}; nothing of it is monitored.
     */
    REJECT
}
