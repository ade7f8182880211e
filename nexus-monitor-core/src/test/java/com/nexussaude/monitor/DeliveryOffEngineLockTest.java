package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A channel that stalls never freezes the monitor, in either clock: while a page hangs in the
 * channel, other threads read the alerts and the stats and submit another patient's readings, and
 * those calls return. The channel is a real SPI implementation held on a latch; the monitor and the
 * dispatcher are the real ones. The timeouts below only detect a hang (a frozen monitor would block
 * these calls for as long as the channel stalls); nothing is timed.
 */
class DeliveryOffEngineLockTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Recipient NURSE = Recipient.of("charge-nurse", ContactPoint.of("pager", "4711"));
    /** How long a call may take before the test calls it frozen: far above any real call's time. */
    static final long HANG_SECONDS = 30;

    /** Holds its first page until released; delivers every page. */
    static final class StallingChannel implements NotificationChannel {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Notification> delivered = new CopyOnWriteArrayList<>();
        final CountDownLatch twoDelivered = new CountDownLatch(2);

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            entered.countDown();
            try {
                if (!release.await(2 * HANG_SECONDS, TimeUnit.SECONDS)) {
                    return DeliveryResult.retryLater("the test never released the channel");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeliveryResult.retryLater("interrupted");
            }
            delivered.add(n);
            twoDelivered.countDown();
            return DeliveryResult.delivered("ok");
        }

        List<String> patients() {
            return delivered.stream().map(Notification::patientId).toList();
        }
    }

    final StallingChannel channel = new StallingChannel();
    final ExecutorService threads = Executors.newCachedThreadPool();
    VitalMonitor monitor;

    @AfterEach
    void tearDown() {
        channel.release.countDown();
        if (monitor != null) {
            monitor.close();
        }
        threads.shutdownNow();
    }

    VitalMonitor build(MonitorClock clock) {
        return VitalMonitor.builder().clock(clock)
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .paging(Paging.builder().channel(channel).recipient(NURSE).build())
                .listenerExecutor(Runnable::run)
                .build();
    }

    static Observation hypoxic(String patient, Instant t) {
        return Observation.builder(patient, t).heartRate(88).spo2(80).build(); // critical at once
    }

    <T> T returns(Supplier<T> call) throws Exception {
        return CompletableFuture.supplyAsync(call, threads).get(HANG_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void eventTimeDeliversOffTheEngineLockOnTheSubmittingThread() throws Exception {
        monitor = build(MonitorClock.eventTime());
        CompletableFuture<Void> stalled = CompletableFuture.runAsync(() -> monitor.submit(hypoxic("bed-1", T0)), threads);
        assertThat(channel.entered.await(HANG_SECONDS, TimeUnit.SECONDS)).as("bed-1's page reached the channel").isTrue();

        // The page of bed-1 hangs in the channel, on the thread that submitted it; the monitor goes on.
        assertThat(returns(monitor::openAlerts)).extracting(Alert::patientId).containsExactly("bed-1");
        assertThat(returns(monitor::stats).accepted()).isEqualTo(1);
        assertThat(returns(monitor::incidents)).hasSize(1);
        returns(() -> {
            monitor.submit(hypoxic("bed-2", T0.plusSeconds(1)));
            return null;
        });
        assertThat(returns(monitor::openAlerts)).extracting(Alert::patientId).containsExactly("bed-1", "bed-2");
        assertThat(stalled).isNotDone();
        assertThat(channel.delivered).isEmpty();

        channel.release.countDown();
        stalled.get(HANG_SECONDS, TimeUnit.SECONDS);
        // The thread that was delivering also delivered bed-2's page, queued while it waited: in order.
        assertThat(channel.patients()).containsExactly("bed-1", "bed-2");
        assertThat(monitor.pendingNotifications()).isZero();
    }

    @Test
    void liveClockDeliversOnTheDispatcherThreads() throws Exception {
        monitor = build(MonitorClock.live(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMillis(50)));
        monitor.submit(hypoxic("bed-1", T0)); // returns at once: the page is queued for the channel's worker
        assertThat(channel.entered.await(HANG_SECONDS, TimeUnit.SECONDS)).as("bed-1's page reached the channel").isTrue();

        assertThat(returns(monitor::openAlerts)).extracting(Alert::patientId).containsExactly("bed-1");
        assertThat(returns(monitor::stats).accepted()).isEqualTo(1);
        returns(() -> {
            monitor.submit(hypoxic("bed-2", T0));
            return null;
        });
        assertThat(returns(monitor::openAlerts)).extracting(Alert::patientId).containsExactlyInAnyOrder("bed-1", "bed-2");
        assertThat(channel.delivered).isEmpty();

        channel.release.countDown();
        assertThat(channel.twoDelivered.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(channel.patients()).containsExactly("bed-1", "bed-2");
    }
}
