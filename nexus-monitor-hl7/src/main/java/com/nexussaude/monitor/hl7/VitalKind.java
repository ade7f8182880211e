package com.nexussaude.monitor.hl7;

import com.nexussaude.monitor.Vital;

/**
 * What a vital-sign measurement is, finer than core's {@link Vital}: pulse rate is kept apart from
 * the ECG heart rate (it becomes the heart rate only when no ECG heart rate came with it), and mean
 * blood pressure is read although core has no parameter for it.
 *
 * @since 0.1
 */
public enum VitalKind {
    /** Heart rate from the ECG, per minute. */
    HEART_RATE(Vital.HEART_RATE, Unit.PER_MINUTE),
    /** Pulse rate (from the oximeter or the cuff), per minute; submitted as the heart rate only when no ECG heart rate came with it. */
    PULSE_RATE(Vital.HEART_RATE, Unit.PER_MINUTE),
    /** Peripheral oxygen saturation, percent. */
    SPO2(Vital.SPO2, Unit.PERCENT),
    /** Respiratory rate, breaths per minute. */
    RESPIRATORY_RATE(Vital.RESPIRATORY_RATE, Unit.PER_MINUTE),
    /** Systolic blood pressure, mmHg. */
    SYSTOLIC_BP(Vital.SYSTOLIC_BP, Unit.MMHG),
    /** Diastolic blood pressure, mmHg. */
    DIASTOLIC_BP(Vital.DIASTOLIC_BP, Unit.MMHG),
    /** Read and returned in {@link Measurement}s; not submitted, core has no mean-pressure parameter. */
    MEAN_BP(null, Unit.MMHG),
    /** Body temperature, degrees Celsius (Fahrenheit is converted). */
    TEMPERATURE(Vital.TEMPERATURE, Unit.CELSIUS);

    private final Vital vital;
    private final Unit unit;

    VitalKind(Vital vital, Unit unit) {
        this.vital = vital;
        this.unit = unit;
    }

    /**
     * The core parameter this measurement is submitted as, or {@code null} (mean BP).
     *
     * @return the core parameter this measurement is submitted as, or {@code null} (mean BP)
     */
    public Vital vital() {
        return vital;
    }

    /**
     * The unit values are converted to.
     *
     * @return the unit values are converted to
     */
    public Unit unit() {
        return unit;
    }
}
