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
    HEART_RATE(Vital.HEART_RATE, Unit.PER_MINUTE),
    PULSE_RATE(Vital.HEART_RATE, Unit.PER_MINUTE),
    SPO2(Vital.SPO2, Unit.PERCENT),
    RESPIRATORY_RATE(Vital.RESPIRATORY_RATE, Unit.PER_MINUTE),
    SYSTOLIC_BP(Vital.SYSTOLIC_BP, Unit.MMHG),
    DIASTOLIC_BP(Vital.DIASTOLIC_BP, Unit.MMHG),
    /** Read and returned in {@link Measurement}s; not submitted, core has no mean-pressure parameter. */
    MEAN_BP(null, Unit.MMHG),
    TEMPERATURE(Vital.TEMPERATURE, Unit.CELSIUS);

    private final Vital vital;
    private final Unit unit;

    VitalKind(Vital vital, Unit unit) {
        this.vital = vital;
        this.unit = unit;
    }

    /** The core parameter this measurement is submitted as, or {@code null} (mean BP). */
    public Vital vital() {
        return vital;
    }

    /** The unit values are converted to. */
    public Unit unit() {
        return unit;
    }
}
