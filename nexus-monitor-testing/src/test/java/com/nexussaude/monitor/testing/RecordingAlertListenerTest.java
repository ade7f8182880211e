package com.nexussaude.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The listener on a host's own monitor, with the monitor's default listener thread: what breaks there
 * is thrown on the test thread by assertNoFailures, never lost in the monitor's log.
 */
class RecordingAlertListenerTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void aFailureOnTheMonitorsListenerThreadIsThrownOnTheTestThread() {
        RecordingAlertListener listener = new RecordingAlertListener()
                .never("a critical alert", e -> e.alert().severity() == Severity.CRITICAL);
        VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listener(listener)
                .build();
        monitor.submit(Observation.builder("bed-1", T0).spo2(84).build());
        monitor.close(); // drains the listener thread

        assertThat(listener.events()).isNotEmpty();
        assertThatThrownBy(listener::assertNoFailures)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 alert expectation(s) broken:")
                .hasMessageContaining("expected never a critical alert, but got RAISED");
        listener.assertNoFailures(); // reported once
        assertThat(listener.failures()).hasSize(1);
    }

    @Test
    void anExpectationThatThrowsIsAFailureNotALogLine() {
        RecordingAlertListener listener = new RecordingAlertListener()
                .never("an alert without evidence", e -> {
                    throw new IllegalStateException("evidence lookup broke");
                });
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listener(listener).listenerExecutor(Runnable::run).build()) {
            monitor.submit(Observation.builder("bed-1", T0).spo2(84).build());
        }
        assertThatThrownBy(listener::assertNoFailures)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("an expectation threw java.lang.IllegalStateException: evidence lookup broke on RAISED");
    }

    @Test
    void aCleanRunRecordsEventsAndFailsNothing() {
        RecordingAlertListener listener = new RecordingAlertListener();
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listener(listener).listenerExecutor(Runnable::run).build()) {
            monitor.submit(Observation.builder("bed-1", T0).spo2(84).build());
            monitor.discharge("bed-1");
        }
        listener.assertNoFailures();
        assertThat(listener.raised("bed-1")).extracting(a -> a.ruleId() + "/" + a.key()).containsExactly("threshold/SPO2");
        assertThat(listener.openIds()).isEmpty();
    }
}
