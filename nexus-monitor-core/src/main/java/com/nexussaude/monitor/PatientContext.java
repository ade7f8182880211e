package com.nexussaude.monitor;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the monitor knows about a patient beyond the vital signs: the ward (whose alarm bands apply),
 * the NEWS2 SpO2 scale, and per-patient alarm band overrides set by a clinician. Registering a
 * patient is optional: an unknown patient has no ward, SpO2 scale 1 and the global bands.
 *
 * @param patientId      the patient
 * @param ward           the ward, or {@code null}
 * @param spo2Scale      NEWS2 SpO2 scale: 1, or 2 for hypercapnic respiratory failure with a
 *                       prescribed 88–92% target (a clinician's decision); on scale 2 the SpO2 alarm
 *                       bands are {@link Bands#SPO2_SCALE_2} unless {@code bandOverrides} has SpO2 bands,
 *                       and the correlation pack's respiratory rule reads SpO2 against the target
 * @param bandOverrides  per-vital bands that replace the ward's and the global ones for this patient
 * @since 0.1
 */
public record PatientContext(String patientId, String ward, int spo2Scale, Map<Vital, Bands> bandOverrides) {

    public PatientContext {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patientId must not be blank, but was '" + patientId + "'");
        }
        if (spo2Scale != 1 && spo2Scale != 2) {
            throw new IllegalArgumentException("spo2Scale must be 1 or 2, but was " + spo2Scale);
        }
        Map<Vital, Bands> copy = new EnumMap<>(Vital.class);
        copy.putAll(Objects.requireNonNull(bandOverrides, "bandOverrides"));
        for (Vital v : copy.keySet()) {
            if (!v.hasBands()) {
                throw new IllegalArgumentException("bandOverrides: " + v + " has no alarm bands");
            }
        }
        bandOverrides = Collections.unmodifiableMap(copy);
    }

    /** A patient with no ward, SpO2 scale 1 and no overrides. */
    public static PatientContext of(String patientId) {
        return new PatientContext(patientId, null, 1, Map.of());
    }

    /** This context with another ward. */
    public PatientContext withWard(String newWard) {
        return new PatientContext(patientId, newWard, spo2Scale, bandOverrides);
    }

    /** This context with another SpO2 scale (1 or 2). */
    public PatientContext withSpo2Scale(int scale) {
        return new PatientContext(patientId, ward, scale, bandOverrides);
    }

    /** This context with a band override for one vital. */
    public PatientContext withBands(Vital vital, Bands bands) {
        Map<Vital, Bands> m = new EnumMap<>(Vital.class);
        m.putAll(bandOverrides);
        m.put(vital, Objects.requireNonNull(bands, "bands"));
        return new PatientContext(patientId, ward, spo2Scale, m);
    }
}
