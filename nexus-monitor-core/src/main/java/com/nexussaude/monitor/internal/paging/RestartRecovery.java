package com.nexussaude.monitor.internal.paging;

import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.journal.JournalCodec;
import com.nexussaude.monitor.internal.journal.JournalRestore;

/**
 * Restart recovery: rebuilds from the journal what was paged for the open incidents and their escalations
 * (into {@link PageDecisions}), decodes the pages a previous run left pending, finding each recipient's address
 * again, and resubmits them once the clock has a time (through {@link PageDelivery}).
 *
 * <p>Threads: {@link #restore} runs once while the engine is built, before any reading; {@link #resubmitRestored}
 * on the engine thread under the engine lock, at the clock's first time.
 */
final class RestartRecovery {
    private final Paging paging;
    private final AlertBook.Recorder recorder;
    /** What was paged per open incident, and the escalations: rebuilt here. */
    private final PageDecisions decisions;
    /** The pages owed: the restored pending pages join them. */
    private final PageDelivery delivery;

    RestartRecovery(Paging paging, AlertBook.Recorder recorder, PageDecisions decisions, PageDelivery delivery) {
        this.paging = paging;
        this.recorder = recorder;
        this.decisions = decisions;
        this.delivery = delivery;
    }

    /**
     * Rebuilds what was paged for the open incidents, and keeps the pages submitted before a restart and
     * never delivered nor given up for {@link #resubmitRestored}; journals nothing and submits nothing.
     */
    void restore(JournalRestore restored, List<Incident> openIncidents) {
        Map<String, Map<String, Object>> submitted = restored.pendingPages;
        Map<String, Map<String, Object>> allSubmitted = restored.pages;
        Map<String, Severity> paged = restored.pagedAt;
        for (Incident i : openIncidents) {
            Severity s = paged.get(i.incidentId());
            if (s != null) {
                decisions.pagedAt.put(i.incidentId(), s);
                decisions.patientOfIncident.put(i.incidentId(), i.patientId());
                // What was active at the restart was part of the incident as it escalated: not new.
                decisions.announced.put(i.incidentId(), new java.util.HashSet<>(i.activeAlertIds()));
            }
        }
        if (decisions.escalator != null) {
            Map<String, Map<String, Object>> states = new LinkedHashMap<>(restored.escalations);
            java.util.Set<String> open = new java.util.HashSet<>();
            openIncidents.forEach(i -> open.add(i.incidentId()));
            states.keySet().retainAll(open);
            decisions.escalator.restore(states.values());
            decisions.refreshEscalationDue();
        }
        for (Map<String, Object> m : allSubmitted.values()) {
            // Resolved pages go to everyone paged: remember who, from the pages of the restored incidents.
            String inc = JournalCodec.pageIncidentId(m);
            if (inc != null && decisions.pagedAt.containsKey(inc) && JournalCodec.asksForResponse(m)) {
                decisions.pagedRecipients.computeIfAbsent(inc, k -> new java.util.LinkedHashSet<>()).add(decode(m).recipient());
            }
        }
        List<Notification> again = new ArrayList<>();
        for (Map<String, Object> m : submitted.values()) {
            again.add(decode(m));
        }
        again.sort(Comparator.comparing(Notification::timestamp));
        delivery.restoredPending = again;
        // Counted as pending from the start: they are owed whatever happens before the clock resubmits them.
        again.forEach(n -> delivery.pending.put(n.idempotencyKey(), n));
    }

    /**
     * Pages pending when the previous run stopped go out again (same idempotency key: at least once),
     * journalled as resubmitted at {@code now}, the restarted monitor's clock. Once, under the engine
     * lock, when the clock first has a time (a live monitor at its start, an event-time one at its first
     * move): so their journal records and their delivery outcomes never race, and none is stamped 1970.
     */
    void resubmitRestored(long now) {
        List<Notification> again = delivery.restoredPending;
        delivery.restoredPending = List.of();
        for (Notification n : again) {
            recorder.record(JournalCodec.pageResubmitted(n), now);
            delivery.send(n, now);
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
}
