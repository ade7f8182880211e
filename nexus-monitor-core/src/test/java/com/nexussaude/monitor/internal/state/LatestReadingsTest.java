package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The patient's latest readings as primitives with a presence mask ({@link PatientReadings.Patient} as {@link
 * LatestReadings}) against boxed {@code Double[]}/{@code Long[]} arrays kept as PatientReadings kept them before:
 * random readings of every vital (integral and fractional values, zero and negative zero, late readings, artefacts the
 * gate screens out) through {@code screen}, {@code reading} and {@code observationEnd}; at every observation's end
 * what the packs' Java state reads from the record, and the {@code ObservationEnd} row Esper receives, must equal the
 * boxed reference exactly ({@code Double.equals}: the same bits), and the record's medians the row's.
 */
class LatestReadingsTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] VITALS = Vital.values();

    final Configuration cfg = EsperSetup.configuration();
    final EPRuntime runtime = EPRuntimeProvider.getRuntime("latest-readings-" + System.identityHashCode(this), cfg);

    @AfterEach
    void destroy() {
        runtime.destroy();
    }

    /** Records what the record shows at each observation's end, as a row. */
    static final class Probe extends PackState {
        final List<Object[]> shown = new ArrayList<>();

        @Override
        public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int spo2Scale) {
            shown.add(RowReadings.row(patient.id(), "ward-1", ts, spo2Scale, latest));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13})
    void whatTheRecordShowsAndSendsIsWhatTheBoxedArraysHeld(long seed) throws Exception {
        EPCompiled schema = EsperSetup.loadPack("schema", cfg, new ArrayList<>());
        runtime.getDeploymentService().deploy(schema);
        EPCompiled probeEpl = EsperSetup.compile("probe.epl", "@Name('end') select * from ObservationEnd;\n"
                + "@Name('minute') select * from VitalMinute;", cfg, new EsperSetup.CompilerPathList(List.of(schema)));
        List<Object[]> sent = new ArrayList<>();
        List<List<Object>> minutes = new ArrayList<>();
        var statements = runtime.getDeploymentService().deploy(probeEpl).getStatements();
        statements[0].addListener(
                (newEvents, oldEvents, st, rt) -> Arrays.stream(newEvents).forEach(e -> sent.add((Object[]) e.getUnderlying())));
        statements[1].addListener((newEvents, oldEvents, st, rt) -> Arrays.stream(newEvents)
                .map(e -> (VitalMinute) e.getUnderlying()).forEach(m -> minutes.add(List.of(m.getPatientId(), m.getWard(),
                        m.getVital(), m.getMinuteStart(), m.getTs(), m.getValue(), m.getReadingCount()))));
        Map<String, Minutes> referenceMinutes = new HashMap<>();
        List<List<Object>> expectedMinutes = new ArrayList<>();
        Probe probe = new Probe();
        PatientReadings readings = new PatientReadings(runtime.getEventService());
        readings.homes(new PackState[] {probe});
        Map<String, Object[]> reference = new HashMap<>(); // per patient: Double and Long per vital, as before
        Random random = new Random(seed);
        long now = T0;
        int artefacts = 0;
        int late = 0;
        for (int i = 0; i < 5000; i++) {
            now += 1000L * random.nextInt(3);
            runtime.getEventService().advanceTime(now);
            String pid = "p" + random.nextInt(3);
            long ts = random.nextInt(20) == 0 ? now - 1000L * (1 + random.nextInt(120)) : now;
            Double[] values = new Double[VITALS.length];
            for (Vital v : VITALS) {
                if (random.nextInt(v == Vital.HEART_RATE || v == Vital.SPO2 || v == Vital.RESPIRATORY_RATE ? 2 : 8) == 0) {
                    values[v.ordinal()] = value(random, v);
                }
            }
            if (Arrays.stream(values).allMatch(x -> x == null)) {
                values[Vital.HEART_RATE.ordinal()] = 80.0;
            }
            PatientReadings.Patient patient = readings.patient(pid);
            patient.screen(values[Vital.HEART_RATE.ordinal()], values[Vital.SPO2.ordinal()],
                    values[Vital.RESPIRATORY_RATE.ordinal()], ts);
            Object[] ref = reference.computeIfAbsent(pid, k -> new Object[2 * VITALS.length]);
            for (Vital v : VITALS) {
                Double x = values[v.ordinal()];
                if (x == null) {
                    continue;
                }
                boolean plausible = patient.artefact(v) == null;
                Long at = (Long) ref[2 * v.ordinal() + 1];
                if (plausible && (at == null || ts >= at)) {
                    ref[2 * v.ordinal()] = x;
                    ref[2 * v.ordinal() + 1] = ts;
                }
                artefacts += plausible ? 0 : 1;
                late += at != null && ts < at ? 1 : 0;
                if (plausible) {
                    referenceMinutes.computeIfAbsent(pid, k -> new Minutes()).add(pid, v, x, ts, expectedMinutes);
                }
                patient.reading(v, x, ts, "ward-1");
            }
            patient.observationEnd("ward-1", ts, 1 + random.nextInt(2), true);

            Object[] shown = probe.shown.get(probe.shown.size() - 1);
            Object[] row = sent.get(sent.size() - 1);
            assertThat(row).as("observation %d: the row sent", i).containsExactly(shown);
            for (int k = 0; k < ref.length; k++) {
                assertThat(shown[4 + k]).as("observation %d, field %d", i, 4 + k).isEqualTo(ref[k]);
            }
        }
        assertThat(sent).hasSize(5000);
        assertThat(minutes).as("the minutes published, in order").hasSizeGreaterThan(500).isEqualTo(expectedMinutes);
        assertThat(artefacts).as("the gate screened some readings out").isPositive();
        assertThat(late).as("some readings came late").isPositive();
        assertThat(probe.shown).anySatisfy(r -> assertThat(r).contains(-0.0))
                .anySatisfy(r -> assertThat(r[RowReadings.MEDIANS]).isNotNull());
    }

    /** A patient's open minutes as PatientReadings kept them before: an array per field. */
    static final class Minutes {
        final long[] minute = new long[VITALS.length];
        final double[] sum = new double[VITALS.length];
        final long[] offsetSum = new long[VITALS.length];
        final int[] count = new int[VITALS.length];

        Minutes() {
            Arrays.fill(minute, Long.MIN_VALUE);
        }

        /** A plausible reading; a VitalMinute published by it (its vital's next minute) goes to {@code published}. */
        void add(String pid, Vital vital, double value, long ts, List<List<Object>> published) {
            int v = vital.ordinal();
            long m = Math.floorDiv(ts, 60_000L) * 60_000L;
            if (m != minute[v]) {
                if (minute[v] != Long.MIN_VALUE && m < minute[v]) {
                    return;
                }
                if (minute[v] != Long.MIN_VALUE) {
                    int n = count[v];
                    published.add(List.of(pid, "ward-1", vital.name(), minute[v],
                            minute[v] + Math.round((double) offsetSum[v] / n), sum[v] / n, n));
                    sum[v] = 0;
                    offsetSum[v] = 0;
                    count[v] = 0;
                }
                minute[v] = m;
            }
            sum[v] += value;
            offsetSum[v] += ts - m;
            count[v]++;
        }
    }

    /** A value of the vital: integral, fractional, zero or negative zero, and for HR, SpO2 and RR now and then a jump. */
    private static double value(Random random, Vital v) {
        return switch (random.nextInt(6)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> Math.min(v.maxPossible(), Math.max(v.minPossible(), Math.round(v.maxPossible() * random.nextDouble())));
            default -> switch (v) {
                case HEART_RATE -> 70 + random.nextInt(10) + 0.5 * random.nextInt(2);
                case SPO2 -> 94 + random.nextInt(5) + 0.25 * random.nextInt(4);
                case RESPIRATORY_RATE -> 14 + random.nextInt(4) + 0.5 * random.nextInt(2);
                case TEMPERATURE -> 36.5 + 0.1 * random.nextInt(10);
                case CONSCIOUSNESS -> random.nextInt(5);
                case SUPPLEMENTAL_OXYGEN -> random.nextInt(2);
                default -> 60 + random.nextInt(80) + 0.5 * random.nextInt(2);
            };
        };
    }
}
