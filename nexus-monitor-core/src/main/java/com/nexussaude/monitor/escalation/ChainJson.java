package com.nexussaude.monitor.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON form of an {@link EscalationChain}: reading with a path on every problem, and writing. */
final class ChainJson {

    static final String WHAT = "escalation policy";

    private static final List<String> CHAIN_FIELDS = List.of("name", "repeat", "ack_timeout_minutes", "remind_minutes",
            "not_paged", "levels");
    private static final List<String> LEVEL_FIELDS = List.of("name", "targets", "channels", "wait_minutes");
    private static final List<String> TARGET_KINDS = List.of("person", "role", "schedule");

    // Comments let the bundled file document each default; duplicate keys are refused because a
    // silently ignored first value is a configuration error nobody would see; decimals are read
    // exactly so that 1.5 is reported as not whole, not rounded.
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper WRITER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ChainJson() {
    }

    static EscalationChain parse(String json) {
        Object root;
        try {
            root = READER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String problem = where + readable(e.getOriginalMessage());
            throw new EscalationConfigException(WHAT, List.of(new EscalationConfigException.Problem("(document)", problem)));
        }
        Tree t = new Tree();
        EscalationChain chain = read(t, root, "");
        t.throwIfAny(WHAT);
        return chain;
    }

    /** Jackson's message without its note that the source is not shown (it never is: it may be large). */
    private static String readable(String message) {
        return message.replaceAll("\\[Source: REDACTED \\(`[A-Za-z_.]+` disabled\\); ", "[");
    }

    /** Reads a chain at {@code path}; null if there were problems (they are in {@code t}). */
    static EscalationChain read(Tree t, Object root, String path) {
        Map<String, Object> m = t.object(root, path.isEmpty() ? "(document)" : path);
        if (m == null) {
            return null;
        }
        t.onlyFields(m, path, CHAIN_FIELDS);
        String name = t.text(m.get("name"), Tree.field(path, "name"));
        Integer repeat = m.get("repeat") == null ? Integer.valueOf(0)
                : t.integer(m.get("repeat"), Tree.field(path, "repeat"), 0, EscalationChain.MAX_REPEAT);
        Map<Severity, Duration> ack = t.minutesBySeverity(m.get("ack_timeout_minutes"),
                Tree.field(path, "ack_timeout_minutes"), 1, EscalationChain.MAX_MINUTES);
        Map<Severity, Duration> remind = t.minutesBySeverity(m.get("remind_minutes"),
                Tree.field(path, "remind_minutes"), 1, EscalationChain.MAX_MINUTES);
        Map<Category, Set<Severity>> notPaged = notPaged(t, m.get("not_paged"), Tree.field(path, "not_paged"));
        List<EscalationChain.Level> levels = new ArrayList<>();
        String levelsPath = Tree.field(path, "levels");
        List<?> raw = t.array(m.get("levels"), levelsPath);
        if (raw != null) {
            if (raw.isEmpty() || raw.size() > EscalationChain.MAX_LEVELS) {
                t.problem(levelsPath, "must have 1 to " + EscalationChain.MAX_LEVELS + " levels, but had " + raw.size());
            }
            for (int i = 0; i < raw.size(); i++) {
                EscalationChain.Level level = level(t, raw.get(i), Tree.index(levelsPath, i));
                if (level != null) {
                    levels.add(level);
                }
            }
        }
        if (!t.ok()) {
            return null;
        }
        return new EscalationChain(name, repeat, ack, levels, remind, notPaged);
    }

    /** {@code "not_paged": {"technical": ["low"]}}: by category, the severities shown but not paged. */
    private static Map<Category, Set<Severity>> notPaged(Tree t, Object v, String path) {
        Map<Category, Set<Severity>> out = new EnumMap<>(Category.class);
        if (v == null) {
            return out;
        }
        Map<String, Object> m = t.object(v, path);
        if (m == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String p = Tree.field(path, e.getKey());
            Category c = null;
            for (Category k : Category.values()) {
                if (k.wireName().equals(e.getKey())) {
                    c = k;
                }
            }
            if (c == null) {
                t.problem(p, "unknown category; expected physiological or technical");
                continue;
            }
            List<?> raw = t.array(e.getValue(), p);
            if (raw == null) {
                continue;
            }
            Set<Severity> sev = EnumSet.noneOf(Severity.class);
            for (int i = 0; i < raw.size(); i++) {
                Severity s = t.severity(raw.get(i), Tree.index(p, i));
                if (s != null) {
                    sev.add(s);
                }
            }
            out.put(c, sev);
        }
        return out;
    }

