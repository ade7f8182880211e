package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one escalation stands.
 *
 * @param incidentId     the incident
 * @param state          escalating, acknowledged or exhausted
 * @param severity       the incident's severity as the escalator last heard it
 * @param level          the level last paged, from 1
 * @param repeat         the pass of the chain of that level, from 0
 * @param round          how many times it has escalated again after an acknowledgement lapsed
 * @param pagedAt        when that level was paged
 * @param nextDue        when the escalator next has something to do for it: the next level, or
 *                       the end of the acknowledgement; empty if nothing is pending
 * @param acknowledgedAt when it was acknowledged, if it is
 * @param policy         the name of the policy snapshotted when it started
 * @since 0.1
 */
public record EscalationStatus(String incidentId, State state, Severity severity, int level, int repeat, int round,
                               Instant pagedAt, Optional<Instant> nextDue, Optional<Instant> acknowledgedAt,
                               String policy) {

    /**
     * Checks the components.
     *
     * @param incidentId the incident
     * @param state escalating, acknowledged or exhausted
     * @param severity the incident's severity as the escalator last heard it
     * @param level the level last paged, from 1
     * @param repeat the pass of the chain of that level, from 0
     * @param round how many times it has escalated again after an acknowledgement lapsed
     * @param pagedAt when that level was paged
     * @param nextDue when the escalator next has something to do for it: the next level, or the end of the
     *     acknowledgement; empty if nothing is pending
     * @param acknowledgedAt when it was acknowledged, if it is
     * @param policy the name of the policy snapshotted when it started
     */
    public EscalationStatus {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pagedAt, "pagedAt");
        Objects.requireNonNull(nextDue, "nextDue");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
        Objects.requireNonNull(policy, "policy");
    }

    /** The states of an escalation; a resolved incident has no escalation any more. */
    public enum State {
        /** Paging: the next level is due at {@code nextDue}. */
        ESCALATING,
        /**
         * Somebody acknowledged: nothing is paged. If the policy has an acknowledgement timeout
         * for the severity, it escalates again at {@code nextDue}.
         */
        ACKNOWLEDGED,
        /**
         * Every step of the chain has been paged and nobody acknowledged: nothing more is due.
         * It is kept until the incident is acknowledged or resolved, and escalates again if the
         * severity rises to one whose chain goes further.
         */
        EXHAUSTED;

        /**
         * The lower-case wire name, as exported.
         *
         * @return the lower-case wire name, as exported
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
