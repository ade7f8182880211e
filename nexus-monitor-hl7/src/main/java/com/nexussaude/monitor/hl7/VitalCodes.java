package com.nexussaude.monitor.hl7;

import java.util.Map;

/**
 * The OBX-3 codes read as vital signs: IEEE 11073-10101 (MDC) codes as IHE PCD-01 devices send them,
 * and LOINC codes. Matched on the numeric code, never on the reference id (vendors spell those
 * differently). The README's table is this table.
 */
final class VitalCodes {

    /** MDC codes, 32-bit form (partition 2 << 16 + term code). */
    private static final Map<Integer, VitalKind> MDC = Map.ofEntries(
            Map.entry(147842, VitalKind.HEART_RATE),        // MDC_ECG_HEART_RATE (also sent as MDC_ECG_CARD_BEAT_RATE)
            Map.entry(149530, VitalKind.PULSE_RATE),        // MDC_PULS_OXIM_PULS_RATE
            Map.entry(149546, VitalKind.PULSE_RATE),        // MDC_PULS_RATE_NON_INV
            Map.entry(149522, VitalKind.PULSE_RATE),        // MDC_BLD_PULS_RATE_INV
            Map.entry(149514, VitalKind.PULSE_RATE),        // MDC_PULS_RATE
            Map.entry(150456, VitalKind.SPO2),              // MDC_PULS_OXIM_SAT_O2
            Map.entry(150324, VitalKind.SPO2),              // MDC_SAT_O2_ART
            Map.entry(151562, VitalKind.RESPIRATORY_RATE),  // MDC_RESP_RATE
            Map.entry(151578, VitalKind.RESPIRATORY_RATE),  // MDC_TTHOR_RESP_RATE
            Map.entry(151570, VitalKind.RESPIRATORY_RATE),  // MDC_AWAY_RESP_RATE
            Map.entry(151594, VitalKind.RESPIRATORY_RATE),  // MDC_CO2_RESP_RATE
            Map.entry(151658, VitalKind.RESPIRATORY_RATE),  // MDC_PULS_OXIM_PLETH_RESP_RATE
            Map.entry(150021, VitalKind.SYSTOLIC_BP),       // MDC_PRESS_BLD_NONINV_SYS
            Map.entry(150022, VitalKind.DIASTOLIC_BP),      // MDC_PRESS_BLD_NONINV_DIA
            Map.entry(150023, VitalKind.MEAN_BP),           // MDC_PRESS_BLD_NONINV_MEAN
            Map.entry(150033, VitalKind.SYSTOLIC_BP),       // MDC_PRESS_BLD_ART_SYS (arterial line)
            Map.entry(150034, VitalKind.DIASTOLIC_BP),      // MDC_PRESS_BLD_ART_DIA
            Map.entry(150035, VitalKind.MEAN_BP),           // MDC_PRESS_BLD_ART_MEAN
            Map.entry(150364, VitalKind.TEMPERATURE),       // MDC_TEMP_BODY
            Map.entry(188424, VitalKind.TEMPERATURE),       // MDC_TEMP_ORAL
            Map.entry(188452, VitalKind.TEMPERATURE),       // MDC_TEMP_AXILLA
            Map.entry(188420, VitalKind.TEMPERATURE),       // MDC_TEMP_RECT
            Map.entry(150392, VitalKind.TEMPERATURE),       // MDC_TEMP_TYMP
            Map.entry(150368, VitalKind.TEMPERATURE));      // MDC_TEMP_CORE

    private static final int MDC_PARTITION_SCADA = 2 << 16;

    private static final Map<String, VitalKind> LOINC = Map.ofEntries(
            Map.entry("8867-4", VitalKind.HEART_RATE),
            Map.entry("2708-6", VitalKind.SPO2),
            Map.entry("59408-5", VitalKind.SPO2),
            Map.entry("9279-1", VitalKind.RESPIRATORY_RATE),
            Map.entry("8480-6", VitalKind.SYSTOLIC_BP),
            Map.entry("8462-4", VitalKind.DIASTOLIC_BP),
            Map.entry("8478-0", VitalKind.MEAN_BP),
            Map.entry("8310-5", VitalKind.TEMPERATURE));

    private VitalCodes() {
    }

    /**
     * The vital an MDC code names, in either the 32-bit form or the partition-relative term code
     * (which devices also send: 19384 is 150456 without the SCADA partition); {@code null} if none.
     */
    static VitalKind mdc(String code) {
        Integer n = parseInt(code);
        if (n == null) {
            return null;
        }
        VitalKind kind = MDC.get(n);
        return kind != null || n >= MDC_PARTITION_SCADA ? kind : MDC.get(n + MDC_PARTITION_SCADA);
    }

    /** The vital a LOINC code names, or {@code null}. */
    static VitalKind loinc(String code) {
        return code == null ? null : LOINC.get(code.trim());
    }

    static boolean isMdcSystem(String system) {
        return system != null && (system.equalsIgnoreCase("MDC") || system.equals("urn:iso:std:iso:11073:10101"));
    }

    static boolean isLoincSystem(String system) {
        return system != null && (system.equalsIgnoreCase("LN") || system.equalsIgnoreCase("LOINC"));
    }

    private static Integer parseInt(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
