package com.nexussaude.monitor.internal.ingest;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.escalation.OverdueEscalation;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.paging.Notifier;
import com.nexussaude.monitor.internal.state.ThresholdTable;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.escalation.CoverageGap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The front's side of paging: builds the {@link Notifier} (none without paging), runs its due work in each locked
 * pass ({@link #runNotifications}), turns the feedback paging offers into the front's queue into technical alerts
 * ({@code escalation-overdue}, {@code on-call-gap}, and {@code notification-failed} at once for a dead letter),
 * and takes the dispatcher's delivery outcomes into paging under the engine lock.
 *
 * <p>{@link #runNotifications} runs under the engine lock, in the locked pass that called it. The delivery
 * callbacks run on the dispatcher's threads (live) or on the caller's thread after the lock (event time), and
 * take the engine lock themselves.
 */
final class PagingFeedback {
    private final Notifier notifier;
    private final FeedbackQueue feedback;
    private final AlertBook book;
    private final Lock engineLock;
    /** The monitor clock's stamp for records and transitions. */
    private final LongSupplier clockMillis;
    private final BooleanSupplier warmingUp;
    private final BooleanSupplier closed;
    /** The engine's work after a locked call, without the lock (queued paging work, then listener events). */
    private final Runnable afterLocked;

    PagingFeedback(Paging paging, MonitorClock clock, Journaling journaling, AlertBook book, ThresholdTable thresholds,
                   FeedbackQueue feedback, Lock engineLock, LongSupplier clockMillis, BooleanSupplier warmingUp,
                   BooleanSupplier closed, Runnable afterLocked) {
        this.feedback = feedback;
        this.book = book;
        this.engineLock = engineLock;
        this.clockMillis = clockMillis;
        this.warmingUp = warmingUp;
        this.closed = closed;
        this.afterLocked = afterLocked;
        this.notifier = paging == null ? null : new Notifier(paging, !(clock instanceof MonitorClock.Live), journaling,
                book::activeAlert, book::incident, thresholds::patient, feedback, new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        onDeliveryAttempt(attempt);
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        onDeliveryDeadLetter(deadLetter);
                    }

                    @Override
                    public void onCancelled(Notification n, String channel, String reason) {
                        engineLock.lock();
                        try {
                            notifier.onCancelled(n, channel, reason, outcomeTime());
                        } finally {
                            engineLock.unlock();
                        }
                    }
                });
    }

    /** Paging's notifier, or null for a monitor without paging. */
    Notifier notifier() {
        return notifier;
    }

    /** Under the lock: the dispatcher runs what is due by {@code now} (event time; live runs by itself). */
    void runNotifications(long now) {
        if (notifier != null && !warmingUp.getAsBoolean()) {
            notifier.runDue(now);
            // Levels nobody could be paged at (nobody on call, no contact on the level's channels): technical
            // alerts for operators, raised here, after the lifecycle call that found them has finished.
            for (Feedback.OverdueEscalation f : feedback.take(Feedback.OverdueEscalation.class)) {
                OverdueEscalation late = f.late();
                String patient = notifier.patientOf(late.incidentId());
                if (patient != null) {
                    book.signal(new AlertBook.Signal(patient, "escalation-overdue", late.incidentId(), Severity.HIGH,
                            Category.TECHNICAL, "escalation of " + late.incidentId() + " at level " + late.level() + ": its next step was "
                            + late.overdueBy().toSeconds() + " s late (due " + late.dueAt() + "): the monitor was stalled",
                            Map.of("incidentId", late.incidentId(), "level", late.level(), "dueAt", late.dueAt().toString(),
                                    "overdueSeconds", late.overdueBy().toSeconds()), 30 * 60_000L), now);
                }
            }
            for (Feedback.CoverageGap f : feedback.take(Feedback.CoverageGap.class)) {
                CoverageGap gap = f.gap();
                String patient = notifier.patientOf(gap.incidentId());
                if (patient != null) {
                    book.signal(new AlertBook.Signal(patient, "on-call-gap", gap.target().toString(), Severity.HIGH,
                            Category.TECHNICAL, "nobody could be paged at escalation level " + gap.level() + " for "
                            + gap.target() + ": " + gap.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                            Map.of("incidentId", gap.incidentId(), "level", gap.level(), "target", gap.target().toString(),
                                    "reason", gap.reason().name()), 30 * 60_000L), now);
                }
            }
        }
    }

    private void onDeliveryAttempt(DeliveryAttempt attempt) {
        engineLock.lock();
        try {
            notifier.onAttempt(attempt, outcomeTime());
        } finally {
            engineLock.unlock();
        }
    }

    /**
     * A page nobody received: paging journals it and sends it to the front, and this same locked pass raises it
     * as a technical alert for operators on the patient, at once (never at the next observation).
     */
    private void onDeliveryDeadLetter(DeadLetter letter) {
        engineLock.lock();
        try {
            long now = clockMillis.getAsLong();
            notifier.onDeadLetter(letter, outcomeTime());
            for (Feedback.DeadLetter f : closed.getAsBoolean() ? List.<Feedback.DeadLetter>of() : feedback.take(Feedback.DeadLetter.class)) {
                DeadLetter d = f.letter();
                Notification n = d.notification();
                book.signal(new AlertBook.Signal(n.patientId(), "notification-failed", d.channel(), Severity.HIGH,
                        Category.TECHNICAL, "page to " + n.recipient().id() + " via " + d.channel() + " failed after "
                        + d.attempts() + " attempt(s): " + d.reason(),
                        Map.of("channel", d.channel(), "recipient", n.recipient().id(), "attempts", d.attempts(),
                                "alertId", n.alertId()), 30 * 60_000L), now);
            }
        } finally {
            engineLock.unlock();
        }
        afterLocked.run();
    }

    /**
     * The time of a delivery outcome: event time, the monitor time the dispatcher work that produced it was
     * asked for (as if it had run in line); live, the clock. Under the lock.
     */
    private long outcomeTime() {
        return notifier != null && notifier.eventTime() ? notifier.workTime().orElse(clockMillis.getAsLong())
                : clockMillis.getAsLong();
    }
}
