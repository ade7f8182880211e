package com.nexussaude.monitor.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.score.News2Score;
import java.io.UncheckedIOException;

/** Formats alert and score events as lines of the command line's JSON Lines output contract. */
final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    static String toJson(AlertEvent event) {
        Alert a = event.alert();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", "alert");
        o.put("event", event.type().wireName());
        o.put("alert_id", a.alertId());
        o.put("patient_id", a.patientId());
        o.put("rule", a.ruleId());
        o.put("key", a.key());
        o.put("severity", a.severity().wireName());
        o.put("category", a.category().wireName());
        o.put("timestamp", event.timestamp().toString());
        o.put("message", a.message());
        o.set("evidence", MAPPER.valueToTree(a.evidence()));
        o.put("state", a.state().name().toLowerCase(java.util.Locale.ROOT));
        o.put("incident_id", a.incidentId());
        if (a.worstValue() != null) {
            o.put("worst_value", a.worstValue());
        }
        if (!event.actor().equals(AlertEvent.MONITOR)) {
            o.put("actor", event.actor());
        }
        if (!event.reason().isEmpty()) {
            o.put("reason", event.reason());
        }
        if (a.suppression() != null) {
            o.put("suppressed", a.suppression().reason());
        }
        if (a.resolution() != null) {
            o.put("resolution", a.resolution());
        }
        return write(o);
    }

    /** {@code {"type":"score","patient_id","timestamp","news2":{"total","risk","partial","subscores":{...}}}}. */
    static String toJson(ScoreEvent event) {
        News2Score s = event.news2();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", "score");
        o.put("patient_id", event.patientId());
        o.put("timestamp", event.timestamp().toString());
        ObjectNode n = o.putObject("news2");
        n.put("total", s.total());
        n.put("risk", s.risk().wireName());
        n.put("partial", s.partial());
        ObjectNode sub = n.putObject("subscores");
        s.subscores().forEach((p, v) -> sub.put(p.wireName(), v));
        return write(o);
    }

    private static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
