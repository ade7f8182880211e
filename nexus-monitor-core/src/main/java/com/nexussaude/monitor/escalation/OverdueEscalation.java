package com.nexussaude.monitor.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An escalation whose next step should have happened but has not: the escalator was not advanced
 * in time (a stopped timer, a stalled thread). The host should raise a technical alert and advance
 * the escalator; stalled escalations are the failure Grafana OnCall's escalation auditor exists for.
 *
 * @param incidentId the incident
 * @param state      escalating (a level is overdue) or acknowledged (a lapsed acknowledgement is)
 * @param level      the level last paged
 * @param repeat     its pass
 * @param dueAt      when the next step was due
 * @param overdueBy  how long ago that was
 * @since 0.1
 */
public record OverdueEscalation(String incidentId, EscalationStatus.State state, int level, int repeat, Instant dueAt,
                                Duration overdueBy) {

    /**
     * Checks the components.
     *
     * @param incidentId the incident
     * @param state escalating (a level is overdue) or acknowledged (a lapsed acknowledgement is)
     * @param level the level last paged
     * @param repeat its pass
     * @param dueAt when the next step was due
     * @param overdueBy how long ago that was
     */
    public OverdueEscalation {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(overdueBy, "overdueBy");
    }
}
