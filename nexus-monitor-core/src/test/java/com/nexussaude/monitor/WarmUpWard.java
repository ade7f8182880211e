package com.nexussaude.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded ward for the warm-up equivalence tests: patients monitored every 5 s (HR, SpO2, RR with noise)
 * plus charted observations every 30 min (NIBP, temperature, ACVPU, oxygen), with episodes of hypoxia,
 * tachycardia and tachypnoea of a few to 40 minutes, probe-off periods (signal loss), a fever, a patient
 * whose monitoring stops for hours (monitoring ended), and people acting on alerts (acknowledging incidents,
 * resolving an alert by hand). Every input is an {@link Input}: an observation or a person's action, in
 * time order.
 */
final class WarmUpWard {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final long STEP_S = 5;

    /** One input at a time: an observation, or a person's action on the monitor. */
    record Input(Instant at, Observation observation, String action, Consumer<VitalMonitor> act) {
        static Input of(Observation o) {
            return new Input(o.timestamp(), o, null, null);
        }

        static Input action(Instant at, String what, Consumer<VitalMonitor> act) {
            return new Input(at, null, what, act);
        }

        void applyTo(VitalMonitor m) {
            if (observation != null) {
                try {
                    m.submit(observation);
                } catch (InvalidObservationException e) {
                    // A recording's impossible sample (all of it invalid) is refused alike by every monitor.
                }
            } else {
                act.accept(m);
            }
        }
    }

    /** A disturbance of one vital: {@code delta} added from {@code fromS} for {@code lengthS} seconds. */
    private record Episode(Vital vital, long fromS, long lengthS, double delta) {
        boolean covers(long s) {
            return s >= fromS && s < fromS + lengthS;
        }
    }

    private WarmUpWard() {
    }

    /**
     * The ward over {@code hours}: {@code patients} beds, seeded; episodes fall in the whole span, so some
     * are under way at any cut.
     */
    static List<Input> inputs(int patients, int hours, long seed) {
        List<Input> in = new ArrayList<>();
        long end = hours * 3600L;
        for (int p = 0; p < patients; p++) {
            Random r = new Random(seed * 1_000 + p);
            String id = "bed-" + (p + 1);
            List<Episode> episodes = new ArrayList<>();
            List<long[]> probeOff = new ArrayList<>();
            for (long s = 600 + r.nextInt(1800); s < end; s += 2400 + r.nextInt(3600)) {
                switch (r.nextInt(4)) {
                    case 0 -> episodes.add(new Episode(Vital.SPO2, s, 300 + r.nextInt(2100), -(8 + r.nextInt(6))));
                    case 1 -> episodes.add(new Episode(Vital.HEART_RATE, s, 300 + r.nextInt(2100), 45 + r.nextInt(25)));
                    case 2 -> episodes.add(new Episode(Vital.RESPIRATORY_RATE, s, 600 + r.nextInt(1800), 9 + r.nextInt(6)));
                    default -> probeOff.add(new long[] {s, 90 + r.nextInt(300)});
                }
            }
            // Bed 3 is off its monitor from hour 9 for 6 hours (monitoring ends after the idle release) and comes back.
            long[] away = p == 2 ? new long[] {9 * 3600L, 6 * 3600L} : null;
            boolean fever = p % 2 == 1;
            double hr = 72 + r.nextInt(16);
            double spo2 = 95 + r.nextInt(3);
            double rr = 14 + r.nextInt(4);
            double nHr = 0;
            double nSpo2 = 0;
            double nRr = 0;
            for (long s = r.nextInt(5); s < end; s += STEP_S) {
                if (away != null && s >= away[0] && s < away[0] + away[1]) {
                    continue;
                }
                nHr = 0.9 * nHr + r.nextGaussian() * 1.2;
                nSpo2 = 0.9 * nSpo2 + r.nextGaussian() * 0.3;
                nRr = 0.9 * nRr + r.nextGaussian() * 0.6;
                Instant t = START.plusSeconds(s);
                Observation.Builder o = Observation.builder(id, t);
                boolean off = false;
                for (long[] po : probeOff) {
                    off |= s >= po[0] && s < po[0] + po[1];
                }
                if (!off) {
                    o.heartRate(Math.round(hr + nHr + delta(episodes, Vital.HEART_RATE, s)))
                            .spo2(Math.min(100, Math.round(spo2 + nSpo2 + delta(episodes, Vital.SPO2, s))));
                }
                o.respiratoryRate(Math.max(4, Math.round(rr + nRr + delta(episodes, Vital.RESPIRATORY_RATE, s))));
                if (s % 1800 < STEP_S) {
                    double temp = fever && s > end / 3 && s < 2 * end / 3 ? 38.9 : 36.9;
                    o.systolicBp(Math.round(118 + r.nextGaussian() * 8 - (delta(episodes, Vital.HEART_RATE, s) > 0 ? 25 : 0)))
                            .diastolicBp(Math.round(72 + r.nextGaussian() * 5))
                            .temperature(Math.round((temp + r.nextGaussian() * 0.1) * 10) / 10.0)
                            .consciousness(Consciousness.ALERT)
                            .supplementalOxygen(delta(episodes, Vital.SPO2, s) < 0);
                }
                in.add(Input.of(o.build()));
            }
        }
        // People: every 70 minutes the nurse acknowledges an unacknowledged incident of bed 1 and 2 (so escalations
        // stop, and restart when the acknowledgement times out); every 3 h the physician resolves bed 4's oldest
        // open alert by hand.
        for (long s = 3600; s < end; s += 4200) {
            for (String bed : List.of("bed-1", "bed-2")) {
                in.add(Input.action(START.plusSeconds(s + 2), "acknowledge " + bed, m -> m.incidents().stream()
                        .filter(i -> i.patientId().equals(bed) && i.state() == Incident.State.OPEN).findFirst()
                        .ifPresent(i -> m.acknowledgeIncident(i.incidentId(), "nurse.ana", "at the bedside"))));
            }
        }
        for (long s = 3 * 3600; s < end; s += 3 * 3600) {
            in.add(Input.action(START.plusSeconds(s + 3), "resolve bed-4", m -> m.openAlertsOf("bed-4").stream()
                    .filter(a -> a.category() == com.nexussaude.monitor.notify.Category.PHYSIOLOGICAL).findFirst()
                    .ifPresent(a -> m.resolve(a.alertId(), "dr.silva", "reviewed: chronic, plan in notes"))));
        }
        in.sort(Comparator.comparing(Input::at));
        return in;
    }

