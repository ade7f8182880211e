package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;

/*
 * One channel's queue, worker, retry timers and rate limit.
 *
 * Concurrency: every field below the constructor's is guarded by `this`. The worker runs drain()
 * serially (one task is queued at a time, tracked by drainQueued); channel.deliver and listener
 * calls happen outside the lock, so submit() never waits for a delivery. Timers only move a
 * notification back to `ready` and ask for a drain, so all attempts of a channel happen on its
 * worker, one at a time.
 *
 * Retry-after: a receiver that answers "retry after N" throttles the channel, not only the one
 * message, so the whole lane pauses until then (the notification keeps its place at the head).
 * A retry without a receiver's delay waits on its own timer while later notifications go ahead.
 *
 * Deadline: with an attempt runner (the system scheduler), channel.deliver runs on a runner thread
 * and a timer set for attemptTimeout settles the attempt if the channel has not: whichever of the
 * two comes first wins (Attempt.settle), the other is ignored, and the outcome is handled on the
 * worker. So a channel that hangs holds the lane for attemptTimeout at most; its thread is
 * interrupted and left to end on its own. Without a runner (the manual scheduler) attempts run in
 * line on the worker, as they always did, and only the channel's own deadline bounds them.
 *
 * Ambiguous outcomes: an attempt that may have reached the receiver (DeliveryResult.ambiguous) is
 * retried as usual on a channel that deduplicates by the idempotency key. On one that does not, a
 * second ambiguous attempt ends the notification (dead letter), the retry after the first waits at
 * least ambiguousRetryDelay, and it is sent marked as a repeat: a slow receiver gets each page at
 * most twice, and the second copy says it may be a duplicate.
 */
final class ChannelLane {

    private final NotificationChannel channel;
    private final String name;
    private final DeliveryScheduler scheduler;
    private final RetryPolicy policy;
    private final Random random;
    private final Listeners listeners;
    private final int maxQueued;
    private final Executor worker;
    private final TokenBucket bucket;
    /** Where attempts run; null: in line on the worker. */
    private final Executor attemptRunner;
    private final Duration attemptTimeout;
    private final Duration ambiguousRetryDelay;
    private final boolean deduplicates;

    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    private final Map<Pending, DeliveryScheduler.Cancellable> waiting = new IdentityHashMap<>();
    private boolean drainQueued;
    private Pending inFlight;
    /** The attempt of {@link #inFlight} when it runs on the attempt runner. */
    private Attempt running;
    /** The in-flight notification, if cancel() matched it: its attempt ends it, whatever the result. */
    private Pending cancelledInFlight;
    private boolean paused;
    private long pausedUntilNanos;
    private DeliveryScheduler.Cancellable wakeup;
    private long wakeupDueNanos;
    private boolean closed;

    ChannelLane(NotificationChannel channel, RateLimit rateLimit, DeliveryScheduler scheduler, RetryPolicy policy,
            Random random, Listeners listeners, int maxQueued, Duration attemptTimeout, Duration ambiguousRetryDelay) {
        this.channel = channel;
        this.name = channel.name();
        this.scheduler = scheduler;
        this.policy = policy;
        this.random = random;
        this.listeners = listeners;
        this.maxQueued = maxQueued;
        this.worker = scheduler.newWorker(name);
        this.bucket = rateLimit == null ? null : new TokenBucket(rateLimit, scheduler.nanoTime());
        this.attemptRunner = scheduler.newAttemptRunner(name).orElse(null);
        this.attemptTimeout = attemptTimeout;
        this.ambiguousRetryDelay = ambiguousRetryDelay;
        this.deduplicates = channel.deduplicates();
    }

    String name() {
        return name;
    }

    /** Queues a notification; false if the lane is full or closed. */
    synchronized boolean offer(Notification n) {
        if (closed || pendingLocked() >= maxQueued) {
            return false;
        }
        ready.add(new Pending(n, scheduler.nanoTime()));
        requestDrainLocked();
        return true;
    }

    synchronized int pending() {
        return pendingLocked();
    }

    private int pendingLocked() {
        return ready.size() + waiting.size() + (inFlight == null ? 0 : 1);
    }

    private void requestDrain() {
        synchronized (this) {
            requestDrainLocked();
        }
    }

    private void requestDrainLocked() {
        if (!drainQueued && !closed) {
            drainQueued = true;
            worker.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Pending p;
            synchronized (this) {
                if (closed || ready.isEmpty() || inFlight != null) {
                    // An attempt on the runner asks for a drain when it is settled.
                    drainQueued = false;
                    return;
                }
                long now = scheduler.nanoTime();
                if (paused && pausedUntilNanos - now > 0) {
                    wakeInLocked(pausedUntilNanos - now);
                    drainQueued = false;
                    return;
                }
                paused = false;
                if (bucket != null) {
                    long wait = bucket.tryAcquire(now);
                    if (wait > 0) {
                        wakeInLocked(wait);
                        drainQueued = false;
                        return;
                    }
                }
                p = ready.poll();
                p.attempts++;
                inFlight = p;
            }
            if (attemptRunner == null) {
                Instant started = scheduler.now();
                complete(p, invoke(p), started);
            } else {
                start(p);
            }
        }
    }

