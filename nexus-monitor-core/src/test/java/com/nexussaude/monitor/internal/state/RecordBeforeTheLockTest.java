package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's one lookup per observation: the record found before the lock ({@link PatientReadings#lookup}) answers
 * the unknown-patient check ({@link PatientReadings.Patient#registered}) exactly as the table does ({@link
 * ThresholdTable#patient} {@code != null}, the check before), and under the lock {@link PatientReadings#seen(
 * PatientReadings.Patient, String)} gives the record and idle order that {@link PatientReadings#seen(String)} gives
 * (an access-ordered map is the reference), also when the record found was discharged or released in between, or a
 * new one was created.
 */
class RecordBeforeTheLockTest {
    static final List<String> PATIENTS = List.of("p1", "p2", "p3", "p4");
    static final String[] WARDS = {null, "icu"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 21, 77})
    void theRecordFoundBeforeTheLockAnswersAsTheTableAndTheMapDo(long seed) {
        Random random = new Random(seed);
        ThresholdTable table = new ThresholdTable(MonitorConfig.defaults());
        PatientReadings readings = new PatientReadings(null); // nothing here sends an event
        Map<String, PatientReadings.Patient> reference = new LinkedHashMap<>(16, 0.75f, true);
        // What an observation's thread found before the lock, per patient, kept across other calls (a stale record).
        Map<String, PatientReadings.Patient> foundEarlier = new java.util.HashMap<>();
        int answeredByTheRecord = 0;
        int staleRecords = 0;
        long now = 1_000L;
        for (int step = 0; step < 20_000; step++) {
            String pid = PATIENTS.get(random.nextInt(PATIENTS.size()));
            now += random.nextInt(3);
            switch (random.nextInt(10)) {
                case 0 -> table.register(PatientContext.of(pid).withWard(WARDS[random.nextInt(WARDS.length)]));
                case 1 -> { // a discharge: the table's and the record's, as the engine does under the lock
                    table.discharge(pid);
                    readings.discharge(pid);
                    reference.remove(pid);
                }
                case 2 -> { // an idle release: the record goes, the registration stays
                    readings.discharge(pid);
                    reference.remove(pid);
                }
                case 3 -> table.setGlobal(Vital.HEART_RATE, new Bands(50 + random.nextInt(5), 100, 40, 130, 30, 150));
                case 4 -> foundEarlier.put(pid, readings.lookup(pid)); // found before the lock, used later
                default -> { // an observation: the check before the lock, then the step under it
                    PatientReadings.Patient found = random.nextInt(4) == 0 && foundEarlier.containsKey(pid)
                            ? foundEarlier.remove(pid) : readings.lookup(pid);
                    if (found != null && found != readings.existing(pid)) {
                        staleRecords++;
                    }
                    boolean expected = table.patient(pid) != null;
                    boolean registered = found != null ? found.registered(table) : expected;
                    if (found != null && found.resolvedVersion() == table.version()) {
                        answeredByTheRecord++;
                    }
                    assertThat(registered).as("step %d, %s registered", step, pid).isEqualTo(expected);
                    PatientReadings.Patient p = readings.seen(found, pid);
                    reference.get(pid);
                    if (p == null) {
                        p = readings.patient(pid);
                        reference.put(pid, p);
                    }
                    assertThat(p).as("step %d, %s's record", step, pid).isSameAs(reference.get(pid));
                    p.context(table);
                    p.seenAt(now);
                }
            }
            PatientReadings.Patient first = reference.isEmpty() ? null : reference.values().iterator().next();
            assertThat(readings.idlePatient(Long.MAX_VALUE)).as("step %d, the idle order", step).isSameAs(first);
            assertThat(readings.size()).isEqualTo(reference.size());
        }
        assertThat(answeredByTheRecord).isGreaterThan(2_000);
        assertThat(staleRecords).isGreaterThan(50);
    }
}
