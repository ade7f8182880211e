package com.nexussaude.monitor.internal.paging;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import java.util.List;
import java.util.function.Function;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.ingest.FeedbackQueue;
import com.nexussaude.monitor.internal.journal.JournalRestore;

/**
 * Paging as the engine sees it: turns incident changes into pages and hands them to the notification
 * dispatcher; records every page and every delivery attempt in the journal; re-submits the pages a previous
 * run left pending. The work is done by three parts, each named for what it does: {@link PageDecisions} (what
 * pages: escalation decisions, notifications, escalation records), {@link PageDelivery} (the dispatcher, the
 * pages owed, withdrawals, the event-time work queue, delivery outcomes) and {@link RestartRecovery} (restore
 * from the journal, resubmitting the pages left pending).
 *
 * <p>Threads: {@link #incident}, {@link #alert} and {@link #runDue} run on the engine thread under
 * the engine lock. No channel is ever called under it. Live clock: submissions and withdrawals go
 * straight to the dispatcher, whose worker threads call the channels. Event time: the dispatcher
 * runs on a manual scheduler moved with the monitor clock, so a replay shows every page at its
 * monitor time; what the engine asks of it under the lock (submit, withdraw, run to a time) is
 * queued in order, with the monitor time it was asked at, and {@link #deliverQueued()} performs it
 * after the lock is released, on the thread that made the call: the dispatcher sees the same
 * sequence as if it had run in line, so replays stay deterministic, while a stalled channel holds
 * only that thread. Delivery outcomes arrive through the engine's listener, which takes the engine
 * lock before passing them to {@link #onAttempt}, {@link #onDeadLetter} and {@link #onCancelled}.
 */
public final class Notifier implements AlertBook.LifecycleSink {
    /** An open incident by id, from the lifecycle. */
    private final Function<String, Incident> incident;
    private final PageDelivery delivery;
    private final PageDecisions decisions;
    private final RestartRecovery recovery;

    public Notifier(Paging paging, boolean eventTime, AlertBook.Recorder recorder, Function<String, Alert> activeAlert,
             Function<String, Incident> incident, Function<String, com.nexussaude.monitor.PatientContext> patientContext, FeedbackQueue feedback,
             DeliveryListener engineListener) {
        this.incident = incident;
        this.delivery = new PageDelivery(paging, eventTime, recorder, feedback, engineListener);
        this.decisions = new PageDecisions(paging, recorder, activeAlert, patientContext, feedback, delivery);
        this.recovery = new RestartRecovery(paging, recorder, decisions, delivery);
    }

    // ---- what pages -------------------------------------------------------------------------------

    /** The lifecycle's events reach paging directly (wired by the engine at build): what it records, paging hears. */
    @Override
    public void alert(AlertEvent e) {
        decisions.onAlert(e, incident);
    }

    @Override
    public void incident(IncidentEvent e) {
        decisions.onIncident(e);
    }

    /** The patient of a paged open incident, or null. */
    public String patientOf(String incidentId) {
        return decisions.patientOf(incidentId);
    }

    /** When the next escalation step is due (epoch ms), {@code Long.MAX_VALUE} if none: the engine's clock stops there. */
    public long nextEscalationAt() {
        return decisions.nextEscalationAt();
    }

    /** Event time: lets the dispatcher run its queued deliveries and the retries due by {@code now}. */
    public void runDue(long now) {
        // The escalations due first: the run queued after them delivers their pages.
        decisions.escalateDue(now);
        delivery.runReadyAt(now);
    }

    // ---- delivery ---------------------------------------------------------------------------------

    /**
     * Event time: performs the dispatcher work queued under the engine lock, in order, on this thread,
     * without the engine lock (channels are called here). If another thread is performing it, returns
     * at once: that thread performs this work too. Called by the engine after every locked call.
     */
    public void deliverQueued() {
        delivery.deliverQueued();
    }

    /** Whether the dispatcher runs on the monitor clock (event time). */
    public boolean eventTime() {
        return delivery.eventTime();
    }

    /**
     * Event time: the monitor time of the dispatcher work being performed, for stamping its outcomes; empty
     * before any work ran.
     */
    public java.util.OptionalLong workTime() {
        return delivery.workTime();
    }

    public void onCancelled(Notification n, String channel, String reason, long now) {
        delivery.onCancelled(n, channel, reason, now);
    }

    public void onAttempt(DeliveryAttempt a, long now) {
        delivery.onAttempt(a, now);
    }

    /**
     * Journals a dead letter and sends it to the front, to be raised as a technical alert; a dead letter of a
     * closing dispatcher is neither: it stays pending and is journalled as such.
     */
    public void onDeadLetter(DeadLetter d, long now) {
        delivery.onDeadLetter(d, now);
    }

    public int pendingCount() {
        return delivery.pendingCount();
    }

    /** Stops delivery; pages not yet delivered remain pending in the journal for the next run. */
    public void close() {
        delivery.close();
    }

    // ---- recovery ---------------------------------------------------------------------------------

    /**
     * Rebuilds what was paged for the open incidents, and keeps the pages submitted before a restart and
     * never delivered nor given up for {@link #resubmitRestored}; journals nothing and submits nothing.
     */
    public void restore(JournalRestore restored, List<Incident> openIncidents) {
        recovery.restore(restored, openIncidents);
    }

    /**
     * Pages pending when the previous run stopped go out again (same idempotency key: at least once),
     * journalled as resubmitted at {@code now}, the restarted monitor's clock. Once, under the engine
     * lock, when the clock first has a time (a live monitor at its start, an event-time one at its first
     * move): so their journal records and their delivery outcomes never race, and none is stamped 1970.
     */
    public void resubmitRestored(long now) {
        recovery.resubmitRestored(now);
    }
}
