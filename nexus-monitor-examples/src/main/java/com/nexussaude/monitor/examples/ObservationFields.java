package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Turns the contract's named fields (as text, from a JSON line or a CSV row) into a
 * {@link ObservationReader.Reading}. Shared by the JSON Lines and CSV readers so both accept and
 * reject exactly the same values with the same messages.
 *
 * <p>It only checks syntax (a number, a known ACVPU code, a timestamp); whether a number is a
 * possible measurement is the monitor's job ({@code VitalMonitor.submit}), which names the range.
 */
final class ObservationFields {
    static final String PATIENT_ID = "patient_id";
    static final String TIMESTAMP = "timestamp";
    static final String SPO2_SCALE = "spo2_scale";

    private ObservationFields() {
    }

    /** A line's content was unusable; the message becomes the {@code FILE:LINE: message} report. */
    static final class BadField extends Exception {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message, null, false, false);
        }
    }

    /** Every field name of the input contract (ARCHITECTURE.md). */
    static final java.util.Set<String> KNOWN = known();

    private static java.util.Set<String> known() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of(PATIENT_ID, TIMESTAMP));
        for (Vital v : Vital.values()) {
            names.add(v.fieldName());
        }
        names.add(SPO2_SCALE);
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * The names among {@code names} that the contract does not know, in the given order: a misspelt
     * vital ({@code heart_rat}) would otherwise never be monitored without a word.
     */
    static List<String> unknown(java.util.Collection<String> names) {
        return names.stream().filter(n -> !KNOWN.contains(n)).toList();
    }

    /** The report of an unknown field, the message of a {@code FILE:LINE: message} line. */
    static String unknownFieldMessage(String name) {
        return "unknown field '" + name + "' (not monitored; the observation's known fields are read)";
    }

    /**
     * Builds a reading from field values; {@code null}, empty and {@code NaN} mean absent. Fields not
     * in the contract are skipped here; the readers report them ({@link #unknown}).
     */
    static ObservationReader.Reading toReading(Map<String, String> fields, String file, int line) throws BadField {
        String patientId = present(fields.get(PATIENT_ID));
        if (patientId == null) {
            throw new BadField(PATIENT_ID + " is missing");
        }
        String ts = present(fields.get(TIMESTAMP));
        if (ts == null) {
            throw new BadField(TIMESTAMP + " is missing");
        }
        Observation.Builder b = Observation.builder(patientId, parseTimestamp(ts));
        for (Vital v : Vital.values()) {
            String raw = present(fields.get(v.fieldName()));
            if (raw == null) {
                continue;
            }
            switch (v) {
                case CONSCIOUSNESS -> {
                    try {
                        b.consciousness(Consciousness.parse(raw));
                    } catch (IllegalArgumentException e) {
                        throw new BadField(e.getMessage());
                    }
                }
                case SUPPLEMENTAL_OXYGEN -> b.supplementalOxygen(parseBoolean(v.fieldName(), raw));
                default -> b.value(v, parseNumber(v.fieldName(), raw));
            }
        }
        Integer scale = null;
        String rawScale = present(fields.get(SPO2_SCALE));
        if (rawScale != null) {
            if (!rawScale.equals("1") && !rawScale.equals("2")) {
                throw new BadField(SPO2_SCALE + " must be 1 or 2, but was '" + rawScale + "'");
            }
            scale = Integer.valueOf(rawScale);
        }
        return new ObservationReader.Reading(b.build(), scale, file, line);
    }

    /** ISO-8601 instant ({@code 2026-01-01T08:00:00Z}) or with an offset ({@code ...+01:00}). */
    static Instant parseTimestamp(String raw) throws BadField {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadField(TIMESTAMP + " must be ISO-8601 such as 2026-01-01T08:00:00Z, but was '" + raw + "'");
            }
        }
    }

    /** A decimal number as JSON writes it (a leading {@code +} and a bare {@code .5} are tolerated in CSV). */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static double parseNumber(String field, String raw) throws BadField {
        if (!DECIMAL.matcher(raw).matches()) {
            // Double.parseDouble also takes 0x1p6 (64), "1d", "Infinity": none is a number of the contract.
            throw new BadField(field + " must be a number, but was '" + raw + "'");
        }
        double d;
        try {
            d = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new BadField(field + " must be a number, but was '" + raw + "'");
        }
        if (Double.isInfinite(d)) {
            throw new BadField(field + " must be a finite number, but was '" + raw + "'");
        }
        return d;
    }

    private static boolean parseBoolean(String field, String raw) throws BadField {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new BadField(field + " must be true or false, but was '" + raw + "'");
        };
    }

    /** The trimmed text, or {@code null} for absent, empty or {@code NaN} (how monitors export gaps). */
    static String present(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.trim();
        return t.isEmpty() || t.equals("NaN") ? null : t;
    }
}
