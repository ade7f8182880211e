package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The threshold pack's state with each patient's continuous-vital reading times in one array and a bit mask ({@link
 * ThresholdState}) against the one with three arrays ({@link ArrayThresholdState}): random readings of several
 * patients (the default bands' edges, repeated and late times, artefacts, gaps, discharges) fed to both, each on its
 * own Esper runtime with the threshold pack, must give Esper the same {@code ThresholdReading} events in the same
 * order with equal values, and the pack the same signals and clears.
 */
class ThresholdStateTimesTest {
    static final long T0 = 1_790_000_000_000L;
    static final Map<Vital, PersistencePolicy> POLICIES = MonitorConfig.defaults().persistence();
    static final Map<Vital, Bands> BANDS = MonitorConfig.defaults().bands();
    static final Vital[] READ = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.SYSTOLIC_BP,
            Vital.TEMPERATURE};

    /** One runtime with the threshold pack, a state fed the readings, and what Esper received, in order. */
    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, boolean packed) throws Exception {
            runtime = EPRuntimeProvider.getRuntime(name + System.identityHashCode(this), cfg);
            List<EPCompiled> path = new ArrayList<>();
            Map<String, Object> variables = new HashMap<>();
            for (String pack : List.of("schema", "threshold")) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                EPDeployment d = runtime.getDeploymentService().deploy(compiled);
                for (EPStatement s : d.getStatements()) {
                    if (s.getName().equals("nexus-alert-signals") || s.getName().equals("nexus-alert-clears")) {
                        String kind = s.getName();
                        s.addListener((in, out, st, rt) -> {
                            for (EventBean e : in) {
                                received.add(List.of(kind, e.get("patientId"), e.get("ruleId")));
                            }
                        });
                    }
                }
                runtime.getVariableService().getVariableValueAll().forEach((k, v) -> variables.put(k.getName(), v));
            }
            EPCompiled probe = EsperSetup.compile("probe.epl", "@Name('probe') select * from ThresholdReading;", cfg,
                    p -> p.addAll(path));
            runtime.getDeploymentService().deploy(probe).getStatements()[0].addListener((in, out, st, rt) -> {
                for (EventBean e : in) {
                    received.add(Arrays.asList((Object[]) e.getUnderlying()));
                }
            });
            POLICIES.forEach((v, pp) -> runtime.getEventService().sendEventObjectArray(new Object[] {v.name(),
                    pp.mediumDelay().toMillis(), pp.highDelay().toMillis(), pp.maxGap().toMillis(),
                    pp.staleAfter().toMillis(), pp.clearAfter().toMillis()}, "ThresholdPolicyUpdate"));
            state = packed ? new ThresholdState(runtime.getEventService(), POLICIES, variables)
                    : new ArrayThresholdState(runtime.getEventService(), POLICIES, variables);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void reading(String pid, Vital v, double value, long ts, String artefact) {
            runtime.getEventService().advanceTime(ts);
            Bands b = BANDS.get(v);
            int band = b.bandOf(value);
            state.reading(readings.patient(pid), "ward-a", v, value, ts, band, b.directionOf(value),
                    b.crossedLimit(value), 1, artefact);
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
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void oneArrayOfTimesSendsEsperExactlyWhatThreeArraysSent(long seed) throws Exception {
        Side arrays = side("arrays", false);
        Side packed = side("packed", true);
        Random random = new Random(seed);
        long now = T0;
        for (int i = 0; i < 6000; i++) {
            int gap = random.nextInt(60);
            now += gap == 0 ? 60_000L * (1 + random.nextInt(20)) : 1000L * random.nextInt(3);
            String pid = "p" + random.nextInt(3);
            if (random.nextInt(500) == 0) {
                arrays.discharge(pid, now);
                packed.discharge(pid, now);
                continue;
            }
            Vital v = READ[random.nextInt(READ.length)];
            long ts = random.nextInt(15) == 0 ? now - 1000L * random.nextInt(10) : now;
            double value = value(random, v);
            String artefact = random.nextInt(30) == 0 ? "artefact" : null;
            arrays.reading(pid, v, value, ts, artefact);
            packed.reading(pid, v, value, ts, artefact);
        }
        assertThat(arrays.received).as("a workload that exercises the pack").hasSizeGreaterThan(300)
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("nexus-alert-signals"))
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("nexus-alert-clears"));
        SameEvents.assertSameEvents(arrays.received, packed.received);
    }

    private Side side(String name, boolean packed) throws Exception {
        Side s = new Side("threshold-times-" + name, packed);
        sides.add(s);
        return s;
    }

    /** Mostly normal, now and then across each band's edges (integral or fractional). */
    private static double value(Random random, Vital v) {
        double[] edges = switch (v) {
            case HEART_RATE -> new double[] {75, 75, 75, 39, 45, 55, 105, 125, 155};
            case SPO2 -> new double[] {97, 97, 97, 84, 86, 89, 91};
            case RESPIRATORY_RATE -> new double[] {16, 16, 16, 7, 9, 22, 26, 31};
            case SYSTOLIC_BP -> new double[] {120, 120, 85, 95, 165, 185, 225};
            default -> new double[] {37, 37, 34.5, 35.5, 38.5, 39.5, 40.5};
        };
        return edges[random.nextInt(edges.length)] + 0.5 * random.nextInt(2);
    }
}
