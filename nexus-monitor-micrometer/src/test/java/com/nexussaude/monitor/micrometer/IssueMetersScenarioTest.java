package com.nexussaude.monitor.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every meter issue 17 lists, one by one, against a known scenario with escalation, a retried page and a
 * dead letter, on a {@code SimpleMeterRegistry}.
 */
class IssueMetersScenarioTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    /** What the listener executor adds to the injected nano source before each delivery run. */
    static final Duration QUEUE_WAIT = Duration.ofMillis(3);

    @TempDir
    Path dir;

    /** An SPI channel that keeps what it is given and answers as told. */
    static final class Channel implements NotificationChannel {
        final String name;
        final List<Notification> received = new CopyOnWriteArrayList<>();
        final Function<Notification, DeliveryResult> answer;

        Channel(String name, Function<Notification, DeliveryResult> answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            received.add(n);
            return answer.apply(n);
        }
    }

    @Test
    void everyMeterOfTheIssueHasItsExpectedValue() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VitalMonitorMetrics metrics = VitalMonitorMetrics.create(Tags.empty(), new MockClock());
        AtomicLong nanos = new AtomicLong();
        // push: the first attempt of the first page is refused for now (a retry), everything else delivered.
        AtomicLong pushCalls = new AtomicLong();
        Channel push = new Channel("push", n -> pushCalls.incrementAndGet() == 1
                ? DeliveryResult.retryLater("503 from the push gateway") : DeliveryResult.delivered("ok"));
        // sms: the escalation to the charge nurse fails for good (a dead letter); other texts are delivered.
        Channel sms = new Channel("sms", n -> n.event() == EventKind.RAISED || n.event() == EventKind.ESCALATED
                ? DeliveryResult.failed("number not in service") : DeliveryResult.delivered("ok"));
        EscalationChain chain = EscalationChain.fromJson("""
                {"name": "two levels", "repeat": 0, "levels": [
                  {"name": "bedside", "targets": [{"role": "bedside-nurse"}], "channels": ["push"], "wait_minutes": 2},
                  {"name": "charge", "targets": [{"role": "charge-nurse"}], "channels": ["sms"], "wait_minutes": 2}]}
                """);
        Roster roster = Roster.builder()
                .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "tok-bn"))
                .role("charge-nurse", "Charge nurse", ContactPoint.of("sms", "+5511999990000"))
                .build();
        FileJournal journal = FileJournal.builder(dir.resolve("alerts.journal")).fsyncListener(metrics.fsyncListener())
                .build();
        long journalRecords;
        Checks check = new Checks(registry);
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listenerExecutor(r -> {
                    nanos.addAndGet(QUEUE_WAIT.toNanos());
                    r.run();
                })
                .nanoClock(nanos::get)
                .listener(metrics.alertListener())
                .incidentListener(metrics.incidentListener())
                .submitLatencyListener(metrics.submitLatencyListener())
                .journal(metrics.timed(journal))
                .paging(Paging.builder().channel(push).channel(sms).escalation(chain, roster)
                        .deliveryListener(metrics.deliveryListener()).build())
                .build()) {
            metrics.monitor(monitor).bindTo(registry);
            monitor.register(PatientContext.of("bed-1").withWard("ward-7"));
            // 0 s: SpO2 84, critical at once; paged to the bedside nurse (refused once, then delivered).
            // 120 s: no acknowledgement, level 2 texts the charge nurse: the number is dead (a dead letter), which
            // raises the notification-failed technical alert (high) into the incident and pages the bedside nurse.
            for (long s = 0; s <= 150; s += 10) {
                monitor.submit(Observation.builder("bed-1", T0.plusSeconds(s)).spo2(84).build());
            }
            check.gauge("nexus.monitor.patients", 1);
            check.gauge("nexus.monitor.alerts.open", 1, "severity", "critical");
            check.gauge("nexus.monitor.alerts.open", 1, "severity", "high");
            check.gauge("nexus.monitor.alerts.open", 0, "severity", "medium");
            check.gauge("nexus.monitor.alerts.open", 0, "severity", "low");
            check.gauge("nexus.monitor.incidents.open", 1, "severity", "critical");
            check.gauge("nexus.monitor.incidents.open", 0, "severity", "high");

            // 150 s: acknowledged at the bedside; from 160 s SpO2 97: resolved after 30 s clear (at 250 s).
            String alertId = monitor.openAlerts().get(0).alertId();
            monitor.acknowledge(alertId, "nurse.ana", "at the bedside");
            for (long s = 160; s <= 600; s += 10) {
                monitor.submit(Observation.builder("bed-1", T0.plusSeconds(s)).spo2(97).build());
            }
            // Two invalid and one late observation, and one value rejected alone.
            for (int hr : new int[] {999, -5}) {
                assertThatThrownBy(() -> monitor.submit(Observation.builder("bed-1", T0.plusSeconds(601)).heartRate(hr)
                        .build())).isInstanceOf(InvalidObservationException.class);
            }
            assertThatThrownBy(() -> monitor.submit(Observation.builder("bed-1", T0.minusSeconds(600)).spo2(97).build()))
                    .isInstanceOf(InvalidObservationException.class);
            monitor.submit(Observation.builder("bed-1", T0.plusSeconds(610)).spo2(97).heartRate(999).build());
            monitor.submitFields(java.util.Map.of("patient_id", "bed-1", "timestamp", T0.plusSeconds(620).toString(),
                    "oxygen_saturation", 97, "heart_rat", 80));
            // The technical alert, no longer signalled, goes stale; the incident resolves; both nurses are told.
            monitor.advanceTo(T0.plus(Duration.ofHours(1)));
            check.gauge("nexus.monitor.alerts.open", 0, "severity", "critical");
            check.gauge("nexus.monitor.alerts.open", 0, "severity", "high");
            check.gauge("nexus.monitor.incidents.open", 0, "severity", "critical");
            check.gauge("nexus.monitor.incidents.open", 0, "severity", "high");
            check.gauge("nexus.monitor.incidents.open", 0, "severity", "medium");
            check.gauge("nexus.monitor.incidents.open", 0, "severity", "low");
            check.gauge("nexus.monitor.pages.pending", 0);
            journalRecords = monitor.history(JournalQuery.all()).size();
            check.counter("nexus.monitor.signals", monitor.stats().signals(), "valid", "true");
            check.counter("nexus.monitor.signals", 0, "valid", "false");
            monitor.discharge("bed-1");
            check.gauge("nexus.monitor.patients", 0);
        }
        // The scenario's pages, as the channels saw them (each push attempt, each text).
        assertThat(push.received).extracting(n -> n.event().wireName() + "@" + n.escalationLevel())
                .containsExactly("raised@1", "raised@1", "escalated@1", "resolved@0");
        assertThat(sms.received).extracting(n -> n.event().wireName() + "@" + n.escalationLevel())
                .containsExactly("escalated@2", "resolved@0");

        // Observations accepted and rejected, by reason: 16 + 45 + 1 + 1 accepted.
        check.counter("nexus.monitor.observations", 63, "result", "accepted", "reason", "none");
        check.counter("nexus.monitor.observations", 2, "result", "rejected", "reason", "invalid");
        check.counter("nexus.monitor.observations", 1, "result", "rejected", "reason", "late");
        check.counter("nexus.monitor.values.rejected", 1);
        check.counter("nexus.monitor.fields.unknown", 1);
        // Alerts raised, acknowledged, resolved, by severity, rule and category.
        check.counter("nexus.monitor.alerts", 1, "event", "raised", "severity", "critical", "rule", "threshold",
                "category", "physiological");
        check.counter("nexus.monitor.alerts", 1, "event", "acknowledged", "severity", "critical", "rule", "threshold",
                "category", "physiological");
        check.counter("nexus.monitor.alerts", 1, "event", "resolved", "severity", "critical", "rule", "threshold",
                "category", "physiological");
        check.counter("nexus.monitor.alerts", 1, "event", "raised", "severity", "high", "rule", "notification-failed",
                "category", "technical");
        check.counter("nexus.monitor.alerts", 1, "event", "resolved", "severity", "high", "rule", "notification-failed",
                "category", "technical");
        check.counter("nexus.monitor.incidents", 1, "event", "opened", "severity", "critical");
        check.counter("nexus.monitor.incidents", 1, "event", "updated", "severity", "critical");
        check.counter("nexus.monitor.incidents", 1, "event", "updated", "severity", "high");
        check.counter("nexus.monitor.incidents", 1, "event", "resolved", "severity", "high");
        // Submit-to-alert: the SpO2 alert's raise and resolution happened in a submit's engine step. The technical
        // alert's raise did not: a dead letter is an outcome of delivery, which runs after the step, off the engine
        // lock (its stale resolution is in advanceTo, the acknowledgement a person's: no submit). Each waited
        // exactly QUEUE_WAIT on the injected nano source.
        check.timer("nexus.monitor.submit.to.alert", 1, QUEUE_WAIT, "event", "raised");
        check.timer("nexus.monitor.submit.to.alert", 1, QUEUE_WAIT, "event", "resolved");
        assertThat(registry.get("nexus.monitor.submit.to.alert").tags("event", "raised").timer().max(TimeUnit.NANOSECONDS))
                .isEqualTo(QUEUE_WAIT.toNanos());
        // Pages sent, retried, dead-lettered, by channel, outcome and level; delivery time per attempt (the
        // channels here return at once on the monitor's scheduler: zero).
        check.counter("nexus.monitor.pages", 1, "channel", "push", "outcome", "retry_later", "level", "1");
        check.counter("nexus.monitor.pages", 2, "channel", "push", "outcome", "delivered", "level", "1");
        check.counter("nexus.monitor.pages", 1, "channel", "push", "outcome", "delivered", "level", "0");
        check.counter("nexus.monitor.pages", 1, "channel", "sms", "outcome", "failed", "level", "2");
        check.counter("nexus.monitor.pages", 1, "channel", "sms", "outcome", "delivered", "level", "0");
        check.counter("nexus.monitor.pages.retries", 1, "channel", "push", "outcome", "delivered");
        check.counter("nexus.monitor.pages.dead.letters", 1, "channel", "sms", "outcome", "failed");
        check.timer("nexus.monitor.page.delivery", 1, Duration.ZERO, "channel", "push", "outcome", "retry_later");
        check.timer("nexus.monitor.page.delivery", 3, Duration.ZERO, "channel", "push", "outcome", "delivered");
        check.timer("nexus.monitor.page.delivery", 1, Duration.ZERO, "channel", "sms", "outcome", "failed");
        check.timer("nexus.monitor.page.delivery", 1, Duration.ZERO, "channel", "sms", "outcome", "delivered");
        // Escalation level reached: level 1 twice (the first page, the new condition), level 2 once.
        check.counter("nexus.monitor.escalation.level", 2, "level", "1");
        check.counter("nexus.monitor.escalation.level", 1, "level", "2");
        // Journal: every append timed (MockClock: zero) and its fsync measured, none failed.
        assertThat(journalRecords).isGreaterThan(20);
        check.timer("nexus.monitor.journal.append", journalRecords, Duration.ZERO);
        assertThat(registry.get("nexus.monitor.journal.fsync").timer().count()).isEqualTo(journalRecords);
        check.names.add("nexus.monitor.journal.fsync");
        check.counter("nexus.monitor.journal.failures", 0);
        check.counter("nexus.monitor.listener.failures", 0);

        // Every meter the binder registered was checked above, and none carries a patient id.
        for (Meter m : registry.getMeters()) {
            // A timer's percentiles and histogram buckets are meters of their own, named after it.
            String timer = m.getId().getName().replaceFirst("\\.(percentile|histogram)$", "");
            assertThat(check.names).as("checked " + m.getId()).contains(timer);
            assertThat(m.getId().getTags()).noneMatch(t -> t.getValue().contains("bed-1"));
        }
    }

    @Test
    void aLiveClockAddsClockLagAndListenerLag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MockClock wall = new MockClock();
        wall.add(Duration.ofMillis(T0.toEpochMilli() - wall.wallTime())); // wall time T0
        VitalMonitorMetrics metrics = VitalMonitorMetrics.create(Tags.empty(), wall);
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .clock(MonitorClock.live(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(1)))
                .listenerExecutor(r -> {
                    wall.add(Duration.ofMillis(2500)); // the event waits 2.5 s of wall time for its listener
                    r.run();
                })
                .listener(metrics.alertListener())
                .build()) {
            metrics.monitor(monitor).liveClock().bindTo(registry);
            monitor.submit(Observation.builder("bed-1", T0).spo2(80).build());
            Checks check = new Checks(registry);
            check.gauge("nexus.monitor.clock.lag", 2.5);
            check.timer("nexus.monitor.alert.listener.lag", 1, Duration.ofMillis(2500));
        }
    }

    /** Asserts meters and remembers which names were asserted. */
    static final class Checks {
        final SimpleMeterRegistry registry;
        final Set<String> names = new java.util.HashSet<>();

        Checks(SimpleMeterRegistry registry) {
            this.registry = registry;
        }

        void counter(String name, double expected, String... tags) {
            names.add(name);
            assertThat(registry.get(name).tags(tags).functionCounter().count()).as(name + " " + List.of(tags))
                    .isEqualTo(expected);
        }

        void gauge(String name, double expected, String... tags) {
            names.add(name);
            assertThat(registry.get(name).tags(tags).gauge().value()).as(name + " " + List.of(tags)).isEqualTo(expected);
        }

        void timer(String name, long count, Duration total, String... tags) {
            names.add(name);
            Timer t = registry.get(name).tags(tags).timer();
            assertThat(t.count()).as(name + " count " + List.of(tags)).isEqualTo(count);
            assertThat(t.totalTime(TimeUnit.NANOSECONDS)).as(name + " total " + List.of(tags)).isEqualTo(total.toNanos());
        }
    }
}
