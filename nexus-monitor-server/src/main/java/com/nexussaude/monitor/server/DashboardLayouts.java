package com.nexussaude.monitor.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each user's dashboard widgets (keyed by token subject), kept in one JSON file in the data directory
 * so a layout survives a restart. Written whole to a temporary file and moved into place, so a crash
 * mid-write leaves the previous layout, never half a file.
 */
final class DashboardLayouts {
    /** The file's name inside the data directory. */
    static final String FILE = "dashboard-layouts.json";
    static final Set<String> TYPES = Set.of("metric", "chart", "alert_list", "bed_group");
    private static final Set<String> FIELDS = Set.of("type", "title", "config", "position");
    private static final Set<String> POSITION_FIELDS = Set.of("x", "y", "w", "h");
    static final int MAX_WIDGETS_PER_USER = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    /** subject -> widget id -> widget; guarded by this. */
    private final Map<String, Map<String, Map<String, Object>>> layouts;
    private long nextId;

    DashboardLayouts(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        Map<String, Map<String, Map<String, Object>>> read = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                read = json.readValue(file.toFile(), new TypeReference<>() { });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dashboard layouts " + file + ": " + e.getMessage(), e);
            }
        }
        this.layouts = read;
        long max = 0;
        for (Map<String, Map<String, Object>> user : read.values()) {
            for (String id : user.keySet()) {
                max = Math.max(max, number(id));
            }
        }
        this.nextId = max + 1;
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    synchronized List<Map<String, Object>> widgets(String subject) {
        return new ArrayList<>(layouts.getOrDefault(subject, Map.of()).values());
    }

    synchronized Map<String, Object> widget(String subject, String id) {
        Map<String, Object> w = layouts.getOrDefault(subject, Map.of()).get(id);
        if (w == null) {
            throw Problem.notFound("widget " + id + " is not in " + subject + "'s dashboard");
        }
        return w;
    }

    /** Adds a widget, or with {@code id} replaces that one (a move or an edit). */
    synchronized Map<String, Object> put(String subject, String id, JsonNode body) {
        Map<String, Object> w = validate(body);
        Map<String, Map<String, Object>> user = layouts.computeIfAbsent(subject, k -> new LinkedHashMap<>());
        if (id == null) {
            if (user.size() >= MAX_WIDGETS_PER_USER) {
                throw Problem.badRequest("a dashboard holds at most " + MAX_WIDGETS_PER_USER + " widgets; remove one first");
            }
            id = "widget-" + nextId++;
        } else if (!user.containsKey(id)) {
            throw Problem.notFound("widget " + id + " is not in " + subject + "'s dashboard");
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("widget_id", id);
        stored.putAll(w);
        user.put(id, stored);
        save();
        return stored;
    }

    synchronized void remove(String subject, String id) {
        Map<String, Map<String, Object>> user = layouts.get(subject);
        if (user == null || user.remove(id) == null) {
            throw Problem.notFound("widget " + id + " is not in " + subject + "'s dashboard");
        }
        save();
    }

    private Map<String, Object> validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.badRequest("the body must be a JSON object with type, title, config and position");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw Problem.badRequest("unknown field(s) " + unknown + "; a widget has type, title, config, position");
        }
        String type = body.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw Problem.badRequest("type must be one of metric, chart, alert_list, bed_group, but was " + body.get("type"));
        }
        String title = body.path("title").asText(type);
        if (title.length() > 200) {
            throw Problem.badRequest("title must be at most 200 characters");
        }
        JsonNode config = body.get("config");
        if (config != null && !config.isObject()) {
            throw Problem.badRequest("config must be a JSON object, but was " + config);
        }
        Map<String, Object> position = new LinkedHashMap<>();
        JsonNode pos = body.get("position");
        if (pos != null && !pos.isObject()) {
            throw Problem.badRequest("position must be {\"x\":..,\"y\":..,\"w\":..,\"h\":..}, but was " + pos);
        }
        for (String f : List.of("x", "y", "w", "h")) {
            JsonNode n = pos == null ? null : pos.get(f);
            int dflt = f.equals("w") || f.equals("h") ? 1 : 0;
            if (n != null && (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > 1000)) {
                throw Problem.badRequest("position." + f + " must be an integer in 0..1000, but was " + n);
            }
            position.put(f, n == null ? dflt : n.asInt());
        }
        if (pos != null) {
            for (Iterator<String> it = pos.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!POSITION_FIELDS.contains(f)) {
                    throw Problem.badRequest("unknown field position." + f + "; a position has x, y, w, h");
                }
            }
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("type", type);
        w.put("title", title);
        w.put("config", config == null ? Map.of() : json.convertValue(config, new TypeReference<Map<String, Object>>() { }));
        w.put("position", position);
        return w;
    }

    private void save() {
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), layouts);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard layouts " + file + ": " + e.getMessage(), e);
        }
    }
}
