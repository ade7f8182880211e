package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Vital;
import org.junit.jupiter.api.Test;

/**
 * The engine calls a pack state's {@code reading} and {@code observationEnd} only if its class overrides them (the
 * others do nothing): {@link PackState#overriding} picks exactly those, in the order given, and {@link
 * PatientReadings#readers} answers them after {@link PatientReadings#homes}.
 */
class PackStateDispatchTest {
    static final class Neither extends PackState {
    }

    static final class Reads extends PackState {
        @Override
        public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
                int direction, double crossedLimit, int spo2Scale, String artefact) {
            patient.seenAt(ts); // something to do; never called here
        }
    }

    static final class Ends extends PackState {
        @Override
        public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int spo2Scale) {
            patient.seenAt(0L);
        }
    }

    /** Overrides both, through a subclass of a class that overrides one. */
    static class ReadsToo extends PackState {
        @Override
        public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
                int direction, double crossedLimit, int spo2Scale, String artefact) {
            patient.seenAt(ts);
        }
    }

    static final class Both extends ReadsToo {
        @Override
        public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int spo2Scale) {
            patient.seenAt(0L);
        }
    }

    final PackState neither = new Neither();
    final PackState reads = new Reads();
    final PackState ends = new Ends();
    final PackState both = new Both();
    final PackState[] states = {both, neither, ends, reads};

    @Test
    void onlyTheStatesThatOverrideACallAreCalledInTheirOrder() {
        assertThat(PackState.overriding(states, false)).containsExactly(both, reads);
        assertThat(PackState.overriding(states, true)).containsExactly(both, ends);
        PatientReadings readings = new PatientReadings(null);
        readings.homes(states);
        assertThat(readings.readers()).containsExactly(both, reads);
    }

    @Test
    void theBundledStatesAreCalledForWhatTheyOverride() {
        AnomalyState anomaly = new AnomalyState(null, new AnomalyState.Settings(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(PackState.overriding(new PackState[] {anomaly}, false)).containsExactly(anomaly);
        assertThat(PackState.overriding(new PackState[] {anomaly}, true)).isEmpty();
        News2State news2 = new News2State(null, new News2State.Settings(1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(PackState.overriding(new PackState[] {news2}, false)).isEmpty();
        assertThat(PackState.overriding(new PackState[] {news2}, true)).containsExactly(news2);
    }
}
