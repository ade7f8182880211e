package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.notify.Notification;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of the output topics (docs/kafka.md, Topics) and the position header each carries (input offset, rank; kept for integrators). Alert
 * and incident ids are numbered by each partition's monitor, so they are prefixed with the partition to be
 * unique across the group.
 */
final class OutputRecords {
    /** Header holding an output's position: the input offset (8 bytes) and the rank among its outputs (4). */
    static final String POSITION_HEADER = "nexus-position";
    static final String EVENT_ID_HEADER = "nexus-event-id";
    static final String IDEMPOTENCY_HEADER = "idempotency-key";

    private OutputRecords() {
    }

    static String id(int partition, String id) {
        return id == null ? null : "p" + partition + "-" + id;
    }

    static byte[] position(long offset, int rank) {
        return ByteBuffer.allocate(12).putLong(offset).putInt(rank).array();
    }

    /** The position of a header value: {offset, rank}. */
    static long[] position(byte[] header) {
        if (header == null || header.length != 12) {
            throw new IllegalArgumentException("a " + POSITION_HEADER + " header must have 12 bytes, but had "
                    + (header == null ? "none" : header.length));
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        return new long[] {b.getLong(), b.getInt()};
    }

    static String alert(int partition, String eventId, AlertEvent e) {
        Alert a = e.alert();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "alert");
        m.put("event", e.type().name().toLowerCase(Locale.ROOT));
        m.put("event_id", eventId);
        m.put("at", e.timestamp().toString());
        m.put("alert_id", id(partition, a.alertId()));
        m.put("patient_id", a.patientId());
        m.put("rule", a.ruleId());
        m.put("key", a.key());
        m.put("severity", a.severity().wireName());
        m.put("category", a.category().name().toLowerCase(Locale.ROOT));
        m.put("state", a.state().name().toLowerCase(Locale.ROOT));
        m.put("message", a.message());
        m.put("raised_at", time(a.raisedAt()));
        m.put("resolved_at", time(a.resolvedAt()));
        m.put("incident_id", id(partition, a.incidentId()));
        m.put("actor", e.actor());
        m.put("reason", e.reason());
        // Since 0.5, so that a service in Kafka mode answers GET /alerts with the fields it has alone (not the
        // evidence: its values are not all JSON-safe, and a record that cannot be written stops the node).
        m.put("last_seen_at", time(a.lastSeenAt()));
        m.put("signal_count", a.signalCount());
        m.put("worst_value", a.worstValue());
        m.put("resolution", a.resolution());
        if (a.acknowledgement() != null) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("actor", a.acknowledgement().actor());
            k.put("reason", a.acknowledgement().reason());
            k.put("at", time(a.acknowledgement().at()));
            k.put("expires_at", time(a.acknowledgement().expiresAt()));
            m.put("acknowledgement", k);
        } else {
            m.put("acknowledgement", null);
        }
        return write(m);
    }

    static String incident(int partition, String eventId, IncidentEvent e) {
        Incident i = e.incident();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "incident");
        m.put("event", e.type().wireName());
        m.put("event_id", eventId);
        m.put("at", e.timestamp().toString());
        m.put("incident_id", id(partition, i.incidentId()));
        m.put("patient_id", i.patientId());
        m.put("state", i.state().name().toLowerCase(Locale.ROOT));
        m.put("severity", i.severity().wireName());
        m.put("headline", i.headline());
        m.put("headline_alert_id", id(partition, i.headlineAlertId()));
        List<String> ids = new ArrayList<>();
        for (String a : i.alertIds()) {
            ids.add(id(partition, a));
        }
        m.put("alert_ids", ids);
        m.put("opened_at", time(i.openedAt()));
        m.put("resolved_at", time(i.resolvedAt()));
        return write(m);
    }

    /** A page for the delivery side: the recipient's id and channel, never the address (as the journal). */
    static String page(int partition, String idempotencyKey, Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "page");
        m.put("idempotency_key", idempotencyKey);
        m.put("at", n.timestamp().toString());
        m.put("channel", n.channel());
        m.put("recipient", n.recipient().id());
        m.put("level", n.escalationLevel());
        m.put("event", n.event().wireName());
        m.put("severity", n.severity().wireName());
        // The delivery side must say technical conditions as technical, never as clinical ones.
        m.put("category", n.category().wireName());
        m.put("patient_id", n.patientId());
        m.put("ward", n.ward());
        m.put("bed", n.bed());
        m.put("alert_id", id(partition, n.alertId()));
        m.put("incident_id", id(partition, n.incidentId()));
        m.put("rule", n.ruleId());
        m.put("message", n.message());
        m.put("evidence", n.evidence());
        return write(m);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String write(Map<String, Object> m) {
        try {
            return ObservationRecords.JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write output record as JSON", e);
        }
    }
}
