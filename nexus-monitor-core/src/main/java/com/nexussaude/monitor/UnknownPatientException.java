package com.nexussaude.monitor;

/**
 * An observation of a patient nobody registered, rejected under {@link UnknownPatientPolicy#REJECT}.
 * Its {@link #field()} is {@code patient_id} and its {@link #value()} the unknown id.
 *
 * @since 0.2
 */
public class UnknownPatientException extends InvalidObservationException {
    private static final long serialVersionUID = 1L;

    /**
     * An observation of {@code patientId}, who is not registered.
     *
     * @param patientId the unknown patient id
     */
    public UnknownPatientException(String patientId) {
        super("patient_id", patientId, "a registered patient",
                "patient_id '" + patientId + "' is not registered (unknown patients are rejected: register it with"
                        + " VitalMonitor.register first)");
    }
}
