package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.MAX_PAGE;
import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.CLINICIAN;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.category;
import static com.nexussaude.monitor.server.Requests.instantParam;
import static com.nexussaude.monitor.server.Requests.listParam;
import static com.nexussaude.monitor.server.Requests.onlyParams;
import static com.nexussaude.monitor.server.Requests.reason;
import static com.nexussaude.monitor.server.Requests.severity;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.kafka.ObservationRecords;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alert and incident endpoints in Kafka mode, answered from the group's output topics ({@link KafkaMode#view}),
 * so every instance answers the same; and the answer of endpoints this mode cannot serve.
 */
final class KafkaHandlers {
    /** Newest raise first; the id breaks ties, so a cursor names one place in the order. */
    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> a) -> String.valueOf(a.get("raised_at")))
            .thenComparing(a -> String.valueOf(a.get("alert_id"))).reversed();

    private final KafkaMode k;

    KafkaHandlers(KafkaMode kafka) {
        this.k = kafka;
    }

    /**
     * A handler answering 409 for an endpoint Kafka mode does not serve, naming it and why.
     *
     * @param why why it is not available, e.g. "silences are not yet records of the observations topic"
     */
    static Handler unavailable(String why) {
        return ctx -> {
            need(ctx, VIEWER);
            throw Problem.conflict(ctx.method() + " " + ctx.path() + " is not available in Kafka mode: " + why
                    + " (docs/kafka.md, \"The service in Kafka mode\")");
        };
    }

    void listAlerts(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(page(ctx, null));
    }

    void patientAlerts(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(page(ctx, ctx.pathParam("patient_id")));
    }

    /** The same filters, limits and answer as the service alone; newest raise first, with a cursor. */
    private Map<String, Object> page(Context ctx, String patientPath) {
        AlertQuery query = AlertQuery.of(ctx, patientPath);
        Set<String> states = query.states();
        Set<String> severities = new LinkedHashSet<>();
        query.severities().forEach(v -> severities.add(v.wireName()));
        Set<String> categories = new LinkedHashSet<>();
        query.categories().forEach(v -> categories.add(v.wireName()));
        if (ctx.queryParam("ward") != null) {
            throw Problem.conflict("the ward filter is not available in Kafka mode: patients' wards are registered per"
                    + " instance, not in the group's topics (docs/kafka.md, \"The service in Kafka mode\")");
        }
        String patient = patientPath != null ? patientPath : ctx.queryParam("patient");
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
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> a : k.view.all()) {
            String st = String.valueOf(a.get("state"));
            boolean stateOk = states.contains("all") || states.contains(st)
                    || (states.contains("active") && !st.equals("resolved"));
            Instant raised = a.get("raised_at") == null ? null : Instant.parse(a.get("raised_at").toString());
            if (!stateOk
                    || (!severities.isEmpty() && !severities.contains(String.valueOf(a.get("severity"))))
                    || (!categories.isEmpty() && !categories.contains(String.valueOf(a.get("category"))))
                    || (patient != null && !patient.equals(a.get("patient_id")))
                    || (!rules.isEmpty() && !rules.contains(String.valueOf(a.get("rule")).toLowerCase(Locale.ROOT)))
                    || (since != null && (raised == null || raised.isBefore(since)))
                    || (until != null && (raised == null || !raised.isBefore(until)))) {
                continue;
            }
            hits.add(a);
        }
        hits.sort(NEWEST_FIRST);
        String cursor = ctx.queryParam("cursor");
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            from = -1;
            for (int i = 0; i < hits.size(); i++) {
                if (cursor.equals(hits.get(i).get("alert_id"))) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw Problem.badRequest("cursor must be the next_cursor of a previous page with the same filters, but"
                        + " was \"" + cursor + "\"");
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = from; i < Math.min(from + limit, hits.size()); i++) {
            items.add(KafkaViews.alert(hits.get(i)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next_cursor", hits.size() > from + limit ? hits.get(from + limit - 1).get("alert_id") : null);
        return out;
    }

    void getAlert(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        Map<String, Object> a = k.view.alert(id);
        if (a == null) {
            throw Problem.notFound("no alert " + id + " in " + k.topics.alerts());
        }
        ctx.json(KafkaViews.alert(a));
    }

    void listIncidents(Context ctx) {
        need(ctx, VIEWER);
        onlyParams(ctx, Set.of("patient"));
        String patient = ctx.queryParam("patient");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> i : k.view.incidents()) {
            if (patient == null || patient.equals(i.get("patient_id"))) {
                out.add(KafkaViews.incident(i, k.view));
            }
        }
        ctx.json(Map.of("items", out));
    }

    void getIncident(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        Map<String, Object> i = k.view.incident(id);
        if (i == null) {
            throw Problem.notFound("no incident " + id + " in " + k.topics.incidents());
        }
        ctx.json(KafkaViews.incident(i, k.view));
    }

    /**
     * Writes the acknowledgement into the patient's partition (in order with their observations, so the owner of the
     * partition, and any later owner, stops the escalation at that point), then answers with the incident's alerts
     * as the view shows them: 200 once they are acknowledged, 202 if the owner has not processed it within the
     * publish timeout (it is written and will be).
     */
    void acknowledgeIncident(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        Map<String, Object> incident = k.view.incident(id);
        if (incident == null) {
            throw Problem.notFound("no incident " + id + " in " + k.topics.incidents());
        }
        if ("resolved".equals(incident.get("state"))) {
            throw Problem.conflict("incident " + id + " is resolved: there is nothing to acknowledge");
        }
        Instant at = k.actionTime(k.partitionOf(String.valueOf(incident.get("patient_id"))));
        boolean processed = k.acknowledgeIncident(String.valueOf(incident.get("patient_id")), id, p.subject(), reason, at);
        List<Map<String, Object>> acked = new ArrayList<>();
        if (incident.get("alert_ids") instanceof List<?> ids) {
            for (Object a : ids) {
                Map<String, Object> alert = k.view.alert(String.valueOf(a));
                if (alert != null && "acknowledged".equals(alert.get("state"))) {
                    acked.add(KafkaViews.alert(alert));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incident_id", id);
        out.put("acknowledged", acked);
        if (!processed) {
            out.put("detail", "the acknowledgement is written to " + k.topics.observations() + " but its partition's"
                    + " monitor has not processed it within " + k.settings.publishTimeout().toSeconds() + " s; it will"
                    + " (GET /incidents/" + id + " shows when)");
            ctx.status(202);
        }
        ctx.json(out);
    }

    private static final Set<String> ACTIVE = Set.of("open", "flapping");

    /**
     * {@code PUT /alerts/{id}/acknowledge}: an {@code acknowledge-alert} record in the alert's partition, answered
     * with the alert once the view shows it acknowledged (200), or 202 if not processed within the publish timeout.
     * As the service alone: a resolved alert is 409, an acknowledged one is answered as it is with
     * {@code Already-Acknowledged: true}.
     */
    void acknowledgeAlert(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String why = alertReason(ctx);
        Map<String, Object> a = knownAlert(id);
        if ("resolved".equals(a.get("state"))) {
            throw Problem.conflict("alert " + id + " is resolved: it cannot be acknowledged");
        }
        if (!ACTIVE.contains(String.valueOf(a.get("state")))) {
            ctx.header("Already-Acknowledged", "true");
            ctx.json(KafkaViews.alert(a));
            return;
        }
        String pid = String.valueOf(a.get("patient_id"));
        boolean done = k.writeAndAwait(ObservationRecords.acknowledgeAlert(k.topics.observations(), pid, id,
                p.subject(), why, k.actionTime(k.partitionOf(pid))), () -> !ACTIVE.contains(stateOf(id)));
        answer(ctx, id, done);
    }

    /**
     * {@code PUT /alerts/{id}/resolve}: a {@code resolve-alert} record in the alert's partition, answered with the
     * alert once the view shows it resolved (200), or 202 if not processed within the publish timeout; a resolved
     * alert is 409.
     */
    void resolveAlert(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String why = alertReason(ctx);
        Map<String, Object> a = knownAlert(id);
        if ("resolved".equals(a.get("state"))) {
            throw Problem.conflict("alert " + id + " is already resolved");
        }
        String pid = String.valueOf(a.get("patient_id"));
        boolean done = k.writeAndAwait(ObservationRecords.resolveAlert(k.topics.observations(), pid, id, p.subject(),
                why.isEmpty() ? "resolved by hand" : why, k.actionTime(k.partitionOf(pid))),
                () -> "resolved".equals(stateOf(id)));
        answer(ctx, id, done);
    }

    private static final Set<String> RAISE_FIELDS = Set.of("patient_id", "severity", "message", "reason", "key",
            "category", "ttl_hours", "evidence");

    /**
     * {@code POST /alerts}: a {@code raise-alert} record in the patient's partition (rule {@code manual}, the token's
     * subject as actor), with the same checks as the service alone; 201 with the alert once the view shows it raised
     * by this person with this message, or 202 if not processed within the publish timeout.
     */
    @SuppressWarnings("unchecked")
    void raiseAlert(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        JsonNode b = Requests.body(ctx, true);
        Requests.onlyFields(b, RAISE_FIELDS);
        String pid = Requests.text(b, "patient_id", true);
        Severity sev = severity("severity", Requests.text(b, "severity", true));
        String message = Requests.text(b, "message", true);
        String why = Requests.text(b, "reason", true);
        String cat = Requests.text(b, "category", false);
        Category category = cat == null ? Category.PHYSIOLOGICAL : category("category", cat);
        JsonNode ttlNode = b.get("ttl_hours");
        int ttlHours = 24;
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
            evidence.putAll(Api.JSON.convertValue(ev, Map.class));
        }
        evidence.put("raised_by", p.subject());
        java.util.Set<String> before = new java.util.HashSet<>();
        k.view.all().forEach(a -> before.add(a.get("alert_id") + "@" + a.get("event_id")));
        String[] raised = new String[1];
        boolean done = k.writeAndAwait(ObservationRecords.raiseAlert(k.topics.observations(), pid, sev, category,
                message, Requests.text(b, "key", false), evidence, ttlHours, p.subject(), why,
                k.actionTime(k.partitionOf(pid))), () -> {
                    for (Map<String, Object> a : k.view.ofPatient(pid)) {
                        if ("manual".equals(a.get("rule")) && message.equals(a.get("message"))
                                && p.subject().equals(a.get("actor")) && !before.contains(a.get("alert_id") + "@"
                                + a.get("event_id"))) {
                            raised[0] = String.valueOf(a.get("alert_id"));
                            return true;
                        }
                    }
                    return false;
                });
        if (!done) {
            ctx.status(202);
            ctx.json(Map.of("patient_id", pid, "detail", "the alert is written to " + k.topics.observations() + " but its"
                    + " partition's monitor has not processed it within " + k.settings.publishTimeout().toSeconds()
                    + " s; it will (GET /alerts?patient=" + pid + "&rule=manual shows when)"));
            return;
        }
        ctx.status(201);
        ctx.header("Location", "/alerts/" + raised[0]);
        ctx.json(KafkaViews.alert(k.view.alert(raised[0])));
    }

    private String alertReason(Context ctx) throws Exception {
        JsonNode b = Requests.body(ctx, false);
        Requests.onlyFields(b, Set.of("reason"));
        String r = Requests.text(b, "reason", false);
        return r == null ? "" : r;
    }

    private Map<String, Object> knownAlert(String id) {
        Map<String, Object> a = k.view.alert(id);
        if (a == null) {
            throw Problem.notFound("no alert " + id + " in " + k.topics.alerts());
        }
        return a;
    }

    private String stateOf(String alertId) {
        Map<String, Object> a = k.view.alert(alertId);
        return a == null ? null : String.valueOf(a.get("state"));
    }

    private void answer(Context ctx, String id, boolean processed) {
        Map<String, Object> out = KafkaViews.alert(k.view.alert(id));
        if (!processed) {
            out.put("detail", "written to " + k.topics.observations() + " but its partition's monitor has not processed"
                    + " it within " + k.settings.publishTimeout().toSeconds() + " s; it will (GET /alerts/" + id
                    + " shows when)");
            ctx.status(202);
        }
        ctx.json(out);
    }
}
