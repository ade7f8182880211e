package com.nexussaude.monitor;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the monitor knows about a patient beyond the vital signs: the ward (whose alarm bands apply),
 * the NEWS2 SpO2 scale, per-patient alarm band overrides set by a clinician, and where the patient
 * lies and who they are for the pages (bed, name). Registering a patient is optional: an unknown
 * patient has no ward, SpO2 scale 1 and the global bands, and its pages name only the patient id.
 *
 * <p>Every page carries the patient id, ward and bed; the name goes only to channels whose
 * {@link com.nexussaude.monitor.notify.PrivacyPolicy} includes it (the default policy drops it).
 *
 * @param patientId      the patient; not blank, no control characters
 * @param ward           the ward, or {@code null}
 * @param spo2Scale      NEWS2 SpO2 scale: 1, or 2 for hypercapnic respiratory failure with a
 *                       prescribed 88–92% target (a clinician's decision); on scale 2 the SpO2 alarm
 *                       bands are {@link Bands#SPO2_SCALE_2} unless {@code bandOverrides} has SpO2 bands,
 *                       and the correlation pack's respiratory rule reads SpO2 against the target
 * @param bandOverrides  per-vital bands that replace the ward's and the global ones for this patient
 * @param bed            the bed (as the ward names it, e.g. {@code "12"}), or {@code null}; every page says it
 * @param name           the patient's name, or {@code null}; pages carry it only where the privacy policy allows
 * @since 0.1
 */
public record PatientContext(String patientId, String ward, int spo2Scale, Map<Vital, Bands> bandOverrides,
                             String bed, String name) {
    private static final Vital[] VITALS = Vital.values();
    private static final Map<Vital, Bands> NO_OVERRIDES = Collections.unmodifiableMap(new EnumMap<>(Vital.class));

    /**
     * Checks the patient id: not blank, no control characters.
     *
     * @param patientId the patient; not blank, no control characters
     * @param ward the ward, or {@code null}
     * @param spo2Scale NEWS2 SpO2 scale: 1, or 2 for hypercapnic respiratory failure with a prescribed 88–92%
     *     target (a clinician's decision); on scale 2 the SpO2 alarm bands are {@link Bands#SPO2_SCALE_2} unless
     *     {@code bandOverrides} has SpO2 bands, and the correlation pack's respiratory rule reads SpO2 against
     *     the target
     * @param bandOverrides per-vital bands that replace the ward's and the global ones for this patient
     * @param bed the bed (as the ward names it, e.g. {@code "12"}), or {@code null}; every page says it
     * @param name the patient's name, or {@code null}; pages carry it only where the privacy policy allows
     */
    public PatientContext {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patientId must not be blank, but was '" + patientId + "'");
        }
        for (int i = 0; i < patientId.length(); i++) {
            if (Character.isISOControl(patientId.charAt(i))) {
                // Not echoed: printed, a newline in it would forge a line of a log.
                throw new IllegalArgumentException("patientId must not contain control characters, but has U+"
                        + String.format(java.util.Locale.ROOT, "%04X", (int) patientId.charAt(i)) + " at index " + i);
            }
        }
        if (spo2Scale != 1 && spo2Scale != 2) {
            throw new IllegalArgumentException("spo2Scale must be 1 or 2, but was " + spo2Scale);
        }
        Map<Vital, Bands> copy = new EnumMap<>(Vital.class);
        copy.putAll(Objects.requireNonNull(bandOverrides, "bandOverrides"));
        // Checked by walking the vitals, not copy.keySet(): the key set view would stay cached in the map, 16 bytes
        // a patient for nothing. Same order (the vitals'), so the same vital is named when several have no bands.
        for (Vital v : VITALS) {
            if (!v.hasBands() && copy.containsKey(v)) {
                throw new IllegalArgumentException("bandOverrides: " + v + " has no alarm bands");
            }
        }
        // Most patients have no overrides: they share one empty map (equal to any other empty map, unmodifiable,
        // of the same class) instead of each keeping an EnumMap, its array and a wrapper (~140 bytes a patient).
        bandOverrides = copy.isEmpty() ? NO_OVERRIDES : Collections.unmodifiableMap(copy);
        if (bed != null && bed.isBlank()) {
            throw new IllegalArgumentException("bed must not be blank (null for none), but was '" + bed + "'");
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank (null for none)");
        }
    }

    /**
     * A context without bed and name (the form before they existed).
     *
     * @param patientId the patient; not blank, no control characters
     * @param ward the ward, or {@code null}
     * @param spo2Scale NEWS2 SpO2 scale: 1, or 2 for hypercapnic respiratory failure with a prescribed 88–92%
     *     target (a clinician's decision); on scale 2 the SpO2 alarm bands are {@link Bands#SPO2_SCALE_2} unless
     *     {@code bandOverrides} has SpO2 bands, and the correlation pack's respiratory rule reads SpO2 against
     *     the target
     * @param bandOverrides per-vital bands that replace the ward's and the global ones for this patient
     */
    public PatientContext(String patientId, String ward, int spo2Scale, Map<Vital, Bands> bandOverrides) {
        this(patientId, ward, spo2Scale, bandOverrides, null, null);
    }

    /**
     * A patient with no ward, SpO2 scale 1 and no overrides.
     *
     * @param patientId the patient; not blank, no control characters
     * @return a patient with no ward, SpO2 scale 1 and no overrides
     */
    public static PatientContext of(String patientId) {
        return new PatientContext(patientId, null, 1, Map.of());
    }

    /**
     * This context with another ward.
     *
     * @param newWard the ward, or {@code null} for none
     * @return this context with another ward
     */
    public PatientContext withWard(String newWard) {
        return new PatientContext(patientId, newWard, spo2Scale, bandOverrides, bed, name);
    }

    /**
     * This context with another SpO2 scale (1 or 2).
     *
     * @param scale 1, or 2 for a patient with a prescribed 88–92 % SpO2 target
     * @return this context with another SpO2 scale (1 or 2)
     */
    public PatientContext withSpo2Scale(int scale) {
        return new PatientContext(patientId, ward, scale, bandOverrides, bed, name);
    }

    /**
     * This context with a band override for one vital.
     *
     * @param vital the vital the bands are for
     * @param bands the patient's own bands, which take precedence over ward and global bands
     * @return this context with a band override for one vital
     */
    public PatientContext withBands(Vital vital, Bands bands) {
        Map<Vital, Bands> m = new EnumMap<>(Vital.class);
        m.putAll(bandOverrides);
        m.put(vital, Objects.requireNonNull(bands, "bands"));
        return new PatientContext(patientId, ward, spo2Scale, m, bed, name);
    }

    /**
     * This context with a bed ({@code null} for none): pages say "bed 12 (cardiology)".
     *
     * @param newBed the bed, or {@code null} for none
     * @return this context with a bed ({@code null} for none): pages say "bed 12 (cardiology)"
     */
    public PatientContext withBed(String newBed) {
        return new PatientContext(patientId, ward, spo2Scale, bandOverrides, newBed, name);
    }

    /**
     * This context with the patient's name ({@code null} for none). It leaves the monitor only on
     * channels whose privacy policy includes {@code patient_name}.
     *
     * @param newName the patient's name, or {@code null} for none
     * @return this context with the patient's name ({@code null} for none)
     */
    public PatientContext withName(String newName) {
        return new PatientContext(patientId, ward, spo2Scale, bandOverrides, bed, newName);
    }
}
