package com.nexussaude.monitor.score;

import java.util.Locale;

/** The seven NEWS2 parameters, in chart order. */
public enum News2Parameter {
    /** Respiration rate, breaths per minute. */
    RESPIRATORY_RATE,
    /** SpO2 on scale 1 or scale 2. */
    OXYGEN_SATURATION,
    /** Air or supplemental oxygen (oxygen scores 2). */
    SUPPLEMENTAL_OXYGEN,
    /** Systolic blood pressure, mmHg. */
    BLOOD_PRESSURE_SYSTOLIC,
    /** Pulse, beats per minute. */
    HEART_RATE,
    /** ACVPU level of consciousness. */
    CONSCIOUSNESS,
    /** Temperature, °C. */
    TEMPERATURE;

    /** Built once: the scorer names parameters for every score it checks. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /**
     * The wire name: the constant's name in lower case, for example {@code respiratory_rate}.
     *
     * @return the wire name: the constant's name in lower case, for example {@code respiratory_rate}
     */
    public String wireName() {
        return wireName;
    }
}
