package com.nexussaude.monitor.internal;

import com.nexussaude.monitor.Acknowledgement;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The journal's {@code data} of each record kind: the full state needed to restore an alert, an
 * incident or a silence, as JSON-compatible maps (strings, numbers, booleans, lists, maps, null).
 * Times are epoch milliseconds; absent values are omitted.
 */
final class JournalCodec {
    /** A recovered journal record, as the lifecycle needs it. */
    record Fact(String type, long at, String incidentId, Map<String, Object> data) {
    }

    private JournalCodec() {
    }

    static Map<String, Object> alert(AlertEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alertId", e.alertId);
        m.put("patientId", e.key.patientId());
        m.put("ruleId", e.key.ruleId());
        put(m, "key", e.key.key());
        m.put("category", e.category.wireName());
        m.put("severity", e.severity.wireName());
        m.put("state", e.state().name());
        m.put("message", e.message);
        m.put("evidence", jsonSafe(e.evidence));
        m.put("raisedAt", e.raisedAt);
        m.put("lastSeen", e.lastSeen);
        m.put("ttlMs", e.ttlMs);
        m.put("count", e.count);
        m.put("lastEventAt", e.lastEventAt);
        if (e.clearingSince >= 0) {
            m.put("clearingSince", e.clearingSince);
        }
        if (e.worstValue != null && Double.isFinite(e.worstValue)) {
            m.put("worstValue", e.worstValue);
            m.put("worstSeverity", e.worstSeverity.wireName());
        }
        m.put("flapping", e.flapping);
        if (e.ack != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("actor", e.ack.actor());
            a.put("reason", e.ack.reason());
            a.put("at", e.ack.at().toEpochMilli());
            if (e.ackExpiresAt > 0) {
                a.put("expiresAt", e.ackExpiresAt);
            }
            m.put("ack", a);
        }
        if (e.suppression != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", e.suppression.kind().name());
            s.put("id", e.suppression.id());
            put(s, "sourceAlertId", e.suppression.sourceAlertId());
            s.put("reason", e.suppression.reason());
            m.put("suppression", s);
        }
        put(m, "incidentId", e.incidentId);
        if (e.resolvedAt >= 0) {
            m.put("resolvedAt", e.resolvedAt);
            m.put("resolution", e.resolution);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static AlertEntry alertEntry(Map<String, Object> m) {
        AlertBook.Key key = new AlertBook.Key(str(m, "patientId"), str(m, "ruleId"), (String) m.get("key"));
        AlertEntry e = new AlertEntry(str(m, "alertId"), key, Category.fromWireName(str(m, "category")),
                num(m, "raisedAt"), AlertState.valueOf(str(m, "state")));
        e.severity = Severity.fromWireName(str(m, "severity"));
        e.message = (String) m.get("message");
        e.evidence = m.get("evidence") instanceof Map<?, ?> ev ? (Map<String, Object>) ev : Map.of();
        e.lastSeen = num(m, "lastSeen");
        e.ttlMs = num(m, "ttlMs");
        e.count = num(m, "count");
        e.lastEventAt = num(m, "lastEventAt");
        e.clearingSince = m.containsKey("clearingSince") ? num(m, "clearingSince") : -1;
        if (m.get("worstValue") instanceof Number w) {
            e.worstValue = w.doubleValue();
            e.worstSeverity = Severity.fromWireName(str(m, "worstSeverity"));
        }
        e.flapping = Boolean.TRUE.equals(m.get("flapping"));
        if (m.get("ack") instanceof Map<?, ?> a) {
            Map<String, Object> am = (Map<String, Object>) a;
            e.ackExpiresAt = am.containsKey("expiresAt") ? num(am, "expiresAt") : -1;
            e.ack = new Acknowledgement(str(am, "actor"), (String) am.get("reason"), Instant.ofEpochMilli(num(am, "at")),
                    e.ackExpiresAt > 0 ? Instant.ofEpochMilli(e.ackExpiresAt) : null);
        }
        if (m.get("suppression") instanceof Map<?, ?> s) {
            Map<String, Object> sm = (Map<String, Object>) s;
            e.suppression = new Suppression(Suppression.Kind.valueOf(str(sm, "kind")), str(sm, "id"),
                    (String) sm.get("sourceAlertId"), str(sm, "reason"));
        }
        e.incidentId = (String) m.get("incidentId");
        if (m.containsKey("resolvedAt")) {
            e.resolvedAt = num(m, "resolvedAt");
            e.resolution = (String) m.get("resolution");
        }
        return e;
    }

    static Map<String, Object> incident(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidentId", i.incidentId());
        m.put("patientId", i.patientId());
        m.put("state", i.state().name());
        m.put("severity", i.severity() == null ? null : i.severity().wireName());
        put(m, "headlineAlertId", i.headlineAlertId());
        put(m, "headline", i.headline());
        m.put("alertIds", i.alertIds());
        m.put("activeAlertIds", i.activeAlertIds());
        m.put("openedAt", i.openedAt().toEpochMilli());
        if (i.resolvedAt() != null) {
            m.put("resolvedAt", i.resolvedAt().toEpochMilli());
        }
        return m;
    }

    static Map<String, Object> silence(Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silenceId", s.silenceId());
        put(m, "patientId", s.patientId());
        put(m, "ward", s.ward());
        AlertMatcher am = s.matcher();
        m.put("rules", new ArrayList<>(new TreeSet<>(am.rules())));
        m.put("keys", new ArrayList<>(new TreeSet<>(am.keys())));
        m.put("categories", am.categories().stream().map(Category::wireName).sorted().toList());
        put(m, "minSeverity", am.minSeverity() == null ? null : am.minSeverity().wireName());
        put(m, "maxSeverity", am.maxSeverity() == null ? null : am.maxSeverity().wireName());
        m.put("startsAt", s.startsAt().toEpochMilli());
        if (s.endsAt() != null) {
            m.put("endsAt", s.endsAt().toEpochMilli());
        }
        put(m, "untilResolvedAlertId", s.untilResolvedAlertId());
        m.put("createdBy", s.createdBy());
        m.put("comment", s.comment());
        return m;
    }

    static Silence silence(Map<String, Object> m) {
        AlertMatcher matcher = new AlertMatcher(
                new TreeSet<>(strings(m.get("rules"))), new TreeSet<>(strings(m.get("keys"))),
                strings(m.get("categories")).stream().map(Category::fromWireName).collect(java.util.stream.Collectors.toSet()),
                m.get("minSeverity") == null ? null : Severity.fromWireName(str(m, "minSeverity")),
                m.get("maxSeverity") == null ? null : Severity.fromWireName(str(m, "maxSeverity")));
        return new Silence(str(m, "silenceId"), (String) m.get("patientId"), (String) m.get("ward"), matcher,
                Instant.ofEpochMilli(num(m, "startsAt")),
                m.containsKey("endsAt") ? Instant.ofEpochMilli(num(m, "endsAt")) : null,
                (String) m.get("untilResolvedAlertId"), str(m, "createdBy"), str(m, "comment"));
    }

    /**
     * An id such as {@code alert-000042}: the prefix, a dash and the number with at least six ASCII digits.
     * Not {@code String.format}: it follows the default locale's digits (an Arabic-locale host would write
     * ids {@link #seqOf} cannot read back) and was a fifth of the cost of raising an alert (JFR).
     */
    static String idOf(String prefix, long seq) {
        String digits = Long.toString(seq);
        return digits.length() >= 6 ? prefix + "-" + digits : prefix + "-" + "000000".substring(digits.length()) + digits;
    }

    /** The number at the end of an id such as {@code alert-000042}; 0 if it has none. */
    static long seqOf(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Evidence as JSON can carry it: non-finite numbers (a NaN limit) become null. */
    private static Map<String, Object> jsonSafe(Map<String, Object> evidence) {
        Map<String, Object> m = new LinkedHashMap<>();
        evidence.forEach((k, v) -> m.put(k, v instanceof Double d && !Double.isFinite(d)
                || v instanceof Float f && !Float.isFinite(f) ? null : v));
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("journal record data: '" + k + "' must be a string, but was " + v);
        }
        return s;
    }

    private static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("journal record data: '" + k + "' must be a number, but was " + v);
        }
        return n.longValue();
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
