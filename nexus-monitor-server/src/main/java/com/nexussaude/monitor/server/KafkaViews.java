package com.nexussaude.monitor.server;

import com.nexussaude.monitor.kafka.AlertView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's alert and incident JSON ({@link Views}) from the events of the group's output topics, so that a client
 * reads the same fields in Kafka mode. What the topics do not carry is {@code null}: an alert's {@code evidence}
 * and {@code suppression}, and its {@code ward} (patients are registered per instance, not in the topics).
 */
final class KafkaViews {
    private KafkaViews() {
    }

    static Map<String, Object> alert(Map<String, Object> e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", e.get("alert_id"));
        m.put("patient_id", e.get("patient_id"));
        m.put("ward", null);
        m.put("rule", e.get("rule"));
        m.put("key", e.get("key"));
        m.put("severity", e.get("severity"));
        m.put("category", e.get("category"));
        m.put("state", e.get("state"));
        m.put("message", e.get("message"));
        m.put("evidence", null);
        m.put("raised_at", e.get("raised_at"));
        m.put("last_seen_at", e.get("last_seen_at"));
        m.put("signal_count", e.get("signal_count"));
        m.put("incident_id", e.get("incident_id"));
        m.put("worst_value", e.get("worst_value"));
        m.put("acknowledgement", e.get("acknowledgement"));
        m.put("suppression", null);
        m.put("resolved_at", e.get("resolved_at"));
        m.put("resolution", e.get("resolution"));
        return m;
    }

    /** An incident; {@code active_alert_ids} are those the view shows not resolved ({@code null} without a view). */
    static Map<String, Object> incident(Map<String, Object> e, AlertView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incident_id", e.get("incident_id"));
        m.put("patient_id", e.get("patient_id"));
        m.put("state", e.get("state"));
        m.put("severity", e.get("severity"));
        m.put("headline_alert_id", e.get("headline_alert_id"));
        m.put("headline", e.get("headline"));
        m.put("alert_ids", e.get("alert_ids"));
        List<Object> active = null;
        if (view != null && e.get("alert_ids") instanceof List<?> ids) {
            active = new ArrayList<>();
            for (Object id : ids) {
                Map<String, Object> a = view.alert(String.valueOf(id));
                if (a == null || !"resolved".equals(a.get("state"))) {
                    active.add(id);
                }
            }
        }
        m.put("active_alert_ids", active);
        m.put("opened_at", e.get("opened_at"));
        m.put("resolved_at", e.get("resolved_at"));
        return m;
    }
}
