package com.nexussaude.monitor;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters an {@link Observation} can carry, with their physiological limits.
 *
 * <p>Each constant is also the value of the {@code vital} property of the {@code VitalSign}
 * events that rules see (for example {@code VitalSign(vital = 'SPO2')}). Consciousness is sent as
 * its ACVPU ordinal (0 = alert … 4 = unresponsive) and supplemental oxygen as 1 (on oxygen) or 0.
 *
 * <p>The limits are the bounds of physiological possibility, not alarm limits: a value outside them
 * cannot be a real measurement and is rejected at {@link VitalMonitor#submit(Observation)}.
 *
 * @since 0.1
 */
public enum Vital {
    /** Heart rate, per minute ({@code heart_rate}); possible 0 to 300. */
    HEART_RATE("heart_rate", "/min", 0, 300, "heart rate"),
    /** Systolic blood pressure, mmHg ({@code blood_pressure_systolic}); possible 0 to 300. */
    SYSTOLIC_BP("blood_pressure_systolic", "mmHg", 0, 300, "systolic BP"),
    /** Diastolic blood pressure, mmHg ({@code blood_pressure_diastolic}); possible 0 to 250. */
    DIASTOLIC_BP("blood_pressure_diastolic", "mmHg", 0, 250, "diastolic BP"),
    /** Body temperature, degrees Celsius ({@code temperature}); possible 25 to 45. */
    TEMPERATURE("temperature", "°C", 25, 45, "temperature"),
    /** Peripheral oxygen saturation, percent ({@code oxygen_saturation}); possible 0 to 100. */
    SPO2("oxygen_saturation", "%", 0, 100, "SpO2"),
    /** Respiratory rate, breaths per minute ({@code respiratory_rate}); possible 0 to 80. */
    RESPIRATORY_RATE("respiratory_rate", "/min", 0, 80, "respiratory rate"),
    /** Level of consciousness ({@code consciousness}) as its ACVPU ordinal, 0 (alert) to 4 (unresponsive). */
    CONSCIOUSNESS("consciousness", "ACVPU", 0, 4, "consciousness"),
    /** Supplemental oxygen ({@code supplemental_oxygen}): 1 on oxygen, 0 on air. */
    SUPPLEMENTAL_OXYGEN("supplemental_oxygen", "", 0, 1, "supplemental oxygen");

    /** The constants by their exact names: what the rules pass to {@link #parse} (EPL's {@code vital} property). */
    private static final Map<String, Vital> BY_NAME = new HashMap<>();
    /** {@link #values()} without its copy per call. */
    private static final Vital[] VALUES = values();

    static {
        for (Vital v : VALUES) {
            BY_NAME.put(v.name(), v);
        }
    }

    private final String fieldName;
    private final String unit;
    private final double minPossible;
    private final double maxPossible;
    private final String label;

    Vital(String fieldName, String unit, double minPossible, double maxPossible, String label) {
        this.fieldName = fieldName;
        this.unit = unit;
        this.minPossible = minPossible;
        this.maxPossible = maxPossible;
        this.label = label;
    }

    /**
     * The field name in the JSON/CSV input and output contract, e.g. {@code oxygen_saturation}.
     *
     * @return the field name in the JSON/CSV input and output contract, e.g. {@code oxygen_saturation}
     */
    public String fieldName() {
        return fieldName;
    }

    /**
     * The unit of measure, e.g. {@code /min}.
     *
     * @return the unit of measure, e.g. {@code /min}
     */
    public String unit() {
        return unit;
    }

    /**
     * Lowest physiologically possible value (inclusive).
     *
     * @return lowest physiologically possible value (inclusive)
     */
    public double minPossible() {
        return minPossible;
    }

    /**
     * Highest physiologically possible value (inclusive).
     *
     * @return highest physiologically possible value (inclusive)
     */
    public double maxPossible() {
        return maxPossible;
    }

    /**
     * True for the numeric parameters that have alarm bands (all but consciousness and oxygen).
     *
     * @return true for the numeric parameters that have alarm bands (all but consciousness and oxygen)
     */
    public boolean hasBands() {
        return this != CONSCIOUSNESS && this != SUPPLEMENTAL_OXYGEN;
    }

    /**
     * A short human label, e.g. {@code SpO2}, {@code heart rate}.
     *
     * @return a short human label, e.g. {@code SpO2}, {@code heart rate}
     */
    public String label() {
        // A field, not a switch: a switch compiled by C2 while the alerts had named only some vitals trapped at the
        // first message naming another (46 s into LatencyBenchmark's measured minute; RESULTS.md, branch lat9).
        return label;
    }

    /**
     * Finds a vital by its constant name ({@code SPO2}) or field name ({@code oxygen_saturation}).
     *
     * @param name a constant name or a field name, in any case
     * @return the vital the name names
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Vital parse(String name) {
        // Every alert message parses its vital's constant name (thresholdMessage, readings): a map lookup, not a
        // trim and up to sixteen case-insensitive comparisons. An exact constant name is no other vital's field
        // name, so it finds what the loop finds (VitalParseTest compares them).
        Vital exact = name == null ? null : BY_NAME.get(name);
        if (exact != null) {
            return exact;
        }
        if (name != null) {
            String n = name.trim();
            for (Vital v : VALUES) {
                if (v.name().equalsIgnoreCase(n) || v.fieldName.equalsIgnoreCase(n)) {
                    return v;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (Vital v : VALUES) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(v.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("vital must be one of " + allowed + ", but was '" + name + "'");
    }
}
