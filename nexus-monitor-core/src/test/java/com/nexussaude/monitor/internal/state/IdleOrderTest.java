package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The patient idle the longest ({@link PatientReadings#idlePatient}, {@link PatientReadings#nextIdleAt}), from the
 * idle order linked through the records, against an access-ordered map (what PatientReadings used before) driven by
 * the same calls: after random observations,
 * first-time patients, the packs' lookups, releases and discharges, both name the same patient.
 */
class IdleOrderTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 8, 13})
    void theIdlePatientIsTheFirstInAccessOrderAfterEveryCall(long seed) {
        Random random = new Random(seed);
        PatientReadings readings = new PatientReadings(null); // nothing here sends an event
        Map<String, PatientReadings.Patient> reference = new LinkedHashMap<>(16, 0.75f, true);
        long now = 1_000_000L;
        for (int step = 0; step < 20_000; step++) {
            String pid = "p" + random.nextInt(12);
            now += random.nextInt(3);
            switch (random.nextInt(6)) {
                case 0, 1 -> { // an observation of a monitored patient, or of a new one
                    PatientReadings.Patient p = readings.seen(pid);
                    reference.get(pid);
                    if (p == null) {
                        p = readings.patient(pid);
                        reference.put(pid, p);
                    }
                    p.seenAt(now);
                }
                case 2 -> { // a pack's lookup that creates (counts as seen, sets no time)
                    PatientReadings.Patient p = readings.patient(pid);
                    reference.putIfAbsent(pid, p);
                    reference.get(pid);
                }
                case 3 -> { // a host's query: no move
                    assertThat(readings.existing(pid) != null).isEqualTo(reference.containsKey(pid));
                }
                case 4 -> { // released or discharged
                    if (random.nextInt(4) == 0) {
                        readings.discharge(pid);
                        reference.remove(pid);
                    }
                }
                default -> { // the idle patients released, as the engine does
                    long cutoff = now - random.nextInt(20);
                    PatientReadings.Patient idle;
                    while ((idle = readings.idlePatient(cutoff)) != null) {
                        assertThat(idle).isSameAs(reference.values().iterator().next());
                        readings.discharge(idle.id());
                        reference.remove(idle.id());
                    }
                }
            }
            PatientReadings.Patient first = reference.isEmpty() ? null : reference.values().iterator().next();
            assertThat(readings.idlePatient(Long.MAX_VALUE)).as("step %d", step).isSameAs(first);
            assertThat(readings.nextIdleAt(7)).isEqualTo(first == null ? Long.MAX_VALUE
                    : first.lastSeenAt() > Long.MAX_VALUE - 7 ? Long.MAX_VALUE : first.lastSeenAt() + 7);
            assertThat(readings.size()).isEqualTo(reference.size());
        }
    }
}
