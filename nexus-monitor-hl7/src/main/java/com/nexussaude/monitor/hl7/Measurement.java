package com.nexussaude.monitor.hl7;

import java.time.Instant;

/**
 * One vital-sign value read from one OBX segment, already in the unit of {@link VitalKind#unit()}.
 *
 * @param patientId the patient (PID-3, first identifier)
 * @param location  PV1-3: ward, room, bed ({@link Location#UNKNOWN} without a PV1)
 * @param time      OBX-14, or else OBR-7 of its order
 * @param kind      what was measured
 * @param value     the value, converted (°F to °C, kPa to mmHg)
 * @param code      the OBX-3 code it was recognised by, e.g. {@code MDC 150021} or {@code LN 8480-6}
 * @param sentValue OBX-5 and OBX-6 as sent, e.g. {@code 98.6 266560}
 * @param obx       which OBX of the message it came from, 1-based
 * @since 0.1
 */
public record Measurement(String patientId, Location location, Instant time, VitalKind kind, double value,
                          String code, String sentValue, int obx) {

    /**
     * The segment as people write it, e.g. {@code OBX[4]} (the 4th OBX of the message).
     *
     * @return the segment as people write it, e.g. {@code OBX[4]}
     */
    public String where() {
        return "OBX[" + obx + "]";
    }
}
