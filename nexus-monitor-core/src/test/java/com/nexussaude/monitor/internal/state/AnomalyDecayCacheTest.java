package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AnomalyState} computes the time weight {@code 1 - exp(-gap/tau)} again only when the gap differs from the last
 * one asked (by any patient). Against {@link ExpEachTimeAnomalyState} (the class before, an exponential per reading):
 * readings of several patients at a monitor's fixed interval with jitter, gaps, late readings (gap 0), artefacts and
 * vitals the pack does not read, with two sets of settings; after every reading each patient's baselines must be the
 * same longs (every bit of the doubles), and Esper must receive the same events in the same order.
 */
class AnomalyDecayCacheTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] VITALS = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.TEMPERATURE};

    /** One runtime with the anomaly pack, a state fed the readings, and what Esper received, in order. */
    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, boolean old, AnomalyState.Settings settings) throws Exception {
            runtime = EPRuntimeProvider.getRuntime(name + System.identityHashCode(this), cfg);
            List<EPCompiled> path = new ArrayList<>();
            String anomaly = null;
            for (String pack : List.of("schema", "anomaly")) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                anomaly = runtime.getDeploymentService().deploy(compiled).getDeploymentId();
            }
            Map<String, Object> values = Map.ofEntries(Map.entry("anomaly_k", settings.k()),
                    Map.entry("anomaly_tau_ms", settings.tauMs()), Map.entry("anomaly_warmup_ms", settings.warmupMs()),
                    Map.entry("anomaly_min_readings", settings.minReadings()),
                    Map.entry("anomaly_persist_ms", settings.persistMs()), Map.entry("anomaly_clear_ms", settings.clearMs()),
                    Map.entry("anomaly_max_gap_ms", settings.maxGapMs()),
                    Map.entry("anomaly_outlier_weight", settings.outlierWeight()),
                    Map.entry("anomaly_hr_min_sigma", settings.hrMinSigma()),
                    Map.entry("anomaly_spo2_min_sigma", settings.spo2MinSigma()),
                    Map.entry("anomaly_rr_min_sigma", settings.rrMinSigma()));
            for (Map.Entry<String, Object> v : values.entrySet()) {
                runtime.getVariableService().setVariableValue(anomaly, v.getKey(), v.getValue());
            }
            EPCompiled probe = EsperSetup.compile("probe.epl", String.join("\n",
                    "@Name('AnomalyReading') select * from AnomalyReading;",
                    "@Name('AlertSignal') select * from AlertSignal;",
                    "@Name('AlertClear') select * from AlertClear;"), cfg, new EsperSetup.CompilerPathList(path));
            SameEvents.record(runtime.getDeploymentService().deploy(probe).getStatements(), received);
            state = old ? new ExpEachTimeAnomalyState(runtime.getEventService(), settings)
                    : new AnomalyState(runtime.getEventService(), settings);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void reading(String pid, Vital vital, double value, long ts, String artefact) {
            runtime.getEventService().advanceTime(Math.max(ts, runtime.getEventService().getCurrentTime()));
            state.reading(readings.patient(pid), "ward", vital, value, ts, 0, 0, Double.NaN, 1, artefact);
        }

        long[] baselines(String pid) {
            long[] b = (long[]) state.slot.get(readings.patient(pid));
            return b == null ? null : b.clone();
        }
    }

    final List<Side> sides = new ArrayList<>();

    @AfterEach
    void destroy() {
        sides.forEach(s -> s.runtime.destroy());
        sides.clear();
    }

    @Test
    void theKeptWeightGivesTheSameBaselinesAndEventsAsAnExponentialPerReading() throws Exception {
        long events = 0;
        for (long seed = 1; seed <= 10; seed++) {
            events += replay(seed);
            destroy();
        }
        assertThat(events).as("events over all seeds: a workload that exercises the pack").isGreaterThan(500);
    }

    /** One seed's replay, compared reading by reading; how many events Esper received. */
    private long replay(long seed) throws Exception {
        AnomalyState.Settings settings = seed % 2 == 0
                ? new AnomalyState.Settings(3.0, 3_600_000, 120_000, 30, 30_000, 20_000, 30_000, 0.25, 3.0, 1.0, 2.0)
                : new AnomalyState.Settings(2.5, 600_000, 60_000, 20, 10_000, 8_000, 15_000, 0.5, 2.0, 0.5, 1.0);
        Side old = new Side("decay-old", true, settings);
        sides.add(old);
        Side kept = new Side("decay-kept", false, settings);
        sides.add(kept);
        Random random = new Random(seed);
        String[] patients = {"p1", "p2", "p3", "p4"};
        double[] level = {80, 96, 16, 37};
        long[] next = {T0, T0 + 250, T0 + 500, T0 + 750};
        int deviating = 0;
        for (int i = 0; i < 12_000; i++) {
            int p = random.nextInt(patients.length);
            int kind = random.nextInt(100);
            // Mostly the monitor's 1 s interval; sometimes jitter, a gap, a late reading (a negative gap: weight 0)
            long step = kind < 70 ? 1_000 : kind < 85 ? 1_000 + random.nextInt(41) - 20 : kind < 95
                    ? 2_000 + random.nextInt(120_000) : -random.nextInt(5_000);
            next[p] += step;
            if (deviating == 0 && random.nextInt(150) == 0) {
                deviating = 5 + random.nextInt(400);
            }
            int v = random.nextInt(VITALS.length);
            double value = level[v] + (deviating > 0 ? 25 : 0) + random.nextGaussian() * 2;
            if (deviating > 0) {
                deviating--;
            }
            String artefact = random.nextInt(60) == 0 ? ArtefactGate.JUMP : null;
            old.reading(patients[p], VITALS[v], value, next[p], artefact);
            kept.reading(patients[p], VITALS[v], value, next[p], artefact);
            assertThat(kept.baselines(patients[p])).as("seed %d reading %d", seed, i)
                    .isEqualTo(old.baselines(patients[p]));
        }
        SameEvents.assertSameEvents(old.received, kept.received);
        return old.received.size();
    }
}
