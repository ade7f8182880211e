package com.nexussaude.monitor.score;

import java.util.Locale;

/** The five MEWS parameters and the precision each is rounded to before banding. */
public enum MewsParameter {
    /** Systolic blood pressure, mmHg, rounded to an integer. */
    SYSTOLIC_BP(0),
    /** Heart rate, beats per minute, rounded to an integer. */
    HEART_RATE(0),
    /** Respiratory rate, breaths per minute, rounded to an integer. */
    RESPIRATORY_RATE(0),
    /** Temperature, °C, rounded to one decimal. */
    TEMPERATURE(1),
    /** AVPU level (scored by table, not banded). */
    CONSCIOUSNESS(0);

    private final int decimals;

    MewsParameter(int decimals) {
        this.decimals = decimals;
    }

    /**
     * Decimal places a value is rounded (half up) to before banding.
     *
     * @return decimal places a value is rounded (half up) to before banding
     */
    public int decimals() {
        return decimals;
    }

    /**
     * The wire name: the constant's name in lower case, for example {@code systolic_bp}.
     *
     * @return the wire name: the constant's name in lower case, for example {@code systolic_bp}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** camelCase argument name used in messages, for example {@code systolicBp}. */
    String argName() {
        return switch (this) {
            case SYSTOLIC_BP -> "systolicBp";
            case HEART_RATE -> "heartRate";
            case RESPIRATORY_RATE -> "respiratoryRate";
            case TEMPERATURE -> "temperature";
            case CONSCIOUSNESS -> "consciousness";
        };
    }
}
