package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The patient record with its discharge as a bit of {@code present} and its registration read from the context itself,
 * against the record as it was ({@link BooleanFlagsReadings}: a boolean for each): random streams of patients seen,
 * looked up before a (simulated) lock and confirmed after it with discharges in between, registered and discharged in
 * the threshold table, discharged and seen again here, idle-order questions and clock sweeps, fed to both, each on its
 * own Esper runtime. Every answer must be the same (records matched one to one, registrations, contexts, idle order)
 * and so must the {@code ObservationEnd} and {@code VitalMinute} events, in the same order (a discharged patient's
 * open minutes are never published).
 */
class RecordFlagsTest {
    static final long T0 = 1_795_000_000_000L;

    final List<EPRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void destroy() {
        runtimes.forEach(EPRuntime::destroy);
    }

    /** A runtime with the schema and probes of the events the record sends, recording into {@code received}. */
    private EPRuntime runtime(String name, List<List<Object>> received) throws Exception {
        Configuration cfg = EsperSetup.configuration();
        EPRuntime runtime = EPRuntimeProvider.getRuntime("record-flags-" + name + System.identityHashCode(this), cfg);
        runtimes.add(runtime);
        EPCompiled schema = EsperSetup.loadPack("schema", cfg, new ArrayList<>());
        runtime.getDeploymentService().deploy(schema);
        EPCompiled probes = EsperSetup.compile("probe.epl", "@Name('ObservationEnd') select * from ObservationEnd;\n"
                + "@Name('VitalMinute') select * from VitalMinute;", cfg, new EsperSetup.CompilerPathList(List.of(schema)));
        SameEvents.record(runtime.getDeploymentService().deploy(probes).getStatements(), received);
        return runtime;
    }

    /** The two copies' records, matched one to one as they are returned. */
    static final class Matched {
        final Map<PatientReadings.Patient, BooleanFlagsReadings.Patient> records = new IdentityHashMap<>();
        final Map<BooleanFlagsReadings.Patient, PatientReadings.Patient> back = new IdentityHashMap<>();

