package com.nexussaude.monitor.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's deadline on every attempt: a channel that hangs is abandoned at the deadline,
 * the attempt counts as an ambiguous retry-later and follows the retry policy to a dead letter, and
 * neither the channel's later pages nor other channels wait for it. The deterministic cases run on
 * manual time with attempts on real threads; the others on the system scheduler, asserting outcomes
 * only (waits are bounds that keep a broken build from hanging, not timings).
 */
class AttemptDeadlineTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    /** A bound on waiting for an outcome that must come; not a timing assertion. */
    private static final long BOUND_SECONDS = 30;

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService attemptThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-attempt");
        t.setDaemon(true);
        return t;
    });
    private final ManualDeliveryScheduler manual = new ManualDeliveryScheduler(T0);
    private final RecordingListener listener = new RecordingListener();
    private NotificationDispatcher dispatcher;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
        attemptThreads.shutdownNow();
    }

    /** Manual time and timers, but attempts on real threads, so a hanging channel can be abandoned. */
    private DeliveryScheduler manualTimeRealThreads() {
        return new DeliveryScheduler() {
            @Override
            public Instant now() {
                return manual.now();
            }

            @Override
            public long nanoTime() {
                return manual.nanoTime();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return manual.schedule(delay, task);
            }

            @Override
            public Executor newWorker(String name) {
                return manual.newWorker(name);
            }

            @Override
            public Optional<Executor> newAttemptRunner(String name) {
                return Optional.of(attemptThreads);
            }

            @Override
            public void close() {
                manual.close();
            }
        };
    }

    /**
     * A channel whose first {@code hangs} calls block until the test ends (as a receiver that
     * stalls its answer would hold an HTTP client without a deadline); later calls deliver.
     */
    final class HangingChannel implements NotificationChannel {
        final String name;
        final boolean deduplicates;
        final AtomicInteger hangs;
        final List<Notification> calls = new CopyOnWriteArrayList<>();
        final Semaphore entered = new Semaphore(0);

        HangingChannel(String name, boolean deduplicates, int hangs) {
            this.name = name;
            this.deduplicates = deduplicates;
            this.hangs = new AtomicInteger(hangs);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean deduplicates() {
            return deduplicates;
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            Objects.requireNonNull(n);
            calls.add(n);
            entered.release();
            if (hangs.getAndDecrement() > 0) {
                // Ignores interrupts, as a socket read does: only the end of the test lets it go.
                while (true) {
                    try {
                        release.await();
                        return DeliveryResult.delivered("answered after the test");
                    } catch (InterruptedException e) {
                        // keep hanging
                    }
                }
            }
            return DeliveryResult.delivered("accepted");
        }

        void awaitCalls(int n) throws InterruptedException {
            assertThat(entered.tryAcquire(n, BOUND_SECONDS, TimeUnit.SECONDS)).as("%d calls of %s", n, name).isTrue();
        }
    }

    @Test
    @DisplayName("manual time: a hanging attempt is abandoned at the deadline, retried once as a repeat, then dead-lettered")
    void hangingAttemptFollowsPolicyToDeadLetter() throws Exception {
        HangingChannel sms = new HangingChannel("sms", false, Integer.MAX_VALUE);
        dispatcher = NotificationDispatcher.builder().channel(sms).scheduler(manualTimeRealThreads()).listener(listener)
                .retryPolicy(RetryPolicy.ofDefaults()).attemptTimeout(Duration.ofSeconds(20))
                .ambiguousRetryDelay(Duration.ofSeconds(30)).build();
        dispatcher.submit(Samples.notification("a-1", "sms"));
        manual.runReady();
        sms.awaitCalls(1);
        manual.advanceBy(Duration.ofSeconds(19));
        assertThat(listener.attempts).as("no outcome before the deadline").isEmpty();
        manual.advanceBy(Duration.ofSeconds(1));
        assertThat(listener.attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(a.result().ambiguous()).isTrue();
            assertThat(a.reason()).isEqualTo("channel sms gave no result within the attempt deadline of 20000 ms;"
                    + " the attempt was abandoned");
            assertThat(a.finishedAt()).isEqualTo(T0.plusSeconds(20));
            assertThat(a.nextAttemptAt()).as("the repeat waits the longer delay").contains(T0.plusSeconds(50));
        });
        manual.advanceBy(Duration.ofSeconds(30));
        sms.awaitCalls(1);
        manual.advanceBy(Duration.ofSeconds(20));
        assertThat(listener.attempts).hasSize(2);
        assertThat(listener.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.reason()).startsWith("gave up after 2 attempts: 2 of them ended without an answer")
                    .contains("channel sms cannot deduplicate");
        });
        assertThat(sms.calls).extracting(Notification::message)
                .containsExactly("SpO2 82 % below 85 for 10 s", "[repeat] SpO2 82 % below 85 for 10 s");
        assertThat(sms.calls).extracting(Notification::idempotencyKey).containsOnly(sms.calls.get(0).idempotencyKey());
        assertThat(dispatcher.pending("sms")).isZero();
    }

    @Test
    @DisplayName("manual time: a channel that deduplicates is retried as the policy says, every attempt with the same key")
    void deduplicatingChannelKeepsRetrying() throws Exception {
        HangingChannel webhook = new HangingChannel("webhook", true, Integer.MAX_VALUE);
        dispatcher = NotificationDispatcher.builder().channel(webhook).scheduler(manualTimeRealThreads()).listener(listener)
                .retryPolicy(RetryPolicy.ofDefaults().withMaxAttempts(4)).attemptTimeout(Duration.ofSeconds(20)).build();
        dispatcher.submit(Samples.notification("a-1", "webhook"));
        manual.runReady();
        for (int i = 1; i <= 4; i++) {
            webhook.awaitCalls(1);
            manual.advanceBy(Duration.ofSeconds(20));
            assertThat(listener.attempts).hasSize(i);
            // To the retry's timer (jittered backoff), which starts the next attempt.
            manual.untilNextTimer().ifPresent(manual::advanceBy);
        }
        assertThat(listener.attempts).extracting(a -> a.result().ambiguous()).containsOnly(true);
        assertThat(listener.deadLetters).singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("gave up after 4 attempts; last attempt: channel webhook gave no result"));
        assertThat(webhook.calls).hasSize(4);
        assertThat(webhook.calls).extracting(Notification::idempotencyKey).containsOnly(webhook.calls.get(0).idempotencyKey());
        assertThat(webhook.calls).extracting(Notification::message).allMatch(m -> !m.startsWith(Notification.REPEAT_MARKER));
    }

    @Test
    @DisplayName("system scheduler: a channel that hangs forever does not hold another channel's page")
    void otherChannelIsNotHeld() throws Exception {
        HangingChannel webhook = new HangingChannel("webhook", true, Integer.MAX_VALUE);
        BlockingQueue<DeliveryAttempt> outcomes = new LinkedBlockingQueue<>();
        dispatcher = NotificationDispatcher.builder().channel(webhook).channel(NotificationChannel.noop("sms"))
                .attemptTimeout(Duration.ofMinutes(10))
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        outcomes.add(attempt);
                    }
                }).build();
        dispatcher.submit(Samples.notification("a-1", "webhook"));
        webhook.awaitCalls(1);
        dispatcher.submit(Samples.notification("a-1", "sms"));
        DeliveryAttempt first = outcomes.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.channel()).isEqualTo("sms");
        assertThat(first.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(dispatcher.pending("webhook")).as("the webhook attempt still hangs").isEqualTo(1);
    }

    @Test
    @DisplayName("system scheduler: a hanging attempt holds the channel's next page only until its deadline")
    void nextPageOnSameChannelGoesAfterDeadline() throws Exception {
        HangingChannel webhook = new HangingChannel("webhook", true, 1);
        BlockingQueue<DeliveryAttempt> outcomes = new LinkedBlockingQueue<>();
        // 3 s, not less: the deadline also bounds the second page's attempt, and the build machine is loaded.
        dispatcher = NotificationDispatcher.builder().channel(webhook).attemptTimeout(Duration.ofSeconds(3))
                .retryPolicy(RetryPolicy.noRetries())
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        outcomes.add(attempt);
                    }
                }).listener(listener).build();
        dispatcher.submit(Samples.notification("a-1", "webhook"));
        dispatcher.submit(Samples.notification("a-2", "webhook"));
        DeliveryAttempt first = outcomes.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        DeliveryAttempt second = outcomes.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(first).as("the hanging attempt's outcome").isNotNull();
        assertThat(first.notification().alertId()).isEqualTo("a-1");
        assertThat(first.result().ambiguous()).isTrue();
        assertThat(second).as("the next page's outcome").isNotNull();
        assertThat(second.notification().alertId()).isEqualTo("a-2");
        assertThat(second.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(listener.deadLetters).extracting(d -> d.notification().alertId()).containsExactly("a-1");
    }

    @Test
    @DisplayName("close reports an attempt still hanging as a dead letter instead of losing it")
    void closeReportsHangingAttempt() throws Exception {
        HangingChannel sms = new HangingChannel("sms", false, 1);
        dispatcher = NotificationDispatcher.builder().channel(sms).scheduler(manualTimeRealThreads()).listener(listener)
                .attemptTimeout(Duration.ofMinutes(1)).build();
        dispatcher.submit(Samples.notification("a-1", "sms"));
        manual.runReady();
        sms.awaitCalls(1);
        dispatcher.close();
        assertThat(listener.deadLetters).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("the dispatcher closed before delivery"));
    }
}
