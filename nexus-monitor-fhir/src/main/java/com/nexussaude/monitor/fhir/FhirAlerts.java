package com.nexussaude.monitor.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertListener;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Alerts as FHIR R4 {@code Flag} resources, for a host that pushes them to its FHIR server.
 *
 * <p>Why {@code Flag}: an alert here is a condition with a lifecycle (raised, updated, escalated,
 * resolved), and a Flag is exactly that: {@code status} active/inactive and a {@code period} from
 * raise to resolution, one resource per alert whose id is the alert id, so each event is an
 * idempotent {@code PUT Flag/<alert-id>} and a replay writes the same resources again. Its R4
 * {@code flag-priority} extension carries the IEC 60601-1-8 / IHE PCD alarm priorities (PL, PM, PH).
 * {@code DetectedIssue} is for issues with clinical actions (drug interactions) and excludes
 * technical issues; {@code Communication} records one sent message, which the paging channels
 * already are: the module README says more.
 *
 * <p>Technical alerts (a stale sensor, a gap in data) are never presented as clinical: their
 * category is this project's {@code technical} code only, without the {@code clinical} flag category.
 *
 * @since 0.1
 */
public final class FhirAlerts {
    /** Identifier system of alert ids. */
    public static final String ALERT_ID_SYSTEM = "urn:nexussaude:nexus-monitor:alert-id";
    /** Code system of rule ids (with the alert key after a slash, e.g. {@code threshold/SPO2}). */
    public static final String RULE_SYSTEM = "urn:nexussaude:nexus-monitor:rule";
    /** Code system of the alert categories ({@code physiological}, {@code technical}). */
    public static final String CATEGORY_SYSTEM = "urn:nexussaude:nexus-monitor:alert-category";
    /** Extension holding the alert's severity wire name ({@code low} … {@code critical}). */
    public static final String SEVERITY_EXTENSION = "urn:nexussaude:nexus-monitor:alert-severity";
    /** Identifier system of patient ids that are not valid FHIR ids. */
    public static final String PATIENT_ID_SYSTEM = "urn:nexussaude:nexus-monitor:patient-id";

    static final String FLAG_PRIORITY = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    static final String FLAG_PRIORITY_CODES = "http://hl7.org/fhir/flag-priority-code";
    static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FhirAlerts() {
    }

    /**
     * The alert as a Flag resource tree.
     *
     * @param alert the alert; not null
     * @return the alert as a Flag resource tree
     */
    public static ObjectNode flag(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        ObjectNode flag = JSON.createObjectNode();
        flag.put("resourceType", "Flag");
        if (FHIR_ID.matcher(alert.alertId()).matches()) {
            flag.put("id", alert.alertId());
        }
        ArrayNode extensions = flag.putArray("extension");
        ObjectNode priority = extensions.addObject();
        priority.put("url", FLAG_PRIORITY);
        ObjectNode priorityCoding = priority.putObject("valueCodeableConcept").putArray("coding").addObject();
        priorityCoding.put("system", FLAG_PRIORITY_CODES);
        priorityCoding.put("code", priorityCode(alert.severity()));
        priorityCoding.put("display", priorityDisplay(alert.severity()));
        ObjectNode severity = extensions.addObject();
        severity.put("url", SEVERITY_EXTENSION);
        severity.put("valueCode", alert.severity().wireName());

        ObjectNode identifier = flag.putArray("identifier").addObject();
        identifier.put("system", ALERT_ID_SYSTEM);
        identifier.put("value", alert.alertId());
        flag.put("status", alert.isActive() ? "active" : "inactive");

        ObjectNode category = flag.putArray("category").addObject();
        ArrayNode categoryCodings = category.putArray("coding");
        if (alert.category() == Category.PHYSIOLOGICAL) {
            ObjectNode clinical = categoryCodings.addObject();
            clinical.put("system", FLAG_CATEGORY);
            clinical.put("code", "clinical");
            clinical.put("display", "Clinical");
        }
        ObjectNode own = categoryCodings.addObject();
        own.put("system", CATEGORY_SYSTEM);
        own.put("code", alert.category().name().toLowerCase(java.util.Locale.ROOT));
        category.put("text", alert.category() == Category.PHYSIOLOGICAL ? "physiological alert"
                : "technical alert (equipment or data), not a clinical finding");

        ObjectNode code = flag.putObject("code");
        ObjectNode rule = code.putArray("coding").addObject();
        rule.put("system", RULE_SYSTEM);
        rule.put("code", alert.key() == null || alert.key().isEmpty() ? alert.ruleId() : alert.ruleId() + "/" + alert.key());
        code.put("text", alert.message());

        ObjectNode subject = flag.putObject("subject");
        if (FHIR_ID.matcher(alert.patientId()).matches()) {
            subject.put("reference", "Patient/" + alert.patientId());
        } else {
            ObjectNode id = subject.putObject("identifier");
            id.put("system", PATIENT_ID_SYSTEM);
            id.put("value", alert.patientId());
        }
        ObjectNode period = flag.putObject("period");
        period.put("start", alert.raisedAt().toString());
        if (alert.resolvedAt() != null) {
            period.put("end", alert.resolvedAt().toString());
        }
        return flag;
    }

    /**
     * The alert as Flag JSON.
     *
     * @param alert the alert; not null
     * @return the alert as Flag JSON
     */
    public static String flagJson(Alert alert) {
        try {
            return JSON.writeValueAsString(flag(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Flag tree always serialises", e);
        }
    }

    /**
     * A listener that turns every alert event into the alert's current Flag: {@code sink} gets the
     * Flag id (the alert id, for {@code PUT Flag/<id>}) and its JSON. It runs on the monitor's
     * listener thread, so the sink should hand the push off rather than block on the FHIR server.
     *
     * @param sink receives the Flag id and the Flag JSON; called on the monitor's listener thread, so it
     *     should not block
     * @return a listener that turns every alert event into the alert's current Flag: {@code sink} gets the
     *     Flag id (the alert id, for {@code PUT Flag/<id>}) and its JSON
     */
    public static AlertListener listener(BiConsumer<String, String> sink) {
        Objects.requireNonNull(sink, "sink");
        return event -> sink.accept(event.alert().alertId(), flagJson(event.alert()));
    }

    static String priorityCode(Severity s) {
        return switch (s) {
            case LOW -> "PL";
            case MEDIUM -> "PM";
            case HIGH, CRITICAL -> "PH";
        };
    }

    private static String priorityDisplay(Severity s) {
        return switch (s) {
            case LOW -> "Low priority";
            case MEDIUM -> "Medium priority";
            case HIGH, CRITICAL -> "High priority";
        };
    }
}
