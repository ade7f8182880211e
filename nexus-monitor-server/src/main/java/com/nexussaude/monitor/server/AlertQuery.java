package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Requests.category;
import static com.nexussaude.monitor.server.Requests.listParam;
import static com.nexussaude.monitor.server.Requests.onlyParams;
import static com.nexussaude.monitor.server.Requests.severity;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The filters of {@code GET /alerts} and {@code GET /alerts/patient/{id}} that every mode reads the same way:
 * the parameters allowed, the states (default {@code active}), severities and categories. The service alone
 * and the Kafka mode answer from different stores, so each applies them itself.
 */
record AlertQuery(Set<String> states, Set<Severity> severities, Set<Category> categories) {
    private static final Set<String> ALERT_PARAMS = Set.of("state", "severity", "category", "patient", "ward", "rule",
            "since", "until", "limit", "cursor");
    private static final Set<String> PATIENT_ALERT_PARAMS = Set.of("state", "severity", "category", "ward", "rule",
            "since", "until", "limit", "cursor");
    private static final Set<String> STATES = Set.of("open", "flapping", "acknowledged", "resolved", "active", "all");

    /** Checks the request's parameters (a patient's list has no {@code patient}) and reads the three filters. */
    static AlertQuery of(Context ctx, String patientPath) {
        onlyParams(ctx, patientPath == null ? ALERT_PARAMS : PATIENT_ALERT_PARAMS);
        Set<String> states = listParam(ctx, "state");
        for (String st : states) {
            if (!STATES.contains(st)) {
                throw Problem.badRequest("state must be among open, flapping, acknowledged, resolved, active, all,"
                        + " but was \"" + st + "\"");
            }
        }
        if (states.isEmpty()) {
            states = Set.of("active");
        }
        Set<Severity> severities = new LinkedHashSet<>();
        for (String v : listParam(ctx, "severity")) {
            severities.add(severity("severity", v));
        }
        Set<Category> categories = new LinkedHashSet<>();
        for (String v : listParam(ctx, "category")) {
            categories.add(category("category", v));
        }
        return new AlertQuery(states, severities, categories);
    }
}
