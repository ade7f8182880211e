package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading request bodies, query parameters and fields, naming what was wrong in a {@link Problem}. */
final class Requests {
    private Requests() {
    }

    static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    static JsonNode body(Context ctx, boolean required) throws JsonProcessingException {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            if (required) {
                throw Problem.badRequest("a JSON body is required");
            }
            return JSON.createObjectNode();
        }
        return JSON.readTree(text);
    }

    /** Rejects fields a body must not carry: unknown ones are reported, never ignored. */
    static void onlyFields(JsonNode body, Set<String> allowed) {
        if (!body.isObject()) {
            throw Problem.badRequest("the body must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw Problem.badRequest("unknown field(s) " + unknown + "; allowed: " + new java.util.TreeSet<>(allowed))
                    .with("unknown_fields", unknown);
        }
    }

    /** Rejects query parameters a route does not read ({@code access_token} is read everywhere). */
    static void onlyParams(Context ctx, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name) && !name.equals("access_token")) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw Problem.badRequest("unknown query parameter(s) " + unknown + "; allowed: " + new java.util.TreeSet<>(allowed))
                    .with("unknown_parameters", unknown);
        }
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw Problem.badRequest(field + " is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw Problem.badRequest(field + " must be a string, but was " + n);
        }
        if (required && n.asText().isBlank()) {
            throw Problem.badRequest(field + " must not be blank");
        }
        return n.asText();
    }

    static Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("query parameter " + name + " must be ISO-8601 with an offset"
                    + " (2026-12-01T08:00:00Z), but was \"" + v + "\"");
        }
    }

    static Instant instantField(JsonNode body, String field) {
        String v = text(body, field, false);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(field + " must be ISO-8601 with an offset, but was \"" + v + "\"");
        }
    }

    static Set<String> listParam(Context ctx, String name) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : ctx.queryParams(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    static Severity severity(String field, String v) {
        try {
            return Severity.fromWireName(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(field + " must be one of low, medium, high, critical, but was \"" + v + "\"");
        }
    }

    static Category category(String field, String v) {
        try {
            return Category.fromWireName(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(field + " must be physiological or technical, but was \"" + v + "\"");
        }
    }

    static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw Problem.notFound("resource " + name + " is missing from the server jar");
            }
            ctx.contentType(type);
            ctx.result(in.readAllBytes());
        }
    }

    static String reason(Context ctx) throws JsonProcessingException {
        JsonNode b = body(ctx, false);
        onlyFields(b, Set.of("reason"));
        String r = text(b, "reason", false);
        return r == null ? "" : r;
    }

    static Bands bandsFrom(String where, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw Problem.badRequest(where + " must be {\"normal\":[low,high],\"warning\":[low,high],\"critical\":[low,high]}");
        }
        onlyFields(n, Set.of("normal", "warning", "critical"));
        double[] v = new double[6];
        String[] names = {"normal", "warning", "critical"};
        for (int i = 0; i < 3; i++) {
            JsonNode pair = n.get(names[i]);
            if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw Problem.badRequest(where + "." + names[i] + " must be [low, high], but was " + pair);
            }
            v[2 * i] = pair.get(0).asDouble();
            v[2 * i + 1] = pair.get(1).asDouble();
        }
        try {
            return Bands.of(v[0], v[1], v[2], v[3], v[4], v[5]);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(where + ": " + e.getMessage());
        }
    }

    static Vital bandedVital(String where, String name) {
        Vital v = null;
        for (Vital x : Vital.values()) {
            if (x.fieldName().equals(name)) {
                v = x;
            }
        }
        if (v == null || !v.hasBands()) {
            List<String> names = new ArrayList<>();
            for (Vital x : Vital.values()) {
                if (x.hasBands()) {
                    names.add(x.fieldName());
                }
            }
            throw Problem.badRequest(where + " must be one of " + names + ", but was \"" + name + "\"");
        }
        return v;
    }
}