        void same(BooleanFlagsReadings.Patient o, PatientReadings.Patient p, String what) {
            assertThat(p == null).as("%s: a record or none", what).isEqualTo(o == null);
            if (p == null) {
                return;
            }
            assertThat(p.id()).as(what).isEqualTo(o.id());
            BooleanFlagsReadings.Patient known = records.putIfAbsent(p, o);
            PatientReadings.Patient knownBack = back.putIfAbsent(o, p);
            assertThat(known == null ? o : known).as("%s: the same record as before", what).isSameAs(o);
            assertThat(knownBack == null ? p : knownBack).as("%s: the same record as before", what).isSameAs(p);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void theFlagBitsAnswerAsTheBooleansDid(long seed) throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        List<List<Object>> actual = new ArrayList<>();
        EPRuntime oldRuntime = runtime("old", expected);
        EPRuntime newRuntime = runtime("new", actual);
        BooleanFlagsReadings old = new BooleanFlagsReadings(oldRuntime.getEventService());
        PatientReadings bits = new PatientReadings(newRuntime.getEventService());
        ThresholdTable table = new ThresholdTable(MonitorConfig.defaults());
        Matched matched = new Matched();
        Random random = new Random(seed);
        Map<String, BooleanFlagsReadings.Patient> oldFound = new HashMap<>();
        Map<String, PatientReadings.Patient> newFound = new HashMap<>();
        int discharges = 0;
        int staleFinds = 0;
        int registeredAnswers = 0;
        long now = T0;
        for (int i = 0; i < 8000; i++) {
            now += random.nextInt(10) == 0 ? 1000L * random.nextInt(200) : 1000L * random.nextInt(2);
            oldRuntime.getEventService().advanceTime(now);
            newRuntime.getEventService().advanceTime(now);
            String pid = "p" + random.nextInt(6);
            String what = "step " + i + ", " + pid;
            switch (random.nextInt(20)) {
                case 0 -> table.register(new PatientContext(pid, random.nextBoolean() ? "ward-1" : null, 1 + random.nextInt(2),
                        Map.of()));
                case 1 -> table.discharge(pid);
                case 2 -> {
                    matched.same(old.discharge(pid), bits.discharge(pid), what + " discharged");
                    discharges++;
                }
                case 3 -> {
                    // Found before the lock, confirmed under it later (maybe after a discharge).
                    BooleanFlagsReadings.Patient o = old.lookup(pid);
                    PatientReadings.Patient p = bits.lookup(pid);
                    matched.same(o, p, what + " looked up");
                    oldFound.put(pid, o);
                    newFound.put(pid, p);
                }
                case 4 -> {
                    long at = now;
                    old.sweep(at, id -> "ward-1");
                    bits.sweep(at, id -> "ward-1");
                }
                case 5 -> {
                    long cutoff = now - 1000L * random.nextInt(120);
                    BooleanFlagsReadings.Patient o = old.idlePatient(cutoff);
                    PatientReadings.Patient p = bits.idlePatient(cutoff);
                    matched.same(o, p, what + " idle");
                    long idleMs = 1000L * random.nextInt(300);
                    assertThat(bits.nextIdleAt(idleMs)).as(what).isEqualTo(old.nextIdleAt(idleMs));
                }
                default -> {
                    // An observation: the record (confirmed from an earlier find, or looked up), its registration
                    // before and after resolving the context, and a few readings.
                    BooleanFlagsReadings.Patient o;
                    PatientReadings.Patient p;
                    if (oldFound.containsKey(pid) && random.nextBoolean()) {
                        BooleanFlagsReadings.Patient of = oldFound.remove(pid);
                        PatientReadings.Patient nf = newFound.remove(pid);
                        if (of != null && !old.contains(pid) || of != null && old.existing(pid) != of) {
                            staleFinds++;
                        }
                        o = old.seen(of, pid);
                        p = bits.seen(nf, pid);
                        if (o == null) {
                            o = old.patient(pid);
                            p = bits.patient(pid);
                        }
                    } else {
                        o = old.patient(pid);
                        p = bits.patient(pid);
                    }
                    matched.same(o, p, what + " seen");
                    assertThat(p.registered(table)).as(what + " registered before").isEqualTo(o.registered(table));
                    assertThat(p.context(table)).as(what + " context").isSameAs(o.context(table));
                    assertThat(p.registered(table)).as(what + " registered after").isEqualTo(o.registered(table));
                    table.register(new PatientContext("other" + i % 3, "ward-2", 1, Map.of())); // a version moves on
                    assertThat(p.registered(table)).as(what + " registered, the table moved on")
                            .isEqualTo(o.registered(table));
                    registeredAnswers++;
                    p.seenAt(now);
                    o.seenAt(now);
                    Double hr = random.nextInt(3) == 0 ? null : 60.0 + random.nextInt(40);
                    Double spo2 = random.nextInt(3) == 0 ? null : 90.0 + random.nextInt(10);
                    o.screen(hr, spo2, null, now);
                    p.screen(hr, spo2, null, now);
                    if (hr != null) {
                        o.reading(Vital.HEART_RATE, hr, now, "ward-1");
                        p.reading(Vital.HEART_RATE, hr, now, "ward-1");
                    }
                    if (spo2 != null) {
                        o.reading(Vital.SPO2, spo2, now, "ward-1");
                        p.reading(Vital.SPO2, spo2, now, "ward-1");
                    }
                    if (random.nextInt(30) == 0) {
                        double sbp = 90 + random.nextInt(60);
                        o.reading(Vital.SYSTOLIC_BP, sbp, now, "ward-1");
                        p.reading(Vital.SYSTOLIC_BP, sbp, now, "ward-1");
                    }
                    o.observationEnd("ward-1", now, 1);
                    p.observationEnd("ward-1", now, 1);
                }
            }
            assertThat(bits.size()).as(what + " size").isEqualTo(old.size());
            assertThat(bits.contains(pid)).as(what + " contains").isEqualTo(old.contains(pid));
            matched.same(old.existing(pid), bits.existing(pid), what + " existing");
            assertThat(actual).as(what + ": as many events").hasSameSizeAs(expected);
        }
        SameEvents.assertSameEvents(expected, actual);
        assertThat(expected).as("a workload that publishes minutes")
                .filteredOn(e -> e.get(0).equals("VitalMinute")).hasSizeGreaterThan(100);
        assertThat(discharges).isGreaterThan(100);
        assertThat(staleFinds).as("records found before a discharge, confirmed after it").isPositive();
        assertThat(registeredAnswers).isGreaterThan(1000);
    }
}
