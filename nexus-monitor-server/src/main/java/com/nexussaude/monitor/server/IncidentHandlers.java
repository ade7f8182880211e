package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.CLINICIAN;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.onlyParams;
import static com.nexussaude.monitor.server.Requests.reason;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Incidents: list, one incident, its timeline, and acknowledging every alert of one. */
final class IncidentHandlers {
    private final MonitorServer s;

    IncidentHandlers(MonitorServer server) {
        this.s = server;
    }

    void listIncidents(Context ctx) {
        need(ctx, VIEWER);
        onlyParams(ctx, Set.of("patient"));
        String patient = ctx.queryParam("patient");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Incident i : s.monitor.incidents()) {
            if (patient == null || patient.equals(i.patientId())) {
                out.add(Views.incident(i));
            }
        }
        ctx.json(Map.of("items", out));
    }

    void getIncident(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        for (Incident i : s.monitor.incidents()) {
            if (i.incidentId().equals(id)) {
                ctx.json(Views.incident(i));
                return;
            }
        }
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().incidentId(id).build());
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).type().startsWith("incident.")) {
                ctx.json(JournalViews.incident(records.get(i)));
                return;
            }
        }
        throw Problem.notFound("no incident " + id);
    }

    void incidentTimeline(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().incidentId(id).build());
        if (records.isEmpty()) {
            throw Problem.notFound("no journal records of incident " + id);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        records.forEach(r -> out.add(Views.record(r)));
        ctx.json(Map.of("incident_id", id, "records", out));
    }

    void acknowledgeIncident(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        try {
            List<Alert> acked = s.monitor.acknowledgeIncident(id, p.subject(), reason);
            List<Map<String, Object>> out = new ArrayList<>();
            acked.forEach(a -> out.add(Views.alert(a, s.wardOf(a.patientId()))));
            ctx.json(Map.of("incident_id", id, "acknowledged", out));
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

}
