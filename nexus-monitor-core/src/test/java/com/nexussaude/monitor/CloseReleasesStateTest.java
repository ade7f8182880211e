package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A closed monitor is garbage once the host drops it, although Esper leaves thread-locals on the
 * threads that sent it events (the rules are undeployed before the runtime is destroyed, so those
 * thread-locals no longer reach the monitor or its patients).
 */
class CloseReleasesStateTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void aClosedMonitorAndItsListenerBecomeUnreachableFromTheThreadThatFedIt() throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        VitalMonitor monitor = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run).build();
        for (int s = 0; s < 30; s++) {
            for (int p = 0; p < 50; p++) {
                monitor.submit(Observation.builder("p" + p, T0.plusSeconds(s)).heartRate(80 + p).spo2(p < 5 ? 85 : 97)
                        .respiratoryRate(16).build());
            }
        }
        assertThat(listener.events).as("the monitor did work").isNotEmpty();
        monitor.close();
        WeakReference<VitalMonitor> monitorRef = new WeakReference<>(monitor);
        WeakReference<RecordingListener> listenerRef = new WeakReference<>(listener);
        monitor = null;
        listener = null;
        for (int i = 0; i < 20 && (monitorRef.get() != null || listenerRef.get() != null); i++) {
            System.gc();
            // Lets the reference handler run between collections; a collection, not a timed wait, is what is awaited.
            Thread.onSpinWait();
        }
        assertThat(monitorRef.get()).as("the closed monitor").isNull();
        assertThat(listenerRef.get()).as("its listener").isNull();
    }
}
