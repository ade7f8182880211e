package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Delivers notifications asynchronously through registered channels, retrying transient failures
 * and reporting every attempt.
 *
 * <pre>{@code
 * NotificationDispatcher dispatcher = NotificationDispatcher.builder()
 *         .channel(smsChannel)
 *         .channel(slackChannel, RateLimit.of(1, Duration.ofSeconds(1)))
 *         .retryPolicy(RetryPolicy.ofDefaults())
 *         .listener(journal)                 // every attempt, every dead letter
 *         .build();
 * dispatcher.submit(notification);           // returns at once
 * }</pre>
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@link #submit(Notification)} only queues: it never calls a channel or a listener and never
 *       waits, so the engine thread is never held up by a page.</li>
 *   <li>Each channel has its own queue and its own worker, so a slow, hanging or failing channel
 *       delays only its own notifications. Within a channel, notifications are attempted in the
 *       order submitted, one at a time.</li>
 *   <li>A {@code RETRY_LATER} result is retried as the {@link RetryPolicy} says (exponential
 *       backoff with full jitter, or the receiver's {@code retryAfter}, during which the whole
 *       channel pauses). {@code FAILED} is never retried. A notification that fails permanently,
 *       runs out of attempts or age, names an unknown channel or finds its channel's queue full is
 *       a {@link DeadLetter}.</li>
 *   <li>An optional {@link RateLimit} per channel spaces attempts with a token bucket.</li>
 *   <li>Every attempt and dead letter goes to the {@link DeliveryListener}s; see there which
 *       thread calls them.</li>
 *   <li>Time and threads come from a {@link DeliveryScheduler}: {@link DeliveryScheduler#system()}
 *       by default, a {@link ManualDeliveryScheduler} in tests and replays.</li>
 * </ul>
 * <ul>
 *   <li>Every attempt has a deadline ({@link Builder#attemptTimeout}, default 60 s): an attempt still
 *       running then is abandoned, counted as an {@linkplain DeliveryResult#ambiguous() ambiguous}
 *       retry-later and handled by the retry policy, so a channel that hangs holds neither its own
 *       later pages beyond the deadline nor, having its own lane, any other channel's.</li>
 * </ul>
 * Delivery is at least once: a channel whose request reached the receiver but whose answer was
 * lost (a timeout) is retried, with the same idempotency key. Where the receiver cannot drop the
 * repeat ({@link NotificationChannel#deduplicates()} false: SMS, chat), an ambiguous attempt is
 * retried once only, after at least {@link Builder#ambiguousRetryDelay}, marked as a
 * {@linkplain Notification#asRepeat() repeat}; a second ambiguous attempt is a dead letter. A slow
 * receiver then gets a page at most twice.
 *
 * <p>Thread-safe. The dispatcher does not own the channels: {@link #close()} leaves them open.
 *
 * @since 0.1
 */
public final class NotificationDispatcher implements AutoCloseable {

    /** Default bound of notifications pending per channel (queued, waiting for a retry or in flight). */
    public static final int DEFAULT_MAX_QUEUED_PER_CHANNEL = 10_000;
    /**
     * Default deadline of one delivery attempt: 60 s, longer than the standard channels' own
     * deadlines (HTTP 15 s per exchange, SMTP 45 s per transaction), so they report their own reason first.
     *
     * @since 0.2
     */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Default least delay before retrying an ambiguous attempt through a channel that cannot
     * deduplicate: 30 s.
     *
     * @since 0.2
     */
    public static final Duration DEFAULT_AMBIGUOUS_RETRY_DELAY = Duration.ofSeconds(30);

    private final Map<String, ChannelLane> lanes;
    private final DeliveryScheduler scheduler;
    private final boolean ownsScheduler;
    private final Executor control;
    private final Listeners listeners;
    private volatile boolean closed;

    private NotificationDispatcher(Builder b) {
        this.scheduler = b.scheduler != null ? b.scheduler : DeliveryScheduler.system();
        this.ownsScheduler = b.scheduler == null;
        this.listeners = new Listeners(b.listeners);
        RetryPolicy policy = b.retryPolicy != null ? b.retryPolicy : RetryPolicy.ofDefaults();
        Random random = b.random != null ? b.random : new Random();
        int maxQueued = b.maxQueued != null ? b.maxQueued : DEFAULT_MAX_QUEUED_PER_CHANNEL;
        Duration attemptTimeout = b.attemptTimeout != null ? b.attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT;
        Duration ambiguousDelay = b.ambiguousRetryDelay != null ? b.ambiguousRetryDelay : DEFAULT_AMBIGUOUS_RETRY_DELAY;
        var map = new LinkedHashMap<String, ChannelLane>();
        b.channels.forEach((name, reg) -> map.put(name, new ChannelLane(reg.channel, reg.rateLimit, scheduler, policy,
                random, listeners, maxQueued, attemptTimeout, ambiguousDelay)));
        this.lanes = Collections.unmodifiableMap(map);
        this.control = scheduler.newWorker("dispatcher");
    }

    /**
     * A builder; at least one channel must be registered.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues {@code notification} for the channel named by its contact point and returns at once.
     * A notification for an unknown channel, or one that finds the channel's queue full, is reported
     * as a dead letter (on the dispatcher's worker, not on this thread).
     *
     * @param notification the page to send; its recipient's contact point names the channel
     * @throws NullPointerException  if {@code notification} is null
     * @throws IllegalStateException if the dispatcher is closed
     */
    public void submit(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        if (closed) {
            throw new IllegalStateException("the notification dispatcher is closed; cannot submit " + notification);
        }
        String channel = notification.channel();
        ChannelLane lane = lanes.get(channel);
        if (lane == null) {
            rejectLater(notification, channel, "no channel named '" + channel + "' is registered (registered: "
                    + lanes.keySet() + ")");
        } else if (!lane.offer(notification)) {
            rejectLater(notification, channel, closed ? "the dispatcher closed before delivery"
                    : "channel '" + channel + "' has too many pending notifications");
        }
    }

    private void rejectLater(Notification n, String channel, String reason) {
        control.execute(() -> listeners.onDeadLetter(new DeadLetter(n, channel, 0, reason, scheduler.now(), Optional.empty())));
    }

    /**
     * Withdraws every waiting notification that matches — queued, or between retries — e.g. the pages
     * of an incident someone just acknowledged, so nobody is paged after the acknowledgement. Each is
     * reported to the listeners' {@link DeliveryListener#onCancelled}. An attempt already in flight
     * completes but is not retried.
     *
     * @param which selects the notifications to withdraw; called on the dispatcher's threads, so it must not
     *     block
     * @param reason why they were withdrawn (e.g. {@code "acknowledged by nurse-7"}), passed to the listeners
     * @return how many were withdrawn
     */
    public int cancel(java.util.function.Predicate<Notification> which, String reason) {
        Objects.requireNonNull(which, "which");
        Objects.requireNonNull(reason, "reason");
        int n = 0;
        for (ChannelLane lane : lanes.values()) {
            for (Notification cancelled : lane.cancel(which)) {
                listeners.onCancelled(cancelled, lane.name(), reason);
                n++;
            }
        }
        return n;
    }

    /**
     * The names of the registered channels, in registration order.
     *
     * @return the names of the registered channels, in registration order
     */
    public Set<String> channels() {
        return lanes.keySet();
    }

    /**
     * How many notifications for {@code channel} are queued, waiting for a retry or being attempted.
     *
     * @param channel the name of a registered channel
     * @return how many notifications for {@code channel} are queued, waiting for a retry or being attempted
     * @throws IllegalArgumentException if no such channel is registered
     */
    public int pending(String channel) {
        ChannelLane lane = lanes.get(channel);
        if (lane == null) {
            throw new IllegalArgumentException("no channel named '" + channel + "' is registered (registered: "
                    + lanes.keySet() + ")");
        }
        return lane.pending();
    }

    /**
     * Stops the dispatcher: no more submissions, no more attempts (one in flight finishes), and
     * every notification not yet delivered is reported as a dead letter on the calling thread. A
     * scheduler the dispatcher created is closed; one passed to the builder is left to its owner.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ChannelLane lane : lanes.values()) {
            for (ChannelLane.Pending p : lane.close()) {
                listeners.onDeadLetter(new DeadLetter(p.notification, lane.name(), p.attempts,
                        "the dispatcher closed before delivery", scheduler.now(), Optional.empty()));
            }
        }
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    @Override
    public String toString() {
        return "NotificationDispatcher" + lanes.keySet() + (closed ? " (closed)" : "");
    }

    /**
     * Configures a {@link NotificationDispatcher}. Each setting may be given once; channel names
     * must be unique.
     */
    public static final class Builder {
        private final Map<String, Registration> channels = new LinkedHashMap<>();
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private RetryPolicy retryPolicy;
        private DeliveryScheduler scheduler;
        private Random random;
        private Integer maxQueued;
        private Duration attemptTimeout;
        private Duration ambiguousRetryDelay;

        private Builder() {
        }

        /**
         * Registers a channel without a rate limit.
         *
         * @param channel the channel; its {@link NotificationChannel#name() name} must not already be
         *     registered
         * @return this builder
         */
        public Builder channel(NotificationChannel channel) {
            return register(channel, null);
        }

        /**
         * Registers a channel whose attempts are spaced by {@code rateLimit}.
         *
         * @param channel the channel; its {@link NotificationChannel#name() name} must not already be
         *     registered
         * @param rateLimit the least spacing between two attempts on this channel; not null
         * @return this builder
         */
        public Builder channel(NotificationChannel channel, RateLimit rateLimit) {
            return register(channel, Objects.requireNonNull(rateLimit, "rateLimit"));
        }

        private Builder register(NotificationChannel channel, RateLimit rateLimit) {
            Objects.requireNonNull(channel, "channel");
            String name = Objects.requireNonNull(channel.name(), "channel name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("channel " + channel + " has a blank name");
            }
            Registration existing = channels.get(name);
            if (existing != null) {
                throw new IllegalArgumentException("two channels are named '" + name + "': " + existing.channel
                        + " and " + channel);
            }
            channels.put(name, new Registration(channel, rateLimit));
            return this;
        }

        /**
         * The retry policy for every channel; default {@link RetryPolicy#ofDefaults()}.
         *
         * @param retryPolicy how often and how far apart attempts are retried; not null, set at most once
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            requireUnset(this.retryPolicy, "retryPolicy");
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Adds a listener; several may be added and are called in the order added.
         *
         * @param listener told of every attempt, dead letter and cancellation, on the dispatcher's threads;
         *     not null
         * @return this builder
         */
        public Builder listener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Time and threads; default {@link DeliveryScheduler#system()}, which the dispatcher then
         * owns and closes. A scheduler given here is not closed by the dispatcher.
         *
         * @param scheduler the clock and executors the dispatcher runs on; not null, set at most once
         * @return this builder
         */
        public Builder scheduler(DeliveryScheduler scheduler) {
            requireUnset(this.scheduler, "scheduler");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The source of backoff jitter; pass a seeded {@link Random} for a reproducible schedule.
         *
         * @param random the jitter source; not null, set at most once
         * @return this builder
         */
        public Builder random(Random random) {
            requireUnset(this.random, "random");
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Bound of pending notifications per channel; default {@value #DEFAULT_MAX_QUEUED_PER_CHANNEL}.
         *
         * @param maxQueued the most notifications one channel may hold waiting; greater than 0, set at most
         *     once
         * @return this builder
         */
        public Builder maxQueuedPerChannel(int maxQueued) {
            requireUnset(this.maxQueued, "maxQueuedPerChannel");
            if (maxQueued < 1) {
                throw new IllegalArgumentException("maxQueuedPerChannel must be at least 1, but was " + maxQueued);
            }
            this.maxQueued = maxQueued;
            return this;
        }

        /**
         * The deadline of one delivery attempt, default {@link #DEFAULT_ATTEMPT_TIMEOUT}: an attempt
         * still running then is abandoned (its thread interrupted) and counted as an
         * {@linkplain DeliveryResult#ambiguous() ambiguous} retry-later, which the retry policy then
         * handles, up to a dead letter. Enforced when the scheduler has an
         * {@linkplain DeliveryScheduler#newAttemptRunner attempt runner} ({@link DeliveryScheduler#system()} does).
         *
         * @param attemptTimeout the deadline of one attempt; greater than zero, set at most once
         * @return this builder
         * @since 0.2
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            requireUnset(this.attemptTimeout, "attemptTimeout");
            this.attemptTimeout = requirePositive(attemptTimeout, "attemptTimeout");
            return this;
        }

        /**
         * The least delay before the one retry of an {@linkplain DeliveryResult#ambiguous() ambiguous}
         * attempt through a channel that does not {@linkplain NotificationChannel#deduplicates() deduplicate};
         * default {@link #DEFAULT_AMBIGUOUS_RETRY_DELAY}. A slow receiver gets time to answer before it is
         * sent the page again.
         *
         * @param delay the least wait before retrying an ambiguous attempt; not negative, set at most once
         * @return this builder
         * @since 0.2
         */
        public Builder ambiguousRetryDelay(Duration delay) {
            requireUnset(this.ambiguousRetryDelay, "ambiguousRetryDelay");
            this.ambiguousRetryDelay = requirePositive(delay, "ambiguousRetryDelay");
            return this;
        }

        private static Duration requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }

        /**
         * Builds the dispatcher.
         *
         * @return a new dispatcher, already accepting notifications; close it to stop its workers
         * @throws IllegalStateException if no channel is registered
         */
        public NotificationDispatcher build() {
            if (channels.isEmpty()) {
                throw new IllegalStateException("a notification dispatcher needs at least one channel");
            }
            return new NotificationDispatcher(this);
        }

        private static void requireUnset(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set to " + current);
            }
        }
    }

    private record Registration(NotificationChannel channel, RateLimit rateLimit) {
    }
}
