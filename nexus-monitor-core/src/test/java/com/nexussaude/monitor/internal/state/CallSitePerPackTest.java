package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Vital;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PackState#readingOfAll} and {@link PackState#observationEndOfAll} give each of the first states its own call
 * site: every state must still get every call, with its arguments, in the order of the array, exactly as the loop
 * over the array (the oracle here) gave them, for any number of states, fewer or more than the call sites.
 */
class CallSitePerPackTest {
    /** What every state was called with, in call order. */
    private final List<String> calls = new ArrayList<>();
    private final PatientReadings readings = new PatientReadings(null);

    /** A state that writes each call, with its own number and the arguments, to {@link #calls}. */
    private final class Recording extends PackState {
        private final int number;

        Recording(int number) {
            this.number = number;
        }

        @Override
        public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
                int direction, double crossedLimit, int spo2Scale, String artefact) {
            calls.add(number + " reading " + patient.id() + " " + ward + " " + vital + " " + value + " " + ts + " " + band
                    + " " + direction + " " + crossedLimit + " " + spo2Scale + " " + artefact);
        }

        @Override
        public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int spo2Scale) {
            calls.add(number + " end " + patient.id() + " " + (latest == patient) + " " + ts + " " + spo2Scale);
        }
    }

    @Test
    void everyStateIsCalledInOrderWithItsArgumentsAsTheLoopCalledThem() {
        Vital[] vitals = Vital.values();
        String[] artefacts = {null, null, "jump", "zero", "motion"};
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            for (int step = 0; step < 200; step++) {
                int n = r.nextInt(PackState.SITES * 2 + 2); // none, fewer than the sites, as many, more
                PackState[] states = new PackState[n];
                for (int i = 0; i < n; i++) {
                    states[i] = new Recording(r.nextInt(1_000));
                }
                PatientReadings.Patient patient = readings.patient("p" + r.nextInt(20));
                String ward = r.nextBoolean() ? null : "ward " + r.nextInt(3);
                Vital vital = vitals[r.nextInt(vitals.length)];
                double value = r.nextGaussian() * 50;
                long ts = r.nextLong();
                int band = r.nextInt(5) - 1;
                int direction = r.nextInt(3) - 1;
                double limit = r.nextBoolean() ? Double.NaN : r.nextDouble();
                int scale = 1 + r.nextInt(2);
                String artefact = artefacts[r.nextInt(artefacts.length)];

                for (PackState s : states) {
                    s.reading(patient, ward, vital, value, ts, band, direction, limit, scale, artefact);
                }
                for (PackState s : states) {
                    s.observationEnd(patient, patient, ts, scale);
                }
                List<String> expected = List.copyOf(calls);
                calls.clear();
                PackState.readingOfAll(states, patient, ward, vital, value, ts, band, direction, limit, scale, artefact);
                PackState.observationEndOfAll(states, patient, patient, ts, scale);
                assertThat(calls).as("seed %d step %d, %d states", seed, step, n).isEqualTo(expected);
                assertThat(calls).hasSize(2 * n);
                calls.clear();
            }
        }
    }
}
