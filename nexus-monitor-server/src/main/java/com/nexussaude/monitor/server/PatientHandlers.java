package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.ADMIN;
import static com.nexussaude.monitor.server.Auth.Role.INTEGRATOR;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.bandedVital;
import static com.nexussaude.monitor.server.Requests.bandsFrom;
import static com.nexussaude.monitor.server.Requests.body;
import static com.nexussaude.monitor.server.Requests.onlyFields;
import static com.nexussaude.monitor.server.Requests.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.PatientContext;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Patients: register (name, ward, bed, SpO2 scale, bands; kept across restarts), read, list, discharge. */
final class PatientHandlers {
    private final MonitorServer s;

    PatientHandlers(MonitorServer server) {
        this.s = server;
    }

    void listPatients(Context ctx) {
        need(ctx, VIEWER);
        Set<String> ids = new java.util.TreeSet<>(s.beds.keySet());
        ids.addAll(s.vitals.asMap().keySet());
        s.patients.all().forEach(p -> ids.add(p.patientId())); // registered, with or without a bed or readings
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            PatientContext p = s.monitor.patient(id);
            out.add(Views.patient(p == null ? PatientContext.of(id) : p, s.beds.get(id)));
        }
        ctx.json(Map.of("items", out));
    }

    void getPatient(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("patient_id");
        PatientContext p = s.monitor.patient(id);
        if (p == null) {
            throw Problem.notFound("patient " + id + " is not registered");
        }
        ctx.json(Views.patient(p, s.beds.get(id)));
    }

    void registerPatient(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, INTEGRATOR);
        String id = ctx.pathParam("patient_id");
        JsonNode b = body(ctx, false);
        onlyFields(b, Set.of("name", "ward", "bed", "spo2_scale", "bands"));
        PatientContext pc = PatientContext.of(id);
        String ward = text(b, "ward", false);
        if (ward != null) {
            pc = pc.withWard(ward);
        }
        JsonNode scale = b.get("spo2_scale");
        if (scale != null && !scale.isNull()) {
            if (!scale.isInt() || (scale.asInt() != 1 && scale.asInt() != 2)) {
                throw Problem.badRequest("spo2_scale must be 1 or 2, but was " + scale);
            }
            pc = pc.withSpo2Scale(scale.asInt());
        }
        JsonNode bands = b.get("bands");
        if (bands != null && !bands.isNull()) {
            // Alarm limits are a clinical policy decision: only an admin changes them.
            Auth.require(p, ADMIN);
            if (!bands.isObject()) {
                throw Problem.badRequest("bands must be an object by vital");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = bands.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pc = pc.withBands(bandedVital("bands key", e.getKey()), bandsFrom("bands." + e.getKey(), e.getValue()));
            }
        }
        boolean existed = s.monitor.patient(id) != null;
        String bed = text(b, "bed", false);
        if (bed != null) {
            pc = pc.withBed(bed); // pages say which bed to run to
            s.beds.put(id, bed);
        }
        String name = text(b, "name", false);
        if (name != null) {
            pc = pc.withName(name); // pages carry it only on channels whose privacy policy allows it
        }
        s.patients.put(pc, s.monitor::register);
        ctx.status(existed ? 200 : 201);
        ctx.json(Views.patient(pc, s.beds.get(id)));
    }

    void discharge(Context ctx) {
        need(ctx, INTEGRATOR);
        String id = ctx.pathParam("patient_id");
        if (s.monitor.patient(id) == null && s.vitals.getIfPresent(id) == null) {
            throw Problem.notFound("patient " + id + " is not known to this server");
        }
        s.monitor.discharge(id);
        s.patients.remove(id);
        s.beds.remove(id);
        s.vitals.invalidate(id);
        s.scores.remove(id);
        ctx.status(204);
    }

}
