package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.configuration.Configuration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The news2 state's incremental scoring against the full one it replaced ({@link FullNews2State}): random observation
 * sequences of several patients (values that round, repeat, go stale and come back, scale and oxygen changes) fed to
 * both, each on its own Esper runtime with the news2 pack, must give Esper the same events, in the same order, with
 * equal properties (the scores compared as whole records: inputs, rounded values, sub-scores, total, risk), and the
 * pack the same alert signals and clears.
 */
class News2StateScoringTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] SCORED = {Vital.RESPIRATORY_RATE, Vital.SPO2, Vital.SUPPLEMENTAL_OXYGEN, Vital.SYSTOLIC_BP,
            Vital.HEART_RATE, Vital.CONSCIOUSNESS, Vital.TEMPERATURE};
    static final int MEDIANS = 4 + 2 * Vital.values().length;

    /** One runtime with the news2 pack, a state fed the rows, and what Esper received, in order. */
    static final class Side {
        final Configuration cfg = EsperSetup.configuration();
        final EPRuntime runtime;
        final List<List<Object>> received = new ArrayList<>();
        final PackState state;
        final PatientReadings readings;

        Side(String name, boolean incremental) throws Exception {
            runtime = EPRuntimeProvider.getRuntime(name + System.identityHashCode(this), cfg);
            News2StateTest.News2Deployed deployed = News2StateTest.deployNews2(runtime, cfg);
            String news2Deployment = deployed.news2Deployment();
            SameEvents.record(deployed.probes(), received);
            Map<String, Object> variables = new HashMap<>();
            String deployment = news2Deployment;
            runtime.getVariableService().getVariableValueAll().forEach((k, v) -> {
                if (k.getDeploymentId().equals(deployment)) {
                    variables.put(k.getName(), v);
                }
            });
            state = incremental ? new News2State(runtime.getEventService(), News2State.Settings.of(variables))
                    : new FullNews2State(runtime.getEventService(), FullNews2State.Settings.of(variables));
            readings = new PatientReadings(runtime.getEventService());
            readings.homes(new PackState[] {state});
        }

        void send(Object[] row) {
            Object[] copy = row.clone();
            RowReadings.end(state, readings, copy);
            runtime.getEventService().sendEventObjectArray(copy, "ObservationEnd");
        }
    }

    final List<Side> sides = new ArrayList<>();

    @AfterEach
    void destroy() {
        sides.forEach(s -> s.runtime.destroy());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 21, 42, 1234})
    void incrementalScoringSendsEsperExactlyWhatFullScoringSent(long seed) throws Exception {
        Side full = side("full", false);
        Side incremental = side("incremental", true);
        Random random = new Random(seed);
        String[] patients = {"p1", "p2", "p3"};
        Map<String, Object[]> latest = new HashMap<>();
        Map<String, Integer> scales = new HashMap<>();
        long ts = T0;
        for (int i = 0; i < 4000; i++) {
            // Mostly a second apart; now and then a gap long enough for some vitals to go stale.
            ts += random.nextInt(50) == 0 ? 60_000L * (1 + random.nextInt(90)) : 1000L;
            String pid = patients[random.nextInt(patients.length)];
            int scale = scales.getOrDefault(pid, 1);
            if (random.nextInt(300) == 0) {
                scale = 3 - scale; // now and then a patient moves to the other SpO2 scale
                scales.put(pid, scale);
            }
            Object[] row = observation(random, pid, ts, latest.computeIfAbsent(pid, k -> new Object[MEDIANS + 3]), scale);
            full.send(row);
            incremental.send(row);
        }
        assertThat(full.received).as("a workload that exercises the pack").hasSizeGreaterThan(400)
                .anySatisfy(e -> assertThat(e.get(0)).isEqualTo("AlertSignal"));
        SameEvents.assertSameEvents(full.received, incremental.received);
    }

    @Test
    void aScoreThatStaysTheSameSendsNothingMoreWhileItsInputsMove() throws Exception {
        Side full = side("full", false);
        Side incremental = side("incremental", true);
        for (int s = 0; s < 120; s++) {
            Object[] row = new Object[MEDIANS + 3];
            row[0] = "p1";
            row[1] = "ward-1";
            row[2] = T0 + s * 1000L;
            row[3] = 1;
            // The heart rate's median moves every second (72.0, 72.5, 73.0) and its sub-score stays 0.
            set(row, Vital.HEART_RATE, 72.0 + 0.5 * (s % 3), T0 + s * 1000L);
            set(row, Vital.SPO2, 97.0, T0 + s * 1000L);
            set(row, Vital.RESPIRATORY_RATE, 16.0, T0 + s * 1000L);
            row[MEDIANS] = 72.0 + 0.5 * (s % 3);
            full.send(row);
            incremental.send(row);
        }
        assertThat(incremental.received).isEqualTo(full.received).hasSize(1);
    }

    private Side side(String name, boolean incremental) throws Exception {
        Side s = new Side("news2-scoring-" + name, incremental);
        sides.add(s);
        return s;
    }

    private static void set(Object[] row, Vital v, double value, long ts) {
        row[4 + 2 * v.ordinal()] = value;
        row[5 + 2 * v.ordinal()] = ts;
    }

    /**
     * The patient's next ObservationEnd row: each scored vital keeps its latest reading or gets a new one at {@code
     * ts} (values near the bands' edges, with decimals that round either way), and the minute medians of HR, SpO2 and
     * RR are present or not.
     */
    private static Object[] observation(Random random, String pid, long ts, Object[] latest, int spo2Scale) {
        for (Vital v : SCORED) {
            if (random.nextInt(4) != 0) {
                continue; // not read in this observation: its latest reading stays
            }
            double value = switch (v) {
                case RESPIRATORY_RATE -> pick(random, 8, 9, 11, 12, 20, 21, 24, 25) + decimals(random);
                case SPO2 -> Math.min(100, pick(random, 83, 85, 87, 88, 91, 92, 93, 94, 95, 96, 97) + decimals(random));
                case SUPPLEMENTAL_OXYGEN -> random.nextInt(2);
                case SYSTOLIC_BP -> pick(random, 90, 91, 100, 101, 110, 111, 219, 220) + decimals(random);
                case HEART_RATE -> pick(random, 40, 41, 50, 51, 90, 91, 110, 111, 130, 131) + decimals(random);
                case CONSCIOUSNESS -> random.nextInt(6) == 0 ? 1 + random.nextInt(4) : 0;
                case TEMPERATURE -> pick(random, 35.0, 35.1, 36.0, 36.1, 38.0, 38.1, 39.0, 39.1)
                        + pick(random, 0, 0, 0.04, 0.05, -0.05, -0.04);
                default -> throw new IllegalStateException();
            };
            latest[4 + 2 * v.ordinal()] = value;
            latest[5 + 2 * v.ordinal()] = ts;
        }
        // HR, SpO2, RR: absent, a new median (whole or half), or the one before.
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
