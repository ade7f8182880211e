package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
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
 * The correlation pack's state reading the patient's primitive latest values ({@link CorrelationInputs}) against the
 * one that read the {@code ObservationEnd} row of boxes ({@link RowCorrelationInputs}), and with its patient's baseline
 * flags in the int of its open episodes against the one with two booleans ({@link BooleanCorrelationInputs}): random observation sequences
 * of several patients (values on the rules' edges, integral and fractional, zero and negative zero; NIBP readings at
 * the observation or earlier; vitals going stale and coming back; medians present or not; SpO2 scale changes) fed to
 * both, each on its own Esper runtime with the correlation pack, must give Esper the same {@code CorrelationState}
 * events, in the same order, with equal properties (boxed values compared with {@code equals}: the same bits), and the
 * pack the same signals and clears.
 */
class CorrelationInputsTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] READ = {Vital.HEART_RATE, Vital.SYSTOLIC_BP, Vital.TEMPERATURE, Vital.SPO2,
            Vital.RESPIRATORY_RATE, Vital.CONSCIOUSNESS};

    /** One runtime with the correlation pack, a state fed the rows, and what Esper received, in order. */
    /** Builds the state under test, or an oracle, on a side's runtime. */
    interface StateFactory {
        PackState create(EPEventService events, Map<String, Object> variables, EPDeployment correlation);
    }

    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, StateFactory factory) throws Exception {
            runtime = EPRuntimeProvider.getRuntime(name + System.identityHashCode(this), cfg);
            List<EPCompiled> path = new ArrayList<>();
            EPDeployment correlation = null;
            for (String pack : List.of("schema", "correlation")) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                EPDeployment d = runtime.getDeploymentService().deploy(compiled);
                if (pack.equals("correlation")) {
                    correlation = d;
                }
            }
            EPCompiled probe = EsperSetup.compile("probe.epl", String.join("\n",
                    "@Name('CorrelationState') select * from CorrelationState;",
                    "@Name('AlertSignal') select * from AlertSignal;",
                    "@Name('AlertClear') select * from AlertClear;"), cfg, new EsperSetup.CompilerPathList(path));
            SameEvents.record(runtime.getDeploymentService().deploy(probe).getStatements(), received);
            Map<String, Object> variables = new HashMap<>();
            String deployment = correlation.getDeploymentId();
            runtime.getVariableService().getVariableValueAll().forEach((k, v) -> {
                if (k.getDeploymentId().equals(deployment)) {
                    variables.put(k.getName(), v);
                }
            });
            state = factory.create(runtime.getEventService(), variables, correlation);
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void send(Object[] row) {
            runtime.getEventService().advanceTime((Long) row[2]);
            RowReadings.end(state, readings, row.clone());
        }
    }

    final List<Side> sides = new ArrayList<>();

    @AfterEach
    void destroy() {
        sides.forEach(s -> s.runtime.destroy());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 17, 99, 2024})
    void thePrimitiveRecordSendsEsperExactlyWhatTheRowOfBoxesSent(long seed) throws Exception {
        sendTheSame(seed, side("rows", RowCorrelationInputs::new), side("primitive", CorrelationInputs::new));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 17, 99, 2024})
    void theFlagsInOneIntSendEsperExactlyWhatTheBooleansSent(long seed) throws Exception {
        sendTheSame(seed, side("booleans", BooleanCorrelationInputs::new), side("packed", CorrelationInputs::new));
    }

    /** Feeds the seed's observations to both sides; the oracle must exercise the pack and both must send the same. */
    private static void sendTheSame(long seed, Side oracle, Side tested) {
        Random random = new Random(seed);
        String[] patients = {"p1", "p2", "p3"};
        Map<String, Object[]> latest = new HashMap<>();
        Map<String, Integer> scales = new HashMap<>();
        long ts = T0;
        for (int i = 0; i < 3000; i++) {
            // Mostly seconds apart; now and then minutes or hours, long enough for some vitals to go stale.
            int gap = random.nextInt(40);
            ts += gap == 0 ? 60_000L * (1 + random.nextInt(180)) : gap == 1 ? 60_000L : 1000L;
            String pid = patients[random.nextInt(patients.length)];
            int scale = scales.getOrDefault(pid, 1);
            if (random.nextInt(200) == 0) {
                scale = 3 - scale;
                scales.put(pid, scale);
            }
            Object[] row = observation(random, pid, ts,
                    latest.computeIfAbsent(pid, k -> new Object[RowReadings.MEDIANS + 3]), scale);
            oracle.send(row);
            tested.send(row);
        }
        assertThat(oracle.received).as("a workload that exercises the pack").hasSizeGreaterThan(300)
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("AlertSignal"))
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("AlertClear"));
        SameEvents.assertSameEvents(oracle.received, tested.received);
    }

    private Side side(String name, StateFactory factory) throws Exception {
        Side s = new Side("correlation-inputs-" + name, factory);
        sides.add(s);
        return s;
    }

    /**
     * The patient's next ObservationEnd row: each vital the pack reads keeps its latest reading, gets a new one at
     * {@code ts}, or (NIBP, temperature, consciousness) one a little before it; the medians of HR, SpO2 and RR are
     * absent, new or the ones before.
     */
    private static Object[] observation(Random random, String pid, long ts, Object[] latest, int spo2Scale) {
        for (Vital v : READ) {
            boolean continuous = v == Vital.HEART_RATE || v == Vital.SPO2 || v == Vital.RESPIRATORY_RATE;
            if (random.nextInt(continuous ? 2 : 12) != 0) {
                continue; // not read in this observation: its latest reading stays
            }
            double value = switch (v) {
                case HEART_RATE -> edge(random, 0.0, -0.0, 60, 89, 90, 91, 110, 120, 140);
                case SYSTOLIC_BP -> edge(random, 0.0, -0.0, 80, 90, 99, 100, 101, 110, 120, 140);
                case TEMPERATURE -> pick(random, 35.9, 36.0, 36.1, 37.0, 38.0, 38.1) + pick(random, 0, 0, 0.04, -0.04);
                case SPO2 -> pick(random, 85, 86, 87, 88, 92, 93, 94, 97) + decimals(random);
                case RESPIRATORY_RATE -> pick(random, 12, 20, 21, 22, 25) + decimals(random);
                case CONSCIOUSNESS -> random.nextInt(5) == 0 ? 1 + random.nextInt(4) : pick(random, 0.0, -0.0);
                default -> throw new IllegalStateException();
            };
            boolean earlier = !continuous && random.nextInt(4) == 0;
            latest[4 + 2 * v.ordinal()] = value;
            latest[5 + 2 * v.ordinal()] = earlier ? ts - 1000L * (1 + random.nextInt(30)) : ts;
        }
        double[] low = {60, 85, 12};
        int[] span = {80, 15, 14};
        for (int m = 0; m < 3; m++) {
            int r = random.nextInt(5);
            latest[RowReadings.MEDIANS + m] = r == 0 ? null
                    : r == 1 ? (Object) (low[m] + random.nextInt(span[m]) + 0.5 * random.nextInt(2))
                    : latest[RowReadings.MEDIANS + m];
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

    /** One of {@code values}, with decimals that round either way unless it is a zero (readings are never negative). */
    private static double edge(Random random, double... values) {
        double x = pick(random, values);
        return x == 0 ? x : x + decimals(random);
    }

    private static double decimals(Random random) {
        return pick(random, 0, 0, 0.4, 0.5, -0.5, 0.49);
    }
}
