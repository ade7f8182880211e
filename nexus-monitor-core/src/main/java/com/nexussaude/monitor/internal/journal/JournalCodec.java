package com.nexussaude.monitor.internal.journal;

import com.nexussaude.monitor.Acknowledgement;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Content;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.lifecycle.AlertEntry;

/**
 * The journal's one codec: for each {@link RecordKind}, the record the monitor appends (its ids, actor,
 * reason and {@code data}: the full state needed to restore an alert, an incident, a silence, a page or an
 * escalation, as JSON-compatible maps) and how its {@code data} is read back. Times in alert, incident and
 * silence data are epoch milliseconds; absent values are omitted. Pages carry no address (the journal names
 * staff by recipient id and channel, never by phone number, e-mail address or device token).
 */
public final class JournalCodec {
    /** A record to append, all but its seq and time (the journal numbers it, the clock stamps it). */
    public record Entry(RecordKind kind, String patientId, String alertId, String incidentId, String actor, String reason,
                 Map<String, Object> data) {
    }

    /** A journalled page as restore reads it: the page without its recipient, and who it was for. */
    public record JournalledPage(Notification.Builder page, String recipientId, String recipientName, String channel,
                          String address) {
    }

    private JournalCodec() {
    }

    // ---- what each kind records -------------------------------------------------------------------

    public static Entry alert(AlertEventType type, AlertEntry e, String actor, String reason) {
        return new Entry(RecordKind.of(type), e.key.patientId(), e.alertId, e.incidentId, actor, reason, alert(e));
    }

    public static Entry incident(IncidentEvent.Type type, Incident i) {
        return new Entry(RecordKind.of(type), i.patientId(), i.headlineAlertId(), i.incidentId(), AlertEvent.MONITOR, "",
                incident(i));
    }

    public static Entry silenceCreated(Silence s) {
        return new Entry(RecordKind.SILENCE_CREATED, s.patientId(), s.untilResolvedAlertId(), null, s.createdBy(),
                s.comment(), silence(s));
    }

    public static Entry silenceExpired(Silence s, String actor, String reason) {
        return new Entry(RecordKind.SILENCE_EXPIRED, s.patientId(), s.untilResolvedAlertId(), null, actor, reason,
                Map.of("silenceId", s.silenceId()));
    }

    public static Entry pageSubmitted(Notification n) {
        return page(RecordKind.NOTIFICATION_SUBMITTED, n,
                n.event().wireName() + " to " + n.recipient().id() + " via " + n.channel(), page(n));
    }

    public static Entry pageAttempt(DeliveryAttempt a) {
        Notification n = a.notification();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("idempotencyKey", n.idempotencyKey());
        data.put("channel", a.channel());
        data.put("recipient", n.recipient().id());
        data.put("attempt", (long) a.attempt());
        data.put("outcome", a.outcome().wireName());
        a.nextAttemptAt().ifPresent(t -> data.put("nextAttemptAt", t.toString()));
        return page(RecordKind.NOTIFICATION_ATTEMPT, n, a.reason(), data);
    }

    public static Entry pageDeadLetter(DeadLetter d) {
        Notification n = d.notification();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("idempotencyKey", n.idempotencyKey());
        data.put("channel", d.channel());
        data.put("recipient", n.recipient().id());
        data.put("attempts", (long) d.attempts());
        return page(RecordKind.NOTIFICATION_DEAD_LETTER, n, d.reason(), data);
    }

    public static Entry pageCancelled(Notification n, String channel, String reason) {
        // In this order: a Map.of here wrote the three fields in an order that changed from one JVM to the next.
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("idempotencyKey", n.idempotencyKey());
        data.put("channel", channel);
        data.put("recipient", n.recipient().id());
        return page(RecordKind.NOTIFICATION_CANCELLED, n, reason, data);
    }

    public static Entry pageResubmitted(Notification n) {
        return page(RecordKind.NOTIFICATION_RESUBMITTED, n, "pending when the previous run stopped",
                Map.of("idempotencyKey", n.idempotencyKey()));
    }

    private static Entry page(RecordKind kind, Notification n, String reason, Map<String, Object> data) {
        return new Entry(kind, n.patientId(), n.alertId(), n.incidentId(), AlertEvent.MONITOR, reason, data);
    }

    /** {@code state}: one escalation as {@code Escalator.exportState()} gives it. */
    public static Entry escalationState(String incidentId, String patientId, String alertId, String reason,
                                 Map<String, Object> state) {
        return new Entry(RecordKind.ESCALATION_STATE, patientId, alertId, incidentId, AlertEvent.MONITOR, reason, state);
    }

    public static Entry escalationEnded(Incident inc, String reason) {
        return new Entry(RecordKind.ESCALATION_ENDED, inc.patientId(), inc.headlineAlertId(), inc.incidentId(),
                AlertEvent.MONITOR, reason, Map.of("incidentId", inc.incidentId()));
    }

    static Entry journalOpened(long format) {
        return new Entry(RecordKind.JOURNAL_OPENED, null, null, null, AlertEvent.MONITOR, null, Map.of("format", format));
    }