    /**
     * The BIDMC recordings in {@code dir} as one ward: record {@code i} (sorted by name) is patient
     * {@code bidmc-NN}, starting {@code i * stagger} after {@link #START}; HR, RR and SpO2 of each 1 Hz row
     * ({@code NaN} cells left out). Every 40 minutes the nurse acknowledges the oldest open incident.
     */
    static List<Input> bidmc(java.nio.file.Path dir, Duration stagger) throws java.io.IOException {
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith("_Numerics.csv")).sorted().toList();
        }
        List<Input> in = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            String id = "bidmc-" + name.substring("bidmc_".length(), "bidmc_".length() + 2);
            Instant start = START.plus(stagger.multipliedBy(i));
            List<String> lines = java.nio.file.Files.readAllLines(files.get(i));
            List<String> header = java.util.Arrays.stream(lines.get(0).split(",")).map(String::trim).toList();
            int time = header.indexOf("Time [s]");
            int hr = header.indexOf("HR");
            int rr = header.indexOf("RESP");
            int spo2 = header.indexOf("SpO2");
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                double sec = Double.parseDouble(c[time].trim());
                Observation.Builder o = Observation.builder(id, start.plusMillis(Math.round(Math.abs(sec) * 1000)));
                boolean any = false;
                if (cell(c, hr) != null) {
                    o.heartRate(cell(c, hr));
                    any = true;
                }
                if (cell(c, rr) != null) {
                    o.respiratoryRate(cell(c, rr));
                    any = true;
                }
                if (cell(c, spo2) != null) {
                    o.spo2(cell(c, spo2));
                    any = true;
                }
                if (any) {
                    in.add(Input.of(o.build()));
                }
            }
        }
        in.sort(Comparator.comparing(Input::at));
        Instant last = in.get(in.size() - 1).at();
        for (Instant t = START.plus(Duration.ofMinutes(40)).plusMillis(500); t.isBefore(last); t = t.plus(Duration.ofMinutes(40))) {
            in.add(Input.action(t, "acknowledge the oldest open incident", m -> m.incidents().stream()
                    .filter(i -> i.state() == Incident.State.OPEN).findFirst()
                    .ifPresent(i -> m.acknowledgeIncident(i.incidentId(), "nurse.ana", "at the bedside"))));
        }
        in.sort(Comparator.comparing(Input::at));
        return in;
    }

    private static Double cell(String[] cells, int column) {
        if (column < 0 || column >= cells.length) {
            return null;
        }
        String v = cells[column].trim();
        if (v.isEmpty() || v.equalsIgnoreCase("nan")) {
            return null;
        }
        return Double.parseDouble(v);
    }

    private static double delta(List<Episode> episodes, Vital v, long s) {
        double d = 0;
        for (Episode e : episodes) {
            if (e.vital() == v && e.covers(s)) {
                d += e.delta();
            }
        }
        return d;
    }

    static Duration span(List<Input> inputs) {
        return Duration.between(inputs.get(0).at(), inputs.get(inputs.size() - 1).at());
    }
}
