package com.nexussaude.monitor;

import java.util.List;

/**
 * What {@link VitalMonitor#submitAndReport} (and {@link VitalMonitor#submitFields}) accepted of an
 * observation: everything but {@link #rejectedValues()} and {@link #unknownFields()}.
 *
 * @param rejectedValues values outside what a real measurement can be, each rejected alone (the
 *                       observation's other values were monitored)
 * @param unknownFields  field names the contract does not know, not monitored ({@code submitFields} only)
 * @param knownPatient   whether the patient was registered (see {@link UnknownPatientPolicy})
 * @since 0.2
 */
public record SubmitResult(List<RejectedValue> rejectedValues, List<RejectedValue> unknownFields, boolean knownPatient) {
    /**
     * Copies both lists.
     *
     * @param rejectedValues values outside what a real measurement can be, each rejected alone (the
     *     observation's other values were monitored)
     * @param unknownFields field names the contract does not know, not monitored ({@code submitFields} only)
     * @param knownPatient whether the patient was registered (see {@link UnknownPatientPolicy})
     */
    public SubmitResult {
        rejectedValues = List.copyOf(rejectedValues);
        unknownFields = List.copyOf(unknownFields);
    }

    /**
     * Whether every value and field was accepted.
     *
     * @return whether every value and field was accepted
     */
    public boolean complete() {
        return rejectedValues.isEmpty() && unknownFields.isEmpty();
    }
}
