package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic night on a six-bed ward, three hours from midnight: HR, SpO2 and respiratory rate
 * every 5 s (a real monitor sends them every second; 5 s keeps the demo fast and still well inside
 * the persistence delays' 30 s gap limit), NIBP every 15 min, temperature and ACVPU hourly.
 *
 * <ul>
 *   <li>bed-1, bed-2, bed-6: stable.</li>
 *   <li>bed-3: hypoxic; SpO2 drifts from 97% to 87% from 00:40 on, respiratory rate and HR rise.</li>
 *   <li>bed-4: septic; from 00:30 HR and temperature rise, blood pressure falls, breathing quickens.</li>
 *   <li>bed-5: stable, with a 10 s SpO2 artefact dip (probe moved) at 01:10 that must not alert:
 *   it is shorter than the SpO2 alarm delay.</li>
 * </ul>
 */
final class DemoScenario {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LENGTH = Duration.ofHours(3);
    static final int SAMPLE_SECONDS = 5;
    static final long SEED = 20260101L;

    /** One simulated patient: the bed and a one-line description for the summary. */
    record Patient(String id, String story) {
    }

    static final List<Patient> PATIENTS = List.of(
            new Patient("bed-1", "stable"),
            new Patient("bed-2", "stable"),
            new Patient("bed-3", "hypoxic: SpO2 drifting down to 87%"),
            new Patient("bed-4", "septic: HR and temperature rising, blood pressure falling"),
            new Patient("bed-5", "stable, one 10 s SpO2 artefact dip at 01:10 (must not alert)"),
            new Patient("bed-6", "stable"));

    private DemoScenario() {
    }

    /** The whole night as readings in time order; the same list every call. */
    static List<ObservationReader.Reading> generate() {
        Random rnd = new Random(SEED);
        List<ObservationReader.Reading> out = new ArrayList<>();
        long end = LENGTH.toSeconds();
        int line = 0;
        for (long t = 0; t <= end; t += SAMPLE_SECONDS) {
            for (int bed = 1; bed <= PATIENTS.size(); bed++) {
                Observation o = observe(bed, t, rnd);
                out.add(new ObservationReader.Reading(o, null, "demo", ++line));
            }
        }
        return out;
    }

    /** Progress of a deterioration starting at {@code fromMin} minutes and complete at {@code toMin}: 0..1. */
    private static double ramp(long t, double fromMin, double toMin) {
        double m = t / 60.0;
        return m <= fromMin ? 0 : m >= toMin ? 1 : (m - fromMin) / (toMin - fromMin);
    }

    private static Observation observe(int bed, long t, Random rnd) {
        double hr;
        double spo2;
        double rr;
        double sbp;
        double dbp;
        double temp;
        Consciousness acvpu = Consciousness.ALERT;
        switch (bed) {
            case 3 -> {
                double p = ramp(t, 40, 140);
                hr = 80 + 18 * p;
                spo2 = 97 - 10 * p;
                rr = 16 + 7 * p;
                sbp = 128;
                dbp = 80;
                temp = 36.9;
            }
            case 4 -> {
                double p = ramp(t, 30, 170);
                hr = 88 + 40 * p;
                spo2 = 96 - 2 * p;
                rr = 17 + 8 * p;
                sbp = 124 - 38 * p;
                dbp = 78 - 26 * p;
                temp = 37.2 + 2.0 * p;
                if (p > 0.9) {
                    acvpu = Consciousness.CONFUSION;
                }
            }
            default -> {
                // Stable beds: each its own baseline, all well inside the normal bands.
                int i = bed == 1 ? 0 : bed == 2 ? 1 : bed == 5 ? 2 : 3;
                hr = new double[] {72, 84, 76, 66}[i];
                spo2 = new double[] {97, 96, 98, 96}[i];
                rr = new double[] {15, 17, 14, 16}[i];
                sbp = new double[] {118, 131, 122, 126}[i];
                dbp = new double[] {74, 80, 76, 78}[i];
                temp = new double[] {36.7, 37.0, 36.8, 36.6}[i];
            }
        }
        // Noise is drawn for every value in a fixed order, so the scenario is identical run after run.
        hr = Math.round(hr + rnd.nextGaussian() * 2);
        spo2 = Math.min(100, Math.round(spo2 + rnd.nextGaussian() * 0.5));
        rr = Math.round(rr + rnd.nextGaussian() * 0.6);
        sbp = Math.round(sbp + rnd.nextGaussian() * 3);
        dbp = Math.round(dbp + rnd.nextGaussian() * 2);
        temp = Math.round((temp + rnd.nextGaussian() * 0.05) * 10) / 10.0;
        if (bed == 5 && t >= 70 * 60 && t < 70 * 60 + 10) {
            spo2 = t == 70 * 60 ? 88 : 87; // probe artefact: two samples, 5 s apart, then back to normal
        }
        Observation.Builder b = Observation.builder("bed-" + bed, START.plusSeconds(t))
                .heartRate(hr).spo2(spo2).respiratoryRate(rr);
        if (t % (15 * 60) == 0) {
            b.bloodPressure(sbp, dbp);
        }
        if (t % 3600 == 0) {
            b.temperature(temp).consciousness(acvpu).supplementalOxygen(false);
        }
        return b.build();
    }
}
