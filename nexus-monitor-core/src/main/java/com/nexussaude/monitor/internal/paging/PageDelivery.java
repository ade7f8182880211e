package com.nexussaude.monitor.internal.paging;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.DeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.ManualDeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.NotificationDispatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.ingest.Feedback;
import com.nexussaude.monitor.internal.ingest.FeedbackQueue;
import com.nexussaude.monitor.internal.journal.JournalCodec;

/**
 * Delivery: owns the notification dispatcher; journals each page as submitted and hands it over, withdraws the
 * pages of an acknowledged or resolved incident, keeps the pages owed (submitted, not yet delivered or dead),
 * and journals the delivery outcomes, sending dead letters to the front.
 *
 * <p>Threads: {@link #submit}, {@link #withdraw} and {@link #runReadyAt} run on the engine thread under the
 * engine lock. Live clock: submissions and withdrawals go straight to the dispatcher, whose worker threads call
 * the channels. Event time: the dispatcher runs on a manual scheduler moved with the monitor clock; what the
 * engine asks of it under the lock is queued with the monitor time it was asked at, and {@link #deliverQueued()}
 * performs it in order after the lock is released, on the thread that made the call (never under the lock).
 * The outcomes ({@link #onAttempt}, {@link #onDeadLetter}, {@link #onCancelled}) arrive through the engine's
 * listener, which takes the engine lock first.
 */
