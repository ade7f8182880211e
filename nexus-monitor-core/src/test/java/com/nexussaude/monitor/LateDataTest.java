package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The late-data policy: accept within the allowed lateness, reject beyond it with a clear error. */
class LateDataTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void eventTimeAcceptsWithinLatenessAndRejectsBeyond() {
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listenerExecutor(Runnable::run).build()) {
            m.submit(Observation.builder("p1", T0.plusSeconds(100)).heartRate(80).build());
            m.submit(Observation.builder("p1", T0.plusSeconds(70)).heartRate(80).build()); // 30 s late: accepted
            assertThatThrownBy(() -> m.submit(Observation.builder("p1", T0.plusSeconds(69)).heartRate(80).build()))
                    .isInstanceOfSatisfying(LateObservationException.class, e -> {
                        assertThat(e.field()).isEqualTo("timestamp");
                        assertThat(e.getMessage()).isEqualTo("timestamp 2026-11-25T08:01:09Z is PT31S behind the monitor clock"
                                + " 2026-11-25T08:01:40Z; the allowed lateness is PT30S");
                    });
            assertThat(m.stats()).satisfies(s -> {
                assertThat(s.accepted()).isEqualTo(2);
                assertThat(s.rejected()).isEqualTo(1);
                assertThat(s.late()).isEqualTo(1);
            });
            assertThat(m.now()).isEqualTo(T0.plusSeconds(100)); // the clock never went back
        }
    }

    @Test
    void lateReadingStillCountsTowardsPersistenceWithItsOwnTimestamp() {
        RecordingListener l = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(l).listenerExecutor(Runnable::run).build()) {
            m.submit(Observation.builder("p1", T0).heartRate(130).build());
            m.submit(Observation.builder("p1", T0.plusSeconds(20)).spo2(97).build());
            // Issue 13 changed 11 s to 9 s: the continuous vitals' maxGap is now 10 s (a longer silence is no
            // evidence that the vital stayed outside its band, so it restarts the persistence count).
            m.submit(Observation.builder("p1", T0.plusSeconds(9)).heartRate(131).build()); // late NIBP-style arrival
            assertThat(l.raised("HEART_RATE")).singleElement()
                    .satisfies(e -> assertThat(e.alert().evidence()).containsEntry("durationMs", 9_000L));
        }
    }

    @Test
    void advanceToRefusesToGoBackwards() {
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).build()) {
            m.advanceTo(T0);
            assertThatThrownBy(() -> m.advanceTo(T0.minusMillis(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("time must not move backwards: 2026-11-25T07:59:59.999Z is before the monitor clock"
                            + " 2026-11-25T08:00:00Z");
        }
    }

    @Test
    void liveClockRejectsTimestampsFarInTheFutureAndFollowsTheClock() {
        MutableClock clock = new MutableClock(T0);
        // A tick interval of a day keeps the background ticker out of this test; time comes from the clock.
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).clock(MonitorClock.live(clock, Duration.ofDays(1)))
                .listenerExecutor(Runnable::run).build()) {
            assertThat(m.now()).isEqualTo(T0);
            m.submit(Observation.builder("p1", T0.plusSeconds(60)).heartRate(80).build()); // within skew
            assertThatThrownBy(() -> m.submit(Observation.builder("p1", T0.plusSeconds(61)).heartRate(80).build()))
                    .isInstanceOf(LateObservationException.class)
                    .hasMessage("timestamp 2026-11-25T08:01:01Z is PT1M1S ahead of the monitor clock 2026-11-25T08:00:00Z;"
                            + " the allowed clock skew is PT1M");
            clock.now = T0.plusSeconds(300);
            assertThatThrownBy(() -> m.submit(Observation.builder("p1", T0.plusSeconds(269)).heartRate(80).build()))
                    .isInstanceOf(LateObservationException.class);
            assertThat(m.now()).isEqualTo(T0.plusSeconds(300));
            assertThatThrownBy(() -> m.advanceTo(T0.plusSeconds(400))).isInstanceOf(IllegalStateException.class);
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
