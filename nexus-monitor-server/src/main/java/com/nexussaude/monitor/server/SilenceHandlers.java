package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.CLINICIAN;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.body;
import static com.nexussaude.monitor.server.Requests.category;
import static com.nexussaude.monitor.server.Requests.instantField;
import static com.nexussaude.monitor.server.Requests.onlyFields;
import static com.nexussaude.monitor.server.Requests.onlyParams;
import static com.nexussaude.monitor.server.Requests.severity;
import static com.nexussaude.monitor.server.Requests.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.notify.Category;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Silences: create (with a preview of what they would match), list, expire. */
final class SilenceHandlers {
    private final MonitorServer s;

    SilenceHandlers(MonitorServer server) {
        this.s = server;
    }

    private static final Set<String> SILENCE_FIELDS = Set.of("patient_id", "ward", "rules", "keys", "categories",
            "min_severity", "max_severity", "starts_at", "ends_at", "duration_minutes", "until_resolved_alert_id",
            "comment");

    private Silence silenceFrom(JsonNode b, String createdBy) {
        onlyFields(b, SILENCE_FIELDS);
        Silence.Builder sb = Silence.builder().by(createdBy);
        String comment = text(b, "comment", true);
        sb.because(comment);
        String pid = text(b, "patient_id", false);
        if (pid != null) {
            sb.patient(pid);
        }
        String ward = text(b, "ward", false);
        if (ward != null) {
            sb.ward(ward);
        }
        AlertMatcher m = AlertMatcher.any();
        List<String> rules = strings(b, "rules");
        if (!rules.isEmpty()) {
            m = m.withRules(rules.toArray(String[]::new));
        }
        List<String> keys = strings(b, "keys");
        if (!keys.isEmpty()) {
            m = m.withKeys(keys.toArray(String[]::new));
        }
        List<String> cats = strings(b, "categories");
        if (!cats.isEmpty()) {
            m = m.withCategories(cats.stream().map(c -> category("categories", c)).toArray(Category[]::new));
        }
        String min = text(b, "min_severity", false);
        if (min != null) {
            m = m.atLeast(severity("min_severity", min));
        }
        String max = text(b, "max_severity", false);
        if (max != null) {
            m = m.atMost(severity("max_severity", max));
        }
        sb.matching(m);
        Instant starts = instantField(b, "starts_at");
        if (starts != null) {
            sb.from(starts);
        }
        Instant ends = instantField(b, "ends_at");
        JsonNode dur = b.get("duration_minutes");
        String untilResolved = text(b, "until_resolved_alert_id", false);
        int given = (ends != null ? 1 : 0) + (dur != null && !dur.isNull() ? 1 : 0) + (untilResolved != null ? 1 : 0);
        if (given != 1) {
            throw Problem.badRequest("give exactly one of ends_at, duration_minutes, until_resolved_alert_id");
        }
        if (dur != null && !dur.isNull()) {
            if (!dur.isInt() || dur.asInt() < 1 || dur.asInt() > 7 * 24 * 60) {
                throw Problem.badRequest("duration_minutes must be an integer in 1..10080, but was " + dur);
            }
            ends = (starts != null ? starts : Instant.now()).plus(Duration.ofMinutes(dur.asInt()));
        }
        if (ends != null) {
            sb.until(ends);
        }
        if (untilResolved != null) {
            sb.untilResolved(untilResolved);
        }
        try {
            return sb.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    private static List<String> strings(JsonNode b, String field) {
        JsonNode n = b.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw Problem.badRequest(field + " must be an array of strings, but was " + n);
        }
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw Problem.badRequest(field + " must be an array of strings, but holds " + x);
            }
            out.add(x.asText());
        }
        return out;
    }

    /** The active alerts a silence would cover now (Alertmanager's preview). */
    private List<Map<String, Object>> wouldMatch(Silence silence) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : s.monitor.openAlerts()) {
            String ward = s.wardOf(a.patientId());
            if (silence.covers(a, ward)) {
                out.add(Views.alert(a, ward));
            }
        }
        return out;
    }

    void previewSilence(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        Silence silence = silenceFrom(body(ctx, true), p.subject());
        ctx.json(Map.of("would_match", wouldMatch(silence)));
    }

    void createSilence(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        Silence request = silenceFrom(body(ctx, true), p.subject());
        Silence created;
        try {
            created = s.monitor.silence(request);
        } catch (IllegalArgumentException e) {
            throw Problem.unprocessable(e.getMessage());
        }
        Map<String, Object> out = Views.silence(created, s.monitor.now());
        out.put("would_match", wouldMatch(created));
        ctx.status(201);
        ctx.header("Location", "/silences/" + created.silenceId());
        ctx.json(out);
    }

    void listSilences(Context ctx) {
        need(ctx, VIEWER);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Silence sl : s.monitor.silences()) {
            out.add(Views.silence(sl, s.monitor.now()));
        }
        ctx.json(Map.of("items", out));
    }

    void expireSilence(Context ctx) {
        Auth.Principal p = need(ctx, CLINICIAN);
        onlyParams(ctx, Set.of("reason"));
        String id = ctx.pathParam("id");
        String reason = ctx.queryParam("reason");
        if (!s.monitor.expireSilence(id, p.subject(), reason == null ? "expired through the API" : reason)) {
            throw Problem.notFound("no silence " + id + " in force");
        }
        ctx.status(204);
    }

}
