package com.nexussaude.monitor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.fhir.FhirObservations;
import com.nexussaude.monitor.fhir.OperationOutcomes;
import com.nexussaude.monitor.fhir.ParseResult;
import io.javalin.http.Context;

/**
 * FHIR R4 in: {@code POST /fhir/Observation} takes one vital-signs Observation and {@code POST /fhir} a
 * Bundle of them (JSON or XML, read by {@code nexus-monitor-fhir}). The answer is an R4
 * {@code OperationOutcome}: every rejected element and every observation the monitor refused (late, or
 * a value out of range) as an {@code error} issue, every ignored one as {@code information}, with the
 * FHIRPath of the element. 201 (an Observation) or 200 (a Bundle) when nothing was rejected, else 422;
 * the valid observations of a partly bad Bundle are monitored all the same.
 */
final class FhirApi {
    static final String FHIR_JSON = "application/fhir+json";
    private final Api api;

    FhirApi(Api api) {
        this.api = api;
    }

    void observation(Context ctx) {
        post(ctx, "Observation", 201);
    }

    void bundle(Context ctx) {
        post(ctx, "Bundle", 200);
    }

    private void post(Context ctx, String resourceType, int okStatus) {
        Api.need(ctx, Auth.Role.INTEGRATOR);
        String body = ctx.body();
        String sent = jsonResourceType(body);
        if (sent != null && !sent.equals(resourceType)) {
            ObjectNode outcome = Api.JSON.createObjectNode().put("resourceType", "OperationOutcome");
            issue(outcome.putArray("issue"), "error", "invalid", "POST " + ctx.path() + " takes "
                    + (resourceType.startsWith("O") ? "an " : "a ") + resourceType + " resource, but was " + sent, "resourceType");
            ctx.status(400).contentType(FHIR_JSON).result(outcome.toString());
            return;
        }
        ParseResult parsed = FhirObservations.parse(body);
        ObjectNode outcome = OperationOutcomes.of(parsed);
        ArrayNode issues = (ArrayNode) outcome.get("issue");
        int refused = 0;
        for (Observation o : parsed.observations()) {
            try {
                api.accept(o);
            } catch (InvalidObservationException e) {
                refused++;
                issue(issues, "error", "business-rule", "observation of patient " + o.patientId() + " at "
                        + o.timestamp() + " refused by the monitor: " + e.getMessage(), null);
            }
        }
        boolean clean = OperationOutcomes.isClean(parsed) && refused == 0;
        ctx.status(clean ? okStatus : 422).contentType(FHIR_JSON).result(outcome.toString());
    }

    /** The top-level resourceType of a JSON body, or null (XML, or not JSON: the parser reports it). */
    private static String jsonResourceType(String body) {
        String trimmed = body.stripLeading();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonNode type = Api.JSON.readTree(trimmed).get("resourceType");
            return type == null || !type.isTextual() ? null : type.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static void issue(ArrayNode issues, String severity, String code, String diagnostics, String where) {
        ObjectNode issue = issues.addObject();
        issue.put("severity", severity);
        issue.put("code", code);
        issue.put("diagnostics", diagnostics);
        if (where != null) {
            issue.putArray("expression").add(where);
        }
    }
}
