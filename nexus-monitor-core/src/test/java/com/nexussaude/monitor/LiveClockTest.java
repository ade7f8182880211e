package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live clock: time comes from the injected Clock; the ticker fires timers while no data arrives. */
class LiveClockTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void persistenceFollowsTheInjectedClock() {
        LateDataTest.MutableClock clock = new LateDataTest.MutableClock(T0);
        RecordingListener l = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).clock(MonitorClock.live(clock, Duration.ofDays(1))).listener(l)
                .listenerExecutor(Runnable::run).build()) {
            for (int s = 0; s <= 20; s++) {
                clock.now = T0.plusSeconds(s);
                m.submit(Observation.builder("p1", clock.now).spo2(92).build());
            }
            assertThat(l.raised("SPO2")).singleElement()
                    .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(15)));
        }
    }

    @Test
    void tickerResolvesAStaleAlertWithoutAnyNewObservation() throws InterruptedException {
        LateDataTest.MutableClock clock = new LateDataTest.MutableClock(T0);
        CountDownLatch resolved = new CountDownLatch(1);
        RecordingListener l = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).clock(MonitorClock.live(clock, Duration.ofMillis(5)))
                .listener(l).listener(e -> {
                    if (e.type() == AlertEventType.RESOLVED) {
                        resolved.countDown();
                    }
                }).build()) {
            m.submit(Observation.builder("p1", T0).heartRate(170).build()); // critical at once
            clock.now = T0.plusSeconds(121); // HR alerts go stale after 2 min without a reading
            // Only the ticker can fire the timer now; wait for it (bounded), no sleep.
            assertThat(resolved.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(l.of(AlertEventType.RESOLVED)).singleElement().satisfies(e -> {
            assertThat(e.alert().resolution()).startsWith("stale");
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(120));
        });
    }
}
