package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The test kit can fail: a lifecycle rule broken inside the monitor's listener dispatch (which catches
 * and logs what listeners throw) fails the test that caused it.
 */
class LifecycleCheckTest {

    /** Not run by the build (a nested class): run by the test below, and expected to fail. */
    static class ListenerSeesEveryEventTwice {
        @Test
        void raisesOneAlert() {
            RecordingListener listener = new RecordingListener();
            // The same listener twice: it sees every RAISED twice, which its checks call "RAISED twice".
            try (VitalMonitor monitor = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                    .listener(listener).listener(listener).listenerExecutor(Runnable::run).build()) {
                monitor.submit(Observation.builder("p1", Instant.parse("2026-11-25T08:00:00Z")).heartRate(190).build());
            }
            assertThat(listener.events).isNotEmpty(); // the test's own assertion passes
        }
    }

    @AfterEach
    void nothingLeaks() {
        assertThat(LifecycleCheck.take()).isEmpty();
    }

    @Test
    void aLifecycleViolationSeenByAListenerFailsTheTest() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ListenerSeesEveryEventTwice.class))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true").build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        TestExecutionSummary s = summary.getSummary();

        assertThat(s.getTestsStartedCount()).isEqualTo(1);
        assertThat(s.getTestsFailedCount()).isEqualTo(1);
        assertThat(s.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(AssertionError.class).hasMessageContaining("RAISED twice"));
    }

    @Test
    void aListenerRecordsWhatItSawBroken() {
        RecordingListener listener = new RecordingListener();
        try (VitalMonitor monitor = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                .listener(listener).listener(listener).listenerExecutor(Runnable::run).build()) {
            monitor.submit(Observation.builder("p1", Instant.parse("2026-11-25T08:00:00Z")).heartRate(190).build());
        }
        assertThat(listener.failures()).singleElement().asString().startsWith("RAISED twice");
        assertThat(LifecycleCheck.take()).hasSize(1); // taken here, so this test itself passes
    }
}