    static Entry stepCommitted(long first, long count) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("first", first);
        data.put("count", count);
        return new Entry(RecordKind.STEP_COMMITTED, null, null, null, AlertEvent.MONITOR, null, data);
    }

    // ---- reading the small kinds ------------------------------------------------------------------

    /** The page a {@code notification.*} record is about: its idempotency key. */
    static String pageKey(Map<String, Object> data) {
        return String.valueOf(data.get("idempotencyKey"));
    }

    /** The incident a {@code notification.submitted} page is about, or null. */
    public static String pageIncidentId(Map<String, Object> page) {
        return (String) page.get("incidentId");
    }

    /** Whether a {@code notification.attempt} delivered its page. */
    static boolean delivered(Map<String, Object> attempt) {
        return "delivered".equals(attempt.get("outcome"));
    }

    /** Whether a {@code notification.submitted} page asked for a response (every event but {@code resolved}). */
    public static boolean asksForResponse(Map<String, Object> page) {
        return !"resolved".equals(page.get("event"));
    }

    /** The severity a {@code notification.submitted} page was sent at. */
    static Severity pageSeverity(Map<String, Object> page) {
        return Severity.fromWireName(String.valueOf(page.get("severity")));
    }

    /** The silence a {@code silence.expired} record ended. */
    static String expiredSilenceId(Map<String, Object> data) {
        return String.valueOf(data.get("silenceId"));
    }

    /** The format a {@code journal.opened} record announces, or -1 when it names none. */
    static long openedFormat(Map<String, Object> data) {
        return data.get("format") instanceof Number n ? n.longValue() : -1;
    }

    /** The seq of the first record of the step a {@code step.committed} record commits; none: {@code Long.MAX_VALUE}. */
    static long committedFirst(Map<String, Object> data) {
        return data.get("first") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }

    /** How many records the step a {@code step.committed} record commits has; none: -1. */
    static long committedCount(Map<String, Object> data) {
        return data.get("count") instanceof Number n ? n.longValue() : -1;
    }

    // ---- data of each kind, both ways -------------------------------------------------------------

    public static Map<String, Object> alert(AlertEntry e) {
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
    public static AlertEntry alertEntry(Map<String, Object> m) {
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

    public static Map<String, Object> incident(Incident i) {
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

    /** A page's data; no address (a restored page gets it from the paging configuration then). */
    public static Map<String, Object> page(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idempotencyKey", n.idempotencyKey());
        m.put("alertId", n.alertId());
        if (n.incidentId() != null) {
            m.put("incidentId", n.incidentId());
        }
        m.put("patientId", n.patientId());
        if (n.ward() != null) {
            m.put("ward", n.ward());
        }
        if (n.bed() != null) {
            m.put("bed", n.bed());
        }
        m.put("ruleId", n.ruleId());
        m.put("severity", n.severity().wireName());
        m.put("category", n.category().wireName());
        m.put("event", n.event().wireName());
        m.put("level", (long) n.escalationLevel());
        m.put("timestamp", n.timestamp().toString());
        m.put("message", n.message());
        m.put("evidence", new LinkedHashMap<String, Object>(n.evidence()));
        m.put("recipientId", n.recipient().id());
        if (n.recipient().name() != null) {
            m.put("recipientName", n.recipient().name());
        }
        m.put("channel", n.recipient().contact().channel());
        return m;
    }

    /**
     * A page's data read back; its recipient's address is for the caller to find (journals written before
     * addresses were left out still carry one, in {@link JournalledPage#address()}).
     */
    @SuppressWarnings("unchecked")
    public static JournalledPage page(Map<String, Object> m) {
        Map<String, String> evidence = new LinkedHashMap<>();
        if (m.get("evidence") instanceof Map<?, ?> ev) {
            ((Map<String, Object>) ev).forEach((k, v) -> evidence.put(k, String.valueOf(v)));
        }
        Notification.Builder page = Notification.builder()
                .idempotencyKey((String) m.get("idempotencyKey"))
                .alertId((String) m.get("alertId"))
                .incidentId((String) m.get("incidentId"))
                .patientId((String) m.get("patientId"))
                .ward((String) m.get("ward"))
                .bed((String) m.get("bed"))
                .ruleId((String) m.get("ruleId"))
                .severity(Severity.fromWireName((String) m.get("severity")))
                .category(Category.fromWireName((String) m.get("category")))
                .event(EventKind.fromWireName((String) m.get("event")))
                .escalationLevel(((Number) m.get("level")).intValue())
                .timestamp(Instant.parse((String) m.get("timestamp")))
                .message((String) m.get("message"))
                .evidence(evidence)
                .content(Content.none());
        return new JournalledPage(page, (String) m.get("recipientId"), (String) m.get("recipientName"),
                (String) m.get("channel"), m.get("address") instanceof String a ? a : null);
    }

    /**
     * An id such as {@code alert-000042}: the prefix, a dash and the number with at least six ASCII digits.
     * Not {@code String.format}: it follows the default locale's digits (an Arabic-locale host would write
     * ids {@link #seqOf} cannot read back) and was a fifth of the cost of raising an alert (JFR).
     */
    public static String idOf(String prefix, long seq) {
        // Once per raise: the digits go straight into one builder of the final length (no digits string, no
        // padding substring, no second concatenation).
        int digits = seq < 0 ? 0 : 1;
        for (long rest = seq / 10; rest > 0; rest /= 10) {
            digits++;
        }
        if (seq < 0) { // never made; written as it always was
            String minus = Long.toString(seq);
            return minus.length() >= 6 ? prefix + "-" + minus : prefix + "-" + "000000".substring(minus.length()) + minus;
        }
        StringBuilder id = new StringBuilder(prefix.length() + 1 + Math.max(6, digits)).append(prefix).append('-');
        for (int i = digits; i < 6; i++) {
            id.append('0');
        }
        return id.append(seq).toString();
    }

    /** The number at the end of an id such as {@code alert-000042}; 0 if it has none. */
    public static long seqOf(String id) {
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
