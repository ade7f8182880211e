package com.nexussaude.monitor;

import java.time.Duration;
import java.util.Set;

/** Configurations for tests that exercise one bundled pack alone. */
final class TestConfigs {
    private TestConfigs() {
    }

    /**
     * The default configuration with the alarm timing of 0.1 (medium delays HR 10 s, SpO2 15 s, RR 20 s, and a
     * critical reading critical at once), for tests of incidents, suppression and paging written with those
     * timings: what they test does not depend on the alarm delay. The 0.2 timing is tested in
     * AlarmBurdenDecisionsTest and ThresholdPackTest.
     */
    static MonitorConfig.Builder withTimingOf01() {
        return MonitorConfig.builder()
                .persistence(Vital.HEART_RATE, PersistencePolicy.continuous(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .persistence(Vital.SPO2, PersistencePolicy.continuous(Duration.ofSeconds(15), Duration.ofSeconds(10)))
                .persistence(Vital.RESPIRATORY_RATE, PersistencePolicy.continuous(Duration.ofSeconds(20), Duration.ofSeconds(10)))
                .packSetting("threshold_critical_confirm_ms", 0L);
    }

    /**
     * Only the threshold pack, so assertions count its alerts alone, with the medium delays the mechanism
     * tests were written for (HR 10 s, SpO2 15 s, RR 20 s: the defaults before 0.2). The defaults since 0.2
     * (20, 30, 45 s) are tested in AlarmBurdenDecisionsTest.
     */
    static MonitorConfig.Builder thresholdOnly() {
        return MonitorConfig.builder().packs(Set.of("threshold"))
                .persistence(Vital.HEART_RATE, PersistencePolicy.continuous(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .persistence(Vital.SPO2, PersistencePolicy.continuous(Duration.ofSeconds(15), Duration.ofSeconds(10)))
                .persistence(Vital.RESPIRATORY_RATE, PersistencePolicy.continuous(Duration.ofSeconds(20), Duration.ofSeconds(10)));
    }
}
