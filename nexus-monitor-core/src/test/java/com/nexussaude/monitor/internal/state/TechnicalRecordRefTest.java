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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The technical pack's state with its rows pointing at the patient's record (whose id the events carry) and no id of
 * its own per patient, against the state as it was ({@link IdFieldTechnicalState}): random wards whose monitors go
 * silent and come back, leave gaps, send zeros, jumps and flat-zero respiratory rates, whose patients are discharged
 * and admitted again, and whose watches are restored ({@code SignalWatch}), each on its own Esper runtime with the
 * technical pack, must give Esper the same derived events, in the same order.
 */
class TechnicalRecordRefTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] TRACKED = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.SYSTOLIC_BP};
    static final List<String> DERIVED = List.of("SignalBack", "SensorGap", "ProbeZero", "ProbeBack", "ArtefactJump",
            "RrFlatZero", "RrFlatEnded", "SignalSilent");

    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, boolean record) throws Exception {
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
            state = record ? new TechnicalState(runtime, technical) : new IdFieldTechnicalState(runtime, technical);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void reading(String pid, Vital vital, double value, long ts, String artefact) {
            state.reading(readings.patient(pid), "ward", vital, value, ts, 0, 0, Double.NaN, 1, artefact);
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

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13})
    void theRowsThroughTheRecordSendWhatTheRowsWithAnIdSent(long seed) throws Exception {
        Side ids = side("ids", false);
        Side records = side("records", true);
        Random random = new Random(seed);
        int beds = 30;
        boolean[] feeding = new boolean[beds];
        long ts = T0;
        int discharges = 0;
        int watches = 0;
        for (int second = 0; second < 2 * 3600; second++) {
            ts += 1000;
            ids.runtime.getEventService().advanceTime(ts);
            records.runtime.getEventService().advanceTime(ts);
            for (int i = 0; i < beds; i++) {
                String pid = "bed-" + i;
                if (random.nextInt(900) == 0) {
                    feeding[i] = !feeding[i]; // a monitor unplugged (its vitals go silent together) or back
                }
                if (random.nextInt(4000) == 0) {
                    ids.discharge(pid, ts);
                    records.discharge(pid, ts);
                    discharges++;
                    continue;
                }
                if (random.nextInt(3000) == 0) {
                    // A watch restored after a restart: lost or not, from some time ago.
                    Object[] watch = {pid, TRACKED[random.nextInt(TRACKED.length)].name(),
                            ts - 1000L * random.nextInt(120), random.nextBoolean()};
                    ids.runtime.getEventService().sendEventObjectArray(watch.clone(), "SignalWatch");
                    records.runtime.getEventService().sendEventObjectArray(watch.clone(), "SignalWatch");
                    watches++;
                }
                if (!feeding[i] || random.nextInt(3) != 0 && random.nextInt(20) != 0) {
                    continue;
                }
                Vital vital = random.nextInt(60) == 0 ? Vital.SYSTOLIC_BP : TRACKED[random.nextInt(3)];
                int kind = random.nextInt(40);
                String artefact = kind == 0 ? ArtefactGate.ZERO : kind == 1 ? ArtefactGate.JUMP : null;
                double value = switch (vital) {
                    case SPO2 -> kind == 0 ? 0 : 85 + random.nextInt(15);
                    case RESPIRATORY_RATE -> kind == 0 || random.nextInt(8) == 0 ? 0 : 8 + random.nextInt(20);
                    case HEART_RATE -> kind == 0 ? 0 : 50 + random.nextInt(80);
                    default -> 90 + random.nextInt(60);
                };
                ids.reading(pid, vital, value, ts, artefact);
                records.reading(pid, vital, value, ts, artefact);
            }
        }
        for (String type : DERIVED) {
            assertThat(ids.received).as("%s events", type).anySatisfy(e -> assertThat(e.get(0)).isEqualTo(type));
        }
        assertThat(discharges).as("discharges").isGreaterThan(20);
        assertThat(watches).as("watches restored").isGreaterThan(20);
        SameEvents.assertSameEvents(ids.received, records.received);
    }

    private Side side(String name, boolean record) throws Exception {
        Side s = new Side("technical-record-" + name, record);
        sides.add(s);
        return s;
    }
}
