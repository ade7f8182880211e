package com.nexussaude.monitor.internal.journal;

import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.IncidentEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of record the monitor writes to its journal, with its wire name (the record's {@code type})
 * and the fields its {@code data} may hold. The one vocabulary of the journal: {@link JournalCodec} writes
 * and reads each kind, {@link JournalRestore} restores from them, and {@code JOURNAL.md} documents each one
 * with its fields ({@code RecordKindDocsTest} fails when a kind or a field is missing there). Not API.
 */
public enum RecordKind {
    ALERT_RAISED(AlertEventType.RAISED),
    ALERT_UPDATED(AlertEventType.UPDATED),
    ALERT_SEVERITY_CHANGED(AlertEventType.SEVERITY_CHANGED),
    ALERT_ACKNOWLEDGED(AlertEventType.ACKNOWLEDGED),
    ALERT_ACK_EXPIRED(AlertEventType.ACK_EXPIRED),
    ALERT_SUPPRESSED(AlertEventType.SUPPRESSED),
    ALERT_UNSUPPRESSED(AlertEventType.UNSUPPRESSED),
    ALERT_RESOLVED(AlertEventType.RESOLVED),
    INCIDENT_OPENED(IncidentEvent.Type.OPENED),
    INCIDENT_ESCALATED(IncidentEvent.Type.ESCALATED),
    INCIDENT_UPDATED(IncidentEvent.Type.UPDATED),
    INCIDENT_ACKNOWLEDGED(IncidentEvent.Type.ACKNOWLEDGED),
    INCIDENT_REOPENED(IncidentEvent.Type.REOPENED),
    INCIDENT_RESOLVED(IncidentEvent.Type.RESOLVED),
    SILENCE_CREATED("silence.created", Fields.SILENCE),
    SILENCE_EXPIRED("silence.expired", List.of("silenceId")),
    NOTIFICATION_SUBMITTED("notification.submitted", List.of("idempotencyKey", "alertId", "incidentId", "patientId",
            "ward", "bed", "ruleId", "severity", "category", "event", "level", "timestamp", "message", "evidence",
            "recipientId", "recipientName", "channel")),
    NOTIFICATION_ATTEMPT("notification.attempt", List.of("idempotencyKey", "channel", "recipient", "attempt", "outcome",
            "nextAttemptAt")),
    NOTIFICATION_DEAD_LETTER("notification.dead_letter", List.of("idempotencyKey", "channel", "recipient", "attempts")),
    NOTIFICATION_CANCELLED("notification.cancelled", List.of("idempotencyKey", "channel", "recipient")),
    NOTIFICATION_RESUBMITTED("notification.resubmitted", List.of("idempotencyKey")),
    ESCALATION_STATE("escalation.state", List.of("format", "incident_id", "subject", "policy", "state", "round",
            "step_index", "level", "repeat", "paged_at", "next_due", "acknowledged_at", "level_1_severity",
            "restart_pending", "catch_up_level", "catch_up_due")),
    ESCALATION_ENDED("escalation.ended", List.of("incidentId")),
    JOURNAL_OPENED("journal.opened", List.of("format")),
    STEP_COMMITTED("step.committed", List.of("first", "count"));

    /** Field lists shared by several kinds (an enum constant cannot name a static field of its own class). */
    private static final class Fields {
        static final List<String> ALERT = List.of("alertId", "patientId", "ruleId", "key", "category", "severity", "state",
                "message", "evidence", "raisedAt", "lastSeen", "ttlMs", "count", "lastEventAt", "clearingSince",
                "worstValue", "worstSeverity", "flapping", "ack", "suppression", "incidentId", "resolvedAt", "resolution");
        static final List<String> INCIDENT = List.of("incidentId", "patientId", "state", "severity", "headlineAlertId",
                "headline", "alertIds", "activeAlertIds", "openedAt", "resolvedAt");
        static final List<String> SILENCE = List.of("silenceId", "patientId", "ward", "rules", "keys", "categories",
                "minSeverity", "maxSeverity", "startsAt", "endsAt", "untilResolvedAlertId", "createdBy", "comment");
    }

    private static final Map<String, RecordKind> BY_TYPE = new HashMap<>();

    static {
        for (RecordKind k : values()) {
            BY_TYPE.put(k.type, k);
        }
    }

    private final String type;
    private final List<String> fields;
    private final AlertEventType alertEvent;
    private final IncidentEvent.Type incidentEvent;

    RecordKind(AlertEventType t) {
        this.type = "alert." + t.wireName();
        this.fields = Fields.ALERT;
        this.alertEvent = t;
        this.incidentEvent = null;
    }

    RecordKind(IncidentEvent.Type t) {
        this.type = "incident." + t.wireName();
        this.fields = Fields.INCIDENT;
        this.alertEvent = null;
        this.incidentEvent = t;
    }

    RecordKind(String type, List<String> fields) {
        this.type = type;
        this.fields = fields;
        this.alertEvent = null;
        this.incidentEvent = null;
    }

    /** The record's {@code type} on the wire, e.g. {@code alert.raised}. */
    String type() {
        return type;
    }

    /** Every field its {@code data} may hold, in the order they are written. */
    List<String> fields() {
        return fields;
    }

    /** An alert transition: its data is the alert's full state. */
    public boolean isAlert() {
        return alertEvent != null;
    }

    /** An incident change: its data is the incident. */
    boolean isIncident() {
        return incidentEvent != null;
    }

    /** The alert event it records; only for {@link #isAlert()} kinds. */
    public AlertEventType alertEvent() {
        if (alertEvent == null) {
            throw new IllegalStateException(type + " is not an alert transition");
        }
        return alertEvent;
    }

    /** The kind of a record type; empty for a type the monitor does not write (another writer's record). */
    public static Optional<RecordKind> of(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static RecordKind of(AlertEventType t) {
        return BY_TYPE.get("alert." + t.wireName());
    }

    public static RecordKind of(IncidentEvent.Type t) {
        return BY_TYPE.get("incident." + t.wireName());
    }
}
