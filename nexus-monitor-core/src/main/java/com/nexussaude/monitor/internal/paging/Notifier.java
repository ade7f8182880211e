package com.nexussaude.monitor.internal.paging;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.escalation.EscalationOutcome;
import com.nexussaude.monitor.escalation.EscalationPage;
import com.nexussaude.monitor.escalation.Escalator;
import com.nexussaude.monitor.escalation.OverdueEscalation;
import com.nexussaude.monitor.notify.escalation.CoverageGap;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.Content;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.DeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.ManualDeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.NotificationDispatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.ingest.Feedback;
import com.nexussaude.monitor.internal.ingest.FeedbackQueue;
import com.nexussaude.monitor.internal.journal.JournalCodec;
import com.nexussaude.monitor.internal.journal.JournalRestore;

/**
 * Turns incident changes into pages and hands them to the notification dispatcher; records every page
 * and every delivery attempt in the journal; re-submits the pages a previous run left pending.
 *
 * <p>Threads: {@link #onIncident}, {@link #onAlert} and {@link #runDue} run on the engine thread under
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Notifier.class);
    private final Paging paging;
    private final NotificationDispatcher dispatcher;
    private final ManualDeliveryScheduler manual;
    private final AlertBook.Recorder recorder;
    private final Function<String, Alert> activeAlert;
    /** An open incident by id, from the lifecycle. */
    private final Function<String, Incident> incident;
    /** The registered context of a patient, or null: ward, bed and name for every page. */
    private final Function<String, com.nexussaude.monitor.PatientContext> patientContext;
    /** Severity last paged per open incident; absent = never paged. */
    private final Map<String, Severity> pagedAt = new HashMap<>();
    /** Pages submitted and not yet delivered or dead, by idempotency key. */
    private final Map<String, Notification> pending = new LinkedHashMap<>();
    private final DeliveryScheduler scheduler;
    /** With an escalation policy: the escalations of the open incidents; else null (fixed recipients). */
    private final Escalator escalator;
    private final EscalationPolicy policy;
    /** The alerts needing a person that each open incident's escalation has seen; another one is a new condition. */
    private final Map<String, java.util.Set<String>> announced = new HashMap<>();
    /** Who was paged for each open incident, for its resolved page. */
    private final Map<String, java.util.Set<Recipient>> pagedRecipients = new HashMap<>();
    /**
     * Where paging's feedback enters the pipeline (coverage gaps, overdue escalations, dead letters): the front's
     * queue, which the engine drains into technical alerts, outside the lifecycle call that found them.
     */
    private final FeedbackQueue feedback;
    /** The patient of each paged open incident, to raise its coverage gaps on. */
    private final Map<String, String> patientOfIncident = new HashMap<>();
    private final boolean live;
    /** {@code escalator.nextDue()} in epoch ms, {@code Long.MAX_VALUE} if nothing is pending. */
    private long escalationDueAt = Long.MAX_VALUE;
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
    /** Pages a previous run left pending, restored and waiting for the clock to resubmit them ({@link #resubmitRestored}). */
    private List<Notification> restoredPending = List.of();

    /** A piece of dispatcher work asked for at monitor time {@code at}. */
    private record Work(long at, Runnable task) {
    }

    public Notifier(Paging paging, boolean eventTime, AlertBook.Recorder recorder, Function<String, Alert> activeAlert,
             Function<String, Incident> incident, Function<String, com.nexussaude.monitor.PatientContext> patientContext, FeedbackQueue feedback,
             DeliveryListener engineListener) {
        this.paging = paging;
        this.feedback = feedback;
        this.recorder = recorder;
        this.activeAlert = activeAlert;
        this.incident = incident;
        this.patientContext = patientContext;
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
        if (paging.escalationPolicy() != null) {
            this.escalator = new Escalator(paging.resolver());
            this.policy = withoutAckTimeouts(paging.escalationPolicy());
        } else {
            this.escalator = null;
            this.policy = null;
        }
    }

    /**
     * The policy as the monitor uses it: the lifecycle's acknowledgement timeout (an {@code ack_expired}
     * alert, a {@code reopened} incident) re-escalates, so the policy's own timeouts must not fire too.
     */
    private static EscalationPolicy withoutAckTimeouts(EscalationPolicy p) {
        return new EscalationPolicy() {
            @Override
            public String name() {
                return p.name();
            }

            @Override
            public EscalationStep step(EscalationSubject subject, int level, int repeat) {
                return p.step(subject, level, repeat);
            }

            @Override
            public java.util.Optional<java.time.Duration> reminderInterval(EscalationSubject subject) {
                return p.reminderInterval(subject);
            }

            @Override
            public boolean pages(EscalationSubject alert) {
                return p.pages(alert);
            }
        };
    }

    // ---- what pages -------------------------------------------------------------------------------

    /** The lifecycle's events reach paging directly (wired by the engine at build): what it records, paging hears. */
    @Override
    public void alert(AlertEvent e) {
        onAlert(e, incident);
    }

    @Override
    public void incident(IncidentEvent e) {
        onIncident(e);
    }

    void onIncident(IncidentEvent e) {
        Incident inc = e.incident();
        long now = e.timestamp().toEpochMilli();
        switch (e.type()) {
            case RESOLVED -> {
                withdraw(inc.incidentId(), "incident resolved", now);
                Severity paged = pagedAt.remove(inc.incidentId());
                patientOfIncident.remove(inc.incidentId());
                announced.remove(inc.incidentId());
                if (escalator != null && escalator.resolve(inc.incidentId(), e.timestamp())) {
                    recorder.record(JournalCodec.escalationEnded(inc, "incident resolved"), now);
                }
                java.util.Set<Recipient> who = pagedRecipients.remove(inc.incidentId());
                if (paged != null && who != null) {
                    for (Recipient r : who) {
                        submit(notification(inc, null, EventKind.RESOLVED, 0, r, now), now);
                    }
                }
            }
            case ACKNOWLEDGED -> {
                if (escalator != null && escalator.acknowledge(inc.incidentId(), e.timestamp())) {
                    recordEscalation(inc, now, "acknowledged: paging stops");
                }
                // Nobody is paged after an acknowledgement: pages still queued or between retries are withdrawn.
                withdraw(inc.incidentId(), "incident acknowledged", now);
            }
            case REOPENED -> page(inc, now, true);
            default -> page(inc, now, false);
        }
        refreshEscalationDue();
    }

    private void refreshEscalationDue() {
        if (escalator != null) {
            escalationDueAt = escalator.nextDue().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        }
    }

    /** An alert that needs a person again without changing its incident's state (a silence ended). */
    void onAlert(AlertEvent e, Function<String, Incident> incident) {
        if (e.type() == AlertEventType.UNSUPPRESSED && e.alert().incidentId() != null) {
            Incident inc = incident.apply(e.alert().incidentId());
            if (inc != null) {
                page(inc, e.timestamp().toEpochMilli(), false);
                refreshEscalationDue();
            }
        }
    }

    /**
     * Pages for the incident's most severe alert that needs a person (active, not acknowledged, not
     * suppressed). Without escalation: the first time, when its severity rises above the severity
     * last paged, or when it reopens; a fall lowers that mark, so a later rise pages again. With
     * escalation the escalator decides, and hears of every change of that alert or its severity
     * (a fall as well as a rise, so later pages carry the current severity and an alert id that is
     * still active), of a reopening, and of a condition it has not paged about (which pages level
     * 1 again once the chain has run out).
     */
    private void page(Incident inc, long now, boolean reopened) {
        Alert subject = null;
        Map<String, Severity> needing = new LinkedHashMap<>();
        for (String id : inc.activeAlertIds()) {
            Alert a = activeAlert.apply(id);
            if (a == null || a.state() == AlertState.ACKNOWLEDGED || a.isSuppressed()) {
                continue;
            }
            // Shown, not paged (the policy's choice: the default's low technical alerts): as if it needed nobody.
            if (policy != null && !policy.pages(subject(inc, a))) {
                continue;
            }
            needing.put(a.alertId(), a.severity());
            if (subject == null || a.severity().isAbove(subject.severity())
                    || (a.severity() == subject.severity() && a.alertId().equals(inc.headlineAlertId()))) {
                subject = a;
            }
        }
        if (subject == null) {
            return;
        }
        Severity last = pagedAt.get(inc.incidentId());
        java.util.Set<String> known = announced.computeIfAbsent(inc.incidentId(), k -> new java.util.HashSet<>());
        // The most severe alert needing a person that this incident's escalation has not seen: a new condition.
        Severity newConditionSeverity = null;
        for (Map.Entry<String, Severity> n : needing.entrySet()) {
            if (!known.contains(n.getKey()) && (newConditionSeverity == null || n.getValue().isAbove(newConditionSeverity))) {
                newConditionSeverity = n.getValue();
            }
        }
        boolean newCondition = last != null && newConditionSeverity != null;
        known.addAll(needing.keySet());
        pagedAt.put(inc.incidentId(), subject.severity());
        patientOfIncident.put(inc.incidentId(), inc.patientId());
        if (escalator == null) {
            if (last != null && !reopened && !subject.severity().isAbove(last)) {
                return;
            }
            EventKind kind = last == null || reopened ? EventKind.RAISED : EventKind.ESCALATED;
            for (Recipient r : paging.recipients()) {
                pagedRecipients.computeIfAbsent(inc.incidentId(), k -> new java.util.LinkedHashSet<>()).add(r);
                submit(notification(inc, subject, kind, 1, r, now), now);
            }
            return;
        }
        Instant t = Instant.ofEpochMilli(now);
        EscalationSubject view = subject(inc, subject);
        String reason;
        if (last == null) {
            deliver(escalator.start(view, policy, t), now);
            reason = "started";
        } else {
            EscalationSubject before = escalator.subject(inc.incidentId()).orElse(null);
            boolean viewChanged = !view.equals(before);
            if (!viewChanged && !reopened && !newCondition) {
                return;
            }
            if (reopened) {
                // The view first (a rise above what level 1 heard overrides the acknowledgement: a restart at
                // level 1), then the reopening if it is still acknowledged.
                escalator.severityChanged(view, t);
                deliver(escalator.reopen(inc.incidentId(), t), now);
            } else if (newCondition) {
                // Before any severity change: whether the chain had run out decides whether level 1 hears of it.
                deliver(escalator.newCondition(view, newConditionSeverity, t), now);
            } else {
                escalator.severityChanged(view, t);
            }
            // Whatever is due now pages now: a shrunk wait, a restart at level 1.
            deliver(escalator.advance(t), now);
            reason = reopened ? "reopened" : newCondition ? "new condition" : before != null
                    && before.severity() != view.severity() ? "severity " + view.severity().wireName() : "headline "
                    + view.alertId();
        }
        recordEscalation(inc, now, reason);
    }

    private EscalationSubject subject(Incident inc, Alert a) {
        com.nexussaude.monitor.PatientContext ctx = patientContext.apply(inc.patientId());
        return EscalationSubject.builder().incidentId(inc.incidentId()).alertId(a.alertId()).patientId(inc.patientId())
                .patientName(ctx == null ? null : ctx.name()).ward(ctx == null ? null : ctx.ward())
                .bed(ctx == null ? null : ctx.bed()).ruleId(a.ruleId()).severity(a.severity()).category(a.category())
                .headline(a.message()).openedAt(inc.openedAt()).build();
    }

    /** Submits an escalation's pages and sends its coverage gaps to the front. */
    private void deliver(EscalationOutcome out, long now) {
        for (Notification n : out.notifications()) {
            pagedRecipients.computeIfAbsent(n.incidentId(), k -> new java.util.LinkedHashSet<>()).add(n.recipient());
            submit(n, now);
        }
        for (CoverageGap gap : out.gaps()) {
            feedback.offer(new Feedback.CoverageGap(gap));
        }
    }

    private void recordEscalation(Incident inc, long now, String reason) {
        recordEscalation(inc.incidentId(), inc.patientId(), inc.headlineAlertId(), now, reason);
    }

    private void recordEscalation(String incidentId, String patientId, String alertId, long now, String reason) {
        if (!recorder.enabled()) {
            return;
        }
        for (Map<String, Object> state : escalator.exportState()) {
            if (incidentId.equals(state.get("incident_id"))) {
                recorder.record(JournalCodec.escalationState(incidentId, patientId, alertId, reason, state), now);
            }
        }
    }

    static final java.time.Duration AUDIT_GRACE = java.time.Duration.ofMinutes(1);

    /** The patient of a paged open incident, or null. */
    public String patientOf(String incidentId) {
        return patientOfIncident.get(incidentId);
    }

    private Notification notification(Incident inc, Alert subject, EventKind kind, int level, Recipient r, long now) {
        com.nexussaude.monitor.PatientContext ctx = patientContext.apply(inc.patientId());
        return Notification.builder()
                    .alertId(subject != null ? subject.alertId() : inc.headlineAlertId())
                    .incidentId(inc.incidentId())
                    .patientId(inc.patientId())
                    .patientName(ctx == null ? null : ctx.name())
                    .ward(ctx == null ? null : ctx.ward())
                    .bed(ctx == null ? null : ctx.bed())
                    .ruleId(subject != null ? subject.ruleId() : "incident")
                    .severity(subject != null ? subject.severity() : inc.severity())
                    .category(subject != null ? subject.category() : com.nexussaude.monitor.notify.Category.PHYSIOLOGICAL)
                    .event(kind)
                    .escalationLevel(level)
                    .timestamp(Instant.ofEpochMilli(now))
                    .message(subject != null ? subject.message()
                            : "resolved: " + Objects.requireNonNullElse(inc.headline(), "all alerts resolved"))
                    .evidence(subject != null ? text(subject.evidence()) : Map.of())
                    .recipient(r)
                    .content(Content.none())
                    .build();
    }

    private void submit(Notification n, long now) {
        pending.put(n.idempotencyKey(), n);
        if (recorder.enabled()) {
            recorder.record(JournalCodec.pageSubmitted(n), now);
        }
        send(n, now);
    }

    /** Hands a page to the dispatcher: at once (live), or after the engine lock is released (event time). */
    private void send(Notification n, long now) {
        if (live) {
            dispatcher.submit(n);
        } else {
            queued.add(new Work(now, () -> dispatcher.submit(n)));
        }
    }

    private static Map<String, String> text(Map<String, Object> evidence) {
        Map<String, String> m = new LinkedHashMap<>();
        evidence.forEach((k, v) -> {
            if (v != null) {
                m.put(k, String.valueOf(v));
            }
        });
        return m;
    }

    // ---- delivery ---------------------------------------------------------------------------------

    private void withdraw(String incidentId, String reason, long now) {
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
    public void deliverQueued() {
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
    public boolean eventTime() {
        return !live;
    }

    /**
     * Event time: the monitor time of the dispatcher work being performed, for stamping its outcomes; empty
     * before any work ran.
     */
    public java.util.OptionalLong workTime() {
        return workTime;
    }

    public void onCancelled(Notification n, String channel, String reason, long now) {
        pending.remove(n.idempotencyKey());
        recorder.record(JournalCodec.pageCancelled(n, channel, reason), now);
    }

    public void onAttempt(DeliveryAttempt a, long now) {
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
    public void onDeadLetter(DeadLetter d, long now) {
        if (closing) {
            return;
        }
        Notification n = d.notification();
        pending.remove(n.idempotencyKey());
        recorder.record(JournalCodec.pageDeadLetter(d), now);
        feedback.offer(new Feedback.DeadLetter(d));
    }

    /** When the next escalation step is due (epoch ms), {@code Long.MAX_VALUE} if none: the engine's clock stops there. */
    public long nextEscalationAt() {
        return escalationDueAt;
    }

    /** Event time: lets the dispatcher run its queued deliveries and the retries due by {@code now}. */
    public void runDue(long now) {
        // The earliest escalation due time is kept in a field: this runs for every observation.
        if (escalator != null && now >= escalationDueAt) {
            Instant t = Instant.ofEpochMilli(now);
            if (live && now - escalationDueAt > AUDIT_GRACE.toMillis()) {
                // The auditor (OnCall's lesson: escalations stall silently). The ticker advances every second,
                // so a level still pending a minute after its time means the monitor was stalled (a long GC
                // pause, a suspended host): page it now, and say so.
                for (OverdueEscalation late : escalator.overdue(t, AUDIT_GRACE)) {
                    feedback.offer(new Feedback.OverdueEscalation(late));
                }
            }
            EscalationOutcome out = escalator.advance(t);
            deliver(out, now);
            out.pages().stream().map(EscalationPage::incidentId).distinct().forEach(id -> {
                Notification first = out.notifications().stream().filter(n -> id.equals(n.incidentId())).findFirst()
                        .orElse(null);
                recordEscalation(id, first == null ? null : first.patientId(), first == null ? null : first.alertId(),
                        now, "waited: next level");
            });
            refreshEscalationDue();
        }
        if (manual != null) {
            queued.add(new Work(now, manual::runReady));
        }
    }

    public int pendingCount() {
        return pending.size();
    }

    // ---- recovery ---------------------------------------------------------------------------------

    /**
     * Rebuilds what was paged for the open incidents, and keeps the pages submitted before a restart and
     * never delivered nor given up for {@link #resubmitRestored}; journals nothing and submits nothing.
     */
    public void restore(JournalRestore restored, List<Incident> openIncidents) {
        Map<String, Map<String, Object>> submitted = restored.pendingPages;
        Map<String, Map<String, Object>> allSubmitted = restored.pages;
        Map<String, Severity> paged = restored.pagedAt;
        for (Incident i : openIncidents) {
            Severity s = paged.get(i.incidentId());
            if (s != null) {
                pagedAt.put(i.incidentId(), s);
                patientOfIncident.put(i.incidentId(), i.patientId());
                // What was active at the restart was part of the incident as it escalated: not new.
                announced.put(i.incidentId(), new java.util.HashSet<>(i.activeAlertIds()));
            }
        }
        if (escalator != null) {
            Map<String, Map<String, Object>> states = new LinkedHashMap<>(restored.escalations);
            java.util.Set<String> open = new java.util.HashSet<>();
            openIncidents.forEach(i -> open.add(i.incidentId()));
            states.keySet().retainAll(open);
            escalator.restore(states.values());
            refreshEscalationDue();
        }
        for (Map<String, Object> m : allSubmitted.values()) {
            // Resolved pages go to everyone paged: remember who, from the pages of the restored incidents.
            String inc = JournalCodec.pageIncidentId(m);
            if (inc != null && pagedAt.containsKey(inc) && JournalCodec.asksForResponse(m)) {
                pagedRecipients.computeIfAbsent(inc, k -> new java.util.LinkedHashSet<>()).add(decode(m).recipient());
            }
        }
        List<Notification> again = new ArrayList<>();
        for (Map<String, Object> m : submitted.values()) {
            again.add(decode(m));
        }
        again.sort(Comparator.comparing(Notification::timestamp));
        restoredPending = again;
        // Counted as pending from the start: they are owed whatever happens before the clock resubmits them.
        again.forEach(n -> pending.put(n.idempotencyKey(), n));
    }

    /**
     * Pages pending when the previous run stopped go out again (same idempotency key: at least once),
     * journalled as resubmitted at {@code now}, the restarted monitor's clock. Once, under the engine
     * lock, when the clock first has a time (a live monitor at its start, an event-time one at its first
     * move): so their journal records and their delivery outcomes never race, and none is stamped 1970.
     */
    public void resubmitRestored(long now) {
        List<Notification> again = restoredPending;
        restoredPending = List.of();
        for (Notification n : again) {
            recorder.record(JournalCodec.pageResubmitted(n), now);
            send(n, now);
        }
    }

    /** The recipient of this id and channel that the resolver gives for a target, or null (also if it fails). */
    private Recipient resolvedAs(com.nexussaude.monitor.notify.escalation.EscalationTarget target, EscalationSubject subject,
                                 Instant at, String id, String channel) {
        try {
            for (Recipient r : paging.resolver().resolve(target, subject, at)) {
                if (r.id().equals(id) && r.contact().channel().equals(channel)) {
                    return r;
                }
            }
        } catch (RuntimeException e) {
            // Not this kind of target (an unknown person or role): the caller tries the next.
        }
        return null;
    }

    /**
     * The recipient of a journalled page: its address from the paging configuration (the fixed
     * recipient with that id and channel, else the resolver's contact points for the person with
     * that id). Journals written before addresses were left out still carry one. A recipient whose
     * address cannot be found gets none: the channel then fails the page, whose dead letter raises
     * the notification-failed technical alert, so the page is reported rather than lost.
     */
    private Recipient recipientOf(JournalCodec.JournalledPage m) {
        Notification.Builder page = m.page();
        String id = m.recipientId();
        String name = m.recipientName();
        String channel = m.channel();
        if (m.address() != null) {
            return new Recipient(id, name, ContactPoint.of(channel, m.address()));
        }
        for (Recipient r : paging.recipients()) {
            if (r.id().equals(id) && r.contact().channel().equals(channel)) {
                return r;
            }
        }
        if (paging.resolver() != null) {
            try {
                Notification n = page.recipient(new Recipient(id, name, ContactPoint.of(channel, ""))).build();
                EscalationSubject subject = EscalationSubject.builder().incidentId(n.incidentId() != null ? n.incidentId() : n.alertId())
                        .alertId(n.alertId()).patientId(n.patientId()).ward(n.ward()).ruleId(n.ruleId()).severity(n.severity())
                        .category(n.category()).headline(n.message()).openedAt(n.timestamp()).build();
                // The id is a person's, or a role's (a bedside nurse paged as the role): its address is the
                // roster's, so a restored page, and the resolved notice to whoever was paged, keep their key.
                for (com.nexussaude.monitor.notify.escalation.EscalationTarget target : List.of(
                        com.nexussaude.monitor.notify.escalation.EscalationTarget.person(id),
                        com.nexussaude.monitor.notify.escalation.EscalationTarget.role(id))) {
                    Recipient found = resolvedAs(target, subject, n.timestamp(), id, channel);
                    if (found != null) {
                        return found;
                    }
                }
            } catch (RuntimeException e) {
                // A resolver that fails leaves the address unknown: reported below, never thrown out of restore.
            }
        }
        return new Recipient(id, name, ContactPoint.of(channel, ""));
    }

    /** A journalled page with its recipient's address found again. */
    private Notification decode(Map<String, Object> m) {
        JournalCodec.JournalledPage page = JournalCodec.page(m);
        return page.page().recipient(recipientOf(page)).build();
    }

    /** Stops delivery; pages not yet delivered remain pending in the journal for the next run. */
    public void close() {
        closing = true;
        dispatcher.close();
        scheduler.close();
    }
}
