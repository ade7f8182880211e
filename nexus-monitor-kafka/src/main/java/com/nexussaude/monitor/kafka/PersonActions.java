package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the action records of one partition (people's actions and delivery failures) into calls on its monitor,
 * after checking every field: a record with an unknown field, a field of the wrong kind, or an id of another
 * partition is refused with an {@link IllegalArgumentException} naming the field, and nothing of it is applied. The
 * caller then moves the monitor clock to the record's time, runs the call, and reports a refusal with partition and
 * offset.
 *
 * <p>Silences are known to the writer by its own id ({@code silence_id}); this keeps the monitor's id of each. The
 * writer's id is also written at the end of the silence's comment ({@code [silence_id ...]}), so a new owner of the
 * partition rebuilds the map from the silences restored from the journal: a silence created before a failover can
 * still be ended by its writer's id. Confined to the node's consumer thread.
 */
final class PersonActions {
    /** The rule of the technical alert a dead letter raises: the core's own for a page nobody received. */
    static final String DELIVERY_FAILED_RULE = "notification-failed";
    /** The actor of the technical alert a dead letter raises. */
    static final String DELIVERY_ACTOR = "page-delivery";
    private static final Duration DELIVERY_FAILED_TTL = Duration.ofMinutes(30);

    private static final Set<String> ALERT_ACTION_FIELDS = Set.of("alert_id", "actor", "reason");
    private static final Set<String> RAISE_FIELDS = Set.of("patient_id", "severity", "message", "reason", "key",
            "category", "ttl_hours", "evidence", "actor");
    private static final Set<String> SILENCE_FIELDS = Set.of("silence_id", "actor", "patient_id", "ward", "rules",
            "keys", "categories", "min_severity", "max_severity", "starts_at", "ends_at", "duration_minutes",
            "until_resolved_alert_id", "comment");
    private static final Set<String> EXPIRE_FIELDS = Set.of("silence_id", "actor", "reason");
    private static final Set<String> DELIVERY_FAILED_FIELDS = Set.of("idempotency_key", "patient_id", "channel",
            "recipient", "attempts", "reason", "alert_id", "incident_id", "at");

    private final int partition;
    private final VitalMonitor monitor;
    /** The writer's silence id to the monitor's. */
    private final Map<String, String> silences = new HashMap<>();

    /** Ends a silence's comment with the writer's id, which survives in the journal. */
    static final String WRITER_ID_MARK = " [silence_id ";

    PersonActions(int partition, VitalMonitor monitor) {
        this.partition = partition;
        this.monitor = monitor;
        for (Silence s : monitor.silences()) {
            String comment = s.comment();
            int at = comment == null ? -1 : comment.lastIndexOf(WRITER_ID_MARK);
            if (at >= 0 && comment.endsWith("]")) {
                silences.put(comment.substring(at + WRITER_ID_MARK.length(), comment.length() - 1), s.silenceId());
            }
        }
    }

    /** Whether {@code type} is an action this class applies. */
    static boolean handles(String type) {
        return switch (type) {
            case ObservationRecords.ACKNOWLEDGE_ALERT, ObservationRecords.RESOLVE_ALERT, ObservationRecords.RAISE_ALERT,
                 ObservationRecords.CREATE_SILENCE, ObservationRecords.EXPIRE_SILENCE,
                 ObservationRecords.DELIVERY_FAILED -> true;
            default -> false;
        };
    }

    /**
     * Checks one action and returns the monitor call it asks for, to be run at the record's time. Nothing is
     * applied (and the caller does not move the clock) unless every field is right.
     *
     * @param type the record's type, one {@link #handles} accepts
     * @param key the record's key (the patient id, or null)
     * @param fields the record's JSON object
     * @param at the record's timestamp
     * @return the call; it throws {@link IllegalArgumentException} or {@code IllegalTransitionException} if the
     *     monitor refuses it (no such alert, an alert already resolved, a silence no longer in force)
     * @throws IllegalArgumentException naming the field that is missing, unknown or malformed
     */
    Runnable prepare(String type, String key, Map<String, Object> fields, Instant at) {
        return switch (type) {
            case ObservationRecords.ACKNOWLEDGE_ALERT -> {
                only(type, fields, ALERT_ACTION_FIELDS);
                String id = localId(type, fields, "alert_id", true);
                String actor = text(type, fields, "actor", true);
                String reason = orEmpty(text(type, fields, "reason", false));
                yield () -> monitor.acknowledge(id, actor, reason);
            }
            case ObservationRecords.RESOLVE_ALERT -> {
                only(type, fields, ALERT_ACTION_FIELDS);
                String id = localId(type, fields, "alert_id", true);
                String actor = text(type, fields, "actor", true);
                String given = text(type, fields, "reason", false);
                // As the server's PUT /alerts/{id}/resolve: a resolution without a reason says it was by hand.
                String reason = given == null || given.isEmpty() ? "resolved by hand" : given;
                yield () -> monitor.resolve(id, actor, reason);
            }
            case ObservationRecords.RAISE_ALERT -> raise(type, key, fields);
            case ObservationRecords.CREATE_SILENCE -> createSilence(type, fields, at);
            case ObservationRecords.EXPIRE_SILENCE -> expireSilence(type, fields);
            case ObservationRecords.DELIVERY_FAILED -> deliveryFailed(type, key, fields);
            default -> throw new IllegalArgumentException("not an action record type: '" + type + "'");
        };
    }

    private Runnable raise(String type, String key, Map<String, Object> fields) {
        only(type, fields, RAISE_FIELDS);
        String patient = text(type, fields, "patient_id", true);
        if (key != null && !key.equals(patient)) {
            throw new IllegalArgumentException("field 'patient_id' of a record of type " + type + " is '" + patient
                    + "' but the record's key is '" + key + "': the record must be in the patient's partition");
        }
        Severity severity = severity(type, fields, "severity", true);
        String category = text(type, fields, "category", false);
        Object ttl = fields.get("ttl_hours");
        long ttlHours = 24;
        if (ttl != null) {
            if (!(ttl instanceof Integer || ttl instanceof Long) || ((Number) ttl).longValue() < 1
                    || ((Number) ttl).longValue() > ObservationRecords.MAX_TTL_HOURS) {
                throw bad(type, "ttl_hours", "must be an integer in 1.." + ObservationRecords.MAX_TTL_HOURS, ttl);
            }
            ttlHours = ((Number) ttl).longValue();
        }
        Object evidence = fields.get("evidence");
        if (evidence != null && !(evidence instanceof Map)) {
            throw bad(type, "evidence", "must be a JSON object", evidence);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        if (evidence != null) {
            ((Map<?, ?>) evidence).forEach((k, v) -> ev.put(String.valueOf(k), v));
        }
        String alertKey = text(type, fields, "key", false);
        Category cat = category == null ? Category.PHYSIOLOGICAL : category(type, "category", category);
        String message = text(type, fields, "message", true);
        String actor = text(type, fields, "actor", true);
        String reason = text(type, fields, "reason", true);
        Duration ttlDuration = Duration.ofHours(ttlHours);
        return () -> monitor.raise(patient, ObservationRecords.MANUAL_RULE, alertKey, severity, cat, message, ev,
                ttlDuration, actor, reason);
    }

    private Runnable createSilence(String type, Map<String, Object> fields, Instant at) {
        only(type, fields, SILENCE_FIELDS);
        String id = text(type, fields, "silence_id", true);
        if (silences.containsKey(id)) {
            throw bad(type, "silence_id", "is already the id of a silence of this partition", id);
        }
        Silence.Builder b = Silence.builder().by(text(type, fields, "actor", true))
                .because(text(type, fields, "comment", true) + WRITER_ID_MARK + id + "]");
        String patient = text(type, fields, "patient_id", false);
        if (patient != null) {
            b.patient(patient);
        }
        String ward = text(type, fields, "ward", false);
        if (ward != null) {
            b.ward(ward);
        }
        AlertMatcher m = AlertMatcher.any();
        List<String> rules = strings(type, fields, "rules");
        if (!rules.isEmpty()) {
            m = m.withRules(rules.toArray(String[]::new));
        }
        List<String> keys = strings(type, fields, "keys");
        if (!keys.isEmpty()) {
            m = m.withKeys(keys.toArray(String[]::new));
        }
        List<String> cats = strings(type, fields, "categories");
        if (!cats.isEmpty()) {
            m = m.withCategories(cats.stream().map(c -> category(type, "categories", c)).toArray(Category[]::new));
        }
        Severity min = severity(type, fields, "min_severity", false);
        if (min != null) {
            m = m.atLeast(min);
        }
        Severity max = severity(type, fields, "max_severity", false);
        if (max != null) {
            m = m.atMost(max);
        }
        b.matching(m);
        Instant starts = instant(type, fields, "starts_at");
        if (starts != null) {
            b.from(starts);
        }
        Instant ends = instant(type, fields, "ends_at");
        Object duration = fields.get("duration_minutes");
        String untilResolved = localId(type, fields, "until_resolved_alert_id", false);
        int given = (ends != null ? 1 : 0) + (duration != null ? 1 : 0) + (untilResolved != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("a record of type " + type + " needs exactly one of the fields 'ends_at', "
                    + "'duration_minutes', 'until_resolved_alert_id', but had " + given);
        }
        if (duration != null) {
            if (!(duration instanceof Integer d) || d < 1 || d > 7 * 24 * 60) {
                throw bad(type, "duration_minutes", "must be an integer in 1..10080", duration);
            }
            // From the start, or from the record's time: never the wall clock, so re-execution gives the same end.
            ends = (starts != null ? starts : at).plus(Duration.ofMinutes(d));
        }
        if (ends != null) {
            b.until(ends);
        }
        if (untilResolved != null) {
            b.untilResolved(untilResolved);
        }
        Silence request = b.build();
        return () -> silences.put(id, monitor.silence(request).silenceId());
    }

    private Runnable expireSilence(String type, Map<String, Object> fields) {
        only(type, fields, EXPIRE_FIELDS);
        String id = text(type, fields, "silence_id", true);
        String local = silences.get(id);
        if (local == null) {
            throw bad(type, "silence_id", "names no silence created in this partition", id);
        }
        String actor = text(type, fields, "actor", true);
        String reason = orEmpty(text(type, fields, "reason", false));
        return () -> {
            if (!monitor.expireSilence(local, actor, reason)) {
                throw bad(type, "silence_id", "names a silence no longer in force", id);
            }
            silences.remove(id);
        };
    }

    /** A page nobody received: a technical alert on the patient, as core raises for its own dead letters. */
    private Runnable deliveryFailed(String type, String key, Map<String, Object> fields) {
        only(type, fields, DELIVERY_FAILED_FIELDS);
        String patient = text(type, fields, "patient_id", true);
        if (key != null && !key.equals(patient)) {
            throw new IllegalArgumentException("field 'patient_id' of a record of type " + type + " is '" + patient
                    + "' but the record's key is '" + key + "'");
        }
        String channel = text(type, fields, "channel", true);
        String recipient = text(type, fields, "recipient", true);
        String reason = text(type, fields, "reason", true);
        String idempotencyKey = text(type, fields, "idempotency_key", true);
        text(type, fields, "at", false);
        text(type, fields, "incident_id", false);
        Object attempts = fields.get("attempts");
        if (!(attempts instanceof Integer n) || n < 1) {
            throw bad(type, "attempts", "must be a positive integer", attempts);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("channel", channel);
        evidence.put("recipient", recipient);
        evidence.put("attempts", n);
        evidence.put("idempotencyKey", idempotencyKey);
        String alertId = text(type, fields, "alert_id", false);
        if (alertId != null) {
            evidence.put("alertId", alertId);
        }
        String message = "page to " + recipient + " via " + channel + " failed after " + n + " attempt(s): " + reason;
        return () -> monitor.raise(patient, DELIVERY_FAILED_RULE, channel, Severity.HIGH, Category.TECHNICAL, message,
                evidence, DELIVERY_FAILED_TTL, DELIVERY_ACTOR, reason);
    }

    private static void only(String type, Map<String, Object> fields, Set<String> known) {
        for (String f : fields.keySet()) {
            if (!known.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' in a record of type " + type + " (known: "
                        + new TreeSet<>(known) + ")");
            }
        }
    }

    private static String text(String type, Map<String, Object> fields, String field, boolean required) {
        Object v = fields.get(field);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is required in a record of type " + type);
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw bad(type, field, "must be a string", v);
        }
        if (required && s.isBlank()) {
            throw bad(type, field, "must not be blank", v);
        }
        return s;
    }

    /** An output id of this partition ({@code p3-alert-000001}) as the monitor's id ({@code alert-000001}). */
    private String localId(String type, Map<String, Object> fields, String field, boolean required) {
        String id = text(type, fields, field, required);
        if (id == null) {
            return null;
        }
        String prefix = "p" + partition + "-";
        if (!id.startsWith(prefix) || id.length() == prefix.length()) {
            throw bad(type, field, "must be an id of partition " + partition + " (" + prefix + "...)", id);
        }
        return id.substring(prefix.length());
    }

    private static Severity severity(String type, Map<String, Object> fields, String field, boolean required) {
        String v = text(type, fields, field, required);
        if (v == null) {
            return null;
        }
        try {
            return Severity.fromWireName(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(type, field, "must be one of low, medium, high, critical", v);
        }
    }

    private static Category category(String type, String field, String v) {
        try {
            return Category.fromWireName(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(type, field, "must be physiological or technical", v);
        }
    }

    private static Instant instant(String type, Map<String, Object> fields, String field) {
        String v = text(type, fields, field, false);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(type, field, "must be ISO-8601 with an offset", v);
        }
    }

    private static List<String> strings(String type, Map<String, Object> fields, String field) {
        Object v = fields.get(field);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw bad(type, field, "must be an array of strings", v);
        }
        for (Object x : list) {
            if (!(x instanceof String s)) {
                throw bad(type, field, "must be an array of strings", v);
            }
            out.add(s);
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static IllegalArgumentException bad(String type, String field, String what, Object was) {
        String shown = was instanceof String ? "\"" + was + "\"" : String.valueOf(was);
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new IllegalArgumentException("field '" + field + "' of a record of type " + type + " " + what + ", but was "
                + shown);
    }
}
