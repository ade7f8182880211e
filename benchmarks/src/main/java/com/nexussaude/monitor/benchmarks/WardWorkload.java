package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The ward mix every benchmark feeds: one seeded, deterministic workload shared by the throughput,
 * latency, memory, rule-scaling and replay benchmarks, so their numbers describe the same ward.
 *
 * <ul>
 *   <li>Every patient sends heart rate, SpO2 and respiratory rate every second of event time.</li>
 *   <li>Non-invasive blood pressure (systolic and diastolic) every 15 minutes and temperature every
 *       hour, in the same observation as that second's continuous values; each patient has its own
 *       seeded offset, so the periodic readings are spread over the period as on a real ward.</li>
 *   <li>One patient in 100 deteriorates in a 30-minute cycle: 10 min stable, 5 min ramp, 10 min
 *       septic-shock-like plateau (HR +45, SpO2 -9, RR +12, systolic -35, temperature +1.6), 5 min
 *       recovery. The plateau crosses the warning bands, NEWS2 high risk, the shock index, the
 *       respiratory and sepsis screens and the trend slopes, so every pack raises alerts. Each
 *       deteriorating patient starts at a seeded phase of the cycle, so alerts start at once and
 *       keep coming.</li>
 *   <li>Patients are registered in wards of {@value #BEDS_PER_WARD} beds ({@code ward-000} ...).</li>
 *   <li>Within a second the patients' timestamps are spread evenly over the second (patient
 *       {@code p} of {@code N} at {@code p * 1000 / N} ms), as independent bedside monitors are; so
 *       event time advances between observations, not once per ward-second.</li>
 * </ul>
 *
 * <p>Reading {@code seq} is patient {@code seq % N} at second {@code seq / N}: the workload is an
 * endless, time-ordered stream. Baselines, offsets, phases and a 64k-entry noise tape are generated
 * once from the seed; a reading's values are table lookups, so generation costs a few nanoseconds
 * and allocates nothing. Only the {@link Observation} handed to the library is allocated per
 * reading, as a host would; {@code PipelineBenchmark.baseline} measures that cost alone.
 *
 * <p>Values are whole numbers (as monitors report them; temperature to 0.1 °C) and the noise is
 * small (SD 2 /min HR, 0.7 % SpO2, 1 /min RR), so no reading is an implausible jump or a flat-zero
 * respiratory rate: the threshold pack's artefact filters pass every reading, which keeps the
 * hand-written threshold evaluator equivalent to the pack on this workload.
 */
public final class WardWorkload {
    /** Event time of second 0: 2026-11-25T08:00:00Z. */
    public static final long T0_MS = Instant.parse("2026-11-25T08:00:00Z").toEpochMilli();
    /** Beds per ward: patient {@code p} is in ward {@code p / 30}. */
    public static final int BEDS_PER_WARD = 30;
    /** NIBP interval, seconds. */
    public static final int NIBP_PERIOD_S = 900;
    /** Temperature interval, seconds. */
    public static final int TEMPERATURE_PERIOD_S = 3600;
    /** One patient in this many deteriorates. */
    public static final int DETERIORATING_ONE_IN = 100;
    /** Length of the deterioration cycle, seconds. */
    public static final int CYCLE_S = 1800;

    private static final int TAPE_BITS = 16;
    private static final int TAPE_MASK = (1 << TAPE_BITS) - 1;

    private final int patients;
    private final String[] ids;
    private final String[] wards;
    private final float[] hr0;
    private final float[] spo20;
    private final float[] rr0;
    private final float[] sbp0;
    private final float[] dbp0;
    private final float[] temp0;
    private final int[] nibpOffset;
    private final int[] temperatureOffset;
    /** Phase in the deterioration cycle, or -1 for a stable patient. */
    private final int[] phase;
    /** Roughly standard normal values (sum of four uniforms, rescaled). */
    private final float[] noise;

    /** A ward of {@code patients} beds from {@code seed}; the same arguments give the same stream. */
    public WardWorkload(int patients, long seed) {
        if (patients <= 0) {
            throw new IllegalArgumentException("patients must be greater than 0, but was " + patients);
        }
        this.patients = patients;
        SplittableRandom random = new SplittableRandom(seed);
        ids = new String[patients];
        wards = new String[patients];
        hr0 = new float[patients];
        spo20 = new float[patients];
        rr0 = new float[patients];
        sbp0 = new float[patients];
        dbp0 = new float[patients];
        temp0 = new float[patients];
        nibpOffset = new int[patients];
        temperatureOffset = new int[patients];
        phase = new int[patients];
        for (int p = 0; p < patients; p++) {
            ids[p] = String.format("bed-%06d", p);
            wards[p] = String.format("ward-%03d", p / BEDS_PER_WARD);
            // Normal adult ward ranges, inside the default normal bands.
            hr0[p] = 62 + random.nextInt(30);
            spo20[p] = 95 + random.nextInt(4);
            rr0[p] = 13 + random.nextInt(6);
            sbp0[p] = 108 + random.nextInt(25);
            dbp0[p] = 66 + random.nextInt(16);
            temp0[p] = 36.4f + random.nextInt(9) / 10f;
            nibpOffset[p] = random.nextInt(NIBP_PERIOD_S);
            temperatureOffset[p] = random.nextInt(TEMPERATURE_PERIOD_S);
            phase[p] = -1;
        }
        // Exactly one patient in DETERIORATING_ONE_IN (at least one), chosen by the seed.
        int deteriorating = Math.max(1, patients / DETERIORATING_ONE_IN);
        for (int chosen = 0; chosen < deteriorating; ) {
            int p = random.nextInt(patients);
            if (phase[p] < 0) {
                phase[p] = random.nextInt(CYCLE_S);
                chosen++;
            }
        }
        noise = new float[1 << TAPE_BITS];
        for (int i = 0; i < noise.length; i++) {
            double u = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
            noise[i] = (float) ((u - 2.0) * Math.sqrt(3.0)); // mean 0, variance 1
        }
    }

