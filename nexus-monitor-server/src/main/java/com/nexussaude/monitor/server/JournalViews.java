package com.nexussaude.monitor.server;

import com.nexussaude.monitor.journal.JournalRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * API views of alerts and incidents that are known only from the journal (resolved before this
 * server process started): the latest record's {@code data}, the full state JOURNAL.md documents,
 * renamed to the API's fields. Fields the record lacks are {@code null}.
 */
final class JournalViews {
    private JournalViews() {
    }

    private static String time(Object millis) {
        return millis instanceof Number n ? Instant.ofEpochMilli(n.longValue()).toString() : null;
    }

    static Map<String, Object> alert(JournalRecord r, String ward) {
        Map<String, Object> d = r.data();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", r.alertId());
        m.put("patient_id", r.patientId());
        m.put("ward", ward);
        m.put("rule", d.get("ruleId"));
        m.put("key", d.get("key") == null ? "" : d.get("key"));
        m.put("severity", d.get("severity"));
        m.put("category", d.get("category"));
        m.put("state", d.get("state") == null ? null : String.valueOf(d.get("state")).toLowerCase(Locale.ROOT));
        m.put("message", d.get("message"));
        m.put("evidence", d.get("evidence"));
        m.put("raised_at", time(d.get("raisedAt")));
        m.put("last_seen_at", time(d.get("lastSeen")));
        m.put("signal_count", d.get("count"));
        m.put("incident_id", d.get("incidentId"));
        m.put("worst_value", d.get("worstValue"));
        if (d.get("ack") instanceof Map<?, ?> a) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("actor", a.get("actor"));
            k.put("reason", a.get("reason"));
            k.put("at", time(a.get("at")));
            k.put("expires_at", time(a.get("expiresAt")));
            m.put("acknowledgement", k);
        } else {
            m.put("acknowledgement", null);
        }
        if (d.get("suppression") instanceof Map<?, ?> s) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("kind", String.valueOf(s.get("kind")).toLowerCase(Locale.ROOT));
            k.put("id", s.get("id"));
            k.put("reason", s.get("reason"));
            m.put("suppression", k);
        } else {
            m.put("suppression", null);
        }
        m.put("resolved_at", time(d.get("resolvedAt")));
        m.put("resolution", d.get("resolution"));
        m.put("source", "journal record " + r.seq());
        return m;
    }

    static Map<String, Object> incident(JournalRecord r) {
        Map<String, Object> d = r.data();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incident_id", r.incidentId());
        m.put("patient_id", r.patientId());
        m.put("state", d.get("state") == null ? null : String.valueOf(d.get("state")).toLowerCase(Locale.ROOT));
        m.put("severity", d.get("severity"));
        m.put("headline_alert_id", d.get("headlineAlertId"));
        m.put("headline", d.get("headline"));
        m.put("alert_ids", d.get("alertIds"));
        m.put("active_alert_ids", d.get("activeAlertIds"));
        m.put("opened_at", time(d.get("openedAt")));
        m.put("resolved_at", time(d.get("resolvedAt")));
        m.put("source", "journal record " + r.seq());
        return m;
    }
}
