package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable snapshot of one alert: at most one alert is open per patient, rule and key.
 *
 * @param alertId     stable id, unique within a monitor
 * @param patientId   the patient
 * @param ruleId      the rule that raised it (the {@code ruleId} of its signals)
 * @param key         the rule's key for this alert (for the threshold pack, the vital), or empty
 * @param severity    current severity
 * @param category    physiological or technical
 * @param message     the latest signal's message
 * @param evidence    the latest signal's evidence (values, limits, durations)
 * @param state       the lifecycle state
 * @param raisedAt    when it opened (monitor clock)
 * @param lastSeenAt  when its rule last signalled it
 * @param signalCount how many signals it absorbed
 * @param resolvedAt  when it resolved, or {@code null}
 * @param resolution  why it resolved ({@code "cleared"}, {@code "stale"}, …), or {@code null}
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
        String resolution) {

    public Alert {
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }
}
