package com.nexussaude.monitor.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.notify.Severity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON-shaped tree (maps, lists, strings, numbers, booleans, nulls) with a path for every
 * value, collecting problems instead of stopping at the first, so that a configuration's author
 * sees every mistake at once. Readers return null for a value that has a problem.
 */
final class Tree {

    static final String SEVERITIES = "critical|high|medium|low";
    private static final ObjectMapper SHOW = new ObjectMapper();
    private static final int SHOW_MAX = 80;

    private final List<EscalationConfigException.Problem> problems = new ArrayList<>();

    void problem(String path, String message) {
        problems.add(new EscalationConfigException.Problem(path, message));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** How many problems so far, to tell whether a part read cleanly. */
    int count() {
        return problems.size();
    }

    void throwIfAny(String what) {
        if (!problems.isEmpty()) {
            throw new EscalationConfigException(what, problems);
        }
    }

    static String field(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** A value as JSON, shortened, for messages: {@code -5}, {@code "ten"}, {@code {"a":1}}. */
    static String show(Object value) {
        String s;
        if (value instanceof BigDecimal d) {
            s = d.toPlainString();
        } else {
            try {
                s = SHOW.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                s = String.valueOf(value);
            }
        }
        return s.length() <= SHOW_MAX ? s : s.substring(0, SHOW_MAX) + "...";
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object v, String path) {
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    problem(path, "keys must be strings, but one was " + show(k));
                    return null;
                }
            }
            return (Map<String, Object>) m;
        }
        problem(path, "must be an object, but was " + show(v));
        return null;
    }

    /** Reports each key of {@code m} that is not in {@code allowed}. */
    void onlyFields(Map<String, Object> m, String path, List<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                problem(field(path, k), "unknown field; expected one of " + String.join("|", allowed));
            }
        }
    }

    List<?> array(Object v, String path) {
        if (v instanceof List<?> l) {
            return l;
        }
        problem(path, "must be an array, but was " + show(v));
        return null;
    }

    String text(Object v, String path) {
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        problem(path, "must be a non-blank string, but was " + show(v));
        return null;
    }

    /** A string or null (absent), never a problem for null. */
    String optionalText(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        problem(path, "must be a string or null, but was " + show(v));
        return null;
    }

    Integer integer(Object v, String path, long min, long max) {
        BigInteger i = whole(v, path, "a whole number");
        if (i == null) {
            return null;
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0) {
            problem(path, "must be >= " + min + ", but was " + show(v));
            return null;
        }
        if (i.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(path, "must be <= " + max + ", but was " + show(v));
            return null;
        }
        return i.intValue();
    }

    /** Whole minutes in [min, max], as a duration. */
    Duration minutes(Object v, String path, long min, long max) {
        BigInteger i = whole(v, path, "a whole number of minutes");
        if (i == null) {
            return null;
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0) {
            problem(path, "must be " + (min == 0 ? ">= 0" : ">= " + min) + ", but was " + show(v));
            return null;
        }
        if (i.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(path, "must be <= " + max + " (" + Duration.ofMinutes(max).toDays() + " days), but was " + show(v));
            return null;
        }
        return Duration.ofMinutes(i.longValue());
    }

    /**
     * A number of minutes for every severity, or an object of minutes by severity; null (absent)
     * is an empty map.
     */
    Map<Severity, Duration> minutesBySeverity(Object v, String path, long min, long max) {
        Map<Severity, Duration> out = new EnumMap<>(Severity.class);
        if (v == null) {
            return out;
        }
        if (v instanceof Number) {
            Duration d = minutes(v, path, min, max);
            if (d != null) {
                for (Severity s : Severity.values()) {
                    out.put(s, d);
                }
            }
            return out;
        }
        if (!(v instanceof Map<?, ?>)) {
            problem(path, "must be a number of minutes or an object of minutes by severity (" + SEVERITIES
                    + "), but was " + show(v));
            return out;
        }
        Map<String, Object> m = object(v, path);
        if (m == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String p = field(path, e.getKey());
            Severity s = severityKey(e.getKey());
            if (s == null) {
                problem(p, "unknown severity; expected one of " + SEVERITIES);
                continue;
            }
            if (e.getValue() == null) {
                continue; // an explicit null reads as absent: this severity does not use it
            }
            Duration d = minutes(e.getValue(), p, min, max);
            if (d != null) {
                out.put(s, d);
            }
        }
        return out;
    }

    Severity severity(Object v, String path) {
        Severity s = v instanceof String str ? severityKey(str) : null;
        if (s == null) {
            problem(path, "must be one of " + SEVERITIES + ", but was " + show(v));
        }
        return s;
    }

    private static Severity severityKey(String key) {
        for (Severity s : Severity.values()) {
            if (s.wireName().equals(key)) {
                return s;
            }
        }
        return null;
    }

    Instant instant(Object v, String path) {
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem(path, "must be an ISO-8601 instant such as \"2026-03-29T01:00:00Z\", but was " + show(v));
        return null;
    }

    /** An ISO-8601 duration string ({@code "PT2M"}): positive, or also zero if {@code zeroAllowed}. */
    Duration duration(Object v, String path, boolean zeroAllowed) {
        if (v instanceof String s) {
            try {
                Duration d = Duration.parse(s);
                if (!d.isNegative() && (zeroAllowed || !d.isZero())) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem(path, "must be " + (zeroAllowed ? "a non-negative" : "a positive")
                + " ISO-8601 duration such as \"PT2M\", but was " + show(v));
        return null;
    }

    Instant optionalInstant(Object v, String path) {
        return v == null ? null : instant(v, path);
    }

    Boolean bool(Object v, String path) {
        if (v instanceof Boolean b) {
            return b;
        }
        problem(path, "must be true or false, but was " + show(v));
        return null;
    }

    /** The value if it is one of {@code allowed}, else a problem. */
    String oneOf(Object v, String path, Set<String> allowed) {
        if (v instanceof String s && allowed.contains(s)) {
            return s;
        }
        problem(path, "must be one of " + String.join("|", allowed.stream().sorted().toList()) + ", but was " + show(v));
        return null;
    }

    private BigInteger whole(Object v, String path, String what) {
        if (!(v instanceof Number n)) {
            problem(path, "must be " + what + ", but was " + show(v));
            return null;
        }
        BigDecimal d;
        if (n instanceof BigDecimal bd) {
            d = bd;
        } else if (n instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (n instanceof Double || n instanceof Float) {
            double x = n.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                problem(path, "must be " + what + ", but was " + show(v));
                return null;
            }
            d = BigDecimal.valueOf(x);
        } else {
            d = BigDecimal.valueOf(n.longValue());
        }
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            problem(path, "must be " + what + ", but was " + show(v));
            return null;
        }
    }
}
