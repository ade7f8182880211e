package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The technical pack's rows number their insertion order with an int, and {@link TechnicalState#renumber} renumbers
 * the live ones when the counter reaches {@code Integer.MAX_VALUE}: the order of the signal losses found at one tick
 * (the former table's scan order: bucket, then insertion) must not change. A state whose counter starts just below
 * the limit, so that it renumbers many times, against one that starts at 0 and never does: random admissions,
 * discharges and silent vitals of many patients (losses found together at a tick, in shared buckets), each on its own
 * Esper runtime with the technical pack, must give Esper the same derived events in the same order. (The counter is
 * put back just below the limit after each renumbering, above every live row's number, so it renumbers again soon.)
 */
class TechnicalRowNumbersTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] TRACKED = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.SYSTOLIC_BP};
    static final List<String> DERIVED = List.of("SignalBack", "SensorGap", "ProbeZero", "ProbeBack", "ArtefactJump",
            "RrFlatZero", "RrFlatEnded", "SignalSilent");

    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final TechnicalState state;
        final PatientReadings readings;

        Side(String name) throws Exception {
            runtime = EPRuntimeProvider.getRuntime(name + System.identityHashCode(this), cfg);
            runtime.getEventService().advanceTime(T0);
            List<EPCompiled> path = new ArrayList<>();
            EPDeployment technical = null;
            for (String pack : List.of("schema", "technical")) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                technical = runtime.getDeploymentService().deploy(compiled);
            }
            String probes = String.join("\n", DERIVED.stream()
                    .map(t -> "@Name('" + t + "') select * from " + t + ";").toList());
            EPCompiled probe = EsperSetup.compile("probe.epl", probes, cfg, new EsperSetup.CompilerPathList(path));
            SameEvents.record(runtime.getDeploymentService().deploy(probe).getStatements(), received);
            state = new TechnicalState(runtime, technical);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void advance(long ts) {
            runtime.getEventService().advanceTime(ts);
        }

        void reading(String pid, Vital vital, double value, long ts) {
            state.reading(readings.patient(pid), "ward", vital, value, ts, 0, 0, Double.NaN, 1, null);
        }

        void discharge(String pid, long ts) {
            PatientReadings.Patient gone = readings.discharge(pid);
            if (gone != null) {
                state.discharged(gone, ts);
            }
        }
    }

    final List<Side> sides = new ArrayList<>();

    @AfterEach
    void destroy() {
        sides.forEach(s -> s.runtime.destroy());
    }

    @Test
    void renumberingNearTheIntLimitKeepsEveryEventAndItsOrder() throws Exception {
        Side plain = side("from-zero");
        Side renumbered = side("near-limit");
        renumbered.state.insertionsFrom(Integer.MAX_VALUE - 5);
        Random random = new Random(21);
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            patients.add("bed-" + i);
        }
        boolean[] feeding = new boolean[patients.size()];
        long ts = T0;
        int discharges = 0;
        int renumbers = 0;
        int last = renumbered.state.nextInsertion();
        for (int second = 0; second < 3 * 3600; second++) {
            ts += 1000;
            int next = renumbered.state.nextInsertion();
            if (next < last) {
                renumbers++;
            }
            if (next < Integer.MAX_VALUE - 5) {
                // above every live row's number (renumbered ones are below the rows held): the order is unchanged
                renumbered.state.insertionsFrom(Integer.MAX_VALUE - 5);
            }
            last = renumbered.state.nextInsertion();
            plain.advance(ts);
            renumbered.advance(ts);
            for (int i = 0; i < patients.size(); i++) {
                String pid = patients.get(i);
                if (random.nextInt(600) == 0) {
                    feeding[i] = !feeding[i]; // a monitor unplugged (its vitals go silent together) or back
                }
                if (random.nextInt(3000) == 0) {
                    plain.discharge(pid, ts);
                    renumbered.discharge(pid, ts);
                    discharges++;
                    continue;
                }
                if (!feeding[i] || random.nextInt(4) != 0) {
                    continue;
                }
                Vital vital = TRACKED[random.nextInt(TRACKED.length)];
                double value = 20 + random.nextInt(80);
                plain.reading(pid, vital, value, ts);
                renumbered.reading(pid, vital, value, ts);
            }
        }
        long silent = plain.received.stream().filter(e -> e.get(0).equals("SignalSilent")).count();
        assertThat(silent).as("signal losses found").isGreaterThan(500);
        assertThat(discharges).as("discharges (rows leaving the state)").isGreaterThan(50);
        assertThat(renumbers).as("renumberings").isGreaterThan(20);
        SameEvents.assertSameEvents(plain.received, renumbered.received);
    }

    private Side side(String name) throws Exception {
        Side s = new Side("technical-rows-" + name);
        sides.add(s);
        return s;
    }
}
