package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.score.News2Score;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.nexussaude.monitor.internal.rules.EsperSetup;

/**
 * The news2 pack's Java state with the pack deployed on a real Esper runtime: what Esper receives per observation
 * (a low-risk patient costs it nothing after the first score; an episode is sent while above low and once at its
 * clear), and that a discharge forgets the patient. The alerts themselves are News2PackTest's.
 */
class News2StateTest {
    static final long T0 = 1_795_000_000_000L;

    final Configuration cfg = EsperSetup.configuration();
    final EPRuntime runtime = EPRuntimeProvider.getRuntime("news2-state-test-" + System.identityHashCode(this), cfg);
    final Map<String, List<EventBean>> seen = new HashMap<>();
    final News2State state;
    /** The patients' records, where the state keeps what it holds for each (as in the engine). */
    final PatientReadings readings;

    News2StateTest() throws Exception {
        News2Deployed deployed = deployNews2(runtime, cfg);
        String news2Deployment = deployed.news2Deployment();
        for (EPStatement s : deployed.probes()) {
            List<EventBean> events = new ArrayList<>();
            seen.put(s.getName(), events);
            s.addListener((newEvents, oldEvents, st, rt) -> events.addAll(List.of(newEvents)));
        }
        Map<String, Object> variables = new HashMap<>();
        String deployment = news2Deployment;
        runtime.getVariableService().getVariableValueAll().forEach((k, v) -> {
            if (k.getDeploymentId().equals(deployment)) {
                variables.put(k.getName(), v);
            }
        });
        state = new News2State(runtime.getEventService(), News2State.Settings.of(variables));
        readings = new PatientReadings(runtime.getEventService());
        readings.homes(new PackState[] {state});
    }

    /** The news2 deployment's id and the probe statements selecting what the pack emits. */
    record News2Deployed(String news2Deployment, EPStatement[] probes) {
    }

    /**
     * Deploys the schema and news2 packs into {@code runtime} and a probe selecting the pack's output
     * ({@code News2Update}, {@code News2Episode}, {@code AlertSignal}, {@code AlertClear}), for the tests that
     * feed a news2 state and read what Esper made of it.
     */
    static News2Deployed deployNews2(EPRuntime runtime, Configuration cfg) throws Exception {
        List<EPCompiled> path = new ArrayList<>();
        String news2Deployment = null;
        for (String pack : List.of("schema", "news2")) {
            EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
            path.add(compiled);
            EPDeployment d = runtime.getDeploymentService().deploy(compiled);
            if (pack.equals("news2")) {
                news2Deployment = d.getDeploymentId();
            }
        }
        EPCompiled probe = EsperSetup.compile("probe.epl", String.join("\n",
                "@Name('News2Update') select * from News2Update;",
                "@Name('News2Episode') select * from News2Episode;",
                "@Name('AlertSignal') select * from AlertSignal;",
                "@Name('AlertClear') select * from AlertClear;"), cfg, new EsperSetup.CompilerPathList(path));
        return new News2Deployed(news2Deployment, runtime.getDeploymentService().deploy(probe).getStatements());
    }

    @AfterEach
    void destroy() {
        runtime.destroy();
    }

    /** An ObservationEnd row (schema.epl) with the heart rate, SpO2 and respiratory rate read at {@code ts}. */
    static Object[] observation(String pid, long ts, double hr, double spo2, double rr) {
        Object[] row = new Object[4 + 2 * Vital.values().length + 3];
        row[0] = pid;
        row[1] = "ward-1";
        row[2] = ts;
        row[3] = 1;
        for (Vital v : List.of(Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE)) {
            row[4 + 2 * v.ordinal()] = v == Vital.HEART_RATE ? hr : v == Vital.SPO2 ? spo2 : rr;
            row[5 + 2 * v.ordinal()] = ts;
        }
        return row;
    }

    void send(Object[] row) {
        RowReadings.end(state, readings, row);
        runtime.getEventService().sendEventObjectArray(row, "ObservationEnd");
    }

    int count(String statement) {
        return seen.get(statement).size();
    }

    @Test
    void aLowRiskPatientSendsEsperItsFirstScoreAndThenNothing() {
        for (int s = 0; s < 600; s++) {
            send(observation("p1", T0 + s * 1000L, 75 + s % 3, 97, 16));
        }
        assertThat(count("News2Update")).isEqualTo(1);
        EventBean first = seen.get("News2Update").get(0);
        assertThat(first.get("previous")).isNull();
        assertThat(((News2Score) first.get("score")).total()).isZero();
        assertThat(first.get("ts")).isEqualTo(T0);
        assertThat(count("News2Episode")).isZero();
        assertThat(count("AlertSignal")).isZero();
        assertThat(state.patients()).isEqualTo(1);
    }

    // RR 26 scores 3 on its own (low-medium risk: medium after news2_alert_delay_ms, 30 s by default); back at RR 16
    // the episode waits news2_clear_after_ms (60 s) at low risk and clears on the first score after that.
    @Test
    void anEpisodeIsSentWhileAboveLowAndOnceMoreWhenItClears() {
        for (int s = 0; s < 40; s++) {
            send(observation("p1", T0 + s * 1000L, 75, 97, 26));
        }
        assertThat(count("News2Episode")).isEqualTo(40);
        assertThat(seen.get("AlertSignal")).hasSize(10)
                .allSatisfy(e -> assertThat(e.get("severity")).isEqualTo("medium"))
                .first().satisfies(e -> assertThat(e.get("ts")).isEqualTo(T0 + 30_000L));
        for (int s = 40; s < 200; s++) {
            send(observation("p1", T0 + s * 1000L, 75, 97, 16));
        }
        assertThat(count("News2Episode")).isEqualTo(41);
        EventBean end = seen.get("News2Episode").get(40);
        assertThat(end.get("lowSince")).isEqualTo(T0 + 40_000L);
        assertThat(end.get("ts")).isEqualTo(T0 + 100_000L);
        assertThat(seen.get("AlertClear")).singleElement().satisfies(e -> {
            assertThat(e.get("ts")).isEqualTo(T0 + 100_000L);
            assertThat(e.get("reason")).isEqualTo("NEWS2 back to low risk");
        });
        assertThat(count("AlertSignal")).isEqualTo(10);
        assertThat(seen.get("News2Update")).extracting(e -> ((News2Score) e.get("score")).total())
                .containsExactly(3, 0);
    }

    @Test
    void aDischargeForgetsThePatient() {
        send(observation("p1", T0, 75, 97, 26));
        send(observation("p2", T0, 75, 97, 16));
        assertThat(state.patients()).isEqualTo(2);
        state.discharged(readings.discharge("p1"), T0 + 1000L); // as the engine discharges
        assertThat(state.patients()).isEqualTo(1);
        // Back as a new patient: a first score again (no previous), and a new episode from this reading.
        send(observation("p1", T0 + 2000L, 75, 97, 26));
        assertThat(seen.get("News2Update")).filteredOn(e -> e.get("patientId").equals("p1")).hasSize(2)
                .last().satisfies(e -> assertThat(e.get("previous")).isNull());
        assertThat(seen.get("News2Episode")).last().satisfies(e -> {
            assertThat(e.get("since1")).isEqualTo(T0 + 2000L);
            assertThat(e.get("mediumTs")).isEqualTo(-1L);
        });
    }

    @Test
    void aMissingVariableIsNamed() {
        assertThatThrownBy(() -> News2State.Settings.of(Map.of("news2_stale_rr_ms", 300_000L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("news2_stale_spo2_ms");
    }
}
