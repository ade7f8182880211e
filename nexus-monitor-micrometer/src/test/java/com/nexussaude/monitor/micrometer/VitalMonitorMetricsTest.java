package com.nexussaude.monitor.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a monitor through a known scenario and reads every meter back from a
 * {@code SimpleMeterRegistry}: one patient desaturates to SpO2 84 % (critical at once, one incident,
 * one page), one observation is invalid and one late, then SpO2 recovers and the alert resolves.
 */
class VitalMonitorMetricsTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    @TempDir
    Path dir;

    /** A channel that delivers everything and keeps it. */
    static final class Recorder implements NotificationChannel {
        final List<Notification> received = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "sms";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            received.add(n);
            return DeliveryResult.delivered("ok");
        }
    }

    @Test
    void everyMeterCountsTheScenario() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VitalMonitorMetrics metrics = VitalMonitorMetrics.create(Tags.of("monitor", "ward-7"), new MockClock());
        Recorder sms = new Recorder();
        FileJournal journal = FileJournal.open(dir.resolve("alerts.journal"));
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listenerExecutor(Runnable::run)
                .listener(metrics.alertListener())
                .incidentListener(metrics.incidentListener())
                .journal(metrics.timed(journal))
                .paging(Paging.builder().channel(sms)
                        .recipient(Recipient.of("charge-nurse", ContactPoint.of("sms", "+5511999990000")))
                        .deliveryListener(metrics.deliveryListener()).build())
                .build()) {
            metrics.monitor(monitor).bindTo(registry);
            monitor.register(PatientContext.of("bed-1").withWard("ward-7"));

            for (int s = 0; s < 10; s++) {
                monitor.submit(Observation.builder("bed-1", T0.plusSeconds(s)).spo2(84).build());
            }
            assertThatThrownBy(() -> monitor.submit(Observation.builder("bed-1", T0.plusSeconds(10)).heartRate(999).build()))
                    .isInstanceOf(InvalidObservationException.class);
            assertThatThrownBy(() -> monitor.submit(Observation.builder("bed-1", T0.minusSeconds(600)).spo2(97).build()))
                    .isInstanceOf(InvalidObservationException.class);

            assertThat(gauge(registry, "nexus.monitor.patients")).isEqualTo(1);
            assertThat(gauge(registry, "nexus.monitor.alerts.open", "severity", "critical")).isEqualTo(1);
            assertThat(gauge(registry, "nexus.monitor.alerts.open", "severity", "medium")).isZero();
            assertThat(gauge(registry, "nexus.monitor.incidents.open", "severity", "critical")).isEqualTo(1);

            // SpO2 back to normal for five minutes: the episode clears and the alert resolves.
            for (int s = 11; s < 300; s++) {
                monitor.submit(Observation.builder("bed-1", T0.plusSeconds(s)).spo2(97).build());
            }

            assertThat(counter(registry, "nexus.monitor.observations", "result", "accepted", "reason", "none")).isEqualTo(299);
            assertThat(counter(registry, "nexus.monitor.observations", "result", "rejected", "reason", "invalid")).isEqualTo(1);
            assertThat(counter(registry, "nexus.monitor.observations", "result", "rejected", "reason", "late")).isEqualTo(1);
            assertThat(counter(registry, "nexus.monitor.signals", "valid", "true")).isEqualTo(monitor.stats().signals());
            assertThat(counter(registry, "nexus.monitor.signals", "valid", "false")).isZero();
            assertThat(counter(registry, "nexus.monitor.alerts", "event", "raised", "severity", "critical",
                    "rule", "threshold", "category", "physiological")).isEqualTo(1);
            assertThat(counter(registry, "nexus.monitor.alerts", "event", "resolved", "severity", "critical",
                    "rule", "threshold", "category", "physiological")).isEqualTo(1);
            assertThat(gauge(registry, "nexus.monitor.alerts.open", "severity", "critical")).isZero();
            assertThat(gauge(registry, "nexus.monitor.incidents.open", "severity", "critical")).isZero();
            assertThat(counter(registry, "nexus.monitor.incidents", "event", "opened", "severity", "critical")).isEqualTo(1);
            assertThat(counter(registry, "nexus.monitor.incidents", "event", "resolved", "severity", "critical")).isEqualTo(1);

            assertThat(counter(registry, "nexus.monitor.listener.failures")).isZero();
            assertThat(counter(registry, "nexus.monitor.journal.failures")).isZero();
            assertThat(registry.get("nexus.monitor.journal.append").timer().count())
                    .isEqualTo(monitor.history(JournalQuery.all()).size());

            monitor.discharge("bed-1");
            assertThat(gauge(registry, "nexus.monitor.patients")).isZero();
        }
        // Delivery runs on the dispatcher's lanes; close() waits for them, so the pages are counted now.
        // The page when the incident opened (level 1, the only level of a plain recipient list) and the
        // resolved notice (level 0): both delivered on the first try.
        assertThat(sms.received).extracting(n -> n.event().wireName() + "@" + n.escalationLevel())
                .containsExactly("raised@1", "resolved@0");
        assertThat(counter(registry, "nexus.monitor.pages", "channel", "sms", "outcome", "delivered", "level", "1"))
                .isEqualTo(1);
        assertThat(counter(registry, "nexus.monitor.pages", "channel", "sms", "outcome", "delivered", "level", "0"))
                .isEqualTo(1);
        assertThat(registry.find("nexus.monitor.pages.retries").meters()).isEmpty();
        assertThat(registry.find("nexus.monitor.pages.dead.letters").meters()).isEmpty();
        assertThat(counter(registry, "nexus.monitor.escalation.level", "level", "1")).isEqualTo(1);
        assertThat(registry.find("nexus.monitor.escalation.level").tags("level", "0").meters())
                .as("a resolved notice reaches no level").isEmpty();
        assertThat(registry.get("nexus.monitor.page.delivery").tags("channel", "sms", "outcome", "delivered")
                .timer().count()).isEqualTo(2);

        // Every meter carries the common tag, and none carries a patient id.
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTag("monitor")).as(m.getId().toString()).isEqualTo("ward-7");
            assertThat(m.getId().getTags()).noneMatch(t -> t.getValue().contains("bed-1"));
        }
        // No live clock: no clock lag and no listener lag, which would only measure the recording's age.
        assertThat(registry.find("nexus.monitor.clock.lag").meters()).isEmpty();
        assertThat(registry.find("nexus.monitor.alert.listener.lag").meters()).isEmpty();
    }

    @Test
    void countsEventsThatArriveBeforeItIsBound() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VitalMonitorMetrics metrics = VitalMonitorMetrics.create();
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listenerExecutor(Runnable::run)
                .listener(metrics.alertListener())
                .build()) {
            monitor.submit(Observation.builder("bed-2", T0).spo2(80).build());
            metrics.monitor(monitor).bindTo(registry);
            assertThat(counter(registry, "nexus.monitor.alerts", "event", "raised", "severity", "critical",
                    "rule", "threshold", "category", "physiological")).isEqualTo(1);
            assertThat(gauge(registry, "nexus.monitor.alerts.open", "severity", "critical")).isEqualTo(1);
        }
    }

    @Test
    void aMonitorIsSetOnce() {
        VitalMonitorMetrics metrics = VitalMonitorMetrics.create();
        try (VitalMonitor monitor = VitalMonitor.builder().build()) {
            metrics.monitor(monitor);
            assertThatThrownBy(() -> metrics.monitor(monitor)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("monitor was already set");
        }
    }

    private static double counter(SimpleMeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).functionCounter().count();
    }

    private static double gauge(SimpleMeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).gauge().value();
    }
}