    private static EscalationChain.Level level(Tree t, Object raw, String path) {
        Map<String, Object> m = t.object(raw, path);
        if (m == null) {
            return null;
        }
        int before = problemsMark(t);
        t.onlyFields(m, path, LEVEL_FIELDS);
        String name = t.text(m.get("name"), Tree.field(path, "name"));
        List<EscalationTarget> targets = new ArrayList<>();
        String targetsPath = Tree.field(path, "targets");
        List<?> rawTargets = t.array(m.get("targets"), targetsPath);
        if (rawTargets != null) {
            if (rawTargets.isEmpty()) {
                t.problem(targetsPath, "must name at least one target, but was []");
            }
            for (int i = 0; i < rawTargets.size(); i++) {
                EscalationTarget target = target(t, rawTargets.get(i), Tree.index(targetsPath, i));
                if (target != null) {
                    targets.add(target);
                }
            }
        }
        List<String> channels = new ArrayList<>();
        String channelsPath = Tree.field(path, "channels");
        if (m.get("channels") != null) {
            List<?> rawChannels = t.array(m.get("channels"), channelsPath);
            if (rawChannels != null) {
                for (int i = 0; i < rawChannels.size(); i++) {
                    String c = t.text(rawChannels.get(i), Tree.index(channelsPath, i));
                    if (c != null && channels.contains(c)) {
                        t.problem(Tree.index(channelsPath, i), "must not repeat a channel, but was " + Tree.show(c));
                    } else if (c != null) {
                        channels.add(c);
                    }
                }
            }
        }
        Map<Severity, Duration> waits = t.minutesBySeverity(m.get("wait_minutes"), Tree.field(path, "wait_minutes"),
                0, EscalationChain.MAX_MINUTES);
        if (problemsMark(t) != before) {
            return null;
        }
        return new EscalationChain.Level(name, targets, channels, waits);
    }

    private static EscalationTarget target(Tree t, Object raw, String path) {
        if (!(raw instanceof Map<?, ?>)) {
            t.problem(path, "must be an object such as {\"role\": \"charge-nurse\"}, but was " + Tree.show(raw));
            return null;
        }
        Map<String, Object> m = t.object(raw, path);
        if (m == null) {
            return null;
        }
        t.onlyFields(m, path, TARGET_KINDS);
        List<String> kinds = m.keySet().stream().filter(TARGET_KINDS::contains).toList();
        if (kinds.size() != 1) {
            t.problem(path, "must name exactly one of person|role|schedule, but was " + Tree.show(raw));
            return null;
        }
        String kind = kinds.get(0);
        String id = t.text(m.get(kind), Tree.field(path, kind));
        if (id == null) {
            return null;
        }
        return EscalationTarget.of(EscalationTarget.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), id);
    }

    private static int problemsMark(Tree t) {
        return t.count();
    }

    static String write(EscalationChain c) {
        try {
            return WRITER.writeValueAsString(toMap(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chain is made of maps, lists, strings and numbers", e);
        }
    }

    /** The chain as JSON-shaped maps (minutes as numbers), as written and as read back. */
    static Map<String, Object> toMap(EscalationChain c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("repeat", c.repeat());
        if (!c.ackTimeouts().isEmpty()) {
            m.put("ack_timeout_minutes", minutesBySeverity(c.ackTimeouts()));
        }
        if (!c.reminders().isEmpty()) {
            m.put("remind_minutes", minutesBySeverity(c.reminders()));
        }
        if (!c.notPaged().isEmpty()) {
            Map<String, Object> np = new LinkedHashMap<>();
            c.notPaged().forEach((cat, sev) -> np.put(cat.wireName(),
                    sev.stream().sorted().map(Severity::wireName).toList()));
            m.put("not_paged", np);
        }
        List<Object> levels = new ArrayList<>();
        for (EscalationChain.Level l : c.levels()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("name", l.name());
            List<Object> targets = new ArrayList<>();
            for (EscalationTarget target : l.targets()) {
                targets.add(Map.of(target.kind().wireName(), target.id()));
            }
            lm.put("targets", targets);
            lm.put("channels", l.channels());
            if (!l.waits().isEmpty()) {
                lm.put("wait_minutes", minutesBySeverity(l.waits()));
            }
            levels.add(lm);
        }
        m.put("levels", levels);
        return m;
    }

    private static Map<String, Object> minutesBySeverity(Map<Severity, Duration> by) {
        // Most urgent first, as people read them.
        Map<String, Object> m = new LinkedHashMap<>();
        Severity[] all = Severity.values();
        for (int i = all.length - 1; i >= 0; i--) {
            Duration d = by.get(all[i]);
            if (d != null) {
                m.put(all[i].wireName(), d.toMinutes());
            }
        }
        return m;
    }
}
