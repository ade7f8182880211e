package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * An immutable snapshot of one alert: at most one alert is active per patient, rule and key.
 *
 * @param alertId         stable id, unique within a monitor and its journal
 * @param patientId       the patient
 * @param ruleId          the rule that raised it (the {@code ruleId} of its signals)
 * @param key             the rule's key for this alert (for the threshold pack, the vital), or empty
 * @param severity        current severity: the highest signalled while active
 * @param category        physiological or technical
 * @param message         the latest signal's message
 * @param evidence        the latest signal's evidence (values, limits, durations)
 * @param state           the lifecycle state
 * @param raisedAt        when it opened (monitor clock)
 * @param lastSeenAt      when its rule last signalled it
 * @param signalCount     how many signals it absorbed
 * @param resolvedAt      when it resolved, or {@code null}
 * @param resolution      why it resolved ({@code "cleared"}, {@code "stale: …"}, {@code "discharged"},
 *                        {@code "settled"}, {@code "manual"}, {@code "released"}: a technical alert about the
 *                        feed of a patient released for sending nothing, see
 *                        {@link VitalMonitor.Builder#idlePatientRelease}), or {@code null}
 * @param incidentId      the patient's incident this alert belongs to
 * @param worstValue      the worst {@code value} in its signals' evidence (the farthest from the
 *                        evidence's {@code limit}, at the highest severity), or {@code null} if its
 *                        rule reports no value
 * @param acknowledgement who acknowledged it, or {@code null}
 * @param suppression     the silence or inhibition holding back its notification, or {@code null}
 * @param clearingSince   since when its rule reports the condition clear (it resolves after the
 *                        resolve hold unless signalled again), or {@code null}
 * @since 0.1
 */
public record Alert(
        String alertId,
        String patientId,
        String ruleId,
        String key,
        Severity severity,
        Category category,
        String message,
        Map<String, Object> evidence,
        AlertState state,
        Instant raisedAt,
        Instant lastSeenAt,
        long signalCount,
        Instant resolvedAt,
        String resolution,
        String incidentId,
        Double worstValue,
        Acknowledgement acknowledgement,
        Suppression suppression,
        Instant clearingSince) {

    /**
     * Copies the evidence, keeping its order; a null evidence map becomes empty.
     *
     * @param alertId stable id, unique within a monitor and its journal
     * @param patientId the patient
     * @param ruleId the rule that raised it (the {@code ruleId} of its signals)
     * @param key the rule's key for this alert (for the threshold pack, the vital), or empty
     * @param severity current severity: the highest signalled while active
     * @param category physiological or technical
     * @param message the latest signal's message
     * @param evidence the latest signal's evidence (values, limits, durations)
     * @param state the lifecycle state
     * @param raisedAt when it opened (monitor clock)
     * @param lastSeenAt when its rule last signalled it
     * @param signalCount how many signals it absorbed
     * @param resolvedAt when it resolved, or {@code null}
     * @param resolution why it resolved ({@code "cleared"}, {@code "stale: …"}, {@code "discharged"},
     *     {@code "settled"}, {@code "manual"}), or {@code null}
     * @param incidentId the patient's incident this alert belongs to
     * @param worstValue the worst {@code value} in its signals' evidence (the farthest from the evidence's
     *     {@code limit}, at the highest severity), or {@code null} if its rule reports no value
     * @param acknowledgement who acknowledged it, or {@code null}
     * @param suppression the silence or inhibition holding back its notification, or {@code null}
     * @param clearingSince since when its rule reports the condition clear (it resolves after the resolve
     *     hold unless signalled again), or {@code null}
     */
    public Alert {
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(EvidenceMap.copyOf(evidence));
    }

    /**
     * True while the alert is not resolved.
     *
     * @return true while the alert is not resolved
     */
    public boolean isActive() {
        return state.isActive();
    }

    /**
     * True if a silence or an inhibition holds back its notification.
     *
     * @return true if a silence or an inhibition holds back its notification
     */
    public boolean isSuppressed() {
        return suppression != null;
    }
}
