package com.nexussaude.monitor.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final DeliveryResult BUSY = DeliveryResult.retryLater("HTTP 503 from receiver");

    private final ManualDeliveryScheduler scheduler = new ManualDeliveryScheduler(T0);
    private final RecordingListener listener = new RecordingListener();
    private final ScriptedChannel sms = new ScriptedChannel("sms", scheduler::now);
    private NotificationDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private NotificationDispatcher dispatcher(RetryPolicy policy, long seed) {
        dispatcher = NotificationDispatcher.builder().channel(sms).retryPolicy(policy).listener(listener)
                .scheduler(scheduler).random(new Random(seed)).build();
        return dispatcher;
    }

    @Test
    @DisplayName("submit returns before the channel is called; the worker then delivers and reports attempt 1")
    void submitDoesNotWait() {
        dispatcher(RetryPolicy.ofDefaults(), 1).submit(Samples.notification("a-1", "sms"));
        assertThat(sms.calls).isEmpty();
        assertThat(listener.attempts).isEmpty();
        scheduler.runReady();
        assertThat(sms.calls).hasSize(1);
        DeliveryAttempt a = listener.attempts.get(0);
        assertThat(a.attempt()).isEqualTo(1);
        assertThat(a.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(a.channel()).isEqualTo("sms");
        assertThat(a.startedAt()).isEqualTo(T0);
        assertThat(a.nextAttemptAt()).isEmpty();
        assertThat(dispatcher.pending("sms")).isZero();
    }

    @Test
    @DisplayName("cancel withdraws matching queued and retrying notifications; they are never attempted again")
    void cancelWithdrawsWaitingNotifications() {
        sms.then(BUSY);
        dispatcher(RetryPolicy.ofDefaults(), 7);
        dispatcher.submit(Samples.notification("a-1", "sms")); // will be between retries
        scheduler.runReady();
        assertThat(listener.attempts).hasSize(1);
        dispatcher.submit(Samples.notification("a-2", "sms")); // queued behind nothing, not yet run
        dispatcher.submit(Samples.notification("b-1", "sms")); // does not match
        assertThat(dispatcher.cancel(n -> n.alertId().startsWith("a-"), "acknowledged")).isEqualTo(2);
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(sms.calls).extracting(n -> n.alertId()).containsExactly("a-1", "b-1");
        assertThat(listener.cancelled).containsExactlyInAnyOrder("a-1 sms: acknowledged", "a-2 sms: acknowledged");
        assertThat(listener.deadLetters).isEmpty();
        assertThat(dispatcher.pending("sms")).isZero();
    }

    @Test
    @DisplayName("retries follow exponential backoff with full jitter drawn from the seeded Random")
    void backoffSchedule() {
        RetryPolicy policy = RetryPolicy.ofDefaults().withBackoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
        sms.then(BUSY, BUSY, BUSY, BUSY);
        dispatcher(policy, 42).submit(Samples.notification("a-1", "sms"));
        scheduler.advanceUntilIdle(Duration.ofHours(1));

        // The same seed gives the same draws: cap 1 s, 2 s, 4 s, then 5 s (maxBackoff) times nextDouble().
        Random expected = new Random(42);
        List<Instant> times = new ArrayList<>(List.of(T0));
        long[] capsMillis = {1000, 2000, 4000, 5000};
        for (long cap : capsMillis) {
            long delayNanos = (long) (Duration.ofMillis(cap).toNanos() * expected.nextDouble());
            times.add(times.get(times.size() - 1).plusNanos(delayNanos));
        }
        assertThat(sms.callTimes()).containsExactlyElementsOf(times);
        assertThat(listener.attempts).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(listener.attempts.get(0).nextAttemptAt()).contains(times.get(1));
        assertThat(listener.attempts.get(4).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(listener.deadLetters).isEmpty();
    }

    @Test
    @DisplayName("backoff caps grow by the multiplier up to maxBackoff")
    void backoffCaps() {
        RetryPolicy p = RetryPolicy.ofDefaults().withBackoff(Duration.ofMillis(500), 3.0, Duration.ofSeconds(10));
        assertThat(List.of(p.backoffCap(1), p.backoffCap(2), p.backoffCap(3), p.backoffCap(4), p.backoffCap(30)))
                .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(4500),
                        Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThatThrownBy(() -> RetryPolicy.ofDefaults().withBackoff(Duration.ofSeconds(5), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
    }

    @Test
    @DisplayName("Retry-After is honoured exactly and pauses the whole channel")
    void retryAfterHonoured() {
        sms.then(DeliveryResult.retryLater("HTTP 429", Duration.ofSeconds(30)));
        dispatcher(RetryPolicy.ofDefaults(), 1).submit(Samples.notification("a-1", "sms"));
        scheduler.runReady();
        dispatcher.submit(Samples.notification("a-2", "sms"));
        scheduler.advanceBy(Duration.ofSeconds(30).minusNanos(1));
        assertThat(sms.calls).hasSize(1);
        scheduler.advanceBy(Duration.ofNanos(1));
        assertThat(sms.calls).extracting(ScriptedChannel.Call::alertId).containsExactly("a-1", "a-1", "a-2");
        assertThat(sms.callTimes().get(1)).isEqualTo(T0.plusSeconds(30));
        assertThat(listener.attempts.get(0).nextAttemptAt()).contains(T0.plusSeconds(30));
    }

    @Test
    @DisplayName("a permanent failure is not retried and becomes a dead letter with the receiver's reason")
    void noRetryOnFailure() {
        sms.then(DeliveryResult.failed("HTTP 400: Twilio error 21211: invalid 'To' number"));
        dispatcher(RetryPolicy.ofDefaults(), 1).submit(Samples.notification("a-1", "sms"));
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(sms.calls).hasSize(1);
        assertThat(listener.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.reason()).contains("failed permanently", "21211");
            assertThat(d.lastResult()).map(DeliveryResult::outcome).contains(Outcome.FAILED);
        });
    }

    @Test
    @DisplayName("after maxAttempts retry-later results the notification is dead-lettered")
    void maxAttempts() {
        sms.otherwise(BUSY);
        dispatcher(RetryPolicy.ofDefaults().withMaxAttempts(3), 7).submit(Samples.notification("a-1", "sms"));
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(sms.calls).hasSize(3);
        assertThat(listener.attempts.get(2).nextAttemptAt()).isEmpty();
        assertThat(listener.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.reason()).contains("gave up after 3 attempts", "HTTP 503");
        });
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    @DisplayName("a retry that would start after maxAge is not made")
    void maxAge() {
        sms.then(BUSY, DeliveryResult.retryLater("HTTP 429", Duration.ofMinutes(20)));
        dispatcher(RetryPolicy.ofDefaults().withMaxAge(Duration.ofMinutes(10)), 3)
                .submit(Samples.notification("a-1", "sms"));
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(sms.calls).hasSize(2);
        assertThat(listener.deadLetters).singleElement().satisfies(d ->
                assertThat(d.reason()).contains("maximum age of PT10M", "HTTP 429"));
    }

    @Test
    @DisplayName("an unknown channel is a dead letter, reported off the submitting thread")
    void unknownChannel() {
        dispatcher(RetryPolicy.ofDefaults(), 1).submit(Samples.notification("a-1", "pager"));
        assertThat(listener.deadLetters).isEmpty();
        scheduler.runReady();
        assertThat(listener.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isZero();
            assertThat(d.reason()).contains("no channel named 'pager'", "[sms]");
        });
    }

    @Test
    @DisplayName("a rate limit of one per second spaces attempts one second apart")
    void rateLimit() {
        dispatcher = NotificationDispatcher.builder().channel(sms, RateLimit.of(1, Duration.ofSeconds(1)))
                .listener(listener).scheduler(scheduler).build();
        for (int i = 0; i < 3; i++) {
            dispatcher.submit(Samples.notification("a-" + i, "sms"));
        }
        scheduler.advanceBy(Duration.ofSeconds(10));
        assertThat(sms.callTimes()).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
    }

    @Test
    @DisplayName("a burst passes at once, then attempts are spaced")
    void rateLimitBurst() {
        dispatcher = NotificationDispatcher.builder()
                .channel(sms, RateLimit.of(2, Duration.ofSeconds(1)).withBurst(3))
                .listener(listener).scheduler(scheduler).build();
        for (int i = 0; i < 5; i++) {
            dispatcher.submit(Samples.notification("a-" + i, "sms"));
        }
        scheduler.advanceBy(Duration.ofSeconds(10));
        assertThat(sms.callTimes()).containsExactly(T0, T0, T0, T0.plusMillis(500), T0.plusMillis(1000));
    }

    @Test
    @DisplayName("a channel that blocks does not delay another channel")
    void blockedChannelDoesNotDelayOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        NotificationChannel stuck = new NotificationChannel() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DeliveryResult.delivered("late");
            }
        };
        CountDownLatch smsDelivered = new CountDownLatch(1);
        ScriptedChannel live = new ScriptedChannel("sms", Instant::now);
        dispatcher = NotificationDispatcher.builder().channel(stuck).channel(live)
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        listener.onAttempt(attempt);
                        if (attempt.channel().equals("sms")) {
                            smsDelivered.countDown();
                        }
                    }
                }).build();
        try {
            dispatcher.submit(Samples.notification("a-stuck", "stuck"));
            // Waits are bounds against a hung build, not timing assertions.
            assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
            dispatcher.submit(Samples.notification("a-sms", "sms"));
            assertThat(smsDelivered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dispatcher.pending("stuck")).isEqualTo(1);
            assertThat(listener.threads).containsExactly("nexus-notify-sms");
        } finally {
            release.countDown();
        }
    }

    @Test
    @DisplayName("a listener that throws does not stop delivery or the other listeners")
    void throwingListener() {
        dispatcher = NotificationDispatcher.builder().channel(sms)
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        throw new IllegalStateException("journal full");
                    }
                })
                .listener(listener).scheduler(scheduler).build();
        dispatcher.submit(Samples.notification("a-1", "sms"));
        dispatcher.submit(Samples.notification("a-2", "sms"));
        scheduler.runReady();
        assertThat(listener.attempts).hasSize(2);
    }

    @Test
    @DisplayName("a channel that throws is retried as retry-later, naming the exception")
    void throwingChannel() {
        NotificationChannel broken = new NotificationChannel() {
            @Override
            public String name() {
                return "sms";
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                throw new IllegalStateException("token=secret-value");
            }
        };
        dispatcher = NotificationDispatcher.builder().channel(broken).listener(listener).scheduler(scheduler)
                .retryPolicy(RetryPolicy.ofDefaults().withMaxAttempts(2)).build();
        dispatcher.submit(Samples.notification("a-1", "sms"));
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(listener.attempts).hasSize(2).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(a.reason()).contains("IllegalStateException").doesNotContain("secret-value");
        });
        assertThat(listener.deadLetters).hasSize(1);
    }

    @Test
    @DisplayName("closing dead-letters what is pending and refuses new submissions")
    void closeReportsPending() {
        sms.then(BUSY);
        dispatcher(RetryPolicy.ofDefaults(), 1).submit(Samples.notification("a-1", "sms"));
        scheduler.runReady();
        dispatcher.submit(Samples.notification("a-2", "sms"));
        dispatcher.close();
        assertThat(listener.deadLetters).extracting(d -> d.notification().alertId()).containsExactlyInAnyOrder("a-1", "a-2");
        assertThat(listener.deadLetters).allSatisfy(d -> assertThat(d.reason()).contains("closed"));
        assertThatThrownBy(() -> dispatcher.submit(Samples.notification("a-3", "sms")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(sms.calls).hasSize(1);
    }

    @Test
    @DisplayName("a full queue dead-letters the overflow")
    void queueFull() {
        dispatcher = NotificationDispatcher.builder().channel(sms).listener(listener).scheduler(scheduler)
                .maxQueuedPerChannel(2).build();
        for (int i = 0; i < 3; i++) {
            dispatcher.submit(Samples.notification("a-" + i, "sms"));
        }
        scheduler.runReady();
        assertThat(sms.calls).hasSize(2);
        assertThat(listener.deadLetters).singleElement().satisfies(d ->
                assertThat(d.reason()).contains("too many pending"));
    }

    @Test
    @DisplayName("the builder rejects duplicate names, no channels and settings given twice")
    void builderValidation() {
        assertThatThrownBy(() -> NotificationDispatcher.builder().channel(sms).channel(NotificationChannel.noop("sms")))
                .hasMessageContaining("two channels are named 'sms'");
        assertThatThrownBy(() -> NotificationDispatcher.builder().build()).hasMessageContaining("at least one channel");
        assertThatThrownBy(() -> NotificationDispatcher.builder().random(new Random()).random(new Random()))
                .hasMessageContaining("random was already set");
    }

    @Test
    @DisplayName("the manual scheduler runs timers in due order and then in the order set")
    void manualSchedulerOrder() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("b"));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("c"));
        DeliveryScheduler.Cancellable d = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
        d.cancel();
        assertThat(scheduler.untilNextTimer()).isEqualTo(Optional.of(Duration.ofSeconds(1)));
        scheduler.advanceBy(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(5));
    }
}
