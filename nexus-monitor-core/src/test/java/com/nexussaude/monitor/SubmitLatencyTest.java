package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The submit-to-alert latency hook: measured on the injected nano source from the start of the submit to
 * the hand-over to the alert listeners, only for events a submit caused, and never in the way of an alert.
 */
class SubmitLatencyTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    /** An executor that keeps the listener deliveries until the test runs them. */
    static final class HeldExecutor implements java.util.concurrent.Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            held.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(held);
            held.clear();
            now.forEach(Runnable::run);
        }
    }

    record Measured(AlertEventType type, long nanos) {
    }

    @Test
    void measuresFromTheSubmitToTheHandOverToTheListeners() {
        AtomicLong nanos = new AtomicLong(1_000_000);
        HeldExecutor executor = new HeldExecutor();
        List<Measured> measured = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();
        RecordingListener rec = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                .listenerExecutor(executor)
                .nanoClock(nanos::get)
                .submitLatencyListener((e, n) -> {
                    order.add("latency " + e.type().wireName());
                    measured.add(new Measured(e.type(), n));
                })
                .listener(e -> order.add("listener " + e.type().wireName()))
                .listener(rec)
                .build()) {
            m.submit(Observation.builder("bed-1", T0).heartRate(170).build());
            assertThat(rec.events).as("held until the executor runs").isEmpty();
            nanos.addAndGet(Duration.ofMillis(40).toNanos()); // 40 ms in the listener queue
            executor.runAll();
            assertThat(measured).containsExactly(new Measured(AlertEventType.RAISED, Duration.ofMillis(40).toNanos()));
            assertThat(rec.of(AlertEventType.RAISED)).hasSize(1);
            assertThat(order).as("measured just before the listeners get it").containsExactly("latency raised", "listener raised");

            // An acknowledgement is no submit: the listeners get it, with no latency.
            m.acknowledge(rec.events.get(0).alert().alertId(), "nurse.ana", "at the bedside");
            nanos.addAndGet(Duration.ofMillis(5).toNanos());
            executor.runAll();
            assertThat(rec.of(AlertEventType.ACKNOWLEDGED)).hasSize(1);
            assertThat(measured).hasSize(1);

            // A rejected observation raises nothing and measures nothing.
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-1", T0.plusSeconds(1)).heartRate(999).build()))
                    .isInstanceOf(InvalidObservationException.class);
            executor.runAll();
            assertThat(measured).hasSize(1);
            assertThat(m.stats().listenerFailures()).isZero();
        }
    }

    @Test
    void aFailingLatencyListenerNeverKeepsAnAlertFromTheListeners() {
        RecordingListener rec = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                .listenerExecutor(Runnable::run)
                .submitLatencyListener((e, n) -> {
                    throw new IllegalStateException("metrics bug");
                })
                .listener(rec)
                .build()) {
            m.submit(Observation.builder("bed-1", T0).heartRate(170).build());
            assertThat(rec.of(AlertEventType.RAISED)).hasSize(1);
            assertThat(m.stats().listenerFailures()).isEqualTo(1);
        }
    }

    @Test
    void latencyListenersAloneStillSeeEveryEventOfASubmit() {
        List<AlertEventType> seen = new CopyOnWriteArrayList<>();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                .listenerExecutor(Runnable::run)
                .nanoClock(() -> 7L) // a constant source: zero latency, never negative
                .submitLatencyListener((e, n) -> seen.add(n == 0 ? e.type() : null))
                .build()) {
            m.submit(Observation.builder("bed-1", T0).heartRate(170).build());
            assertThat(seen).containsExactly(AlertEventType.RAISED);
        }
    }

    @Test
    void theNanoClockIsSetOnce() {
        VitalMonitor.Builder b = VitalMonitor.builder().nanoClock(System::nanoTime);
        assertThatThrownBy(() -> b.nanoClock(System::nanoTime)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nanoClock was already set");
    }
}
