package com.nexussaude.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VitalsScenarioTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void stepsJoinWithoutDuplicateTimesAndADriftIsAStraightLine() {
        List<Observation> obs = VitalsScenario.patient("bed-4", T0).every(Duration.ofMinutes(1))
                .set(Vital.SPO2, 97).set(Vital.HEART_RATE, 80).hold(Duration.ofMinutes(2))
                .drift(Vital.SPO2, 93, Duration.ofMinutes(4))
                .unset(Vital.HEART_RATE).consciousness(Consciousness.VOICE).hold(Duration.ofMinutes(1))
                .observations();

        assertThat(obs).extracting(o -> Duration.between(T0, o.timestamp()).toMinutes()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(obs).extracting(o -> o.value(Vital.SPO2)).containsExactly(97.0, 97.0, 97.0, 96.0, 95.0, 94.0, 93.0);
        assertThat(obs.get(5).value(Vital.HEART_RATE)).isEqualTo(80.0);
        assertThat(obs.get(6).value(Vital.HEART_RATE)).isNull();
        assertThat(obs.get(6).consciousness()).isEqualTo(Consciousness.VOICE);
        assertThat(obs).extracting(Observation::patientId).containsOnly("bed-4");
    }

    @Test
    void aGapLeavesNoReadings() {
        VitalsScenario s = VitalsScenario.patient("bed-4", T0).every(Duration.ofSeconds(30))
                .set(Vital.HEART_RATE, 70).hold(Duration.ofMinutes(1)).gap(Duration.ofMinutes(10)).hold(Duration.ofSeconds(30));
        assertThat(s.observations()).extracting(Observation::timestamp)
                .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(60 + 600));
        assertThat(s.now()).isEqualTo(T0.plusSeconds(60 + 600 + 30));
    }

    @Test
    void mistakesAreNamed() {
        VitalsScenario s = VitalsScenario.patient("bed-4", T0);
        assertThatThrownBy(() -> s.hold(Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no vital set for bed-4");
        assertThatThrownBy(() -> s.drift(Vital.SPO2, 90, Duration.ofMinutes(5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drift of SPO2 needs a starting value");
        assertThatThrownBy(() -> s.set(Vital.SPO2, 97).hold(Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than the interval PT1M");
        assertThatThrownBy(() -> s.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be greater than 0");
        assertThatThrownBy(() -> VitalsScenario.patient(" ", T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
