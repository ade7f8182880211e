package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.Notification;
import java.time.Instant;
import java.util.Objects;

/**
 * One notification an escalation sends, with where in the escalation it belongs.
 *
 * @param incidentId   the escalated incident
 * @param level        the level paged, from 1 (also {@link Notification#escalationLevel()})
 * @param repeat       the pass of the chain, from 0
 * @param round        0 for the escalation that started with the incident, then one more for
 *                     each time it escalated again after an acknowledgement lapsed
 * @param dueAt        when the page was due; before the notification's timestamp if the escalator
 *                     was advanced late (after a restart, say)
 * @param notification what to send; its idempotency key is the same for the same incident,
 *                     round, level, repeat, recipient and contact point, so a page re-created after
 *                     a restart is recognised as a duplicate by receivers that deduplicate
 * @since 0.1
 */
public record EscalationPage(String incidentId, int level, int repeat, int round, Instant dueAt,
                             Notification notification) {

    /**
     * Checks the components.
     *
     * @param incidentId the escalated incident
     * @param level the level paged, from 1 (also {@link Notification#escalationLevel()})
     * @param repeat the pass of the chain, from 0
     * @param round 0 for the escalation that started with the incident, then one more for each time it
     *     escalated again after an acknowledgement lapsed
     * @param dueAt when the page was due; before the notification's timestamp if the escalator was advanced
     *     late (after a restart, say)
     * @param notification what to send; its idempotency key is the same for the same incident, round, level,
     *     repeat, recipient and contact point, so a page re-created after a restart is recognised as a duplicate
     *     by receivers that deduplicate
     */
    public EscalationPage {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(notification, "notification");
    }
}
