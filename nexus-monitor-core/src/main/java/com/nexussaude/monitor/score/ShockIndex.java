package com.nexussaude.monitor.score;

/**
 * Shock index (Allgöwer 1967): heart rate / systolic blood pressure. Normal 0.5–0.7; &gt;0.9
 * elevated; ≥1.0 is associated with mortality, transfusion and ICU admission. Computed from the raw
 * values (no rounding).
 *
 * @param heartRate  beats per minute
 * @param systolicBp mmHg, &gt; 0
 * @param value      heartRate / systolicBp
 */
public record ShockIndex(double heartRate, double systolicBp, double value) {

    /** Default alert threshold: a shock index of 1.0 or more. */
    public static final double DEFAULT_ALERT_THRESHOLD = 1.0;

    /** Above this the index is elevated. */
    public static final double ELEVATED_ABOVE = 0.9;

    /**
     * Checks the arguments and that value is heartRate / systolicBp.
     *
     * @param heartRate beats per minute
     * @param systolicBp mmHg, &gt; 0
     * @param value heartRate / systolicBp
     * @throws IllegalArgumentException naming a bad argument
     */
    public ShockIndex {
        Args.nonNegative("heartRate", heartRate);
        if (!Double.isFinite(systolicBp) || systolicBp <= 0) {
            throw new IllegalArgumentException("systolicBp must be a finite number > 0, but was " + systolicBp);
        }
        if (Double.compare(value, heartRate / systolicBp) != 0) {
            throw new IllegalArgumentException(
                    "value must be heartRate / systolicBp = " + heartRate / systolicBp + ", but was " + value);
        }
    }

    /**
     * The shock index of a heart rate and systolic pressure.
     *
     * @param heartRate  beats per minute, finite and {@code >= 0}
     * @param systolicBp mmHg, finite and {@code > 0}
     * @return the shock index of a heart rate and systolic pressure
     * @throws IllegalArgumentException naming a bad argument
     */
    public static ShockIndex of(double heartRate, double systolicBp) {
        Args.nonNegative("heartRate", heartRate);
        if (!Double.isFinite(systolicBp) || systolicBp <= 0) {
            throw new IllegalArgumentException("systolicBp must be a finite number > 0, but was " + systolicBp);
        }
        return new ShockIndex(heartRate, systolicBp, heartRate / systolicBp);
    }

    /**
     * True if the index is above 0.9.
     *
     * @return true if the index is above 0.9
     */
    public boolean elevated() {
        return value > ELEVATED_ABOVE;
    }

    /**
     * True if the index is at least the threshold.
     *
     * @param threshold finite and {@code >= 0}
     * @return true if the index is at least the threshold
     * @throws IllegalArgumentException if the threshold is out of range
     */
    public boolean isAtLeast(double threshold) {
        return value >= Args.nonNegative("threshold", threshold);
    }

    /**
     * True if the index is at least {@link #DEFAULT_ALERT_THRESHOLD}.
     *
     * @return true if the index is at least {@link #DEFAULT_ALERT_THRESHOLD}
     */
    public boolean alert() {
        return isAtLeast(DEFAULT_ALERT_THRESHOLD);
    }
}
