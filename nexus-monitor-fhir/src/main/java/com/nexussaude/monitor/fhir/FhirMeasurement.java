package com.nexussaude.monitor.fhir;

import java.time.Instant;

/**
 * One vital-sign value read from an Observation or one of its components, already in the unit of
 * {@link VitalKind#unit()}.
 *
 * @param patientId the patient: the id of {@code subject}'s {@code Patient/<id>} reference
 * @param time      {@code effectiveDateTime}, {@code effectiveInstant} or {@code effectivePeriod.start}
 * @param kind      what was measured
 * @param value     the value, converted ({@code [degF]} to °C, {@code kPa} to mmHg)
 * @param code      the coding it was recognised by, e.g. {@code LOINC 8480-6} or {@code MDC 150456}
 * @param sentValue the quantity as sent, e.g. {@code 98.6 [degF]}
 * @param where     a FHIRPath-like location, e.g. {@code Bundle.entry[1].resource.component[0]}
 * @since 0.1
 */
public record FhirMeasurement(String patientId, Instant time, VitalKind kind, double value, String code,
                              String sentValue, String where) {
}
