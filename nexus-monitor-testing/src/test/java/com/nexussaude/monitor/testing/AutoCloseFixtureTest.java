package com.nexussaude.monitor.testing;

import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Vital;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The fixture as the README shows it: a JUnit 5 {@code @AutoClose} field, one fresh monitor per test. */
class AutoCloseFixtureTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @AutoClose
    final MonitorFixture monitor = MonitorFixture.builder().packs("threshold").build();

    @Test
    void aSteadyPatientRaisesNothing() {
        monitor.replay(VitalsScenario.patient("bed-1", T0).every(Duration.ofSeconds(30))
                .set(Vital.HEART_RATE, 72).set(Vital.SPO2, 98).hold(Duration.ofMinutes(30)));
        monitor.assertNeverRaised("bed-1", AlertMatcher.any());
    }

    @Test
    void aBradycardiaIsRaised() {
        monitor.replay(VitalsScenario.patient("bed-2", T0).every(Duration.ofSeconds(10))
                .set(Vital.HEART_RATE, 72).hold(Duration.ofMinutes(2)).set(Vital.HEART_RATE, 30).hold(Duration.ofMinutes(3)));
        monitor.assertRaisedBy("bed-2", AlertMatcher.rules("threshold").withKeys("HEART_RATE"), T0.plus(Duration.ofMinutes(5)));
    }
}
