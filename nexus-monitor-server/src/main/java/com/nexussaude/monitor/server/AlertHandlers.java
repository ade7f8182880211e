package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.JSON;
import static com.nexussaude.monitor.server.Api.MAX_PAGE;
import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.CLINICIAN;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.body;
import static com.nexussaude.monitor.server.Requests.category;
import static com.nexussaude.monitor.server.Requests.instantParam;
import static com.nexussaude.monitor.server.Requests.listParam;
import static com.nexussaude.monitor.server.Requests.onlyFields;
import static com.nexussaude.monitor.server.Requests.reason;
import static com.nexussaude.monitor.server.Requests.severity;
import static com.nexussaude.monitor.server.Requests.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Acknowledged;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.IllegalTransitionException;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Alerts: the filtered, paged list, one alert, its timeline, acknowledge, resolve, and manual alerts. */
final class AlertHandlers {
    private final MonitorServer s;

    AlertHandlers(MonitorServer server) {
        this.s = server;
    }

    private static long idNumber(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }


    void listAlerts(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(page(ctx, null));
    }

    void patientAlerts(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(page(ctx, ctx.pathParam("patient_id")));
    }

    /** Filters, newest first, with a cursor: the id after which the next page starts. */
    private Map<String, Object> page(Context ctx, String patientPath) {
        AlertQuery query = AlertQuery.of(ctx, patientPath);
        Set<String> states = query.states();
        Set<Severity> severities = query.severities();
        Set<Category> categories = query.categories();
        String patient = patientPath != null ? patientPath : ctx.queryParam("patient");
        String ward = ctx.queryParam("ward");
        Set<String> rules = listParam(ctx, "rule");
        Instant since = instantParam(ctx, "since");
        Instant until = instantParam(ctx, "until");
        int limit = 100;
        if (ctx.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(ctx.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw Problem.badRequest("limit must be an integer in 1.." + MAX_PAGE + ", but was \"" + ctx.queryParam("limit") + "\"");
            }
        }
        String cursor = ctx.queryParam("cursor");
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            before = idNumber(cursor);
            if (before < 0) {
                throw Problem.badRequest("cursor must be the next_cursor of a previous page, but was \"" + cursor + "\"");
            }
        }
        Map<String, Alert> all = new LinkedHashMap<>();
        boolean wantResolved = states.contains("resolved") || states.contains("all");
        if (wantResolved) {
            all.putAll(s.resolved.asMap());
        }
        for (Alert a : s.monitor.openAlerts()) {
            all.put(a.alertId(), a);
        }
        List<Alert> hits = new ArrayList<>();
        for (Alert a : all.values()) {
            if (idNumber(a.alertId()) >= before) {
                continue;
            }
            String st = a.state().name().toLowerCase(Locale.ROOT);
            boolean stateOk = states.contains("all") || states.contains(st) || (states.contains("active") && a.isActive());
            if (!stateOk
                    || (!severities.isEmpty() && !severities.contains(a.severity()))
                    || (!categories.isEmpty() && !categories.contains(a.category()))
                    || (patient != null && !patient.equals(a.patientId()))
                    || (ward != null && !ward.equals(s.wardOf(a.patientId())))
                    || (!rules.isEmpty() && !rules.contains(a.ruleId().toLowerCase(Locale.ROOT)))
                    || (since != null && a.raisedAt().isBefore(since))
                    || (until != null && !a.raisedAt().isBefore(until))) {
                continue;
            }
            hits.add(a);
        }
        hits.sort(Comparator.comparingLong((Alert a) -> idNumber(a.alertId())).reversed());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, hits.size()); i++) {
            items.add(Views.alert(hits.get(i), s.wardOf(hits.get(i).patientId())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next_cursor", hits.size() > limit ? hits.get(limit - 1).alertId() : null);
        return out;
    }

    /** An alert by id: active from the monitor, resolved from this process's memory, else from the journal. */
    private Map<String, Object> alertById(String id) {
        Alert a = s.monitor.alert(id);
        if (a == null) {
            a = s.resolved.getIfPresent(id);
        }
        if (a != null) {
            return Views.alert(a, s.wardOf(a.patientId()));
        }
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().alertId(id).build());
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).type().startsWith("alert.")) {
                return JournalViews.alert(records.get(i), s.wardOf(records.get(i).patientId()));
            }
        }
        throw Problem.notFound("no alert " + id);
    }

    void getAlert(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(alertById(ctx.pathParam("id")));
    }

    void alertTimeline(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().alertId(id).build());
        if (records.isEmpty()) {
            throw Problem.notFound("no journal records of alert " + id);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        records.forEach(r -> out.add(Views.record(r)));
        ctx.json(Map.of("alert_id", id, "records", out));
    }

    private String reason(Context ctx) throws JsonProcessingException {
        JsonNode b = body(ctx, false);
        onlyFields(b, Set.of("reason"));
        String r = text(b, "reason", false);
        return r == null ? "" : r;
    }

    void acknowledge(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        try {
            Acknowledged a = s.monitor.acknowledgeAndReport(id, p.subject(), reason);
            if (!a.changed()) {
                // Acknowledging twice is not an error: the alert is owned, which is what was asked. The first
                // acknowledgement stands; the answer says this one changed nothing.
                ctx.header("Already-Acknowledged", "true");
            }
            ctx.json(Views.alert(a.alert(), null));
        } catch (IllegalTransitionException e) {
            throw Problem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

    void resolve(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        try {
            Alert a = s.monitor.resolve(id, p.subject(), reason.isEmpty() ? "resolved by hand" : reason);
            ctx.json(Views.alert(a, s.wardOf(a.patientId())));
        } catch (IllegalTransitionException e) {
            throw Problem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

    private static final Set<String> RAISE_FIELDS = Set.of("patient_id", "severity", "message", "reason", "key",
            "category", "ttl_hours", "evidence");

    /** A manual alert: rule {@code manual}, raised by the token's subject with a required reason. */
    void raiseAlert(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        JsonNode b = body(ctx, true);
        onlyFields(b, RAISE_FIELDS);
        String pid = text(b, "patient_id", true);
        Severity sev = severity("severity", text(b, "severity", true));
        String message = text(b, "message", true);
        String why = text(b, "reason", true);
        String cat = text(b, "category", false);
        JsonNode ttlNode = b.get("ttl_hours");
        long ttlHours = 24;
        if (ttlNode != null && !ttlNode.isNull()) {
            if (!ttlNode.isInt() || ttlNode.asInt() < 1 || ttlNode.asInt() > 24 * 14) {
                throw Problem.badRequest("ttl_hours must be an integer in 1..336, but was " + ttlNode);
            }
            ttlHours = ttlNode.asInt();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        JsonNode ev = b.get("evidence");
        if (ev != null && !ev.isNull()) {
            if (!ev.isObject()) {
                throw Problem.badRequest("evidence must be a JSON object, but was " + ev);
            }
            evidence.putAll(JSON.convertValue(ev, Map.class));
        }
        evidence.put("raised_by", p.subject());
        Alert a = s.monitor.raise(pid, "manual", text(b, "key", false), sev,
                cat == null ? Category.PHYSIOLOGICAL : category("category", cat), message, evidence,
                Duration.ofHours(ttlHours), p.subject(), why);
        ctx.status(201);
        ctx.header("Location", "/alerts/" + a.alertId());
        ctx.json(Views.alert(a, s.wardOf(pid)));
    }

}
