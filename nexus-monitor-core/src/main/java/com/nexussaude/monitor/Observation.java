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
 * hand it to {@link VitalMonitor#submit(Observation)}, which validates it value by value: an invalid
 * value is rejected alone, naming the field, the value and the allowed range, and the valid ones are
 * monitored (see {@link InvalidObservationException}). From named fields (a JSON object, a CSV row), use
 * {@link #fromFields(Map)}, which never ignores an unknown field name silently.
 *
 * <pre>{@code
 * Observation o = Observation.builder("bed-12", Instant.parse("2026-11-25T08:00:00Z"))
 *         .heartRate(118).spo2(91).build();
 * }</pre>
 *
 * @param patientId          the patient, never blank in an accepted observation; at most 128 characters and
 *                           no control characters (a newline in an id could forge a line of a log)
 * @param timestamp          when the values were measured (event time), from {@link #EARLIEST_TIMESTAMP} to
 *                           {@link #LATEST_TIMESTAMP}
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

    /**
     * The earliest timestamp an observation may carry: 1970-01-01T00:00:00Z. The paging scheduler of an
     * event-time monitor counts time from 1970; an earlier timestamp is rejected by
     * {@link VitalMonitor#submit} with an {@link InvalidObservationException}.
     *
     * @since 0.3
     */
    public static final Instant EARLIEST_TIMESTAMP = Instant.EPOCH;

    /**
     * The latest timestamp an observation may carry: 2200-01-01T00:00:00Z. The paging scheduler counts
     * nanoseconds from 1970, which overflow after 2262-04-11; the limit leaves room for the escalation and
     * retry delays added to a timestamp. A later timestamp is rejected by {@link VitalMonitor#submit} with
     * an {@link InvalidObservationException}.
     *
     * @since 0.3
     */
    public static final Instant LATEST_TIMESTAMP = Instant.parse("2200-01-01T00:00:00Z");

    /** The field names {@link #fromFields} reads: {@code patient_id}, {@code timestamp} and each {@link Vital#fieldName()}. */
    public static final java.util.Set<String> FIELD_NAMES = fieldNames();

    private static java.util.Set<String> fieldNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(java.util.List.of("patient_id", "timestamp"));
        for (Vital v : Vital.values()) {
            names.add(v.fieldName());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * Builds an observation from the input contract's named fields (a parsed JSON object, a CSV row),
     * refusing names it does not know: a misspelt vital ({@code heart_rat}) must not go unmonitored
     * without a word. Same as {@link #fromFields(Map, java.util.function.Consumer)} with a consumer
     * that throws.
     *
     * @param fields the named fields; not null
     * @return the observation, not yet checked against physiological limits
     * @throws InvalidObservationException naming the first unknown field, or a value of the wrong type
     */
    public static Observation fromFields(Map<String, ?> fields) {
        return fromFields(fields, name -> {
            throw new InvalidObservationException(name, fields.get(name), "one of " + FIELD_NAMES,
                    "unknown field '" + name + "' of patient " + fields.get("patient_id") + ": the observation fields are "
                            + FIELD_NAMES);
        });
    }

    /**
     * Builds an observation from the input contract's named fields, passing every name it does not
     * know to {@code unknownField} (which may throw, or count and report it). {@code patient_id} is
     * text, {@code timestamp} an {@link Instant} or ISO-8601 text, the vitals numbers or decimal text (not
     * {@code 0x1p6}, {@code 1d} or {@code Infinity}),
     * {@code consciousness} a {@link Consciousness} or its ACVPU letter, {@code supplemental_oxygen} a
     * boolean or {@code true}/{@code false}; a {@code null} value is absent. {@code spo2_scale} is a
     * setting of the patient, not of an observation ({@link PatientContext#withSpo2Scale}): it is
     * reported as unknown here. Ranges are checked by {@link VitalMonitor#submit}, not here.
     *
     * @param fields the named fields; not null
     * @param unknownField called with each field name the contract does not know; not null
     * @return the observation, not yet checked against physiological limits
     * @throws InvalidObservationException for a value of the wrong type (naming field and value)
     */
    public static Observation fromFields(Map<String, ?> fields, java.util.function.Consumer<String> unknownField) {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(unknownField, "unknownField");
        Object pid = fields.get("patient_id");
        Builder b = new Builder(pid == null ? null : pid.toString(), instant(fields.get("timestamp")));
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            String name = e.getKey();
            if (!FIELD_NAMES.contains(name)) {
                unknownField.accept(name);
                continue;
            }
            Object value = e.getValue();
            if (value == null || name.equals("patient_id") || name.equals("timestamp")) {
                continue;
            }
            Vital v = Vital.parse(name);
            switch (v) {
                case CONSCIOUSNESS -> b.consciousness(value instanceof Consciousness c ? c : consciousness(value));
                case SUPPLEMENTAL_OXYGEN -> b.supplementalOxygen(bool(name, value));
                default -> b.value(v, number(name, value));
            }
        }
        return b.build();
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        try {
            return Instant.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.toString()).toInstant();
            } catch (java.time.format.DateTimeParseException e2) {
                throw new InvalidObservationException("timestamp", value, "an ISO-8601 instant",
                        "timestamp must be ISO-8601 such as 2026-01-01T08:00:00Z, but was '" + value + "'");
            }
        }
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static double number(String field, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = value.toString().trim();
        try {
            if (!DECIMAL.matcher(text).matches()) {
                // Double.parseDouble also takes 0x1p6 (64), "1d" and "Infinity": none is a number of the contract.
                throw new NumberFormatException(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidObservationException(field, value, "a number", field + " must be a number, but was '" + value + "'");
        }
    }

    private static Consciousness consciousness(Object value) {
        try {
            return Consciousness.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidObservationException("consciousness", value, "A, C, V, P or U", e.getMessage());
        }
    }

    private static boolean bool(String field, Object value) {
        if (value instanceof Boolean on) {
            return on;
        }
        return switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidObservationException(field, value, "true or false",
                    field + " must be true or false, but was '" + value + "'");
        };
    }

    /**
     * Starts an observation for a patient at a time.
     *
     * @param patientId the patient, never blank in an accepted observation; at most 128 characters and no
     *     control characters (a newline in an id could forge a line of a log)
     * @param timestamp when the values were measured (event time), from {@link #EARLIEST_TIMESTAMP} to
     *     {@link #LATEST_TIMESTAMP}
     * @return a builder with no parameter set
     */
    public static Builder builder(String patientId, Instant timestamp) {
        return new Builder(patientId, timestamp);
    }

    /**
     * The value of one parameter, or {@code null} if absent. Consciousness is its ACVPU ordinal
     * (0 = alert … 4 = unresponsive); supplemental oxygen is 1.0 (on oxygen) or 0.0 (air).
     *
     * @param vital the parameter
     * @return the value of one parameter, or {@code null} if absent
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

    /**
     * The parameters present, in {@link Vital} order.
     *
     * @return the parameters present, in {@link Vital} order
     */
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

        /**
         * Sets the heart rate. Ranges are checked when the observation is submitted.
         *
         * @param bpm heart rate in beats per minute
         * @return this builder
         */
        public Builder heartRate(double bpm) {
            this.heartRate = bpm;
            return this;
        }

        /**
         * Sets systolic and diastolic blood pressure together. Ranges are checked when the observation is submitted.
         *
         * @param systolic systolic pressure in mmHg
         * @param diastolic diastolic pressure in mmHg
         * @return this builder
         */
        public Builder bloodPressure(double systolic, double diastolic) {
            this.systolicBp = systolic;
            this.diastolicBp = diastolic;
            return this;
        }

        /**
         * Sets the systolic blood pressure. Ranges are checked when the observation is submitted.
         *
         * @param mmHg systolic pressure in mmHg
         * @return this builder
         */
        public Builder systolicBp(double mmHg) {
            this.systolicBp = mmHg;
            return this;
        }

        /**
         * Sets the diastolic blood pressure. Ranges are checked when the observation is submitted.
         *
         * @param mmHg diastolic pressure in mmHg
         * @return this builder
         */
        public Builder diastolicBp(double mmHg) {
            this.diastolicBp = mmHg;
            return this;
        }

        /**
         * Sets the body temperature. Ranges are checked when the observation is submitted.
         *
         * @param celsius temperature in degrees Celsius
         * @return this builder
         */
        public Builder temperature(double celsius) {
            this.temperature = celsius;
            return this;
        }

        /**
         * Sets the peripheral oxygen saturation. Ranges are checked when the observation is submitted.
         *
         * @param percent SpO2 in percent, 0 to 100
         * @return this builder
         */
        public Builder spo2(double percent) {
            this.spo2 = percent;
            return this;
        }

        /**
         * Sets the respiratory rate. Ranges are checked when the observation is submitted.
         *
         * @param perMinute breaths per minute
         * @return this builder
         */
        public Builder respiratoryRate(double perMinute) {
            this.respiratoryRate = perMinute;
            return this;
        }

        /**
         * Sets the level of consciousness.
         *
         * @param level the ACVPU level; not null
         * @return this builder
         */
        public Builder consciousness(Consciousness level) {
            this.consciousness = Objects.requireNonNull(level, "consciousness");
            return this;
        }

        /**
         * Sets whether the patient is on supplemental oxygen (NEWS2 scores 2 for it).
         *
         * @param onOxygen true if the patient receives supplemental oxygen
         * @return this builder
         */
        public Builder supplementalOxygen(boolean onOxygen) {
            this.supplementalOxygen = onOxygen;
            return this;
        }

        /**
         * Sets a numeric parameter by {@link Vital}; for {@link Vital#CONSCIOUSNESS} the value is the
         * ACVPU ordinal and for {@link Vital#SUPPLEMENTAL_OXYGEN} non-zero means on oxygen.
         *
         * @param vital the parameter to set
         * @param value its value in the vital's unit
         * @return this builder
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

        /**
         * Builds the observation with the parameters set so far; those not set are absent (null).
         *
         * @return a new observation; not yet checked against physiological limits
         */
        public Observation build() {
            return new Observation(patientId, timestamp, heartRate, systolicBp, diastolicBp, temperature, spo2,
                    respiratoryRate, consciousness, supplementalOxygen);
        }
    }
}
