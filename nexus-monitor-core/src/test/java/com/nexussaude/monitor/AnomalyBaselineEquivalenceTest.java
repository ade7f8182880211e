package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The anomaly pack keeps its baselines in Java (AnomalyState, issue 21); the rule it replaced, the EWMA merged into an
 * Esper table on every reading (src/test/resources/rules/anomaly-reference.epl), runs next to it as an integrator rule
 * 'baseline-deviation-reference' on the same readings and the same anomaly_* settings. Their alerts must be the same
 * events at the same times with the same messages and evidence (doubles compared exactly), over a generated ward with
 * deviations of every length, gaps, late readings, artefacts and a discharge. Event-time replays at 1 Hz.
 */
class AnomalyBaselineEquivalenceTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String REFERENCE = "baseline-deviation-reference";

    @Test
    void withTheDefaultSettingsThePackAlertsExactlyAsTheTableDid() {
        List<String>[] alerts = replay(b -> b, 150 * 60);
        assertSame(alerts, 4, 2);
    }

    @Test
    void withEverySettingTunedThePackAlertsExactlyAsTheTableDid() {
        List<String>[] alerts = replay(b -> b.packSetting("anomaly_k", 2.5).packSetting("anomaly_tau_ms", 600_000L)
                .packSetting("anomaly_warmup_ms", 300_000L).packSetting("anomaly_min_readings", 100L)
                .packSetting("anomaly_persist_ms", 20_000L).packSetting("anomaly_clear_ms", 10_000L)
                .packSetting("anomaly_max_gap_ms", 15_000L).packSetting("anomaly_outlier_weight", 0.5)
                .packSetting("anomaly_hr_min_sigma", 2.0).packSetting("anomaly_spo2_min_sigma", 0.5)
                .packSetting("anomaly_rr_min_sigma", 1.0).packSetting("anomaly_severity", "medium"), 90 * 60);
        assertSame(alerts, 20, 10);
        assertThat(alerts[0]).allSatisfy(a -> assertThat(a).contains("|MEDIUM|"));
    }

    /** The pack's alerts (first) and the reference rule's (second), named alike, with a floor so neither is empty. */
    static void assertSame(List<String>[] alerts, int minRaised, int minResolved) {
        assertThat(alerts[0]).as("the pack's alerts against the table-based rule's").containsExactlyElementsOf(alerts[1]);
        System.out.printf("anomaly pack and table-based rule: %d identical alert events (%d raised)%n", alerts[0].size(),
                alerts[0].stream().filter(a -> a.startsWith("RAISED")).count());
        assertThat(alerts[0]).filteredOn(a -> a.startsWith("RAISED")).hasSizeGreaterThanOrEqualTo(minRaised);
        assertThat(alerts[0]).filteredOn(a -> a.startsWith("RESOLVED")).hasSizeGreaterThanOrEqualTo(minResolved);
    }

    @SuppressWarnings("unchecked")
    static List<String>[] replay(UnaryOperator<MonitorConfig.Builder> tune, int seconds) {
        RecordingListener listener = new RecordingListener();
        MonitorConfig config = tune.apply(MonitorConfig.builder().packs(Set.of("anomaly"))
                .allowedLateness(Duration.ofSeconds(10))).build();
        try (VitalMonitor m = VitalMonitor.builder().config(config).rulesResource("rules/anomaly-reference.epl")
                .listener(listener).listenerExecutor(Runnable::run).build()) {
            Ward ward = new Ward(5);
            for (int s = 0; s < seconds; s++) {
                Instant t = T0.plusSeconds(s);
                for (int p = 0; p < ward.patients.length; p++) {
                    if (p == 2 && s == seconds / 2) {
                        m.discharge("p2"); // a new stay: its baselines start again
                    }
                    if (p == 2 && s >= seconds / 2 && s < seconds / 2 + 300) {
                        continue;
                    }
                    Observation o = ward.patients[p].next("p" + p, t);
                    if (o != null) {
                        m.submit(o);
                    }
                    if (s % 487 == 0 && s > 0) { // a late reading, two seconds behind the clock
                        m.submit(Observation.builder("p" + p, t.minusSeconds(2)).heartRate(ward.patients[p].hr).build());
                    }
                }
            }
            m.advanceTo(T0.plusSeconds(seconds + 120));
        }
        List<String> pack = new ArrayList<>();
        List<String> reference = new ArrayList<>();
        for (AlertEvent e : listener.events) {
            Alert a = e.alert();
            String line = e.type() + "|" + a.patientId() + "|" + a.key() + "|" + e.timestamp() + "|" + a.severity() + "|"
                    + a.message() + "|" + a.evidence();
            if (a.ruleId().equals("baseline-deviation")) {
                pack.add(line);
            } else if (a.ruleId().equals(REFERENCE)) {
                reference.add(line);
            }
        }
        return new List[] {pack, reference};
    }

    /** Deterministic patients (seeded): noise around a level, deviations of 5 s to 7 min, gaps, artefacts. */
    static final class Ward {
        final Patient[] patients;

        Ward(int n) {
            patients = new Patient[n];
            for (int p = 0; p < n; p++) {
                patients[p] = new Patient(new Random(42 + p));
            }
        }
    }

    static final class Patient {
        final Random random;
        final double hrLevel;
        final double spo2Level;
        final double rrLevel;
        double hr;
        double hrShift;
        double spo2Shift;
        double rrShift;
        int hrShiftLeft;
        int spo2ShiftLeft;
        int rrShiftLeft;
        int gapLeft;

        Patient(Random random) {
            this.random = random;
            hrLevel = 60 + random.nextInt(30);
            spo2Level = 94 + random.nextInt(5);
            rrLevel = 12 + random.nextInt(8);
        }

        Observation next(String id, Instant t) {
            if (gapLeft > 0) {
                gapLeft--;
                return null;
            }
            if (random.nextInt(1500) == 0) {
                gapLeft = 10 + random.nextInt(40); // the feed stops for 10-50 s
            }
            if (hrShiftLeft-- <= 0 && random.nextInt(400) == 0) {
                hrShift = (random.nextBoolean() ? 1 : -1) * (8 + random.nextInt(35));
                hrShiftLeft = 5 + random.nextInt(420);
            }
            if (spo2ShiftLeft-- <= 0 && random.nextInt(500) == 0) {
                spo2Shift = -(2 + random.nextInt(8));
                spo2ShiftLeft = 5 + random.nextInt(300);
            }
            if (rrShiftLeft-- <= 0 && random.nextInt(500) == 0) {
                rrShift = (random.nextBoolean() ? 1 : -1) * (4 + random.nextInt(10));
                rrShiftLeft = 5 + random.nextInt(300);
            }
            hr = round1(hrLevel + (hrShiftLeft > 0 ? hrShift : 0) + random.nextGaussian() * 2);
            double spo2 = Math.min(100, Math.round(spo2Level + (spo2ShiftLeft > 0 ? spo2Shift : 0) + random.nextGaussian() * 0.7));
            double rr = Math.max(4, Math.round(rrLevel + (rrShiftLeft > 0 ? rrShift : 0) + random.nextGaussian()));
            int artefact = random.nextInt(900);
            Observation.Builder o = Observation.builder(id, t).heartRate(artefact == 0 ? hr + 70 : hr)
                    .spo2(artefact == 1 ? 0 : spo2);
            if (random.nextInt(20) != 0) { // RR drops out now and then on its own
                o.respiratoryRate(rr);
            }
            return o.build();
        }

        static double round1(double x) {
            return Math.round(x * 10) / 10.0;
        }
    }
}
