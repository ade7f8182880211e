package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging per incident through the real notification dispatcher, in event time: the dispatcher runs
 * on the monitor clock, so every page, retry and dead letter happens at a deterministic monitor time.
 * The channel is an in-memory implementation of the SPI that answers as told (the real channels are
 * tested against real servers in nexus-monitor-channels).
 */
class PagingTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Recipient NURSE = Recipient.of("charge-nurse", ContactPoint.of("pager", "4711"));
    static final Recipient DOCTOR = Recipient.of("ward-doctor", ContactPoint.of("pager", "4712"));

    /** An SPI channel that keeps what it was given and answers with {@code answer}. */
    static final class PagerChannel implements NotificationChannel {
        final List<Notification> received = new CopyOnWriteArrayList<>();
        volatile Function<Notification, DeliveryResult> answer = n -> DeliveryResult.delivered("ok");

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            received.add(notification);
            return answer.apply(notification);
        }

        List<String> pages() {
            return received.stream().map(n -> n.event().wireName() + " " + n.recipient().id() + " " + n.severity().wireName()
                    + " " + n.ruleId()).toList();
        }
    }

    @TempDir
    Path dir;
    final PagerChannel pager = new PagerChannel();
    final RecordingListener listener = new RecordingListener();
    final List<VitalMonitor> monitors = new ArrayList<>();

    VitalMonitor monitor(InMemoryJournal journal, Set<String> packs, Recipient... recipients) {
        Paging.Builder paging = Paging.builder().channel(pager);
        for (Recipient r : recipients) {
            paging.recipient(r);
        }
        VitalMonitor.Builder b = VitalMonitor.builder().config(TestConfigs.withTimingOf01().packs(packs).build())
                .paging(paging.build()).listener(listener).listenerExecutor(Runnable::run);
        if (journal != null) {
            b.journal(journal);
        }
        VitalMonitor m = b.build();
        monitors.add(m);
        return m;
    }

    @AfterEach
    void close() {
        monitors.forEach(VitalMonitor::close);
    }

    static void shock(VitalMonitor m, String patient, long from, long to) {
        m.submit(Observation.builder(patient, T0.plusSeconds(from)).systolicBp(75).build());
        for (long s = from; s <= to; s++) {
            m.submit(Observation.builder(patient, T0.plusSeconds(s)).heartRate(125).build());
        }
    }

    @Test
    void aPatientWithThreeAlertsPagesOnceEachRecipientThenOnEscalationAndResolution() {
        VitalMonitor m = monitor(null, Set.of("threshold", "correlation"), NURSE, DOCTOR);
        shock(m, "bed-4", 0, 20);
        assertThat(m.openAlerts()).hasSize(3);
        assertThat(pager.pages()).containsExactly("raised charge-nurse high threshold", "raised ward-doctor high threshold");
        // Heart rate climbs above 150: critical. The incident escalates and pages again, at critical.
        for (long s = 21; s <= 30; s++) {
            m.submit(Observation.builder("bed-4", T0.plusSeconds(s)).heartRate(125 + 3 * (s - 20)).build());
        }
        assertThat(pager.pages()).hasSize(4).endsWith("escalated ward-doctor critical threshold");
        // Discharge resolves everything: one resolved page each.
        m.discharge("bed-4");
        assertThat(pager.pages()).hasSize(6).endsWith("resolved charge-nurse critical incident",
                "resolved ward-doctor critical incident");
        assertThat(pager.received).allSatisfy(n -> {
            assertThat(n.incidentId()).isEqualTo("incident-000001");
            // Level 1 (no escalation policy: every page is level 1); a resolved page belongs to no level.
            assertThat(n.escalationLevel()).isEqualTo(n.event() == EventKind.RESOLVED ? 0 : 1);
        });
    }

    @Test
    void anAcknowledgedIncidentDoesNotPageUntilTheAcknowledgementExpires() {
        VitalMonitor m = monitor(null, Set.of("threshold"), NURSE);
        for (long s = 0; s <= 20; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(pager.received).hasSize(1);
        m.acknowledgeIncident(m.incidents().get(0).incidentId(), "nurse.ana", "");
        for (long s = 21; s <= 29 * 60; s += 10) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(pager.received).hasSize(1);
        for (long s = 29 * 60; s <= 31 * 60; s += 10) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(pager.received).hasSize(2);
        assertThat(pager.received.get(1).timestamp()).isEqualTo(T0.plusSeconds(20).plus(MonitorConfig.DEFAULT_ACK_TIMEOUT));
    }

    @Test
    void aSilencedPatientPagesWhenTheSilenceEndsAndNotBefore() {
        VitalMonitor m = monitor(null, Set.of("threshold"), NURSE);
        m.submit(Observation.builder("bed-3", T0).heartRate(80).build());
        m.silence(Silence.builder().patient("bed-3").until(T0.plusSeconds(300)).by("nurse.ana").because("in transport")
                .build());
        for (long s = 1; s <= 310; s += 1) {
            m.submit(Observation.builder("bed-3", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(pager.received).singleElement().satisfies(n -> {
            assertThat(n.timestamp()).isEqualTo(T0.plusSeconds(300));
            assertThat(n.event()).isEqualTo(EventKind.RAISED);
        });
    }

    @Test
    void retriesFollowTheMonitorClockAndEveryAttemptIsInTheAlertsHistory() {
        InMemoryJournal journal = new InMemoryJournal();
        VitalMonitor m = monitor(journal, Set.of("threshold"), NURSE);
        int[] calls = {0};
        pager.answer = n -> ++calls[0] < 3 ? DeliveryResult.retryLater("503 from the paging gateway")
                : DeliveryResult.delivered("202");
        for (long s = 0; s <= 120; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(calls[0]).isEqualTo(3);
        assertThat(m.pendingNotifications()).isZero();
        String alertId = m.openAlerts().get(0).alertId();
        List<JournalRecord> history = m.history(JournalQuery.builder().alertId(alertId).types("notification.submitted",
                "notification.attempt").build());
        assertThat(history).extracting(r -> r.type() + " " + r.data().getOrDefault("outcome", ""))
                .containsExactly("notification.submitted ", "notification.attempt retry_later",
                        "notification.attempt retry_later", "notification.attempt delivered");
        assertThat(history.get(1).reason()).isEqualTo("503 from the paging gateway");
        assertThat(pager.received).extracting(Notification::idempotencyKey).containsOnly(pager.received.get(0)
                .idempotencyKey());
    }

    @Test
    void anAcknowledgementWithdrawsPagesStillRetryingSoNobodyIsPagedAfterIt() {
        InMemoryJournal journal = new InMemoryJournal();
        VitalMonitor m = monitor(journal, Set.of("threshold"), NURSE);
        pager.answer = n -> DeliveryResult.retryLater("gateway busy");
        for (long s = 0; s <= 12; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(m.pendingNotifications()).isEqualTo(1);
        int attempts = pager.received.size();
        m.acknowledgeIncident(m.incidents().get(0).incidentId(), "nurse.ana", "at the bedside");
        pager.answer = n -> DeliveryResult.delivered("ok");
        for (long s = 13; s <= 600; s += 5) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(pager.received).hasSize(attempts);
        assertThat(m.pendingNotifications()).isZero();
        assertThat(m.history(JournalQuery.builder().types("notification.cancelled").build())).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("incident acknowledged"));
    }

    @Test
    void aPageNobodyReceivedRaisesATechnicalAlertForOperators() {
        InMemoryJournal journal = new InMemoryJournal();
        VitalMonitor m = monitor(journal, Set.of("threshold"), NURSE);
        pager.answer = n -> DeliveryResult.failed("404 unknown pager 4711");
        for (long s = 0; s <= 20; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId())
                .containsExactly("threshold", "notification-failed");
        Alert failed = m.openAlerts().stream().filter(a -> a.ruleId().equals("notification-failed")).findFirst()
                .orElseThrow();
        assertThat(failed.category()).isEqualTo(com.nexussaude.monitor.notify.Category.TECHNICAL);
        assertThat(failed.severity()).isEqualTo(Severity.HIGH);
        assertThat(failed.key()).isEqualTo("pager");
        assertThat(failed.message()).contains("page to charge-nurse via pager failed").contains("404 unknown pager 4711");
        // The technical alert (high) escalates the incident, whose page fails the same way: that updates the
        // same technical alert (same channel key) and stops there, no page loop.
        for (long s = 21; s <= 200; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(m.history(JournalQuery.builder().types("notification.dead_letter").build())).hasSize(2);
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(2);
    }

    @Test
    void aDeadLetterRaisesItsTechnicalAlertInTheCallThatDeliveredItNotAtTheNextObservation() {
        InMemoryJournal journal = new InMemoryJournal();
        VitalMonitor m = monitor(journal, Set.of("threshold"), NURSE);
        pager.answer = n -> DeliveryResult.failed("404 unknown pager 4711");
        long s = 0;
        while (m.history(JournalQuery.builder().types("notification.dead_letter").build()).isEmpty()) {
            assertThat(s).as("the threshold alert pages within 20 s").isLessThanOrEqualTo(20);
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
            s++;
        }
        // The submit that paged (and whose page failed) returned: its alert for operators is already there,
        // raised at that observation's time, and the listener heard of it; no later call was needed.
        Instant pagedAt = T0.plusSeconds(s - 1);
        Alert failed = m.openAlerts().stream().filter(a -> a.ruleId().equals("notification-failed")).findFirst()
                .orElseThrow();
        assertThat(failed.raisedAt()).isEqualTo(pagedAt);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId())
                .containsExactly("threshold", "notification-failed");
    }

    @Test
    void pagesPendingAtACrashAreSentAfterTheRestartWithTheSameKeyAndNothingPagesTwice() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        pager.answer = n -> DeliveryResult.retryLater("gateway down");
        VitalMonitor first = VitalMonitor.builder().config(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build())
                .journal(FileJournal.open(file)).paging(Paging.builder().channel(pager).recipient(NURSE).build())
                .listenerExecutor(Runnable::run).build();
        monitors.add(first);
        for (long s = 0; s <= 20; s++) {
            first.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(first.pendingNotifications()).isEqualTo(1);
        String key = pager.received.get(0).idempotencyKey();
        Path crashImage = Files.copy(file, dir.resolve("after-kill.jsonl"));

        PagerChannel working = new PagerChannel();
        VitalMonitor second = VitalMonitor.builder().config(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build())
                .journal(FileJournal.open(crashImage)).paging(Paging.builder().channel(working).recipient(NURSE).build())
                .listenerExecutor(Runnable::run).build();
        monitors.add(second);
        for (long s = 300; s <= 330; s++) { // still tachycardic after the restart
            second.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(working.received).singleElement().satisfies(n -> {
            assertThat(n.idempotencyKey()).isEqualTo(key);
            assertThat(n.event()).isEqualTo(EventKind.RAISED);
        });
        assertThat(second.pendingNotifications()).isZero();
    }

    @Test
    void pagingNeedsARecipientReachableThroughARegisteredChannel() {
        assertThatThrownBy(() -> Paging.builder().channel(pager).build()).hasMessage("paging needs at least one recipient, or an escalation policy");
        assertThatThrownBy(() -> Paging.builder().channel(pager).recipient(Recipient.of("x", ContactPoint.of("sms", "+1")))
                .build()).hasMessage("recipient 'x' is reached through channel 'sms', which is not registered; the channels"
                + " are [pager]");
        assertThatThrownBy(() -> Paging.builder().channel(pager).channel(pager))
                .hasMessage("channel 'pager' is registered twice");
    }
}
