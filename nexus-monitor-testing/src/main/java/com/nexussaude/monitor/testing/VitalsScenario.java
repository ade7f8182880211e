package com.nexussaude.monitor.testing;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One patient's vitals over time, written as a story: steady values, a change, a slow drift, a gap
 * in the signal. It produces {@link Observation}s at a fixed interval, with event-time timestamps, for
 * {@link MonitorFixture#replay} (or any monitor's {@code submit}).
 *
 * <pre>{@code
 * List<Observation> night = VitalsScenario.patient("bed-4", T0).every(Duration.ofSeconds(30))
 *         .set(Vital.HEART_RATE, 78).set(Vital.SPO2, 97)
 *         .hold(Duration.ofMinutes(10))                    // 10 minutes of normal readings
 *         .drift(Vital.SPO2, 86, Duration.ofMinutes(20))   // SpO2 falls to 86 over 20 minutes
 *         .hold(Duration.ofMinutes(5))
 *         .observations();
 * }</pre>
 *
 * <p>Every reading carries every vital set so far; {@link #unset} stops sending one. The scenario's
 * time starts at the given instant, and each step emits readings at its start and then every interval,
 * ending one interval before the step's end (where the next step begins), so steps join without
 * duplicate timestamps. Not thread-safe: build it on one thread.
 *
 * @since 0.4
 */
public final class VitalsScenario {
    private final String patientId;
    private final List<Observation> observations = new ArrayList<>();
    private final Map<Vital, Double> values = new EnumMap<>(Vital.class);
    private Duration interval = Duration.ofMinutes(1);
    private Instant now;

    private VitalsScenario(String patientId, Instant start) {
        this.patientId = patientId;
        this.now = start;
    }

    /**
     * A scenario for one patient, starting at {@code start}, with readings every minute until
     * {@link #every} says otherwise.
     *
     * @param patientId the patient id the readings carry; not blank
     * @param start     the time of the first reading
     * @return the scenario
     */
    public static VitalsScenario patient(String patientId, Instant start) {
        Objects.requireNonNull(patientId, "patientId");
        if (patientId.isBlank()) {
            throw new IllegalArgumentException("patientId must not be blank");
        }
        return new VitalsScenario(patientId, Objects.requireNonNull(start, "start"));
    }

    /**
     * The interval between readings from now on.
     *
     * @param interval greater than zero
     * @return this scenario
     */
    public VitalsScenario every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be greater than 0, but was " + interval);
        }
        this.interval = interval;
        return this;
    }

    /**
     * Sets a vital's value from now on (the next step's readings carry it).
     *
     * @param vital the vital
     * @param value its value in the vital's unit ({@link Vital#unit()}); checked by the monitor, not here,
     *              so a scenario can also describe invalid input
     * @return this scenario
     */
    public VitalsScenario set(Vital vital, double value) {
        values.put(Objects.requireNonNull(vital, "vital"), value);
        return this;
    }

    /**
     * Sets the level of consciousness from now on.
     *
     * @param level the ACVPU level
     * @return this scenario
     */
    public VitalsScenario consciousness(Consciousness level) {
        return set(Vital.CONSCIOUSNESS, Objects.requireNonNull(level, "level").ordinal());
    }

    /**
     * Stops sending a vital (a probe taken off), from now on.
     *
     * @param vital the vital
     * @return this scenario
     */
    public VitalsScenario unset(Vital vital) {
        values.remove(Objects.requireNonNull(vital, "vital"));
        return this;
    }

    /**
     * Emits readings with the current values for {@code duration}.
     *
     * @param duration how long; at least one interval
     * @return this scenario
     */
    public VitalsScenario hold(Duration duration) {
        long steps = steps(duration);
        for (long i = 0; i < steps; i++) {
            emit();
        }
        return this;
    }

    /**
     * Emits readings while {@code vital} moves in a straight line from its current value to
     * {@code target} over {@code duration}; the last reading of the step is one interval short of the
     * target, which the next step's first reading then carries.
     *
     * @param vital    a vital already {@linkplain #set set}
     * @param target   the value it reaches at the end of the step
     * @param duration how long; at least one interval
     * @return this scenario
     */
    public VitalsScenario drift(Vital vital, double target, Duration duration) {
        Double from = values.get(Objects.requireNonNull(vital, "vital"));
        if (from == null) {
            throw new IllegalStateException("drift of " + vital + " needs a starting value: set(" + vital + ", …) first");
        }
        long steps = steps(duration);
        for (long i = 0; i < steps; i++) {
            values.put(vital, from + (target - from) * i / steps);
            emit();
        }
        values.put(vital, target);
        return this;
    }

    /**
     * No readings for {@code duration}: a signal loss, a patient off the ward.
     *
     * @param duration how long; greater than zero
     * @return this scenario
     */
    public VitalsScenario gap(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("gap must be greater than 0, but was " + duration);
        }
        now = now.plus(duration);
        return this;
    }

    /**
     * The time of the next reading.
     *
     * @return the time of the next reading
     */
    public Instant now() {
        return now;
    }

    /**
     * The patient id of the readings.
     *
     * @return the patient id of the readings
     */
    public String patientId() {
        return patientId;
    }

    /**
     * The readings so far, in time order.
     *
     * @return the readings so far, in time order
     */
    public List<Observation> observations() {
        return Collections.unmodifiableList(new ArrayList<>(observations));
    }

    private long steps(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.compareTo(interval) < 0) {
            throw new IllegalArgumentException("a step of " + duration + " is shorter than the interval " + interval);
        }
        return duration.toMillis() / interval.toMillis();
    }

    private void emit() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no vital set for " + patientId + " at " + now + ": set(Vital, value) first");
        }
        Observation.Builder b = Observation.builder(patientId, now);
        values.forEach(b::value);
        observations.add(b.build());
        now = now.plus(interval);
    }
}