    /** Number of patients. */
    public int patients() {
        return patients;
    }

    /** The id of patient {@code p}, e.g. {@code bed-000042}. */
    public String patientId(int p) {
        return ids[p];
    }

    /** The ward of patient {@code p}, e.g. {@code ward-001}. */
    public String ward(int p) {
        return wards[p];
    }

    /** The context a host would register for patient {@code p}: its ward, SpO2 scale 1. */
    public PatientContext context(int p) {
        return PatientContext.of(ids[p]).withWard(wards[p]);
    }

    /** Patient {@code p}'s SpO2 baseline, % (95..98). */
    public double spo2Baseline(int p) {
        return spo20[p];
    }

    /** Patient {@code p}'s respiratory-rate baseline, /min (13..18). */
    public double respiratoryRateBaseline(int p) {
        return rr0[p];
    }

    /** Whether patient {@code p} is one of the deteriorating 1%. */
    public boolean deteriorating(int p) {
        return phase[p] >= 0;
    }

    /** The patient of reading {@code seq}. */
    public int patientOf(long seq) {
        return (int) (seq % patients);
    }

    /** The second (of event time, from {@link #T0_MS}) of reading {@code seq}. */
    public long secondOf(long seq) {
        return seq / patients;
    }

    /** Event time of reading {@code seq}, epoch ms; non-decreasing in {@code seq}. */
    public long timestampOf(long seq) {
        int p = patientOf(seq);
        return T0_MS + secondOf(seq) * 1000 + (long) p * 1000 / patients;
    }

    /** Fills {@code r} with reading {@code seq}; allocates nothing. */
    public void fill(long seq, Reading r) {
        int p = patientOf(seq);
        long s = secondOf(seq);
        double d = severity(p, s);
        r.patient = p;
        r.patientId = ids[p];
        r.timestampMs = T0_MS + s * 1000 + (long) p * 1000 / patients;
        r.heartRate = Math.round(hr0[p] + 45 * d + 2.0 * noise(p, s, 0));
        r.spo2 = Math.min(100, Math.round(spo20[p] - 9 * d + 0.7 * noise(p, s, 1)));
        r.respiratoryRate = Math.max(1, Math.round(rr0[p] + 12 * d + noise(p, s, 2)));
        if ((s + nibpOffset[p]) % NIBP_PERIOD_S == 0) {
            r.systolicBp = Math.round(sbp0[p] - 35 * d + 4.0 * noise(p, s, 3));
            r.diastolicBp = Math.round(dbp0[p] - 18 * d + 3.0 * noise(p, s, 4));
        } else {
            r.systolicBp = Double.NaN;
            r.diastolicBp = Double.NaN;
        }
        if ((s + temperatureOffset[p]) % TEMPERATURE_PERIOD_S == 0) {
            r.temperature = Math.round((temp0[p] + 1.6 * d + 0.1 * noise(p, s, 5)) * 10) / 10.0;
        } else {
            r.temperature = Double.NaN;
        }
    }

    /** Reading {@code seq} as the {@link Observation} a host would submit. */
    public Observation observation(long seq, Reading scratch) {
        fill(seq, scratch);
        return scratch.toObservation();
    }

    /** How far into its deterioration patient {@code p} is at second {@code s}: 0 stable .. 1 plateau. */
    private double severity(int p, long s) {
        int ph = phase[p];
        if (ph < 0) {
            return 0;
        }
        int c = (int) ((s + ph) % CYCLE_S);
        if (c < 600) {
            return 0;
        }
        if (c < 900) {
            return (c - 600) / 300.0;
        }
        if (c < 1500) {
            return 1;
        }
        return (CYCLE_S - c) / 300.0;
    }

    private float noise(int p, long s, int k) {
        // Odd multipliers walk the tape with full period; different p, s and k land far apart.
        long i = p * 7919L + s * 104729L + k * 15485863L;
        return noise[(int) (i & TAPE_MASK)];
    }

    /**
     * One reading, filled in place so the raw-Esper and hand-written paths allocate nothing per
     * reading. Absent periodic values are NaN.
     */
    public static final class Reading {
        /** Patient index. */
        public int patient;
        /** Patient id. */
        public String patientId;
        /** Event time, epoch ms. */
        public long timestampMs;
        /** Heart rate, /min. */
        public double heartRate;
        /** SpO2, %. */
        public double spo2;
        /** Respiratory rate, /min. */
        public double respiratoryRate;
        /** Systolic BP, mmHg, or NaN. */
        public double systolicBp;
        /** Diastolic BP, mmHg, or NaN. */
        public double diastolicBp;
        /** Temperature, °C, or NaN. */
        public double temperature;

        /** This reading as an {@link Observation}. */
        public Observation toObservation() {
            Observation.Builder b = Observation.builder(patientId, Instant.ofEpochMilli(timestampMs))
                    .heartRate(heartRate).spo2(spo2).respiratoryRate(respiratoryRate);
            if (!Double.isNaN(systolicBp)) {
                b.bloodPressure(systolicBp, diastolicBp);
            }
            if (!Double.isNaN(temperature)) {
                b.temperature(temperature);
            }
            return b.build();
        }
    }
}
