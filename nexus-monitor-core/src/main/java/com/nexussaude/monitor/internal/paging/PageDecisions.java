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
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.ingest.Feedback;
import com.nexussaude.monitor.internal.ingest.FeedbackQueue;
import com.nexussaude.monitor.internal.journal.JournalCodec;

/**
 * What pages: turns an incident's changes (and an alert that needs a person again) into pages, for the fixed
 * recipients or through the escalator, builds each notification, journals every escalation step, and advances
 * the escalations that fall due, sending coverage gaps and overdue escalations to the front. Hands every page
 * to {@link PageDelivery}.
 *
 * <p>Threads: everything here runs on the engine thread under the engine lock, called through {@link Notifier};
 * no channel is called from here. What {@link RestartRecovery} rebuilds at a restart it writes into this class's
 * maps while the engine is built, before the first reading.
 */
final class PageDecisions {
    private final Paging paging;
    private final AlertBook.Recorder recorder;
    private final Function<String, Alert> activeAlert;
    /** The registered context of a patient, or null: ward, bed and name for every page. */
    private final Function<String, com.nexussaude.monitor.PatientContext> patientContext;
    /** Severity last paged per open incident; absent = never paged. */
    final Map<String, Severity> pagedAt = new HashMap<>();
    /** With an escalation policy: the escalations of the open incidents; else null (fixed recipients). */
    final Escalator escalator;
    private final EscalationPolicy policy;
    /** The alerts needing a person that each open incident's escalation has seen; another one is a new condition. */
    final Map<String, java.util.Set<String>> announced = new HashMap<>();
    /** Who was paged for each open incident, for its resolved page. */
    final Map<String, java.util.Set<Recipient>> pagedRecipients = new HashMap<>();
    /**
     * Where paging's feedback enters the pipeline (coverage gaps, overdue escalations, dead letters): the front's
     * queue, which the engine drains into technical alerts, outside the lifecycle call that found them.
     */
    private final FeedbackQueue feedback;
    /** The patient of each paged open incident, to raise its coverage gaps on. */
    final Map<String, String> patientOfIncident = new HashMap<>();
    /** Where every page goes: journalled as submitted and handed to the dispatcher, or withdrawn. */
    private final PageDelivery delivery;
    /** {@code escalator.nextDue()} in epoch ms, {@code Long.MAX_VALUE} if nothing is pending. */
    private long escalationDueAt = Long.MAX_VALUE;

    PageDecisions(Paging paging, AlertBook.Recorder recorder, Function<String, Alert> activeAlert,
                  Function<String, com.nexussaude.monitor.PatientContext> patientContext, FeedbackQueue feedback,
                  PageDelivery delivery) {
        this.paging = paging;
        this.feedback = feedback;
        this.recorder = recorder;
        this.activeAlert = activeAlert;
        this.patientContext = patientContext;
        this.delivery = delivery;
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

    void onIncident(IncidentEvent e) {
        Incident inc = e.incident();
        long now = e.timestamp().toEpochMilli();
        switch (e.type()) {
            case RESOLVED -> {
                delivery.withdraw(inc.incidentId(), "incident resolved", now);
                Severity paged = pagedAt.remove(inc.incidentId());
                patientOfIncident.remove(inc.incidentId());
                announced.remove(inc.incidentId());
                if (escalator != null && escalator.resolve(inc.incidentId(), e.timestamp())) {
                    recorder.record(JournalCodec.escalationEnded(inc, "incident resolved"), now);
                }
                java.util.Set<Recipient> who = pagedRecipients.remove(inc.incidentId());
                if (paged != null && who != null) {
                    for (Recipient r : who) {
                        delivery.submit(notification(inc, null, EventKind.RESOLVED, 0, r, now), now);
                    }
                }
            }
            case ACKNOWLEDGED -> {
                if (escalator != null && escalator.acknowledge(inc.incidentId(), e.timestamp())) {
                    recordEscalation(inc, now, "acknowledged: paging stops");
                }
                // Nobody is paged after an acknowledgement: pages still queued or between retries are withdrawn.
                delivery.withdraw(inc.incidentId(), "incident acknowledged", now);
            }
            case REOPENED -> page(inc, now, true);
            default -> page(inc, now, false);
        }
        refreshEscalationDue();
    }

    void refreshEscalationDue() {
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
                delivery.submit(notification(inc, subject, kind, 1, r, now), now);
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
            delivery.submit(n, now);
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
    String patientOf(String incidentId) {
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

    private static Map<String, String> text(Map<String, Object> evidence) {
        Map<String, String> m = new LinkedHashMap<>();
        evidence.forEach((k, v) -> {
            if (v != null) {
                m.put(k, String.valueOf(v));
            }
        });
        return m;
    }

    /** When the next escalation step is due (epoch ms), {@code Long.MAX_VALUE} if none: the engine's clock stops there. */
    long nextEscalationAt() {
        return escalationDueAt;
    }

    /**
     * Advances the escalations due by {@code now}: pages their next levels and journals each step; a live
     * monitor also reports the levels it reached more than {@link #AUDIT_GRACE} late.
     */
    void escalateDue(long now) {
        // The earliest escalation due time is kept in a field: this runs for every observation.
        if (escalator != null && now >= escalationDueAt) {
            Instant t = Instant.ofEpochMilli(now);
            if (delivery.live && now - escalationDueAt > AUDIT_GRACE.toMillis()) {
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
    }
}
