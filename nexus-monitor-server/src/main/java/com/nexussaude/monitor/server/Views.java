package com.nexussaude.monitor.server;

import com.nexussaude.monitor.Acknowledgement;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.score.News2Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's JSON shapes, as maps for Jackson: snake_case names like the command line's JSON Lines
 * contract, times as ISO-8601 UTC, enums in lower case.
 */
final class Views {
    private Views() {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> alert(Alert a, String ward) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", a.alertId());
        m.put("patient_id", a.patientId());
        m.put("ward", ward);
        m.put("rule", a.ruleId());
        m.put("key", a.key());
        m.put("severity", a.severity().wireName());
        m.put("category", a.category().wireName());
        m.put("state", lower(a.state()));
        m.put("message", a.message());
        m.put("evidence", a.evidence());
        m.put("raised_at", time(a.raisedAt()));
        m.put("last_seen_at", time(a.lastSeenAt()));
        m.put("signal_count", a.signalCount());
        m.put("incident_id", a.incidentId());
        m.put("worst_value", a.worstValue());
        Acknowledgement ack = a.acknowledgement();
        if (ack != null) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("actor", ack.actor());
            k.put("reason", ack.reason());
            k.put("at", time(ack.at()));
            k.put("expires_at", time(ack.expiresAt()));
            m.put("acknowledgement", k);
        } else {
            m.put("acknowledgement", null);
        }
        if (a.suppression() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", lower(a.suppression().kind()));
            s.put("id", a.suppression().id());
            s.put("reason", a.suppression().reason());
            m.put("suppression", s);
        } else {
            m.put("suppression", null);
        }
        m.put("resolved_at", time(a.resolvedAt()));
        m.put("resolution", a.resolution());
        return m;
    }

    static Map<String, Object> alertEvent(AlertEvent e, String ward) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.type().wireName());
        m.put("timestamp", time(e.timestamp()));
        m.put("actor", e.actor());
        m.put("reason", e.reason());
        m.put("alert", alert(e.alert(), ward));
        return m;
    }

    static Map<String, Object> incident(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incident_id", i.incidentId());
        m.put("patient_id", i.patientId());
        m.put("state", lower(i.state()));
        m.put("severity", i.severity().wireName());
        m.put("headline_alert_id", i.headlineAlertId());
        m.put("headline", i.headline());
        m.put("alert_ids", i.alertIds());
        m.put("active_alert_ids", i.activeAlertIds());
        m.put("opened_at", time(i.openedAt()));
        m.put("resolved_at", time(i.resolvedAt()));
        return m;
    }

    static Map<String, Object> incidentEvent(IncidentEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.type().wireName());
        m.put("timestamp", time(e.timestamp()));
        m.put("incident", incident(e.incident()));
        return m;
    }

    static Map<String, Object> news2(News2Score s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("total", s.total());
        n.put("risk", s.risk().wireName());
        n.put("partial", s.partial());
        Map<String, Object> sub = new LinkedHashMap<>();
        s.subscores().forEach((p, v) -> sub.put(p.wireName(), v));
        n.put("subscores", sub);
        return n;
    }

    static Map<String, Object> score(ScoreEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", e.patientId());
        m.put("timestamp", time(e.timestamp()));
        m.put("news2", news2(e.news2()));
        m.put("previous", news2(e.previous()));
        return m;
    }

    static Map<String, Object> silence(Silence s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silence_id", s.silenceId());
        m.put("patient_id", s.patientId());
        m.put("ward", s.ward());
        m.put("matcher", matcher(s.matcher()));
        m.put("starts_at", time(s.startsAt()));
        m.put("ends_at", time(s.endsAt()));
        m.put("until_resolved_alert_id", s.untilResolvedAlertId());
        m.put("created_by", s.createdBy());
        m.put("comment", s.comment());
        m.put("state", now == null || s.inForceAt(now) ? "active" : "pending");
        return m;
    }

    static Map<String, Object> matcher(AlertMatcher a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rules", a.rules());
        m.put("keys", a.keys());
        List<String> cats = new ArrayList<>();
        for (Category c : a.categories()) {
            cats.add(c.wireName());
        }
        m.put("categories", cats);
        m.put("min_severity", a.minSeverity() == null ? null : a.minSeverity().wireName());
        m.put("max_severity", a.maxSeverity() == null ? null : a.maxSeverity().wireName());
        return m;
    }

    static Map<String, Object> record(JournalRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("at", time(r.at()));
        m.put("type", r.type());
        m.put("patient_id", r.patientId());
        m.put("alert_id", r.alertId());
        m.put("incident_id", r.incidentId());
        m.put("actor", r.actor());
        m.put("reason", r.reason());
        m.put("data", r.data());
        return m;
    }

    static Map<String, Object> bands(Bands b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("normal", List.of(b.normalLow(), b.normalHigh()));
        m.put("warning", List.of(b.warningLow(), b.warningHigh()));
        m.put("critical", List.of(b.criticalLow(), b.criticalHigh()));
        return m;
    }

    static Map<String, Object> patient(PatientContext p, String bed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", p.patientId());
        m.put("name", p.name());
        m.put("ward", p.ward());
        m.put("bed", bed);
        m.put("spo2_scale", p.spo2Scale());
        Map<String, Object> bands = new LinkedHashMap<>();
        for (Map.Entry<Vital, Bands> e : p.bandOverrides().entrySet()) {
            bands.put(e.getKey().fieldName(), bands(e.getValue()));
        }
        m.put("bands", bands);
        return m;
    }
}
