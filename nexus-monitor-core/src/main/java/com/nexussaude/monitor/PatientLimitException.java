package com.nexussaude.monitor;

/**
 * An observation of a new patient rejected because the monitor already monitors as many patients as
 * {@link VitalMonitor.Builder#maxPatients(int)} allows. Its {@link #field()} is {@code patient_id} and
 * its {@link #value()} the patient's id. Patients already monitored keep flowing; a slot frees when a
 * patient is discharged ({@link VitalMonitor#discharge}) or released after
 * {@link VitalMonitor.Builder#idlePatientRelease(java.time.Duration)} without a reading.
 *
 * @since 0.3
 */
public class PatientLimitException extends InvalidObservationException {
    private static final long serialVersionUID = 1L;

    /** The {@code maxPatients} limit that was reached. */
    private final int limit;

    /**
     * An exception whose message names the patient, the limit and what to do.
     *
     * @param patientId the id of the new patient whose observation was rejected
     * @param limit     the {@link VitalMonitor.Builder#maxPatients(int)} limit reached, {@code >= 1}
     */
    public PatientLimitException(String patientId, int limit) {
        super("patient_id", patientId, "one of at most " + limit + " patients monitored at once",
                "patient_id '" + patientId + "' is not monitored: the monitor already monitors " + limit
                        + " patients, its maxPatients limit (VitalMonitor.Builder.maxPatients); discharge patients"
                        + " whose monitoring ended, or raise the limit");
        this.limit = limit;
    }

    /**
     * The limit that was reached.
     *
     * @return the limit that was reached
     */
    public int limit() {
        return limit;
    }
}
