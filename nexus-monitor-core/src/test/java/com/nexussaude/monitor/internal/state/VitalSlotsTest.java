package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The patient record's vitals sized to the highest vital taken so far, and its trend lines as fields, against the
 * record as it was ({@link OrdinalSlotsReadings}: six longs for every vital from the start, a {@code TrendLine[8]}):
 * random patients that each take their own subset of the vitals (some only the last ordinals, some none of them for a
 * while), first seen in a random order, readings in a random order within an observation, late readings, artefacts,
 * clock sweeps and discharges, fed to both, each on its own Esper runtime; the {@code ObservationEnd}, {@code
 * VitalMinute} and {@code VitalTrend} events must be the same, in the same order, and the record's slots exactly the
 * highest vital taken's.
 */
class VitalSlotsTest {
    static final long T0 = 1_795_000_000_000L;
    static final Vital[] VITALS = Vital.values();
    static final int STRIDE = 5;

    final List<EPRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void destroy() {
        runtimes.forEach(EPRuntime::destroy);
    }

    /** A runtime with the schema and probes of the three event types the record sends, recording into {@code received}. */
    private EPRuntime runtime(String name, List<List<Object>> received) throws Exception {
        Configuration cfg = EsperSetup.configuration();
        EPRuntime runtime = EPRuntimeProvider.getRuntime("vital-slots-" + name + System.identityHashCode(this), cfg);
        runtimes.add(runtime);
        EPCompiled schema = EsperSetup.loadPack("schema", cfg, new ArrayList<>());
        runtime.getDeploymentService().deploy(schema);
        EPCompiled probes = EsperSetup.compile("probe.epl", "@Name('ObservationEnd') select * from ObservationEnd;\n"
                + "@Name('VitalMinute') select * from VitalMinute;\n@Name('VitalTrend') select * from VitalTrend;", cfg,
                new EsperSetup.CompilerPathList(List.of(schema)));
        SameEvents.record(runtime.getDeploymentService().deploy(probes).getStatements(), received);
        return runtime;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void theSizedRecordSendsWhatTheFullOneSent(long seed) throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        List<List<Object>> actual = new ArrayList<>();
        EPRuntime oldRuntime = runtime("old", expected);
        EPRuntime newRuntime = runtime("new", actual);
        OrdinalSlotsReadings old = new OrdinalSlotsReadings(oldRuntime.getEventService());
        PatientReadings sized = new PatientReadings(newRuntime.getEventService());
        Random random = new Random(seed);
        Map<String, List<Vital>> takes = new HashMap<>(); // each patient's vitals, in the order of their first reading
        Map<String, Integer> highest = new HashMap<>(); // the highest ordinal each patient's record took
        int sweeps = 0;
        int grown = 0;
        long now = T0;
        for (int i = 0; i < 6000; i++) {
            now += random.nextInt(8) == 0 ? 1000L * random.nextInt(300) : 1000L * random.nextInt(2);
            oldRuntime.getEventService().advanceTime(now);
            newRuntime.getEventService().advanceTime(now);
            if (random.nextInt(10) == 0) {
                long at = now;
                old.sweep(at, pid -> "ward-1");
                sized.sweep(at, pid -> "ward-1");
                sweeps++;
            }
            String pid = "p" + random.nextInt(6);
            if (random.nextInt(400) == 0) {
                old.discharge(pid);
                sized.discharge(pid);
                takes.remove(pid);
                highest.remove(pid);
                continue;
            }
            List<Vital> mine = takes.computeIfAbsent(pid, k -> vitals(random));
            long ts = random.nextInt(20) == 0 ? now - 1000L * (1 + random.nextInt(120)) : now;
            // The vitals this observation reads: one of the patient's, in any order, and each of the others now and then.
            List<Vital> read = new ArrayList<>();
            for (int k = 0; k < mine.size(); k++) {
                if (k == 0 || random.nextInt(k < 3 ? 2 : 10) == 0) {
                    read.add(mine.get(random.nextInt(Math.min(mine.size(), 1 + i / 200))));
                }
            }
            read = new ArrayList<>(new java.util.LinkedHashSet<>(read));
            Collections.shuffle(read, random);
            Double[] values = new Double[VITALS.length];
            read.forEach(v -> values[v.ordinal()] = value(random, v));
            OrdinalSlotsReadings.Patient o = old.patient(pid);
            PatientReadings.Patient p = sized.patient(pid);
            Double hr = values[Vital.HEART_RATE.ordinal()];
            Double spo2 = values[Vital.SPO2.ordinal()];
            Double rr = values[Vital.RESPIRATORY_RATE.ordinal()];
            o.screen(hr, spo2, rr, ts);
            p.screen(hr, spo2, rr, ts);
            for (Vital v : read) {
                if (p.artefact(v) == null && v.ordinal() > highest.getOrDefault(pid, -1)) {
                    highest.put(pid, v.ordinal());
                    grown++;
                }
                o.reading(v, values[v.ordinal()], ts, "ward-1");
                p.reading(v, values[v.ordinal()], ts, "ward-1");
            }
            int scale = 1 + random.nextInt(2);
            o.observationEnd("ward-1", ts, scale);
            p.observationEnd("ward-1", ts, scale);
            assertThat(p.vitalSlots()).as("observation %d: %s's slots", i, pid)
                    .isEqualTo((highest.getOrDefault(pid, -1) + 1) * STRIDE);
            assertThat(actual).as("observation %d: as many events", i).hasSameSizeAs(expected);
        }
        SameEvents.assertSameEvents(expected, actual);
        assertThat(expected).as("a workload that publishes minutes and trends")
                .filteredOn(e -> e.get(0).equals("VitalMinute")).hasSizeGreaterThan(300);
        assertThat(expected).filteredOn(e -> e.get(0).equals("VitalTrend")).hasSizeGreaterThan(300)
                .anySatisfy(e -> assertThat(e).contains("TEMPERATURE"))
                .anySatisfy(e -> assertThat(e).contains("SYSTOLIC_BP"))
                .anySatisfy(e -> assertThat(e).contains("RESPIRATORY_RATE"));
        assertThat(sweeps).isPositive();
        assertThat(grown).as("records grown after their first reading").isGreaterThan(10);
    }

    /** A patient's vitals: a random subset (at least one) in a random order, the order they are first read in. */
    private static List<Vital> vitals(Random random) {
        List<Vital> all = new ArrayList<>(List.of(VITALS));
        Collections.shuffle(all, random);
        return new ArrayList<>(all.subList(0, 1 + random.nextInt(all.size())));
    }

    /** A value of the vital: integral, fractional, zero or negative zero, and now and then a jump the gate screens out. */
    private static double value(Random random, Vital v) {
        return switch (random.nextInt(8)) {
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
