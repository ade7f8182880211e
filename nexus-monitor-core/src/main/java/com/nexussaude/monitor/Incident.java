package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A patient's concurrent alerts, grouped so that a deteriorating patient pages once, not once per
 * rule. An incident opens with the patient's first active alert, takes in every alert raised while
 * it is open, and resolves when all of them have resolved.
 *
 * <p>The headline is the most severe active alert; among equally severe ones the most specific (a
 * rule combining several vitals, such as {@code shock-pattern} or {@code news2}, before a
 * single-parameter rule, and physiological before technical), then the earliest. So a shock-pattern
 * alert heads the incident that also holds the heart-rate and blood-pressure alerts it explains.
 *
 * @param incidentId  stable id
 * @param patientId   the patient
 * @param state       OPEN, ACKNOWLEDGED (every active alert is acknowledged) or RESOLVED
 * @param severity    the headline's severity
 * @param headlineAlertId the headline alert
 * @param headline    the headline alert's message
 * @param alertIds    every alert the incident has held, in the order they joined
 * @param activeAlertIds the ones still active
 * @param openedAt    when it opened
 * @param resolvedAt  when it resolved, or {@code null}
 * @since 0.1
 */
public record Incident(String incidentId, String patientId, State state, Severity severity, String headlineAlertId,
                       String headline, List<String> alertIds, List<String> activeAlertIds, Instant openedAt,
                       Instant resolvedAt) {

    /** Incident states. */
    public enum State {
        /** At least one active alert of the incident is not acknowledged. */
        OPEN,
        /** Every active alert of the incident is acknowledged. */
        ACKNOWLEDGED,
        /** Every alert of the incident is resolved. */
        RESOLVED
    }

    /**
     * Copies the lists of alert ids.
     *
     * @param incidentId stable id
     * @param patientId the patient
     * @param state OPEN, ACKNOWLEDGED (every active alert is acknowledged) or RESOLVED
     * @param severity the headline's severity
     * @param headlineAlertId the headline alert
     * @param headline the headline alert's message
     * @param alertIds every alert the incident has held, in the order they joined
     * @param activeAlertIds the ones still active
     * @param openedAt when it opened
     * @param resolvedAt when it resolved, or {@code null}
     */
    public Incident {
        alertIds = List.copyOf(alertIds);
        activeAlertIds = List.copyOf(activeAlertIds);
    }
}
