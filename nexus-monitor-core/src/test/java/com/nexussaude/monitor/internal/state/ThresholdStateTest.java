package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.nexussaude.monitor.internal.rules.EsperSetup;

/**
 * The threshold pack's Java state (issue 21) on the real Esper runtime with the bundled schema and threshold packs:
 * Esper receives a ThresholdReading only for a reading whose episode has a level to signal or that ends it, the
 * pack's statements turn it into the same AlertSignal and AlertClear as before, and a discharge forgets the patient.
 * The alerts themselves are tested end to end by ThresholdPackTest and the equivalence check (benchmarks).
 */
class ThresholdStateTest {
    static final long T0 = 1_790_000_000_000L;
    static final Map<Vital, PersistencePolicy> POLICIES = MonitorConfig.defaults().persistence();

    final Configuration cfg = EsperSetup.configuration();
    final EPRuntime runtime = EPRuntimeProvider.getRuntime("threshold-state-test-" + System.identityHashCode(this), cfg);
    final List<Object[]> derived = new ArrayList<>();
    final List<EventBean> signals = new ArrayList<>();
    final List<EventBean> clears = new ArrayList<>();
    final ThresholdState state;
    /** The patients' records, where the state keeps what it holds for each (as in the engine). */
    final PatientReadings readings = new PatientReadings(runtime.getEventService());

    ThresholdStateTest() throws Exception {
        List<EPCompiled> path = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        for (String pack : List.of("schema", "threshold")) {
            EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
            path.add(compiled);
            EPDeployment d = runtime.getDeploymentService().deploy(compiled);
            for (EPStatement s : d.getStatements()) {
                if (s.getName().equals("nexus-alert-signals")) {
                    s.addListener((in, out, st, rt) -> signals.addAll(List.of(in)));
                } else if (s.getName().equals("nexus-alert-clears")) {
                    s.addListener((in, out, st, rt) -> clears.addAll(List.of(in)));
                }
            }
            runtime.getVariableService().getVariableValueAll().forEach((k, v) -> variables.put(k.getName(), v));
        }
        EPCompiled probe = EsperSetup.compile("probe.epl", "@Name('probe') select * from ThresholdReading;", cfg,
                p -> p.addAll(path));
        runtime.getDeploymentService().deploy(probe).getStatements()[0]
                .addListener((in, out, st, rt) -> {
                    for (EventBean e : in) {
                        derived.add((Object[]) e.getUnderlying());
                    }
                });
        POLICIES.forEach((v, pp) -> runtime.getEventService().sendEventObjectArray(new Object[] {v.name(),
                pp.mediumDelay().toMillis(), pp.highDelay().toMillis(), pp.maxGap().toMillis(), pp.staleAfter().toMillis(),
                pp.clearAfter().toMillis()}, "ThresholdPolicyUpdate"));
        state = new ThresholdState(runtime.getEventService(), POLICIES, variables);
        readings.homes(new PackState[] {state});
    }

    /** As the engine discharges: the patient's record goes, then the state hears of it. */
    void discharge(String patient, long ts) {
        state.discharged(readings.discharge(patient), ts);
    }

    @AfterEach
    void close() {
        runtime.destroy();
    }

    /** A plausible heart rate with the default bands (normal 60-100, warning 50-120, critical 40-150). */
    void heartRate(String patient, double value, long ts) {
        int band = value > 150 || value < 40 ? 3 : value > 120 || value < 50 ? 2 : value > 100 || value < 60 ? 1 : 0;
        double limit = band == 3 ? 150 : band == 2 ? 120 : band == 1 ? 100 : Double.NaN;
        state.reading(readings.patient(patient), "ward-a", Vital.HEART_RATE, value, ts, band, band == 0 ? 0 : 1, limit, 1, null);
    }

    @Test
    void readingsInsideTheNormalBandSendEsperNothing() {
        for (int s = 0; s < 3_600; s++) {
            heartRate("p1", 72 + s % 10, T0 + s * 1_000L);
            state.reading(readings.patient("p1"), "ward-a", Vital.SPO2, 97, T0 + s * 1_000L, 0, 0, Double.NaN, 1, null);
        }
        assertThat(derived).isEmpty();
        assertThat(signals).isEmpty();
        assertThat(state.patients()).isEqualTo(1);
    }

    @Test
    void anEpisodeSendsOnlyTheReadingsThatSignalAndTheOneThatEndsIt() {
        // Outside warning (HR 130) for 10 s: high once outside it for highDelay (5 s), not before.
        for (int s = 0; s <= 10; s++) {
            heartRate("p1", 130, T0 + s * 1_000L);
        }
        assertThat(derived).hasSize(6);
        assertThat(derived.get(0)).containsExactly("p1", "HEART_RATE", 130.0, T0 + 5_000, 2, 1, 120.0, 2, T0, false);
        EventBean first = signals.get(0);
        assertThat(first.get("severity")).isEqualTo("high");
        assertThat(first.get("message")).isEqualTo("heart rate 130 /min above 120 for 5 s");
        assertThat(first.get("ttlMs")).isEqualTo(POLICIES.get(Vital.HEART_RATE).staleAfter().toMillis());
        assertThat(first.get("evidence")).asString().isEqualTo(
                "{vital=HEART_RATE, value=130.0, band=2, limit=120.0, outsideNormalSinceMs=" + T0
                        + ", durationMs=5000, level=2}");
        // Back inside normal: nothing until it has stayed there for clearAfter (60 s); then the clear.
        for (int s = 11; s <= 70; s++) {
            heartRate("p1", 80, T0 + s * 1_000L);
        }
        assertThat(derived).hasSize(6);
        heartRate("p1", 80, T0 + 71_000L);
        assertThat(derived).hasSize(7);
        assertThat(clears).singleElement().satisfies(c -> {
            assertThat(c.get("key")).isEqualTo("HEART_RATE");
            assertThat(c.get("ts")).isEqualTo(T0 + 71_000L);
            assertThat(c.get("reason")).isEqualTo("back inside the normal band");
        });
        assertThat(signals).hasSize(6);
    }

    @Test
    void aDischargeForgetsThePatient() {
        heartRate("p1", 130, T0);
        heartRate("p2", 80, T0);
        state.reading(readings.patient("p3"), "ward-a", Vital.SYSTOLIC_BP, 200, T0, 3, 1, 180, 1, null);
        assertThat(state.patients()).isEqualTo(3);
        discharge("p1", T0 + 1_000);
        discharge("p3", T0 + 1_000);
        assertThat(state.patients()).isEqualTo(1);
        // Monitored afresh: a new episode, no memory of the old one's onset.
        heartRate("p1", 130, T0 + 20_000);
        for (int s = 21; s <= 25; s++) {
            heartRate("p1", 130, T0 + s * 1_000L);
        }
        assertThat(derived.get(derived.size() - 1)).containsExactly("p1", "HEART_RATE", 130.0, T0 + 25_000, 2, 1, 120.0,
                2, T0 + 20_000, false);
    }
}
