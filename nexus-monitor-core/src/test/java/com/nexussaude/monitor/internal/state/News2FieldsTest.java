package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
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
 * The news2 state with its patient's inputs as fields and its points packed two bits each into an int, against the
 * state as it was ({@link ArrayNews2State}: a {@code double[8]} and a {@code byte[7]} per patient), and with its total,
 * risk and flags (scored, partial, episode) folded into the int of its points against the state with them separate
 * ({@link SeparateFlagsNews2State}: an int, a reference and three booleans): random observation
 * sequences of several patients (values at the bands' edges, zero and negative zero, every consciousness level, oxygen
 * on and off, scale changes, medians present or not, gaps that make vitals stale) fed to both, each on its own Esper
 * runtime with the news2 pack, must give Esper the same events, in the same order, with equal properties (scores as
 * whole records, the previous score included), and the pack the same alert signals.
 */
class News2FieldsTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] SCORED = {Vital.RESPIRATORY_RATE, Vital.SPO2, Vital.SUPPLEMENTAL_OXYGEN, Vital.SYSTOLIC_BP,
            Vital.HEART_RATE, Vital.CONSCIOUSNESS, Vital.TEMPERATURE};
    static final int MEDIANS = 4 + 2 * Vital.values().length;

    final List<EPRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void destroy() {
        runtimes.forEach(EPRuntime::destroy);
    }

    /** One runtime with the news2 pack and a state of either kind, recording what Esper received. */
    /** Builds the state under test, or an oracle, on a side's runtime with the news2 pack's variables. */
    interface StateFactory {
        PackState create(EPEventService events, Map<String, Object> variables);
    }

    final class Side {
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;
        final EPRuntime runtime;

        Side(String name, StateFactory factory) throws Exception {
            Configuration cfg = EsperSetup.configuration();
            runtime = EPRuntimeProvider.getRuntime("news2-fields-" + name + System.identityHashCode(this), cfg);
            runtimes.add(runtime);
            News2StateTest.News2Deployed deployed = News2StateTest.deployNews2(runtime, cfg);
            SameEvents.record(deployed.probes(), received);
            Map<String, Object> variables = new HashMap<>();
            runtime.getVariableService().getVariableValueAll().forEach((k, v) -> {
                if (k.getDeploymentId().equals(deployed.news2Deployment())) {
                    variables.put(k.getName(), v);
                }
            });
            state = factory.create(runtime.getEventService(), variables);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void send(Object[] row) {
            Object[] copy = row.clone();
            RowReadings.end(state, readings, copy);
            runtime.getEventService().sendEventObjectArray(copy, "ObservationEnd");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void theFieldsStateSendsEsperWhatTheArrayStateSent(long seed) throws Exception {
        sendTheSame(seed, new Side("arrays", (e, v) -> new ArrayNews2State(e, ArrayNews2State.Settings.of(v))),
                new Side("fields", News2FieldsTest::news2State));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void thePackedFlagsStateSendsEsperWhatTheSeparateFlagsStateSent(long seed) throws Exception {
        Side separate = new Side("separate",
                (e, v) -> new SeparateFlagsNews2State(e, SeparateFlagsNews2State.Settings.of(v)));
        sendTheSame(seed, separate, new Side("packed", News2FieldsTest::news2State));
        assertThat(separate.received).as("a workload that ends episodes")
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("AlertClear"));
    }

    private static PackState news2State(EPEventService events, Map<String, Object> variables) {
        return new News2State(events, News2State.Settings.of(variables));
    }

    /** Feeds the seed's observations to both sides; the oracle must exercise the pack and both must send the same. */
    private static void sendTheSame(long seed, Side oracle, Side tested) {
        Random random = new Random(seed);
        String[] patients = {"p1", "p2", "p3", "p4"};
        Map<String, Object[]> latest = new HashMap<>();
        Map<String, Integer> scales = new HashMap<>();
        long ts = T0;
        for (int i = 0; i < 4000; i++) {
            ts += random.nextInt(50) == 0 ? 60_000L * (1 + random.nextInt(90)) : 1000L;
            String pid = patients[random.nextInt(patients.length)];
            int scale = scales.getOrDefault(pid, 1);
            if (random.nextInt(200) == 0) {
                scale = 3 - scale;
                scales.put(pid, scale);
            }
            Object[] row = observation(random, pid, ts, latest.computeIfAbsent(pid, k -> new Object[MEDIANS + 3]), scale);
            oracle.send(row);
            tested.send(row);
        }
        assertThat(oracle.received).as("a workload that exercises the pack").hasSizeGreaterThan(400)
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("AlertSignal"));
        SameEvents.assertSameEvents(oracle.received, tested.received);
    }

    /** The patient's next ObservationEnd row: some scored vitals read anew, HR's, SpO2's and RR's medians or none. */
    private static Object[] observation(Random random, String pid, long ts, Object[] latest, int spo2Scale) {
        for (Vital v : SCORED) {
            if (random.nextInt(4) != 0) {
                continue;
            }
            double value = random.nextInt(25) == 0 ? pick(random, 0.0, -0.0) : switch (v) {
                case RESPIRATORY_RATE -> pick(random, 8, 9, 11, 12, 20, 21, 24, 25) + decimals(random);
                case SPO2 -> Math.min(100, pick(random, 83, 85, 87, 88, 91, 92, 93, 94, 95, 96, 97) + decimals(random));
                case SUPPLEMENTAL_OXYGEN -> random.nextInt(2);
                case SYSTOLIC_BP -> pick(random, 90, 91, 100, 101, 110, 111, 219, 220) + decimals(random);
                case HEART_RATE -> pick(random, 40, 41, 50, 51, 90, 91, 110, 111, 130, 131) + decimals(random);
                case CONSCIOUSNESS -> random.nextInt(3) == 0 ? random.nextInt(5) : 0;
                case TEMPERATURE -> pick(random, 35.0, 35.1, 36.0, 36.1, 38.0, 38.1, 39.0, 39.1)
                        + pick(random, 0, 0, 0.04, 0.05, -0.05, -0.04);
                default -> throw new IllegalStateException();
            };
            latest[4 + 2 * v.ordinal()] = value;
            latest[5 + 2 * v.ordinal()] = ts;
        }
        double[] low = {40, 85, 7};
        int[] span = {95, 15, 22};
        for (int m = 0; m < 3; m++) {
            int r = random.nextInt(5);
            latest[MEDIANS + m] = r == 0 ? null
                    : r == 1 ? (Object) (low[m] + random.nextInt(span[m]) + 0.5 * random.nextInt(2)) : latest[MEDIANS + m];
        }
        Object[] row = Arrays.copyOf(latest, latest.length);
        row[0] = pid;
        row[1] = "ward-1";
        row[2] = ts;
        row[3] = spo2Scale;
        return row;
    }

    private static double pick(Random random, double... values) {
        return values[random.nextInt(values.length)];
    }

    private static double decimals(Random random) {
        return pick(random, 0, 0, 0, 0.4, 0.5, -0.5, 0.49, -0.4);
    }
}