    /** Runs the attempt of {@code p} on the runner, with a timer that settles it at the deadline. */
    private void start(Pending p) {
        Attempt a = new Attempt(p, scheduler.now());
        synchronized (this) {
            running = a;
            a.deadline = scheduler.schedule(attemptTimeout, () -> {
                if (a.settle(DeliveryResult.ambiguous("channel " + name + " gave no result within the attempt deadline of "
                        + attemptTimeout.toMillis() + " ms; the attempt was abandoned"))) {
                    Listeners.LOG.log(System.Logger.Level.WARNING, "channel " + name + " still running attempt " + p.attempts
                            + " of " + p.notification + " at its deadline (" + attemptTimeout.toMillis()
                            + " ms); abandoned and counted as an ambiguous retry-later");
                    a.interruptRunner();
                    worker.execute(() -> complete(p, a.result, a.started));
                }
            });
        }
        try {
            attemptRunner.execute(() -> {
                a.runner(Thread.currentThread());
                DeliveryResult r;
                try {
                    r = invoke(p);
                } finally {
                    a.runnerDone();
                    // A deadline's interrupt must not reach the next attempt on this thread.
                    Thread.interrupted();
                }
                if (a.settle(r)) {
                    a.deadline.cancel();
                    worker.execute(() -> complete(p, a.result, a.started));
                } else {
                    // Already counted as ambiguous: a delivered result here means a retry may repeat the page.
                    Listeners.LOG.log(r.isDelivered() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "channel "
                            + name + " returned " + r.outcome().wireName() + " for attempt " + p.attempts + " of "
                            + p.notification + " after its deadline; the attempt was already counted as ambiguous");
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The scheduler is closing: the attempt never started.
            if (a.settle(DeliveryResult.retryLater("the dispatcher's attempt runner of channel " + name + " is shut down"))) {
                a.deadline.cancel();
                worker.execute(() -> complete(p, a.result, a.started));
            }
        }
    }

    /** Sets (or keeps an earlier) timer that asks for a drain after {@code delayNanos}. */
    private void wakeInLocked(long delayNanos) {
        long due = scheduler.nanoTime() + delayNanos;
        if (wakeup != null && wakeupDueNanos - due <= 0) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel();
        }
        wakeupDueNanos = due;
        wakeup = scheduler.schedule(Duration.ofNanos(delayNanos), () -> {
            synchronized (this) {
                wakeup = null;
                requestDrainLocked();
            }
        });
    }

    /** Handles the outcome of {@code p}'s attempt, on the worker: report it, retry or give up. */
    private void complete(Pending p, DeliveryResult result, Instant started) {
        Instant finished = scheduler.now();
        long now = scheduler.nanoTime();
        Optional<Instant> next = Optional.empty();
        String deadReason = null;
        boolean cancelledNow = false;
        synchronized (this) {
            if (inFlight != p) {
                // close() already reported it.
                return;
            }
            inFlight = null;
            running = null;
            boolean ambiguousAgain = false;
            if (result.ambiguous() && !deduplicates) {
                p.ambiguousAttempts++;
                ambiguousAgain = p.ambiguousAttempts > 1;
            }
            switch (result.outcome()) {
                case DELIVERED:
                    break;
                case FAILED:
                    deadReason = "failed permanently: " + result.reason();
                    break;
                case RETRY_LATER:
                default:
                    Optional<Duration> retryAfter = ((DeliveryResult.RetryLater) result).retryAfter();
                    if (cancelledInFlight == p) {
                        cancelledNow = true;
                    } else if (closed) {
                        deadReason = "dispatcher closed before a retry; last attempt: " + result.reason();
                    } else if (ambiguousAgain) {
                        deadReason = "gave up after " + p.attempts + " attempts: " + p.ambiguousAttempts + " of them ended"
                                + " without an answer after the request was sent, so the receiver may already have"
                                + " the message, and channel " + name + " cannot deduplicate: another attempt could"
                                + " page the person again; last attempt: " + result.reason();
                    } else if (p.attempts >= policy.maxAttempts()) {
                        deadReason = "gave up after " + p.attempts + " attempt" + (p.attempts == 1 ? "" : "s")
                                + "; last attempt: " + result.reason();
                    } else {
                        Duration delay = retryAfter.orElseGet(() -> policy.backoff(p.attempts, random));
                        if (p.ambiguousAttempts > 0 && delay.compareTo(ambiguousRetryDelay) < 0) {
                            // The receiver may be slow rather than down: give it time before the repeat.
                            delay = ambiguousRetryDelay;
                        }
                        Duration ageAtRetry = Duration.ofNanos(now - p.submittedNanos).plus(delay);
                        if (ageAtRetry.compareTo(policy.maxAge()) > 0) {
                            deadReason = "gave up after " + p.attempts + " attempt" + (p.attempts == 1 ? "" : "s")
                                    + ": a retry in " + delay + " would pass the maximum age of " + policy.maxAge()
                                    + "; last attempt: " + result.reason();
                        } else {
                            next = Optional.of(finished.plus(delay));
                            if (retryAfter.isPresent()) {
                                long until = now + delay.toNanos();
                                pausedUntilNanos = paused && pausedUntilNanos - until > 0 ? pausedUntilNanos : until;
                                paused = true;
                                ready.addFirst(p);
                            } else {
                                waiting.put(p, scheduler.schedule(delay, () -> requeue(p)));
                            }
                        }
                    }
                    break;
            }
        }
        synchronized (this) {
            if (cancelledInFlight == p) {
                cancelledInFlight = null;
            }
            requestDrainLocked();
        }
        listeners.onAttempt(new DeliveryAttempt(p.notification, name, p.attempts, result, started, finished, next));
        if (cancelledNow) {
            listeners.onCancelled(p.notification, name, "cancelled while in flight; not retried");
        }
        if (deadReason != null) {
            listeners.onDeadLetter(new DeadLetter(p.notification, name, p.attempts, deadReason, finished,
                    Optional.of(result)));
        }
    }

    private DeliveryResult invoke(Pending p) {
        Notification n = p.notification;
        // Once an attempt may have reached the person, every later one says it may be a repeat.
        Notification sent = p.ambiguousAttempts > 0 ? n.asRepeat() : n;
        try {
            DeliveryResult r = channel.deliver(sent);
            return r != null ? r : DeliveryResult.retryLater("channel " + name + " returned no result (contract violation)");
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            // The contract says deliver() does not throw; one that does is treated as transient so a
            // page is not lost to a bug, and max attempts still bound it. The message is left out: it
            // could carry a secret the channel forgot to redact.
            Listeners.LOG.log(System.Logger.Level.WARNING, "channel " + name + " threw from deliver() for "
                    + n + " (contract violation): " + t.getClass().getName());
            return DeliveryResult.retryLater("channel " + name + " threw " + t.getClass().getName());
        }
    }

    private void requeue(Pending p) {
        synchronized (this) {
            if (waiting.remove(p) == null || closed) {
                return;
            }
            ready.add(p);
            requestDrainLocked();
        }
    }

    /**
     * Withdraws the waiting notifications that match: queued ones, and those between retries. One in
     * flight finishes its attempt but is not retried.
     */
    synchronized List<Notification> cancel(java.util.function.Predicate<Notification> which) {
        List<Notification> out = new ArrayList<>();
        ready.removeIf(p -> {
            if (which.test(p.notification)) {
                out.add(p.notification);
                return true;
            }
            return false;
        });
        waiting.entrySet().removeIf(e -> {
            if (which.test(e.getKey().notification)) {
                e.getValue().cancel();
                out.add(e.getKey().notification);
                return true;
            }
            return false;
        });
        if (inFlight != null && which.test(inFlight.notification)) {
            cancelledInFlight = inFlight;
        }
        return out;
    }

    /**
     * Closes the lane and returns what was still pending, with an attempt in flight on the runner
     * (one in line on the worker finishes on its own).
     */
    synchronized List<Pending> close() {
        closed = true;
        if (wakeup != null) {
            wakeup.cancel();
            wakeup = null;
        }
        waiting.values().forEach(DeliveryScheduler.Cancellable::cancel);
        List<Pending> left = new ArrayList<>(ready);
        left.addAll(waiting.keySet());
        if (running != null && running.settle(DeliveryResult.retryLater("the dispatcher closed during the attempt"))) {
            // An attempt that may hang is not waited for; its page is reported with the others.
            running.deadline.cancel();
            running.interruptRunner();
            left.add(running.pending);
            inFlight = null;
            running = null;
        }
        ready.clear();
        waiting.clear();
        return left;
    }

    @Override
    public String toString() {
        return "ChannelLane[" + name + "]";
    }

    /** A notification on its way; attempts and ambiguousAttempts are guarded by the lane. */
    static final class Pending {
        final Notification notification;
        final long submittedNanos;
        int attempts;
        /** Attempts that may have reached the receiver without it saying so. */
        int ambiguousAttempts;

        Pending(Notification notification, long submittedNanos) {
            this.notification = notification;
            this.submittedNanos = submittedNanos;
        }
    }

    /** One attempt on the runner: settled once, by the channel's result or by the deadline. */
    static final class Attempt {
        final Pending pending;
        final Instant started;
        DeliveryScheduler.Cancellable deadline;
        private DeliveryResult result;
        private boolean settled;
        private Thread runner;

        Attempt(Pending pending, Instant started) {
            this.pending = pending;
            this.started = started;
        }

        /** True for the first caller only: its result is the attempt's. */
        synchronized boolean settle(DeliveryResult r) {
            if (settled) {
                return false;
            }
            settled = true;
            result = r;
            return true;
        }

        synchronized void runner(Thread t) {
            runner = t;
        }

        /** After this, the runner thread is not interrupted any more: it may already run another attempt. */
        synchronized void runnerDone() {
            runner = null;
        }

        synchronized void interruptRunner() {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }
}
