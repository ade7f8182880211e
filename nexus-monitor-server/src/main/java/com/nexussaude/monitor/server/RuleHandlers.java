package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.ADMIN;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.bandedVital;
import static com.nexussaude.monitor.server.Requests.bandsFrom;
import static com.nexussaude.monitor.server.Requests.body;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.RuleCompilationException;
import com.nexussaude.monitor.Vital;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Default alarm bands and the EPL rule files: read by viewers, changed by admins. */
final class RuleHandlers {
    private final MonitorServer s;

    RuleHandlers(MonitorServer server) {
        this.s = server;
    }

    void getBands(Context ctx) {
        need(ctx, VIEWER);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Vital v : Vital.values()) {
            if (v.hasBands()) {
                out.put(v.fieldName(), Views.bands(s.monitor.bandsFor("", v)));
            }
        }
        ctx.json(out);
    }

    void putBands(Context ctx) throws Exception {
        need(ctx, ADMIN);
        Vital v = bandedVital("vital", ctx.pathParam("vital"));
        Bands b = bandsFrom("body", body(ctx, true));
        s.monitor.setBands(v, b);
        ctx.json(Views.bands(b));
    }

    void listRules(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(Map.of("items", s.monitor.ruleNames()));
    }

    void putRules(Context ctx) {
        need(ctx, ADMIN);
        String name = ctx.pathParam("name");
        try {
            s.monitor.loadRules(name, ctx.body());
        } catch (RuleCompilationException e) {
            throw Problem.unprocessable(e.getMessage());
        }
        ctx.json(Map.of("name", name, "loaded", true));
    }

    void deleteRules(Context ctx) {
        need(ctx, ADMIN);
        if (!s.monitor.unloadRules(ctx.pathParam("name"))) {
            throw Problem.notFound("no rules loaded as " + ctx.pathParam("name"));
        }
        ctx.status(204);
    }

}
