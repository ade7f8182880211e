package com.nexussaude.monitor;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One set of vital signs for one patient at one moment. Any subset of the parameters may be
 * present: real monitors send heart rate, SpO2 and respiratory rate every second, NIBP every 15–60
 * minutes and temperature hourly, so partial observations are the normal case. An absent parameter
 * is {@code null}.
 *
 * <p>Constructing an observation checks nothing: a reader can build one from untrusted input and
 * hand it to {@link VitalMonitor#submit(Observation)}, which validates it and rejects it with an
 * {@link InvalidObservationException} naming the field, the value and the allowed range.
 *
 * <pre>{@code
 * Observation o = Observation.builder("bed-12", Instant.parse("2026-11-25T08:00:00Z"))
 *         .heartRate(118).spo2(91).build();
 * }</pre>
 *
 * @param patientId          the patient, never blank in an accepted observation
 * @param timestamp          when the values were measured (event time)
 * @param heartRate          beats per minute
 * @param systolicBp         systolic blood pressure, mmHg
 * @param diastolicBp        diastolic blood pressure, mmHg
 * @param temperature        body temperature, °C
 * @param spo2               peripheral oxygen saturation, %
 * @param respiratoryRate    breaths per minute
 * @param consciousness      ACVPU level
 * @param supplementalOxygen whether the patient is on supplemental oxygen
 * @since 0.1
 */
public record Observation(
        String patientId,
        Instant timestamp,
        Double heartRate,
        Double systolicBp,
        Double diastolicBp,
        Double temperature,
        Double spo2,
        Double respiratoryRate,
        Consciousness consciousness,
        Boolean supplementalOxygen) {

    /** Starts an observation for a patient at a time. */
    public static Builder builder(String patientId, Instant timestamp) {
        return new Builder(patientId, timestamp);
    }

    /**
     * The value of one parameter, or {@code null} if absent. Consciousness is its ACVPU ordinal
     * (0 = alert … 4 = unresponsive); supplemental oxygen is 1.0 (on oxygen) or 0.0 (air).
     */
    public Double value(Vital vital) {
        return switch (vital) {
            case HEART_RATE -> heartRate;
            case SYSTOLIC_BP -> systolicBp;
            case DIASTOLIC_BP -> diastolicBp;
            case TEMPERATURE -> temperature;
            case SPO2 -> spo2;
            case RESPIRATORY_RATE -> respiratoryRate;
            case CONSCIOUSNESS -> consciousness == null ? null : (double) consciousness.ordinal();
            case SUPPLEMENTAL_OXYGEN -> supplementalOxygen == null ? null : (supplementalOxygen ? 1.0 : 0.0);
        };
    }

    /** The parameters present, in {@link Vital} order. */
    public Map<Vital, Double> values() {
        Map<Vital, Double> present = new EnumMap<>(Vital.class);
        for (Vital v : Vital.values()) {
            Double x = value(v);
            if (x != null) {
                present.put(v, x);
            }
        }
        return present;
    }

    /** Builds an {@link Observation}; every parameter is optional. */
    public static final class Builder {
        private final String patientId;
        private final Instant timestamp;
        private Double heartRate;
        private Double systolicBp;
        private Double diastolicBp;
        private Double temperature;
        private Double spo2;
        private Double respiratoryRate;
        private Consciousness consciousness;
        private Boolean supplementalOxygen;

        private Builder(String patientId, Instant timestamp) {
            this.patientId = patientId;
            this.timestamp = timestamp;
        }

        public Builder heartRate(double bpm) {
            this.heartRate = bpm;
            return this;
        }

        public Builder bloodPressure(double systolic, double diastolic) {
            this.systolicBp = systolic;
            this.diastolicBp = diastolic;
            return this;
        }

        public Builder systolicBp(double mmHg) {
            this.systolicBp = mmHg;
            return this;
        }

        public Builder diastolicBp(double mmHg) {
            this.diastolicBp = mmHg;
            return this;
        }

        public Builder temperature(double celsius) {
            this.temperature = celsius;
            return this;
        }

        public Builder spo2(double percent) {
            this.spo2 = percent;
            return this;
        }

        public Builder respiratoryRate(double perMinute) {
            this.respiratoryRate = perMinute;
            return this;
        }

        public Builder consciousness(Consciousness level) {
            this.consciousness = Objects.requireNonNull(level, "consciousness");
            return this;
        }

        public Builder supplementalOxygen(boolean onOxygen) {
            this.supplementalOxygen = onOxygen;
            return this;
        }

        /**
         * Sets a numeric parameter by {@link Vital}; for {@link Vital#CONSCIOUSNESS} the value is the
         * ACVPU ordinal and for {@link Vital#SUPPLEMENTAL_OXYGEN} non-zero means on oxygen.
         */
        public Builder value(Vital vital, double value) {
            switch (vital) {
                case HEART_RATE -> heartRate = value;
                case SYSTOLIC_BP -> systolicBp = value;
                case DIASTOLIC_BP -> diastolicBp = value;
                case TEMPERATURE -> temperature = value;
                case SPO2 -> spo2 = value;
                case RESPIRATORY_RATE -> respiratoryRate = value;
                case CONSCIOUSNESS -> {
                    int i = (int) value;
                    if (i != value || i < 0 || i >= Consciousness.values().length) {
                        throw new IllegalArgumentException("consciousness ordinal must be 0..4, but was " + value);
                    }
                    consciousness = Consciousness.values()[i];
                }
                case SUPPLEMENTAL_OXYGEN -> supplementalOxygen = value != 0;
            }
            return this;
        }

        public Observation build() {
            return new Observation(patientId, timestamp, heartRate, systolicBp, diastolicBp, temperature, spo2,
                    respiratoryRate, consciousness, supplementalOxygen);
        }
    }
}
