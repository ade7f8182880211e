package com.nexussaude.monitor;

import java.util.Locale;

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
    HEART_RATE("heart_rate", "/min", 0, 300),
    /** Systolic blood pressure, mmHg ({@code blood_pressure_systolic}); possible 0 to 300. */
    SYSTOLIC_BP("blood_pressure_systolic", "mmHg", 0, 300),
    /** Diastolic blood pressure, mmHg ({@code blood_pressure_diastolic}); possible 0 to 250. */
    DIASTOLIC_BP("blood_pressure_diastolic", "mmHg", 0, 250),
    /** Body temperature, degrees Celsius ({@code temperature}); possible 25 to 45. */
    TEMPERATURE("temperature", "°C", 25, 45),
    /** Peripheral oxygen saturation, percent ({@code oxygen_saturation}); possible 0 to 100. */
    SPO2("oxygen_saturation", "%", 0, 100),
    /** Respiratory rate, breaths per minute ({@code respiratory_rate}); possible 0 to 80. */
    RESPIRATORY_RATE("respiratory_rate", "/min", 0, 80),
    /** Level of consciousness ({@code consciousness}) as its ACVPU ordinal, 0 (alert) to 4 (unresponsive). */
    CONSCIOUSNESS("consciousness", "ACVPU", 0, 4),
    /** Supplemental oxygen ({@code supplemental_oxygen}): 1 on oxygen, 0 on air. */
    SUPPLEMENTAL_OXYGEN("supplemental_oxygen", "", 0, 1);

    private final String fieldName;
    private final String unit;
    private final double minPossible;
    private final double maxPossible;

    Vital(String fieldName, String unit, double minPossible, double maxPossible) {
        this.fieldName = fieldName;
        this.unit = unit;
        this.minPossible = minPossible;
        this.maxPossible = maxPossible;
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
        return switch (this) {
            case HEART_RATE -> "heart rate";
            case SYSTOLIC_BP -> "systolic BP";
            case DIASTOLIC_BP -> "diastolic BP";
            case TEMPERATURE -> "temperature";
            case SPO2 -> "SpO2";
            case RESPIRATORY_RATE -> "respiratory rate";
            case CONSCIOUSNESS -> "consciousness";
            case SUPPLEMENTAL_OXYGEN -> "supplemental oxygen";
        };
    }

    /**
     * Finds a vital by its constant name ({@code SPO2}) or field name ({@code oxygen_saturation}).
     *
     * @param name a constant name or a field name, in any case
     * @return the vital the name names
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Vital parse(String name) {
        if (name != null) {
            String n = name.trim();
            for (Vital v : values()) {
                if (v.name().equalsIgnoreCase(n) || v.fieldName.equalsIgnoreCase(n)) {
                    return v;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (Vital v : values()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(v.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("vital must be one of " + allowed + ", but was '" + name + "'");
    }
}
