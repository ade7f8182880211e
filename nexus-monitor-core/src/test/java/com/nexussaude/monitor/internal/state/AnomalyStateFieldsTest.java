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
 * The anomaly pack's baselines kept as one long[] per patient ({@link AnomalyState}) against the three objects of
 * fields they were ({@link ObjectAnomalyState}): random readings of several patients (steady stretches, deviations of
 * every length, gaps beyond the maximum, late readings, artefacts, fractional and negative-zero values, vitals the pack
 * does not read), with default and tight settings, fed to both, each on its own Esper runtime with the anomaly pack,
 * must give Esper the same {@code AnomalyReading} events in the same order with equal properties (boxed doubles:
 * the same bits), and the pack the same signals and clears.
 */
class AnomalyStateFieldsTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] VITALS = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.TEMPERATURE};

    /** One runtime with the anomaly pack, a state fed the readings, and what Esper received, in order. */
    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, boolean fields, AnomalyState.Settings settings) throws Exception {
            runtime = EPRuntimeProvider.getRuntime(name + System.identityHashCode(this), cfg);
            List<EPCompiled> path = new ArrayList<>();
            String anomaly = null;
            for (String pack : List.of("schema", "anomaly")) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                anomaly = runtime.getDeploymentService().deploy(compiled).getDeploymentId();
            }
            // The statements decide with the pack's variables: the same values as the state's settings
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
            state = fields ? new ObjectAnomalyState(runtime.getEventService(), settings)
                    : new AnomalyState(runtime.getEventService(), settings);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void reading(String pid, Vital vital, double value, long ts, String artefact) {
            runtime.getEventService().advanceTime(Math.max(ts, runtime.getEventService().getCurrentTime()));
            state.reading(readings.patient(pid), "ward", vital, value, ts, 0, 0, Double.NaN, 1, artefact);
        }
    }

    final List<Side> sides = new ArrayList<>();

    @AfterEach
    void destroy() {
        sides.forEach(s -> s.runtime.destroy());
    }

    @Test
    void theLongArraySendsEsperExactlyWhatTheObjectsSent() throws Exception {
        long signals = 0;
        long clears = 0;
        for (long seed : new long[] {1, 2, 3, 4, 5, 6, 7, 8, 17, 99, 2024}) {
            List<List<Object>> received = replay(seed);
            signals += received.stream().filter(e -> e.get(0).equals("AlertSignal")).count();
            clears += received.stream().filter(e -> e.get(0).equals("AlertClear")).count();
            destroy();
            sides.clear();
        }
        assertThat(signals).as("signals over all seeds: a workload that exercises the pack").isGreaterThan(20);
        assertThat(clears).as("clears over all seeds").isGreaterThan(10);
    }

    /** One seed's replay, compared event by event; what Esper received. */
    private List<List<Object>> replay(long seed) throws Exception {
        // Short warm-ups, persistence and clear times (two sets), so that episodes come and go in a short replay.
        AnomalyState.Settings settings = seed % 2 == 0
                ? new AnomalyState.Settings(3.0, 3_600_000, 120_000, 30, 30_000, 20_000, 30_000, 0.25, 3.0, 1.0, 2.0)
                : new AnomalyState.Settings(2.5, 600_000, 60_000, 20, 10_000, 8_000, 15_000, 0.5, 2.0, 0.5, 1.0);
        Side objects = side("objects", true, settings);
        Side longs = side("longs", false, settings);
        Random random = new Random(seed);
        String[] patients = {"p1", "p2", "p3"};
        double[] level = {80, 96, 16, 37};
        long ts = T0;
        int deviating = 0;
        for (int i = 0; i < 20_000; i++) {
            int gap = random.nextInt(300);
            ts += gap == 0 ? 60_000L * (1 + random.nextInt(10)) : 300 + random.nextInt(700);
            if (deviating == 0 && random.nextInt(150) == 0) {
                deviating = 5 + random.nextInt(400);
            }
            String pid = patients[random.nextInt(patients.length)];
            int v = random.nextInt(VITALS.length);
            double value = level[v] + (deviating > 0 ? 25 : 0) + random.nextGaussian() * 2;
            if (deviating > 0) {
                deviating--;
            }
            int kind = random.nextInt(400);
            value = kind < 40 ? Math.rint(value) : kind == 40 ? -0.0 : kind == 41 ? value / 3 : value;
            long at = random.nextInt(50) == 0 ? ts - random.nextInt(20_000) : ts; // late now and then
            String artefact = random.nextInt(60) == 0 ? ArtefactGate.JUMP : null;
            objects.reading(pid, VITALS[v], value, at, artefact);
            longs.reading(pid, VITALS[v], value, at, artefact);
        }
        assertThat(objects.received).as("seed %d: readings the statements decided on", seed).hasSizeGreaterThan(30);
        SameEvents.assertSameEvents(objects.received, longs.received);
        return objects.received;
    }

    private Side side(String name, boolean fields, AnomalyState.Settings settings) throws Exception {
        Side s = new Side("anomaly-fields-" + name, fields, settings);
        sides.add(s);
        return s;
    }
}
