package com.nexussaude.monitor.score;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;

/**
 * The inputs of a NEWS2 score. Every parameter is nullable (absent); an absent parameter contributes
 * 0 and makes the score {@linkplain News2Score#partial() partial}. Values are raw measurements: the
 * score rounds them to the chart's precision.
 *
 * <p>If {@code supplementalOxygen} is absent on scale 2, SpO2 is scored as on air (≥93% scores 0),
 * which is what the dhos-scoring-engine test suite asserts; the score is then partial.
 *
 * @param respiratoryRate    breaths per minute, finite and {@code >= 0}, or null
 * @param spo2               SpO2 %, 0–100, or null
 * @param spo2Scale          1 (default) or 2 (hypercapnic respiratory failure with a prescribed
 *                           88–92% target)
 * @param supplementalOxygen true on oxygen, false on air, null if unknown
 * @param systolicBp         mmHg, finite and {@code >= 0}, or null
 * @param heartRate          beats per minute, finite and {@code >= 0}, or null
 * @param consciousness      ACVPU level, or null
 * @param temperature        °C, finite and {@code >= 0}, or null
 */
public record News2Input(
        Double respiratoryRate,
        Double spo2,
        int spo2Scale,
        Boolean supplementalOxygen,
        Double systolicBp,
        Double heartRate,
        Consciousness consciousness,
        Double temperature) {

    /**
     * Validates the values.
     *
     * @param respiratoryRate breaths per minute, finite and {@code >= 0}, or null
     * @param spo2 SpO2 %, 0–100, or null
     * @param spo2Scale 1 (default) or 2 (hypercapnic respiratory failure with a prescribed 88–92% target)
     * @param supplementalOxygen true on oxygen, false on air, null if unknown
     * @param systolicBp mmHg, finite and {@code >= 0}, or null
     * @param heartRate beats per minute, finite and {@code >= 0}, or null
     * @param consciousness ACVPU level, or null
     * @param temperature °C, finite and {@code >= 0}, or null
     * @throws IllegalArgumentException naming the argument, the value and the allowed range
     */
    public News2Input {
        Args.spo2Scale(spo2Scale);
        if (respiratoryRate != null) {
            Args.nonNegative("respiratoryRate", respiratoryRate);
        }
        if (spo2 != null) {
            Args.percent("spo2", spo2);
        }
        if (systolicBp != null) {
            Args.nonNegative("systolicBp", systolicBp);
        }
        if (heartRate != null) {
            Args.nonNegative("heartRate", heartRate);
        }
        if (temperature != null) {
            Args.nonNegative("temperature", temperature);
        }
    }

    /**
     * Starts an empty input on SpO2 scale 1.
     *
     * @return a builder with no parameter set, on SpO2 scale 1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The NEWS2 inputs of an observation (diastolic pressure, patient and time are ignored).
     *
     * @param o         the observation, not null
     * @param spo2Scale 1 or 2, the patient's prescribed scale
     * @return the NEWS2 inputs of an observation (diastolic pressure, patient and time are ignored)
     * @throws IllegalArgumentException if {@code o} is null or a value is out of range
     */
    public static News2Input from(Observation o, int spo2Scale) {
        Args.notNull("observation", o);
        return new News2Input(o.respiratoryRate(), o.spo2(), spo2Scale, o.supplementalOxygen(), o.systolicBp(),
                o.heartRate(), o.consciousness(), o.temperature());
    }

    /**
     * The parameters absent from this input.
     *
     * @return the parameters absent from this input
     */
    public java.util.Set<News2Parameter> absentParameters() {
        java.util.Set<News2Parameter> absent = java.util.EnumSet.noneOf(News2Parameter.class);
        if (respiratoryRate == null) {
            absent.add(News2Parameter.RESPIRATORY_RATE);
        }
        if (spo2 == null) {
            absent.add(News2Parameter.OXYGEN_SATURATION);
        }
        if (supplementalOxygen == null) {
            absent.add(News2Parameter.SUPPLEMENTAL_OXYGEN);
        }
        if (systolicBp == null) {
            absent.add(News2Parameter.BLOOD_PRESSURE_SYSTOLIC);
        }
        if (heartRate == null) {
            absent.add(News2Parameter.HEART_RATE);
        }
        if (consciousness == null) {
            absent.add(News2Parameter.CONSCIOUSNESS);
        }
        if (temperature == null) {
            absent.add(News2Parameter.TEMPERATURE);
        }
        return java.util.Collections.unmodifiableSet(absent);
    }

    /** Builds a {@link News2Input}; every parameter is optional, the scale defaults to 1. */
    public static final class Builder {
        private Double respiratoryRate;
        private Double spo2;
        private int spo2Scale = 1;
        private Boolean supplementalOxygen;
        private Double systolicBp;
        private Double heartRate;
        private Consciousness consciousness;
        private Double temperature;

        private Builder() {
        }

        /**
         * Sets the respiration rate, breaths per minute.
         *
         * @param perMinute breaths per minute
         * @return this builder
         */
        public Builder respiratoryRate(double perMinute) {
            this.respiratoryRate = perMinute;
            return this;
        }

        /**
         * Sets SpO2, %.
         *
         * @param percent SpO2 in percent, 0 to 100
         * @return this builder
         */
        public Builder spo2(double percent) {
            this.spo2 = percent;
            return this;
        }

        /**
         * Sets the SpO2 scale, 1 or 2 (checked by {@link #build()}).
         *
         * @param scale 1, or 2 for a patient with a prescribed 88–92 % target
         * @return this builder
         */
        public Builder spo2Scale(int scale) {
            this.spo2Scale = scale;
            return this;
        }

        /**
         * Sets whether the patient is on supplemental oxygen.
         *
         * @param onOxygen true if the patient receives supplemental oxygen
         * @return this builder
         */
        public Builder supplementalOxygen(boolean onOxygen) {
            this.supplementalOxygen = onOxygen;
            return this;
        }

        /**
         * Sets systolic blood pressure, mmHg.
         *
         * @param mmHg systolic pressure in mmHg
         * @return this builder
         */
        public Builder systolicBp(double mmHg) {
            this.systolicBp = mmHg;
            return this;
        }

        /**
         * Sets the pulse, beats per minute.
         *
         * @param bpm pulse in beats per minute
         * @return this builder
         */
        public Builder heartRate(double bpm) {
            this.heartRate = bpm;
            return this;
        }

        /**
         * Sets the ACVPU level (null clears it).
         *
         * @param level the ACVPU level, or null
         * @return this builder
         */
        public Builder consciousness(Consciousness level) {
            this.consciousness = level;
            return this;
        }

        /**
         * Sets the temperature, °C.
         *
         * @param celsius temperature in degrees Celsius
         * @return this builder
         */
        public Builder temperature(double celsius) {
            this.temperature = celsius;
            return this;
        }

        /**
         * Builds the input.
         *
         * @return the input; parameters not set are absent
         * @throws IllegalArgumentException naming the first bad value
         */
        public News2Input build() {
            return new News2Input(respiratoryRate, spo2, spo2Scale, supplementalOxygen, systolicBp, heartRate,
                    consciousness, temperature);
        }
    }
}
