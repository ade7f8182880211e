package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.FsyncPolicy;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart with hundreds of pages pending, on a live clock: the restored pages are journalled and
 * delivered without racing the delivery outcomes' journal records (no failed append), each is
 * delivered exactly once, and every record carries the restart's time, never the 1970 "no time yet".
 */
class RestartWithPendingPagesTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Recipient NURSE = Recipient.of("charge-nurse", ContactPoint.of("pager", "4711"));
    static final int PATIENTS = 300;

    /**
     * A real SPI channel that answers as told and records its deliveries. Its {@code allRecorded} latch
     * counts delivered outcomes as a delivery listener, which the dispatcher calls after the monitor
     * has journalled the attempt: the channel's own return comes before that record, and a test
     * that closed on it could close between the two.
     */
    static final class Pager implements NotificationChannel, DeliveryListener {
        final List<Notification> received = new CopyOnWriteArrayList<>();
        final CountDownLatch allRecorded = new CountDownLatch(PATIENTS);
        final Function<Notification, DeliveryResult> answer;

        Pager(Function<Notification, DeliveryResult> answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            received.add(n);
            return answer.apply(n);
        }

        @Override
        public void onAttempt(DeliveryAttempt attempt) {
            if (attempt.outcome() == DeliveryResult.Outcome.DELIVERED) {
                allRecorded.countDown();
            }
        }
    }

    @TempDir
    Path dir;

    VitalMonitor.Builder monitor(Path journal, Pager pager) {
        return VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(FileJournal.builder(journal).fsync(FsyncPolicy.OS_BUFFERED).build())
                .paging(Paging.builder().channel(pager).deliveryListener(pager).recipient(NURSE).build())
                .listenerExecutor(Runnable::run);
    }

    @Test
    void pagesPendingAtARestartAreDeliveredOnceWithoutAFailedAppend() throws Exception {
        Path journal = dir.resolve("alerts.journal");
        // The first run: every patient desaturates at once and the gateway answers 503 until the monitor stops.
        Pager down = new Pager(n -> DeliveryResult.retryLater("503 from the paging gateway"));
        try (VitalMonitor first = monitor(journal, down).build()) {
            first.advanceTo(T0);
            for (int p = 0; p < PATIENTS; p++) {
                first.submit(Observation.builder("bed-" + p, T0).heartRate(88).spo2(80).build());
            }
            assertThat(first.pendingNotifications()).isEqualTo(PATIENTS);
        }

        // The restart: a live monitor, five seconds later, with the gateway back.
        Instant restart = T0.plusSeconds(5);
        Pager up = new Pager(n -> DeliveryResult.delivered("ok"));
        VitalMonitor second = monitor(journal, up)
                .clock(MonitorClock.live(Clock.fixed(restart, ZoneOffset.UTC), Duration.ofMillis(20))).build();
        try {
            assertThat(up.allRecorded.await(60, TimeUnit.SECONDS)).as("every restored page delivered and journalled").isTrue();
            assertThat(second.stats().journalFailures()).isZero();
            assertThat(second.journalHealthy()).isTrue();
            List<JournalRecord> resubmitted = second.history(JournalQuery.builder().types("notification.resubmitted").build());
            assertThat(resubmitted).hasSize(PATIENTS).allSatisfy(r -> assertThat(r.at()).isEqualTo(restart));
        } finally {
            second.close();
        }

        Map<String, Long> deliveriesPerPage = up.received.stream()
                .collect(Collectors.groupingBy(Notification::idempotencyKey, Collectors.counting()));
        assertThat(deliveriesPerPage).hasSize(PATIENTS).allSatisfy((key, times) -> assertThat(times).isEqualTo(1L));
        assertThat(up.received).extracting(Notification::patientId).doesNotHaveDuplicates();
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).noneMatch(l -> l.contains("1970-01-01"));
        assertThat(lines.stream().filter(l -> l.contains("\"notification.attempt\"") && l.contains("\"delivered\"")))
                .hasSize(PATIENTS);
    }
}