final class PageDelivery {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageDelivery.class);
    private final NotificationDispatcher dispatcher;
    private final ManualDeliveryScheduler manual;
    private final AlertBook.Recorder recorder;
    /** Pages submitted and not yet delivered or dead, by idempotency key. */
    final Map<String, Notification> pending = new LinkedHashMap<>();
    private final DeliveryScheduler scheduler;
    /**
     * Where paging's feedback enters the pipeline (coverage gaps, overdue escalations, dead letters): the front's
     * queue, which the engine drains into technical alerts, outside the lifecycle call that found them.
     */
    private final FeedbackQueue feedback;
    final boolean live;
    /** Set while closing: the dispatcher then dead-letters what is queued; those stay pending for the next run. */
    private volatile boolean closing;
    /** Event time: dispatcher work asked for under the engine lock, performed in order by {@link #deliverQueued()}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Work> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Event time: held by the one thread performing {@link #queued}; not reentrant, so a callback never nests a run. */
    private final java.util.concurrent.atomic.AtomicBoolean delivering = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Event time: the monitor time of the work being performed, for stamping its outcomes; empty before any
     * work ran (the outcome then takes the monitor clock's stamp, never the epoch).
     */
    private volatile java.util.OptionalLong workTime = java.util.OptionalLong.empty();
    /** Pages a previous run left pending, restored and waiting for the clock to resubmit them ({@link RestartRecovery#resubmitRestored}). */
    List<Notification> restoredPending = List.of();

    /** A piece of dispatcher work asked for at monitor time {@code at}. */
    private record Work(long at, Runnable task) {
    }

    PageDelivery(Paging paging, boolean eventTime, AlertBook.Recorder recorder, FeedbackQueue feedback,
                 DeliveryListener engineListener) {
        this.feedback = feedback;
        this.recorder = recorder;
        this.manual = eventTime ? new ManualDeliveryScheduler(Instant.EPOCH) : null;
        this.live = !eventTime;
        this.scheduler = eventTime ? manual : DeliveryScheduler.system();
        NotificationDispatcher.Builder b = NotificationDispatcher.builder().scheduler(scheduler).listener(engineListener);
        paging.channels().forEach(c -> {
            if (c.rateLimit() == null) {
                b.channel(c.channel());
            } else {
                b.channel(c.channel(), c.rateLimit());
            }
        });
        paging.deliveryListeners().forEach(b::listener);
        if (paging.retryPolicy() != null) {
            b.retryPolicy(paging.retryPolicy());
        }
        this.dispatcher = b.build();
    }

    void submit(Notification n, long now) {
        pending.put(n.idempotencyKey(), n);
        if (recorder.enabled()) {
            recorder.record(JournalCodec.pageSubmitted(n), now);
        }
        send(n, now);
    }

    /** Hands a page to the dispatcher: at once (live), or after the engine lock is released (event time). */
    void send(Notification n, long now) {
        if (live) {
            dispatcher.submit(n);
        } else {
            queued.add(new Work(now, () -> dispatcher.submit(n)));
        }
    }

    void withdraw(String incidentId, String reason, long now) {
        java.util.function.Predicate<Notification> which = n -> incidentId.equals(n.incidentId())
                && n.event() != EventKind.RESOLVED;
        // A page a previous run left pending that the clock has not resubmitted yet is not in the dispatcher:
        // withdrawn here, or a person who acknowledged before the restarted monitor's first reading would
        // still be paged for it.
        if (!restoredPending.isEmpty()) {
            List<Notification> keep = new ArrayList<>();
            for (Notification n : restoredPending) {
                if (which.test(n)) {
                    onCancelled(n, n.recipient().contact().channel(), reason, now);
                } else {
                    keep.add(n);
                }
            }
            restoredPending = keep;
        }
        if (live) {
            dispatcher.cancel(which, reason);
        } else {
            queued.add(new Work(now, () -> dispatcher.cancel(which, reason)));
        }
    }

    /**
     * Event time: performs the dispatcher work queued under the engine lock, in order, on this thread,
     * without the engine lock (channels are called here). If another thread is performing it, returns
     * at once: that thread performs this work too. Called by the engine after every locked call.
     */
    void deliverQueued() {
        while (!queued.isEmpty()) {
            if (!delivering.compareAndSet(false, true)) {
                return; // the thread delivering re-checks the queue after it stops
            }
            try {
                Work w;
                while ((w = queued.poll()) != null) {
                    if (closing) {
                        // Closed meanwhile: these pages stay pending in the journal for the next run.
                        queued.clear();
                        return;
                    }
                    workTime = java.util.OptionalLong.of(w.at());
                    try {
                        // The dispatcher's clock first reaches the time the work was asked at, firing the retries
                        // due before it: a page is never attempted at an earlier time than it was raised (the first
                        // page of a run at 1970, its retries all due on the way to the data's time).
                        if (w.at() > manual.now().toEpochMilli()) {
                            manual.advanceTo(Instant.ofEpochMilli(w.at()));
                        }
                        w.task().run();
                    } catch (RuntimeException e) {
                        LOG.error("paging work failed; later pages go on", e);
                    }
                }
                // Pages submitted by work without a run after it (a call that ended in an exception) go out now.
                try {
                    if (!closing) {
                        manual.runReady();
                    }
                } catch (RuntimeException e) {
                    LOG.error("paging work failed; later pages go on", e);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /** Whether the dispatcher runs on the monitor clock (event time). */
    boolean eventTime() {
        return !live;
    }

    /**
     * Event time: the monitor time of the dispatcher work being performed, for stamping its outcomes; empty
     * before any work ran.
     */
    java.util.OptionalLong workTime() {
        return workTime;
    }

    void onCancelled(Notification n, String channel, String reason, long now) {
        pending.remove(n.idempotencyKey());
        recorder.record(JournalCodec.pageCancelled(n, channel, reason), now);
    }

    void onAttempt(DeliveryAttempt a, long now) {
        Notification n = a.notification();
        recorder.record(JournalCodec.pageAttempt(a), now);
        if (a.outcome() == com.nexussaude.monitor.notify.DeliveryResult.Outcome.DELIVERED) {
            pending.remove(n.idempotencyKey());
        }
    }

    /**
     * Journals a dead letter and sends it to the front, to be raised as a technical alert; a dead letter of a
     * closing dispatcher is neither: it stays pending and is journalled as such.
     */
    void onDeadLetter(DeadLetter d, long now) {
        if (closing) {
            return;
        }
        Notification n = d.notification();
        pending.remove(n.idempotencyKey());
        recorder.record(JournalCodec.pageDeadLetter(d), now);
        feedback.offer(new Feedback.DeadLetter(d));
    }

    int pendingCount() {
        return pending.size();
    }

    /** Stops delivery; pages not yet delivered remain pending in the journal for the next run. */
    void close() {
        closing = true;
        dispatcher.close();
        scheduler.close();
    }

    /** Event time: queues a run of the dispatcher's deliveries and retries due by {@code now}; live: nothing. */
    void runReadyAt(long now) {
        if (manual != null) {
            queued.add(new Work(now, manual::runReady));
        }
    }
}
