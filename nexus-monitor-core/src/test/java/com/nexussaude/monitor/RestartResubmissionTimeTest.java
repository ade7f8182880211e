package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 1970 "no time yet" at a restart, on the event-time clock (RestartWithPendingPagesTest does the live
 * clock): a page pending when the monitor stopped is journalled as resubmitted, and sent, at the first time
 * the restarted monitor has, whatever a host calls first (a person's acknowledgement, a silence, a raise, a
 * discharge, or nothing), and no record of the restart is stamped 1970-01-01. Calls before the first time are
 * stamped with the restored journal's last time.
 */
class RestartResubmissionTimeTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Instant FIRST_AFTER_RESTART = T0.plusSeconds(60);
    static final Recipient NURSE = Recipient.of("charge-nurse", ContactPoint.of("pager", "4711"));

    /** A real SPI channel: the gateway is down in the first run and back after the restart. */
    static final class Pager implements NotificationChannel {
        final boolean up;
        final List<Notification> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();

        Pager(boolean up) {
            this.up = up;
        }

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            if (!up) {
                return DeliveryResult.retryLater("503 from the paging gateway");
            }
            delivered.add(n);
            return DeliveryResult.delivered("ok");
        }
    }

    @TempDir
    Path dir;

    static VitalMonitor monitor(Path journal, Pager pager) {
        return VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(FileJournal.open(journal))
                .paging(Paging.builder().channel(pager).recipient(NURSE).build())
                .listenerExecutor(Runnable::run).build();
    }

    static Stream<Arguments> firstCalls() {
        Consumer<VitalMonitor> nothing = m -> { };
        Consumer<VitalMonitor> acknowledgeOther = m -> m.acknowledge(m.openAlerts().stream()
                .filter(a -> a.patientId().equals("bed-3")).findFirst().orElseThrow().alertId(), "nurse.ana", "seen");
        Consumer<VitalMonitor> silence = m -> m.silence(Silence.builder().patient("bed-9").until(T0.plusSeconds(3600))
                .by("nurse.ana").because("transport").build());
        Consumer<VitalMonitor> raise = m -> m.raise("bed-5", "nurse-concern", null, Severity.MEDIUM,
                Category.PHYSIOLOGICAL, "nurse worried", Map.of(), Duration.ofMinutes(30), "nurse.ana", "looks unwell");
        Consumer<VitalMonitor> discharge = m -> m.discharge("bed-3");
        return Stream.of(Arguments.of("nothing", nothing), Arguments.of("an acknowledgement", acknowledgeOther),
                Arguments.of("a silence", silence), Arguments.of("a raise", raise), Arguments.of("a discharge", discharge));
    }

    @ParameterizedTest(name = "{0} first")
    @MethodSource("firstCalls")
    void aPagePendingAtTheRestartIsResubmittedAtTheRestartedMonitorsFirstTime(String what, Consumer<VitalMonitor> first)
            throws Exception {
        Path journal = dir.resolve("alerts.journal");
        try (VitalMonitor m = monitor(journal, new Pager(false))) {
            m.submit(Observation.builder("bed-1", T0).heartRate(88).spo2(80).build());
            m.submit(Observation.builder("bed-3", T0.plusSeconds(1)).heartRate(90).spo2(81).build());
            assertThat(m.pendingNotifications()).isGreaterThanOrEqualTo(1);
        }
        long before = Files.readAllLines(journal).size();
        Instant lastOfFirstRun = T0.plusSeconds(1);

        Pager up = new Pager(true);
        try (VitalMonitor m = monitor(journal, up)) {
            first.accept(m);
            List<JournalRecord> beforeTime = m.history(JournalQuery.builder().build());
            assertThat(beforeTime.subList((int) before, beforeTime.size())).as("records before the first time")
                    .allSatisfy(r -> assertThat(r.at()).isEqualTo(lastOfFirstRun));
            m.submit(Observation.builder("bed-2", FIRST_AFTER_RESTART).heartRate(80).spo2(97).build());

            List<JournalRecord> resubmitted = m.history(JournalQuery.builder().types("notification.resubmitted").build());
            assertThat(resubmitted).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.at()).isEqualTo(FIRST_AFTER_RESTART));
            assertThat(resubmitted).extracting(JournalRecord::patientId).contains("bed-1");
        }
        assertThat(up.delivered).extracting(Notification::patientId).contains("bed-1");
        assertThat(Files.readAllLines(journal)).noneMatch(l -> l.contains("\"at\":\"1970-01-01"));
    }

    /**
     * An incident acknowledged before the restarted monitor's first time has its pending page withdrawn: the
     * person answered, so the page is journalled as cancelled and never sent, as an acknowledgement withdraws
     * the undelivered pages of a monitor that did not restart. Its other pages (another patient) still go.
     */
    @org.junit.jupiter.api.Test
    void anIncidentAcknowledgedBeforeTheFirstTimeIsNotPagedAgain() throws Exception {
        Path journal = dir.resolve("alerts.journal");
        try (VitalMonitor m = monitor(journal, new Pager(false))) {
            m.submit(Observation.builder("bed-1", T0).heartRate(88).spo2(80).build());
            m.submit(Observation.builder("bed-3", T0.plusSeconds(1)).heartRate(90).spo2(81).build());
        }
        Pager up = new Pager(true);
        List<String> bed1Pending;
        try (VitalMonitor m = monitor(journal, up)) {
            bed1Pending = m.history(JournalQuery.builder().types("notification.submitted").build()).stream()
                    .filter(r -> "bed-1".equals(r.patientId())).map(r -> (String) r.data().get("idempotencyKey")).toList();
            assertThat(bed1Pending).isNotEmpty();
            Incident bed1 = m.incidents().stream().filter(i -> i.patientId().equals("bed-1")).findFirst().orElseThrow();
            m.acknowledgeIncident(bed1.incidentId(), "nurse.ana", "at the bedside");
            m.submit(Observation.builder("bed-2", FIRST_AFTER_RESTART).heartRate(80).spo2(97).build());

            assertThat(m.history(JournalQuery.builder().types("notification.resubmitted").build()))
                    .extracting(JournalRecord::patientId).doesNotContain("bed-1").contains("bed-3");
            assertThat(m.history(JournalQuery.builder().types("notification.cancelled").build()))
                    .extracting(r -> (String) r.data().get("idempotencyKey")).containsAll(bed1Pending);
        }
        assertThat(up.delivered).extracting(Notification::idempotencyKey).doesNotContainAnyElementsOf(bed1Pending);
        assertThat(up.delivered).extracting(Notification::patientId).contains("bed-3").doesNotContain("bed-1");
    }

    /**
     * A new event-time monitor has no time before its first reading: a person's raise then is refused, naming
     * what to do, instead of being paged as raised in 1970 and resolving as stale at the first reading.
     */
    @org.junit.jupiter.api.Test
    void aRaiseBeforeANewEventTimeMonitorHasATimeIsRefused() {
        Pager pager = new Pager(true);
        try (VitalMonitor m = VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .clock(MonitorClock.eventTime()).paging(Paging.builder().channel(pager).recipient(NURSE).build())
                .listenerExecutor(Runnable::run).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.raise("bed-5", "nurse-concern", null,
                            Severity.MEDIUM, Category.PHYSIOLOGICAL, "nurse worried", Map.of(), Duration.ofMinutes(30),
                            "nurse.ana", "looks unwell"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no time yet");
            assertThat(m.openAlerts()).isEmpty();
            m.advanceTo(T0);
            Alert raised = m.raise("bed-5", "nurse-concern", null, Severity.MEDIUM, Category.PHYSIOLOGICAL,
                    "nurse worried", Map.of(), Duration.ofMinutes(30), "nurse.ana", "looks unwell");
            assertThat(raised.raisedAt()).isEqualTo(T0);
        }
        assertThat(pager.delivered).extracting(Notification::timestamp).containsOnly(T0);
    }
}
