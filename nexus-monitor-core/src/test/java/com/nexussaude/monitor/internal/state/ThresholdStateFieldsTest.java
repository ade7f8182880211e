package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The threshold pack's state with each patient's continuous-vital reading times in six fields ({@link ThresholdState})
 * against the one that kept them in a {@code long[]} ({@link TimesArrayThresholdState}): random readings of several
 * patients (band edges, equal, repeated and late times, artefacts, gaps that restart or clear episodes, discharges),
 * fed to both, each on its own Esper runtime with the threshold pack, must give Esper the same {@code
 * ThresholdReading} events in the same order with equal values, and the pack the same signals and clears.
 */
class ThresholdStateFieldsTest {
    private static final Vital[] READ = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.HEART_RATE,
            Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.SYSTOLIC_BP, Vital.TEMPERATURE};

    /** One runtime with the threshold pack, a state fed the readings, and what Esper received, in order. */
    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, BiFunction<EPEventService, Map<String, Object>, PackState> state) throws Exception {
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
            ThresholdStateTimesTest.POLICIES.forEach((v, pp) -> runtime.getEventService().sendEventObjectArray(
                    new Object[] {v.name(), pp.mediumDelay().toMillis(), pp.highDelay().toMillis(),
                            pp.maxGap().toMillis(), pp.staleAfter().toMillis(), pp.clearAfter().toMillis()},
                    "ThresholdPolicyUpdate"));
            this.state = state.apply(runtime.getEventService(), variables);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {this.state});
        }

        void reading(String pid, Vital v, double value, long ts, String artefact) {
            runtime.getEventService().advanceTime(Math.max(ts, runtime.getEventService().getCurrentTime()));
            Bands b = ThresholdStateTimesTest.BANDS.get(v);
            state.reading(readings.patient(pid), "ward-a", v, value, ts, b.bandOf(value), b.directionOf(value),
                    b.crossedLimit(value), 1, artefact);
        }

        void discharge(String pid, long ts) {
            PatientReadings.Patient gone = readings.discharge(pid);
            if (gone != null) {
                state.discharged(gone, ts);
            }
        }
    }

    private final List<Side> sides = new ArrayList<>();

    @AfterEach
    void destroy() {
        sides.forEach(s -> s.runtime.destroy());
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void timesInFieldsSendEsperExactlyWhatTheArraySent(long seed) throws Exception {
        Side oracle = side("array", (events, variables) -> new TimesArrayThresholdState(events,
                ThresholdStateTimesTest.POLICIES, variables));
        Side fields = side("fields", (events, variables) -> new ThresholdState(events,
                ThresholdStateTimesTest.POLICIES, variables));
        Random random = new Random(seed);
        long now = ThresholdStateTimesTest.T0;
        int lateOrEqual = 0;
        for (int i = 0; i < 8000; i++) {
            int gap = random.nextInt(80);
            now += gap == 0 ? 60_000L * (1 + random.nextInt(20)) : 500L * random.nextInt(4);
            String pid = "p" + random.nextInt(4);
            if (random.nextInt(400) == 0) {
                oracle.discharge(pid, now);
                fields.discharge(pid, now);
                continue;
            }
            Vital v = READ[random.nextInt(READ.length)];
            // Now and then a late reading, or one at the same time as the channel's latest (its previous is then used).
            long ts = random.nextInt(12) == 0 ? now - 500L * random.nextInt(6) : now;
            lateOrEqual += ts < now ? 1 : 0;
            double value = value(random, v);
            String artefact = random.nextInt(30) == 0 ? "artefact" : null;
            oracle.reading(pid, v, value, ts, artefact);
            fields.reading(pid, v, value, ts, artefact);
        }
        assertThat(lateOrEqual).as("late readings").isGreaterThan(100);
        assertThat(oracle.received).as("a workload that exercises the pack").hasSizeGreaterThan(300)
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("nexus-alert-signals"))
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("nexus-alert-clears"));
        SameEvents.assertSameEvents(oracle.received, fields.received);
    }

    private Side side(String name, BiFunction<EPEventService, Map<String, Object>, PackState> state) throws Exception {
        Side s = new Side("threshold-fields-" + name, state);
        sides.add(s);
        return s;
    }

    /** Mostly normal, now and then across each band's edges, critical ones included (integral or fractional). */
    private static double value(Random random, Vital v) {
        double[] edges = switch (v) {
            case HEART_RATE -> new double[] {75, 75, 75, 35, 39, 45, 55, 105, 125, 135, 155};
            case SPO2 -> new double[] {97, 97, 97, 80, 84, 86, 89, 91, 93};
            case RESPIRATORY_RATE -> new double[] {16, 16, 16, 5, 7, 9, 22, 26, 31};
            case SYSTOLIC_BP -> new double[] {120, 120, 85, 95, 165, 185, 225};
            default -> new double[] {37, 37, 34.5, 35.5, 38.5, 39.5, 40.5};
        };
        return edges[random.nextInt(edges.length)] + 0.5 * random.nextInt(2);
    }
}
