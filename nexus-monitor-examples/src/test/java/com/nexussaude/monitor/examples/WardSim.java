package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded simulator of realistic ward monitoring: the patient's true physiology as curves, and what a
 * bedside monitor would export from it at 1 Hz (heart rate from the oximeter's pulse, SpO2, impedance
 * respiratory rate) with measurement noise, dropped samples, movement artefacts and probe-off periods,
 * plus the nurse's intermittent observations (NIBP every 15–60 min, temperature hourly, ACVPU and
 * oxygen with each NIBP).
 *
 * <p>The truth stays available beside the measurements ({@link Patient#truth}), so a scenario states
 * what really happened to the patient, and the alarm policy is judged against that, never against
 * the noisy numbers it saw.
 */
final class WardSim {
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    private WardSim() {
    }

    /**
     * A true value over time: piecewise-linear keyframes (minute, value), plus a slow sinusoidal wobble
     * and brief excursions (a cough, a sleep desaturation) that add to it.
     */
    static final class Curve {
        private final TreeMap<Double, Double> keys = new TreeMap<>();
        private double wobbleAmplitude;
        private double wobblePeriodMin = 60;
        private double wobblePhase;
        private final List<double[]> excursions = new ArrayList<>(); // {startSec, durationSec, delta}

        static Curve flat(double value) {
            return new Curve().at(0, value);
        }

        /** Sets the value at a minute; values between keyframes are interpolated, beyond them held. */
        Curve at(double minute, double value) {
            keys.put(minute, value);
            return this;
        }

        Curve wobble(double amplitude, double periodMinutes, double phase) {
            this.wobbleAmplitude = amplitude;
            this.wobblePeriodMin = periodMinutes;
            this.wobblePhase = phase;
            return this;
        }

        /** Adds {@code delta} for {@code seconds} from {@code startSecond}, ramping in and out over 3 s. */
        Curve excursion(double startSecond, double seconds, double delta) {
            excursions.add(new double[] {startSecond, seconds, delta});
            return this;
        }

        double value(double second) {
            double minute = second / 60.0;
            Map.Entry<Double, Double> lo = keys.floorEntry(minute);
            Map.Entry<Double, Double> hi = keys.ceilingEntry(minute);
            double base;
            if (lo == null) {
                base = hi.getValue();
            } else if (hi == null || hi.getKey().equals(lo.getKey())) {
                base = lo.getValue();
            } else {
                double f = (minute - lo.getKey()) / (hi.getKey() - lo.getKey());
                base = lo.getValue() + f * (hi.getValue() - lo.getValue());
            }
            base += wobbleAmplitude * Math.sin(2 * Math.PI * minute / wobblePeriodMin + wobblePhase);
            for (double[] e : excursions) {
                double into = second - e[0];
                if (into >= 0 && into < e[1]) {
                    double ramp = Math.min(1.0, Math.min(into + 1, e[1] - into) / 3.0);
                    base += e[2] * ramp;
                }
            }
            return base;
        }
    }

    /** A period in which the monitor's export is not the patient: movement, or a probe that came off. */
    record Disturbance(Kind kind, long startSecond, long seconds) {
        enum Kind {
            /** Patient moving: pulse rate spikes, SpO2 reads low, respiratory rate is garbage. */
            MOVEMENT,
            /** The oximeter probe is off and exports 0 for SpO2 and pulse rate. */
            PROBE_OFF,
            /** The monitor exports nothing for SpO2 and pulse rate (probe off, sending no value). */
            NO_SIGNAL
        }

        boolean covers(long second) {
            return second >= startSecond && second < startSecond + seconds;
        }
    }

    /** One simulated patient: context, true physiology, the monitor's quirks, and the nurse's rounds. */
    static final class Patient {
        final String id;
        final String kind;
        PatientContext context;
        final Map<Vital, Curve> truth = new EnumMap<>(Vital.class);
        final TreeMap<Long, Consciousness> consciousness = new TreeMap<>();
        final TreeMap<Long, Boolean> oxygen = new TreeMap<>();
        final List<Disturbance> disturbances = new ArrayList<>();
        // Measurement noise (SD) of the 1-s exports. Monitors average over a few seconds (SpO2 over about
        // 8 s, impedance respiration over 15-30 s), so successive errors are correlated: AR(1) with rho.
        double hrNoise = 2.0;
        double hrRho = 0.6;
        double spo2Noise = 0.7;
        double spo2Rho = 0.85;
        double rrNoise = 1.2;
        double rrRho = 0.9;
        double dropRate = 0.01;
        int nibpEveryMinutes = 60;
        int tempEveryMinutes = 60;
        long seed;

        Patient(String id, String kind, long seed) {
            this.id = id;
            this.kind = kind;
            this.seed = seed;
            this.context = PatientContext.of(id).withWard("ward-7");
            consciousness.put(0L, Consciousness.ALERT);
            oxygen.put(0L, false);
        }

        Patient vital(Vital v, Curve c) {
            truth.put(v, c);
            return this;
        }

        Patient consciousnessAt(double minute, Consciousness level) {
            consciousness.put((long) (minute * 60), level);
            return this;
        }

        Patient oxygenAt(double minute, boolean on) {
            oxygen.put((long) (minute * 60), on);
            return this;
        }

        Patient disturb(Disturbance.Kind k, double startMinute, long seconds) {
            disturbances.add(new Disturbance(k, (long) (startMinute * 60), seconds));
            return this;
        }

        /** Atrial fibrillation: the beat-to-beat rate is irregular, so 1-s heart-rate readings scatter. */
        Patient irregularRhythm(double sd) {
            this.hrNoise = sd;
            this.hrRho = 0.3;
            return this;
        }

        Patient nibpEvery(int minutes) {
            this.nibpEveryMinutes = minutes;
            return this;
        }

        Patient context(PatientContext c) {
            this.context = c;
            return this;
        }

        double trueValue(Vital v, long second) {
            Curve c = truth.get(v);
            return c == null ? Double.NaN : c.value(second);
        }

        boolean disturbed(long second) {
            return disturbances.stream().anyMatch(d -> d.covers(second));
        }
    }

    /** A measured reading for one second and the simulator's note of why it is what it is. */
    record Sample(Observation observation, boolean artefact) {
    }

    /**
     * What the monitor exports for one patient over {@code length}, one observation per second (plus
     * the nurse's sets merged into the second they were taken), deterministic for the patient's seed.
     */
    static List<Sample> measure(Patient p, Duration length) {
        Random rnd = new Random(p.seed);
        long seconds = length.toSeconds();
        List<Sample> out = new ArrayList<>((int) seconds);
        long nextNibp = 60 + rnd.nextInt(120);
        long nextTemp = 120 + rnd.nextInt(300);
        int dropRun = 0;
        double hrErr = 0;
        double spo2Err = 0;
        double rrErr = 0;
        for (long s = 0; s < seconds; s++) {
            hrErr = ar(hrErr, p.hrRho, p.hrNoise, rnd);
            spo2Err = ar(spo2Err, p.spo2Rho, p.spo2Noise, rnd);
            rrErr = ar(rrErr, p.rrRho, p.rrNoise, rnd);
            Observation.Builder b = Observation.builder(p.id, START.plusSeconds(s));
            boolean any = false;
            boolean artefact = false;
            Disturbance d = null;
            for (Disturbance x : p.disturbances) {
                if (x.covers(s)) {
                    d = x;
                    break;
                }
            }
            if (dropRun > 0) {
                dropRun--;
            } else if (rnd.nextDouble() < p.dropRate / 5) {
                dropRun = 2 + rnd.nextInt(4); // a short run of missing samples
            }
            boolean dropped = dropRun > 0 || rnd.nextDouble() < p.dropRate;
            if (!dropped) {
                double hr = p.trueValue(Vital.HEART_RATE, s);
                double spo2 = p.trueValue(Vital.SPO2, s);
                double rr = p.trueValue(Vital.RESPIRATORY_RATE, s);
                if (d != null && d.kind() == Disturbance.Kind.MOVEMENT) {
                    long into = s - d.startSecond();
                    hr += 35 + 30 * Math.sin(Math.PI * (into + 1) / (d.seconds() + 1)) + rnd.nextGaussian() * 8;
                    spo2 -= Math.min(14, 2.5 * (into + 1)) * (0.6 + 0.4 * rnd.nextDouble());
                    rr += rnd.nextGaussian() * 10;
                    artefact = true;
                }
                if (!Double.isNaN(hr)) {
                    // A monitor shows no scatter around an absent pulse: a true 0 exports 0.
                    double v = hr < 0.5 ? 0 : hr + hrErr;
                    if (d != null && d.kind() == Disturbance.Kind.PROBE_OFF) {
                        v = 0;
                        artefact = true;
                    }
                    if (d == null || d.kind() != Disturbance.Kind.NO_SIGNAL) {
                        b.heartRate(clamp(Math.round(v), 0, 300));
                        any = true;
                    }
                }
                if (!Double.isNaN(spo2)) {
                    double v = spo2 < 0.5 ? 0 : Math.min(100, spo2 + spo2Err);
                    if (d != null && d.kind() == Disturbance.Kind.PROBE_OFF) {
                        v = 0;
                    }
                    if (d == null || d.kind() != Disturbance.Kind.NO_SIGNAL) {
                        b.spo2(clamp(Math.round(v), 0, 100));
                        any = true;
                    }
                }
                if (!Double.isNaN(rr)) {
                    b.respiratoryRate(rr < 0.5 ? 0 : clamp(Math.round(rr + rrErr), 0, 80));
                    any = true;
                }
            }
            if (s >= nextNibp && p.truth.containsKey(Vital.SYSTOLIC_BP)) {
                double sbp = p.trueValue(Vital.SYSTOLIC_BP, s) + rnd.nextGaussian() * 4;
                double dbp = p.trueValue(Vital.DIASTOLIC_BP, s) + rnd.nextGaussian() * 3;
                b.bloodPressure(Math.round(sbp), Math.round(dbp));
                b.consciousness(p.consciousness.floorEntry(s).getValue());
                b.supplementalOxygen(p.oxygen.floorEntry(s).getValue());
                any = true;
                nextNibp = s + p.nibpEveryMinutes * 60L + rnd.nextInt(121) - 60;
            }
            if (s >= nextTemp && p.truth.containsKey(Vital.TEMPERATURE)) {
                double t = p.trueValue(Vital.TEMPERATURE, s) + rnd.nextGaussian() * 0.1;
                b.temperature(Math.round(t * 10) / 10.0);
                any = true;
                nextTemp = s + p.tempEveryMinutes * 60L + rnd.nextInt(121) - 60;
            }
            if (any) {
                out.add(new Sample(b.build(), artefact));
            }
        }
        return out;
    }

    /** One step of an AR(1) error with stationary standard deviation {@code sd}. */
    private static double ar(double previous, double rho, double sd, Random rnd) {
        return rho * previous + Math.sqrt(1 - rho * rho) * sd * rnd.nextGaussian();
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The measurements as the command line's readings (file = the patient's kind), for {@link Replayer}. */
    static List<ObservationReader.Reading> readings(Patient p, Duration length) {
        List<ObservationReader.Reading> out = new ArrayList<>();
        int line = 1;
        for (Sample s : measure(p, length)) {
            out.add(new ObservationReader.Reading(s.observation(), p.context.spo2Scale() == 2 ? 2 : null,
                    "sim/" + p.id, line++));
        }
        return out;
    }
}
