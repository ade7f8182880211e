package com.nexussaude.monitor.fhir;

import java.util.Map;
import java.util.Set;

/**
 * The Observation codes read as vital signs: LOINC (the R4 vital-signs profiles) and IEEE 11073
 * MDC (as PoCD and PHD devices add them). The README's table is this table.
 */
final class FhirCodes {
    static final String LOINC = "http://loinc.org";
    static final String MDC = "urn:iso:std:iso:11073:10101";
    static final String UCUM = "http://unitsofmeasure.org";

    private static final Map<String, VitalKind> BY_LOINC = Map.ofEntries(
            Map.entry("8867-4", VitalKind.HEART_RATE),
            Map.entry("2708-6", VitalKind.SPO2),
            Map.entry("59408-5", VitalKind.SPO2),
            Map.entry("9279-1", VitalKind.RESPIRATORY_RATE),
            Map.entry("8480-6", VitalKind.SYSTOLIC_BP),
            Map.entry("8462-4", VitalKind.DIASTOLIC_BP),
            Map.entry("8478-0", VitalKind.MEAN_BP),
            Map.entry("8310-5", VitalKind.TEMPERATURE));

    private static final Map<String, VitalKind> BY_MDC = Map.ofEntries(
            Map.entry("147842", VitalKind.HEART_RATE),
            Map.entry("149530", VitalKind.PULSE_RATE),
            Map.entry("149546", VitalKind.PULSE_RATE),
            Map.entry("149522", VitalKind.PULSE_RATE),
            Map.entry("149514", VitalKind.PULSE_RATE),
            Map.entry("150456", VitalKind.SPO2),
            Map.entry("150324", VitalKind.SPO2),
            Map.entry("151562", VitalKind.RESPIRATORY_RATE),
            Map.entry("151578", VitalKind.RESPIRATORY_RATE),
            Map.entry("151570", VitalKind.RESPIRATORY_RATE),
            Map.entry("151594", VitalKind.RESPIRATORY_RATE),
            Map.entry("151658", VitalKind.RESPIRATORY_RATE),
            Map.entry("150021", VitalKind.SYSTOLIC_BP),
            Map.entry("150022", VitalKind.DIASTOLIC_BP),
            Map.entry("150023", VitalKind.MEAN_BP),
            Map.entry("150033", VitalKind.SYSTOLIC_BP),
            Map.entry("150034", VitalKind.DIASTOLIC_BP),
            Map.entry("150035", VitalKind.MEAN_BP),
            Map.entry("150364", VitalKind.TEMPERATURE),
            Map.entry("188424", VitalKind.TEMPERATURE),
            Map.entry("188452", VitalKind.TEMPERATURE),
            Map.entry("188420", VitalKind.TEMPERATURE),
            Map.entry("150392", VitalKind.TEMPERATURE),
            Map.entry("150368", VitalKind.TEMPERATURE));

    /** Blood-pressure panels: the values are in {@code component}. 55284-4 is the pre-R4 LOINC panel. */
    static final Set<String> BP_PANEL_LOINC = Set.of("85354-9", "55284-4");
    static final Set<String> BP_PANEL_MDC = Set.of("150020", "150032");
    /** The vital-signs panel: no value, its members are Observations of their own ({@code hasMember}). */
    static final String VITALS_PANEL_LOINC = "85353-1";

    private FhirCodes() {
    }

    static VitalKind vital(String system, String code) {
        if (code == null) {
            return null;   // the immutable maps refuse null keys
        }
        if (LOINC.equals(system)) {
            return BY_LOINC.get(code);
        }
        if (MDC.equals(system)) {
            return BY_MDC.get(code);
        }
        return null;
    }

    static boolean isBpPanel(String system, String code) {
        return code != null && (LOINC.equals(system) && BP_PANEL_LOINC.contains(code) || MDC.equals(system) && BP_PANEL_MDC.contains(code));
    }

    static String label(String system) {
        return LOINC.equals(system) ? "LOINC" : MDC.equals(system) ? "MDC" : system;
    }
}
