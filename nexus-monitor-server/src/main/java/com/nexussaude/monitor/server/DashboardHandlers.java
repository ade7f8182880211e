package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.body;
import static com.nexussaude.monitor.server.Requests.resource;

import com.github.benmanes.caffeine.cache.Cache;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.notify.Severity;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ward board: its page files, its data in one answer, and each user's widgets. */
final class DashboardHandlers {
    private final MonitorServer s;

    DashboardHandlers(MonitorServer server) {
        this.s = server;
    }

    /** The page's own files: a fixed list, so no path ever reaches the class loader unchecked. */
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "board.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8");

    void dashboardAsset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw Problem.notFound("no dashboard file " + file + "; the page's files are " + new java.util.TreeSet<>(ASSETS.keySet()));
        }
        ctx.header("Cache-Control", "no-cache");
        resource(ctx, "/dashboard/" + file, type);
    }

    void addWidget(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, VIEWER);
        ctx.status(201).json(s.layouts.put(p.subject(), null, body(ctx, true)));
    }

    /**
     * What the ward board shows, in one answer: every known patient with the latest readings, NEWS2
     * and active alerts, the user's widgets, and the live sequence the page resumes from.
     */
    void dashboardData(Context ctx) {
        Auth.Principal p = need(ctx, VIEWER);
        Map<String, List<Map<String, Object>>> alertsByPatient = new java.util.HashMap<>();
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity sev : Severity.values()) {
            bySeverity.put(sev.wireName(), 0);
        }
        Instant now = s.monitor.now();
        List<Silence> inForce = new ArrayList<>();
        for (Silence sl : s.monitor.silences()) {
            if (sl.inForceAt(now)) {
                inForce.add(sl);
            }
        }
        if (s.kafka != null) {
            // Kafka mode: the group's alerts, from the topics (no silences in this mode, so none is marked silenced).
            for (Map<String, Object> a : s.kafka.view.active()) {
                Map<String, Object> view = KafkaViews.alert(a);
                view.put("silenced_by", null);
                alertsByPatient.computeIfAbsent(String.valueOf(a.get("patient_id")), k -> new ArrayList<>()).add(view);
                bySeverity.merge(String.valueOf(a.get("severity")), 1, Integer::sum);
            }
        }
        for (Alert a : s.kafka != null ? List.<Alert>of() : s.monitor.openAlerts()) {
            String ward = s.wardOf(a.patientId());
            Map<String, Object> view = Views.alert(a, ward);
            // The silence that covers it now, if any: the board's silenced mark.
            Map<String, Object> silencedBy = null;
            for (Silence sl : inForce) {
                if (sl.covers(a, ward)) {
                    silencedBy = Views.silence(sl, now);
                    break;
                }
            }
            view.put("silenced_by", silencedBy);
            alertsByPatient.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(view);
            bySeverity.merge(a.severity().wireName(), 1, Integer::sum);
        }
        Set<String> ids = new java.util.TreeSet<>(s.beds.keySet());
        ids.addAll(s.vitals.asMap().keySet());
        ids.addAll(alertsByPatient.keySet());
        List<Map<String, Object>> beds = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("patient_id", id);
            b.put("ward", s.wardOf(id));
            b.put("bed", s.beds.get(id));
            PatientVitals v = s.vitals.getIfPresent(id);
            b.put("latest", v == null ? Map.of() : v.latest());
            ScoreEvent score = s.scores.get(id);
            b.put("news2", score == null ? null : Views.news2(score.news2()));
            b.put("news2_at", score == null ? null : score.timestamp().toString());
            b.put("alerts", alertsByPatient.getOrDefault(id, List.of()));
            beds.add(b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", p.subject());
        out.put("server_time", Instant.now().toString());
        out.put("seq", s.hub.latestSeq());
        out.put("beds", beds);
        out.put("alerts_by_severity", bySeverity);
        out.put("widgets", s.layouts.widgets(p.subject()));
        ctx.json(out);
    }

    void getWidget(Context ctx) {
        ctx.json(s.layouts.widget(need(ctx, VIEWER).subject(), ctx.pathParam("id")));
    }

    void putWidget(Context ctx) throws Exception {
        ctx.json(s.layouts.put(need(ctx, VIEWER).subject(), ctx.pathParam("id"), body(ctx, true)));
    }

    void deleteWidget(Context ctx) {
        s.layouts.remove(need(ctx, VIEWER).subject(), ctx.pathParam("id"));
        ctx.status(204);
    }
}
