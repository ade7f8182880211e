package com.nexussaude.monitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.PatientContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hand-written baseline does the threshold pack's work: it signals exactly as often as the library with the
 * threshold pack alone (event time), so that {@code PipelineBenchmark}'s ratio compares equal work. On the ward
 * workload at two seeds (each ward has deteriorating patients whose plateaus cross the warning bands), and on
 * seeded wandering vitals that cross every band, return briefly, drop samples for longer than the tolerated gap
 * and step into the critical band from the warning band (the cases the ward workload's smooth ramp rarely makes).
 */
class HandWrittenThresholdsTest {
    private static final long T0_MS = WardWorkload.T0_MS;

    private static EquivalenceCheck.Counts compare(int patients, int seconds, long seed) {
        return EquivalenceCheck.compare(patients, seconds, seed, EquivalenceCheck.thresholdOnly(), o -> { });
    }

    @Test
    void signalsAsOftenAsTheThresholdPackOnTheWardWorkload() {
        EquivalenceCheck.Counts c = compare(50, 1800, EquivalenceCheck.SEED);
        assertThat(c.librarySignals()).isPositive();
        assertThat(c.handSignals()).as("hand-written signals").isEqualTo(c.librarySignals());
        assertThat(c.handEpisodesRaised()).as("hand-written episodes raised").isEqualTo(c.libraryAlertsRaised());
    }

    @Test
    void signalsAsOftenAsTheThresholdPackOnAnotherSeed() {
        EquivalenceCheck.Counts c = compare(50, 1800, 7);
        assertThat(c.librarySignals()).isPositive();
        assertThat(c.handSignals()).as("hand-written signals").isEqualTo(c.librarySignals());
        assertThat(c.handEpisodesRaised()).as("hand-written episodes raised").isEqualTo(c.libraryAlertsRaised());
    }

    @Test
    void signalsAsOftenAsTheThresholdPackOnWanderingVitals() {
        for (long seed = 1; seed <= 3; seed++) {
            List<Observation> feed = wanderingVitals(seed, 20, 1200);
            MonitorConfig thresholdOnly = EquivalenceCheck.thresholdOnly();
            HandWrittenThresholds hand = new HandWrittenThresholds(thresholdOnly);
            feed.forEach(hand::accept);
            long[] library = run(thresholdOnly, feed, "threshold");
            assertThat(library[0]).as("library signals, seed %d", seed).isPositive();
            assertThat(hand.signals()).as("hand-written signals, seed %d", seed).isEqualTo(library[0]);
            // Every reading is a plausible one: the artefact gate, which the baseline does not reproduce, hides none.
            long[] technical = run(MonitorConfig.builder().packs(Set.of("technical")).build(), feed, "artefact|probe-off");
            assertThat(technical[1]).as("artefact and probe-off alerts, seed %d", seed).isZero();
        }
    }

    /** Signals, and alerts raised by a rule matching {@code ruleIds}, of a monitor with {@code config} fed {@code feed}. */
    private static long[] run(MonitorConfig config, List<Observation> feed, String ruleIds) {
        AtomicLong raised = new AtomicLong();
        try (VitalMonitor m = VitalMonitor.builder().config(config).clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run)
                .listener(e -> {
                    if (e.type() == AlertEventType.RAISED && e.alert().ruleId().matches(ruleIds)) {
                        raised.incrementAndGet();
                    }
                }).build()) {
            feed.stream().map(Observation::patientId).distinct().forEach(id -> m.register(PatientContext.of(id)));
            feed.forEach(m::submit);
            return new long[] {m.stats().signals(), raised.get()};
        }
    }

    /**
     * 1 Hz HR, SpO2 and RR that drift towards a new seeded target every minute or so (anywhere from inside the critical
     * band to normal) with small noise, and drop out for 1-20 s now and then; NIBP every 2 min and temperature every
     * 5 min at seeded values. Steps are small enough never to be an implausible jump (HR at most 7 /min a second, RR
     * 3, SpO2 1 %), and no value is 0.
     */
    private static List<Observation> wanderingVitals(long seed, int patients, int seconds) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] now = new double[patients][3];
        double[][] target = new double[patients][3];
        long[][] silentUntil = new long[patients][3];
        double[] low = {35, 80, 6};
        double[] high = {170, 100, 35};
        double[] step = {4, 1, 2};
        double[] noise = {3, 0, 1};
        for (int p = 0; p < patients; p++) {
            now[p] = new double[] {80, 96, 16};
            target[p] = now[p].clone();
        }
        List<Observation> feed = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            for (int p = 0; p < patients; p++) {
                Observation.Builder b = Observation.builder(String.format("wander-%02d", p),
                        Instant.ofEpochMilli(T0_MS + s * 1000L + p * 7L));
                boolean any = false;
                for (int v = 0; v < 3; v++) {
                    if (r.nextInt(60) == 0) {
                        target[p][v] = low[v] + r.nextDouble() * (high[v] - low[v]);
                    }
                    double d = Math.max(-step[v], Math.min(step[v], target[p][v] - now[p][v]));
                    double n = noise[v] == 0 ? 0 : r.nextInt((int) (2 * noise[v]) + 1) - noise[v];
                    now[p][v] = Math.max(low[v], Math.min(high[v], Math.round(now[p][v] + d + n)));
                    if (v == 1) {
                        now[p][v] = Math.round(now[p][v]); // SpO2: whole steps of at most 1 %
                    }
                    if (s >= silentUntil[p][v] && r.nextInt(200) == 0) {
                        silentUntil[p][v] = s + 1 + r.nextInt(20);
                    }
                    if (s < silentUntil[p][v]) {
                        continue;
                    }
                    any = true;
                    switch (v) {
                        case 0 -> b.heartRate(now[p][v]);
                        case 1 -> b.spo2(now[p][v]);
                        default -> b.respiratoryRate(now[p][v]);
                    }
                }
                if (s % 120 == p % 120) {
                    double sbp = 65 + r.nextInt(126);
                    b.bloodPressure(sbp, Math.min(sbp - 20, 35 + r.nextInt(91)));
                    any = true;
                }
                if (s % 300 == p % 300) {
                    b.temperature(34.5 + r.nextInt(61) / 10.0);
                    any = true;
                }
                if (any) {
                    feed.add(b.build());
                }
            }
        }
        return feed;
    }
}
