package com.nexussaude.monitor.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the replay's {@code --config FILE.json} onto {@link MonitorConfig#builder()}:
 *
 * <pre>{@code
 * {"allowed_lateness_seconds": 30, "resolve_hold_seconds": 30, "update_interval_seconds": 300,
 *  "bands": {"oxygen_saturation": {"normal": [94, 100], "warning": [90, 100], "critical": [85, 100]}},
 *  "persistence": {"oxygen_saturation": {"medium_delay_seconds": 15, "high_delay_seconds": 10}},
 *  "packs": ["threshold"], "pack_settings": {"trend_hr_min_span_min": 10},
 *  "patients": {"bed-3": {"ward": "respiratory", "bed": "3", "spo2_scale": 2,
 *                         "bands": {"heart_rate": {"normal": [55, 110]}}}}}
 * }</pre>
 *
 * {@code patients} registers patients before the replay ({@link PatientContext}): the ward (whose bands
 * apply), the bed, the NEWS2 SpO2 scale (2: the prescribed 88–92 % target, whose SpO2 bands are
 * {@link Bands#SPO2_SCALE_2}) and per-patient band overrides, where an omitted range keeps the range
 * that would otherwise apply to the patient (for SpO2 on scale 2, the scale-2 range).
 *
 * Omitted settings keep their defaults; in {@code bands} an omitted range keeps the default range
 * and a {@code null} bound means unlimited. Unknown keys are errors rather than being ignored,
 * because a misspelt key would otherwise silently leave a clinical limit at its default.
 */
final class ConfigLoader {
    /** Strict JSON: a key given twice is an error naming it, not last-wins. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** The longest duration a {@code *_seconds} setting may give: 365 days. */
    static final long MAX_SECONDS = 365L * 24 * 3600;

    /** A configuration error; the message names the file and the key. */
    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message, null, false, false);
        }
    }

    private ConfigLoader() {
    }

    /**
     * The configuration file's contents: the monitor configuration, the patients to register (in file
     * order) and their beds by patient id.
     */
    record Loaded(MonitorConfig config, List<PatientContext> patients, Map<String, String> beds) {
    }

    static MonitorConfig load(Path file) throws ConfigException {
        return loadAll(file).config();
    }

    /** The text without a leading byte-order mark (editors on Windows write one; it is not JSON). */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static Loaded loadAll(Path file) throws ConfigException {
        String where = "config " + file;
        JsonNode root;
        try {
            root = MAPPER.readTree(withoutByteOrderMark(Files.readString(file)));
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(where + ": expected a JSON object");
        }
        MonitorConfig.Builder b = MonitorConfig.builder();
        JsonNode patientsNode = null;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            try {
                switch (key) {
                    case "allowed_lateness_seconds" -> b.allowedLateness(seconds(key, v));
                    case "resolve_hold_seconds" -> b.resolveHold(seconds(key, v));
                    case "update_interval_seconds" -> b.updateInterval(seconds(key, v));
                    case "bands" -> bands(b, v);
                    case "persistence" -> persistence(b, v);
                    case "packs" -> b.packs(packs(v));
                    case "pack_settings" -> packSettings(b, v);
                    case "patients" -> patientsNode = v; // read after the bands they refine
                    default -> throw new ConfigException("unknown key '" + key + "'; the keys are allowed_lateness_seconds, "
                            + "resolve_hold_seconds, update_interval_seconds, bands, persistence, packs, pack_settings, patients");
                }
            } catch (ConfigException | IllegalArgumentException ex) {
                throw new ConfigException(where + ": " + ex.getMessage());
            }
        }
        MonitorConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(where + ": " + ex.getMessage());
        }
        List<PatientContext> patients = new ArrayList<>();
        Map<String, String> beds = new LinkedHashMap<>();
        if (patientsNode != null) {
            try {
                patients(config, patientsNode, patients, beds);
            } catch (ConfigException | IllegalArgumentException ex) {
                throw new ConfigException(where + ": " + ex.getMessage());
            }
        }
        return new Loaded(config, List.copyOf(patients), Map.copyOf(beds));
    }

    private static void patients(MonitorConfig config, JsonNode node, List<PatientContext> out, Map<String, String> beds)
            throws ConfigException {
        requireObject("patients", node);
        for (Map.Entry<String, JsonNode> p : node.properties()) {
            String key = "patients." + p.getKey();
            if (p.getKey().isBlank()) {
                throw new ConfigException("patients: a patient id must not be blank");
            }
            requireObject(key, p.getValue());
            PatientContext ctx = PatientContext.of(p.getKey());
            JsonNode bandsNode = null;
            for (Map.Entry<String, JsonNode> f : p.getValue().properties()) {
                String fk = key + "." + f.getKey();
                JsonNode v = f.getValue();
                switch (f.getKey()) {
                    case "ward" -> ctx = ctx.withWard(text(fk, v));
                    case "bed" -> {
                        beds.put(p.getKey(), text(fk, v));
                        ctx = ctx.withBed(text(fk, v)); // pages say which bed to run to
                    }
                    case "spo2_scale" -> {
                        if (!v.isInt() || (v.asInt() != 1 && v.asInt() != 2)) {
                            throw new ConfigException(fk + " must be 1 or 2 (2: hypercapnic, prescribed 88-92 %), but was " + v);
                        }
                        ctx = ctx.withSpo2Scale(v.asInt());
                    }
                    case "bands" -> bandsNode = v; // after the scale, whose SpO2 range they refine
                    default -> throw new ConfigException("unknown key '" + fk + "'; the keys are ward, bed, spo2_scale, bands");
                }
            }
            if (bandsNode != null) {
                requireObject(key + ".bands", bandsNode);
                for (Map.Entry<String, JsonNode> e : bandsNode.properties()) {
                    String bk = key + ".bands." + e.getKey();
                    Vital vital = vital(key + ".bands", e.getKey());
                    Bands base = vital == Vital.SPO2 && ctx.spo2Scale() == 2 ? Bands.SPO2_SCALE_2 : config.bands().get(vital);
                    ctx = ctx.withBands(vital, parseBands(bk, e.getValue(), base));
                }
            }
            out.add(ctx);
        }
    }

    private static String text(String key, JsonNode v) throws ConfigException {
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(key + " must be a non-empty string, but was " + v);
        }
        return v.asText();
    }

    private static Duration seconds(String key, JsonNode v) throws ConfigException {
        if (!v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() <= MAX_SECONDS)) {
            throw new ConfigException(key + " must be a number of seconds within 0.." + MAX_SECONDS + ", but was " + v);
        }
        return Duration.ofMillis(Math.round(v.asDouble() * 1000));
    }

    private static Vital vital(String key, String name) throws ConfigException {
        try {
            Vital vital = Vital.parse(name);
            if (!vital.hasBands()) {
                throw new ConfigException(key + "." + name + ": " + vital.fieldName() + " has no alarm bands");
            }
            return vital;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + "." + name + ": " + e.getMessage());
        }
    }

    private static void bands(MonitorConfig.Builder b, JsonNode node) throws ConfigException {
        requireObject("bands", node);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = "bands." + e.getKey();
            Vital vital = vital("bands", e.getKey());
            b.bands(vital, parseBands(key, e.getValue(), b.build().bands().get(vital)));
        }
    }

    /** Bands from {@code {"normal": [lo, hi], ...}}; an omitted range keeps {@code d}'s. */
    private static Bands parseBands(String key, JsonNode node, Bands d) throws ConfigException {
        requireObject(key, node);
        double[] r = {d.normalLow(), d.normalHigh(), d.warningLow(), d.warningHigh(), d.criticalLow(), d.criticalHigh()};
        for (Map.Entry<String, JsonNode> range : node.properties()) {
            int at = switch (range.getKey()) {
                case "normal" -> 0;
                case "warning" -> 2;
                case "critical" -> 4;
                default -> throw new ConfigException("unknown key '" + key + "." + range.getKey()
                        + "'; the ranges are normal, warning, critical");
            };
            JsonNode pair = range.getValue();
            String rk = key + "." + range.getKey();
            if (!pair.isArray() || pair.size() != 2) {
                throw new ConfigException(rk + " must be [low, high], but was " + pair);
            }
            r[at] = bound(rk, pair.get(0), Double.NEGATIVE_INFINITY);
            r[at + 1] = bound(rk, pair.get(1), Double.POSITIVE_INFINITY);
        }
        try {
            return Bands.of(r[0], r[1], r[2], r[3], r[4], r[5]);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(key + ": " + ex.getMessage());
        }
    }

    private static double bound(String key, JsonNode v, double unlimited) throws ConfigException {
        if (v.isNull()) {
            return unlimited;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new ConfigException(key + " bounds must be finite numbers or null, but was " + v);
        }
        return v.asDouble();
    }

    private static void persistence(MonitorConfig.Builder b, JsonNode node) throws ConfigException {
        requireObject("persistence", node);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = "persistence." + e.getKey();
            Vital vital = vital("persistence", e.getKey());
            requireObject(key, e.getValue());
            PersistencePolicy p = b.build().persistence().get(vital);
            Duration medium = p.mediumDelay();
            Duration high = p.highDelay();
            for (Map.Entry<String, JsonNode> d : e.getValue().properties()) {
                String dk = key + "." + d.getKey();
                switch (d.getKey()) {
                    case "medium_delay_seconds" -> medium = seconds(dk, d.getValue());
                    case "high_delay_seconds" -> high = seconds(dk, d.getValue());
                    default -> throw new ConfigException("unknown key '" + dk
                            + "'; the keys are medium_delay_seconds, high_delay_seconds");
                }
            }
            // maxGap and staleAfter keep the vital's defaults: they describe the sampling, not a clinical choice.
            b.persistence(vital, p.withDelays(medium, high));
        }
    }

    private static Set<String> packs(JsonNode node) throws ConfigException {
        if (!node.isArray()) {
            throw new ConfigException("packs must be an array of pack names, but was " + node);
        }
        Set<String> packs = new LinkedHashSet<>();
        for (JsonNode p : node) {
            if (!p.isTextual()) {
                throw new ConfigException("packs must be an array of pack names, but contains " + p);
            }
            if (!MonitorConfig.BUNDLED_PACKS.contains(p.asText())) {
                throw new ConfigException("packs: unknown pack '" + p.asText() + "', the bundled packs are "
                        + MonitorConfig.BUNDLED_PACKS);
            }
            packs.add(p.asText());
        }
        return packs;
    }

    /**
     * Pack tuning: EPL variable name to number or string. Whether the name is declared by a deployed pack
     * and fits its type is checked when the monitor is built, which names the setting.
     */
    private static void packSettings(MonitorConfig.Builder b, JsonNode node) throws ConfigException {
        requireObject("pack_settings", node);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                // The exact number (a BigInteger beyond a long, too): the monitor checks it fits the setting's
                // type and names it if not; asLong() would wrap 2^64 + 1 to 1.
                if (!v.isIntegralNumber() && !Double.isFinite(v.asDouble())) {
                    throw new ConfigException("pack_settings." + e.getKey() + " must be a finite number, but was " + v);
                }
                b.packSetting(e.getKey(), v.numberValue());
            } else if (v.isTextual()) {
                b.packSetting(e.getKey(), v.asText());
            } else {
                throw new ConfigException("pack_settings." + e.getKey() + " must be a number or a string, but was " + v);
            }
        }
    }

    private static void requireObject(String key, JsonNode node) throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException(key + " must be an object, but was " + node);
        }
    }
}
