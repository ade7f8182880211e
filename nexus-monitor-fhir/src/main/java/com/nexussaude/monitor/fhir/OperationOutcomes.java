package com.nexussaude.monitor.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A {@link ParseResult} as an R4 {@code OperationOutcome}, the body a FHIR endpoint answers with
 * ({@code POST /fhir/Observation}, {@code POST /fhir}): one {@code error} issue per rejection and one
 * {@code information} issue per ignored item, each with its FHIRPath {@code expression}.
 *
 * @since 0.1
 */
public final class OperationOutcomes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationOutcomes() {
    }

    /**
     * The outcome; it always has at least one issue, as R4 requires.
     *
     * @param result the result of reading one document; not null
     * @return the outcome
     */
    public static ObjectNode of(ParseResult result) {
        Objects.requireNonNull(result, "result");
        ObjectNode outcome = JSON.createObjectNode();
        outcome.put("resourceType", "OperationOutcome");
        ArrayNode issues = outcome.putArray("issue");
        for (Rejection r : result.rejections()) {
            issue(issues, "error", r.where().equals("$") ? "structure" : "invalid", r.message(), r.where());
        }
        for (Ignored i : result.ignored()) {
            issue(issues, "information", "informational", "ignored (" + i.code() + "): " + i.reason(), i.where());
        }
        issue(issues, "information", "informational", result.observations().size() + " observation(s) accepted from "
                + result.measurements().size() + " vital-sign value(s)", "$");
        return outcome;
    }

    /**
     * True if the input had no rejection (an HTTP endpoint may answer 200/201 rather than 422).
     *
     * @param result the result of reading one document; not null
     * @return true if the input had no rejection (an HTTP endpoint may answer 200/201 rather than 422)
     */
    public static boolean isClean(ParseResult result) {
        return result.rejections().isEmpty();
    }

    private static void issue(ArrayNode issues, String severity, String code, String diagnostics, String where) {
        ObjectNode issue = issues.addObject();
        issue.put("severity", severity);
        issue.put("code", code);
        issue.put("diagnostics", diagnostics);
        if (!where.equals("$")) {
            issue.putArray("expression").add(where);
        }
    }
}
