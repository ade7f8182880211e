package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registration and bands a patient's record keeps between observations ({@link PatientReadings.Patient#context})
 * against the table itself: after every kind of change (registration with a ward, a scale or a patient's own bands; a
 * discharge; global bands; ward bands set and removed), in random order, what the record answers is exactly what the
 * table answers.
 */
class PatientContextCacheTest {
    static final List<String> PATIENTS = List.of("p1", "p2", "p3");
    static final String[] WARDS = {null, "icu", "ward-7"};
    static final Vital[] BANDED = java.util.Arrays.stream(Vital.values()).filter(Vital::hasBands).toArray(Vital[]::new);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 99})
    void theRecordAnswersWhatTheTableAnswersAfterEveryChange(long seed) {
        Random random = new Random(seed);
        ThresholdTable table = new ThresholdTable(MonitorConfig.defaults());
        PatientReadings readings = new PatientReadings(null); // nothing here sends an event
        int changes = 0;
        for (int step = 0; step < 3000; step++) {
            String pid = PATIENTS.get(random.nextInt(PATIENTS.size()));
            switch (random.nextInt(8)) {
                case 0, 1 -> {
                    PatientContext ctx = PatientContext.of(pid).withWard(WARDS[random.nextInt(WARDS.length)])
                            .withSpo2Scale(1 + random.nextInt(2));
                    if (random.nextBoolean()) {
                        ctx = ctx.withBands(BANDED[random.nextInt(BANDED.length)], bands(random));
                    }
                    table.register(ctx);
                    changes++;
                }
                case 2 -> {
                    table.discharge(pid);
                    changes++;
                }
                case 3 -> {
                    table.setGlobal(BANDED[random.nextInt(BANDED.length)], bands(random));
                    changes++;
                }
                case 4 -> {
                    String ward = WARDS[1 + random.nextInt(WARDS.length - 1)];
                    table.setWard(ward, BANDED[random.nextInt(BANDED.length)], random.nextBoolean() ? null : bands(random));
                    changes++;
                }
                default -> {
                    // no change: the record answers from what it kept
                }
            }
            for (String id : PATIENTS) {
                PatientReadings.Patient patient = readings.patient(id);
                PatientContext expected = table.patient(id);
                assertThat(patient.context(table)).as("step %d, %s's registration", step, id).isSameAs(expected);
                for (Vital v : BANDED) {
                    assertThat(patient.bands(v)).as("step %d, %s's %s bands", step, id, v)
                            .isEqualTo(table.bandsFor(id, v));
                }
            }
        }
        assertThat(changes).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 8, 13})
    void patientsWithTheSameBandsShareOneArrayAndEachStillAnswersItsOwn(long seed) {
        Random random = new Random(seed);
        ThresholdTable table = new ThresholdTable(MonitorConfig.defaults());
        PatientReadings readings = new PatientReadings(null);
        List<String> ids = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "bed-" + i).toList();
        long shared = 0;
        for (int step = 0; step < 400; step++) {
            String pid = ids.get(random.nextInt(ids.size()));
            switch (random.nextInt(6)) {
                case 0 -> table.register(random.nextBoolean() ? PatientContext.of(pid).withWard(WARDS[1 + random.nextInt(2)])
                        : PatientContext.of(pid).withBands(BANDED[random.nextInt(BANDED.length)], bands(random)));
                case 1 -> table.setWard(WARDS[1 + random.nextInt(2)], BANDED[random.nextInt(BANDED.length)], bands(random));
                case 2 -> table.discharge(pid);
                default -> {
                    // no change
                }
            }
            java.util.IdentityHashMap<Bands[], Boolean> arrays = new java.util.IdentityHashMap<>();
            for (String id : ids) {
                PatientReadings.Patient patient = readings.patient(id);
                patient.context(table);
                for (Vital v : Vital.values()) {
                    Bands expected = v.hasBands() ? table.bandsFor(id, v) : null;
                    assertThat(patient.bandsInForce()[v.ordinal()]).as("step %d, %s's %s bands", step, id, v)
                            .isSameAs(expected);
                }
                arrays.put(patient.bandsInForce(), true);
            }
            shared += ids.size() - arrays.size();
        }
        assertThat(shared).as("patients sharing an array").isGreaterThan(400 * 10);
    }

    /** Random nested bands: normal inside warning inside critical. */
    private static Bands bands(Random random) {
        double low = 10 + random.nextInt(50);
        double high = low + 10 + random.nextInt(50);
        return Bands.of(low, high, low - 2, high + 2, low - 5, high + 5);
    }
}
