package com.nexussaude.monitor.fhir;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads FHIR R4 vital-signs Observations, and Bundles of them, into observations; JSON or XML.
 *
 * <p>Only the elements the vital-signs profile fixes are read: {@code status}, {@code code.coding}
 * (LOINC, or MDC {@code urn:iso:std:iso:11073:10101}), {@code subject}, {@code effective[x]},
 * {@code valueQuantity} (matched on UCUM {@code system}+{@code code}, never on the display
 * {@code unit}), {@code component} (blood pressure), {@code dataAbsentReason}. Other resources in a
 * Bundle, other codes and unusable statuses are {@link Ignored} with the reason; what is wrong is a
 * {@link Rejection} naming the element, and the rest is still read. The README has the tables.
 *
 * <p>This is the plain Java API the service's {@code POST /fhir/Observation} and {@code POST /fhir}
 * call. Thread-safe.
 *
 * @since 0.1
 */
public final class FhirObservations {

    /** Statuses whose value is used. */
    private static final Set<String> USABLE = Set.of("final", "amended", "corrected", "preliminary");
    /** The other R4 observation-status codes: ignored with the reason. */
    private static final Set<String> UNUSABLE = Set.of("registered", "cancelled", "entered-in-error", "unknown");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ZoneId zoneForDates;

    private FhirObservations(ZoneId zoneForDates) {
        this.zoneForDates = Objects.requireNonNull(zoneForDates, "zoneForDates");
    }

    /**
     * Reads a JSON or XML Observation or Bundle; a date without a time ({@code 2012-09-17}) is its start in UTC.
     *
     * @param text the JSON or XML document; not null
     * @return the observations and measurements read, and what was ignored or rejected
     */
    public static ParseResult parse(String text) {
        return parse(text, ZoneOffset.UTC);
    }

    /**
     * Reads a JSON or XML Observation or Bundle; a date without a time is the start of that day in
     * {@code zoneForDates}. Never throws for bad content: see {@link ParseResult#rejections()}.
     *
     * @param text the JSON or XML document; not null
     * @param zoneForDates the zone a date without a time is read in; not null
     * @return the observations and measurements read, and what was ignored or rejected
     */
    public static ParseResult parse(String text, ZoneId zoneForDates) {
        return new FhirObservations(zoneForDates).read(Objects.requireNonNull(text, "text"));
    }

    private final List<FhirMeasurement> measurements = new ArrayList<>();
    private final List<Ignored> ignored = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    private ParseResult read(String text) {
        String trimmed = text.strip();
        JsonNode root;
        try {
            root = trimmed.startsWith("<") ? FhirXml.read(trimmed) : JSON.readTree(trimmed);
        } catch (JacksonException e) {
            return only(new Rejection("$", "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            return only(new Rejection("$", e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return only(new Rejection("$", "expected a FHIR resource (a JSON object), but found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))));
        }
        String type = text(root, "resourceType");
        if (type == null) {
            return only(new Rejection("resourceType", "missing; expected Observation or Bundle"));
        }
        switch (type) {
            case "Observation" -> observation(root, "Observation");
            case "Bundle" -> bundle(root);
            default -> rejections.add(new Rejection("resourceType",
                    "'" + type + "' is not Observation or Bundle"));
        }
        return new ParseResult(observations(), measurements, ignored, rejections);
    }

    private void bundle(JsonNode bundle) {
        List<JsonNode> entries = many(bundle, "entry");
        for (int i = 0; i < entries.size(); i++) {
            String where = "Bundle.entry[" + i + "].resource";
            JsonNode resource = one(entries.get(i), "resource");
            if (resource == null || !resource.isObject()) {
                rejections.add(new Rejection(where, "missing"));
                continue;
            }
            String type = text(resource, "resourceType");
            if ("Observation".equals(type)) {
                observation(resource, where);
            } else {
                ignored.add(new Ignored(where, type == null ? "(no resourceType)" : type, "not an Observation"));
            }
        }
    }

    private void observation(JsonNode obs, String where) {
        List<JsonNode> codings = many(one(obs, "code"), "coding");
        String codes = codes(codings);
        String status = text(obs, "status");
        if (status == null) {
            rejections.add(new Rejection(where + ".status", "missing; the vital-signs profile requires it"));
            return;
        }
        if (UNUSABLE.contains(status)) {
            ignored.add(new Ignored(where, codes, "status " + status));
            return;
        }
        if (!USABLE.contains(status)) {
            rejections.add(new Rejection(where + ".status", "'" + status + "' is not an R4 observation-status code"));
            return;
        }
        if (codings.isEmpty()) {
            rejections.add(new Rejection(where + ".code", "no coding; expected a LOINC or MDC vital-sign code"));
            return;
        }
        VitalKind kind = null;
        String recognisedBy = null;
        boolean panel = false;
        boolean knownSystem = false;
        for (JsonNode c : codings) {
            String system = text(c, "system");
            String code = text(c, "code");
            knownSystem |= FhirCodes.LOINC.equals(system) || FhirCodes.MDC.equals(system);
            if (FhirCodes.isBpPanel(system, code)) {
                panel = true;
            }
            VitalKind k = FhirCodes.vital(system, code);
            if (k != null && kind == null) {
                kind = k;
                recognisedBy = FhirCodes.label(system) + " " + code;
            }
        }
        if (!panel && kind == null) {
            if (!knownSystem) {
                rejections.add(new Rejection(where + ".code", "codes " + codes
                        + " are in no code system this module reads (" + FhirCodes.LOINC + ", " + FhirCodes.MDC + ")"));
            } else if (codes.contains(FhirCodes.VITALS_PANEL_LOINC)) {
                ignored.add(new Ignored(where, codes, "vital-signs panel: its members (hasMember) are Observations of their own"));
            } else {
                ignored.add(new Ignored(where, codes, "not a vital sign this module reads"));
            }
            return;
        }
        String patient = patient(obs, where);
        Instant time = effective(obs, where);
        if (patient == null || time == null) {
            return;
        }
        if (panel) {
            List<JsonNode> components = many(obs, "component");
            if (components.isEmpty()) {
                rejections.add(new Rejection(where + ".component", "a blood-pressure panel needs components (systolic 8480-6, diastolic 8462-4)"));
            }
            for (int i = 0; i < components.size(); i++) {
                component(components.get(i), where + ".component[" + i + "]", patient, time);
            }
            return;
        }
        if (one(obs, "dataAbsentReason") != null) {
            ignored.add(new Ignored(where, codes, "dataAbsentReason " + absentReason(obs)));
            return;
        }
        value(obs, where, kind, recognisedBy, patient, time);
        List<JsonNode> components = many(obs, "component");
        for (int i = 0; i < components.size(); i++) {
            ignored.add(new Ignored(where + ".component[" + i + "]", codes(many(one(components.get(i), "code"), "coding")),
                    "component of a " + label(kind) + " observation: not read"));
        }
    }

    private void component(JsonNode component, String where, String patient, Instant time) {
        List<JsonNode> codings = many(one(component, "code"), "coding");
        VitalKind kind = null;
        String recognisedBy = null;
        for (JsonNode c : codings) {
            VitalKind k = FhirCodes.vital(text(c, "system"), text(c, "code"));
            if (k != null && kind == null) {
                kind = k;
                recognisedBy = FhirCodes.label(text(c, "system")) + " " + text(c, "code");
            }
        }
        String codes = codes(codings);
        if (kind == null) {
            ignored.add(new Ignored(where, codes, "not a vital sign this module reads"));
        } else if (one(component, "dataAbsentReason") != null) {
            ignored.add(new Ignored(where, codes, "dataAbsentReason " + absentReason(component)));
        } else {
            value(component, where, kind, recognisedBy, patient, time);
        }
    }

    private void value(JsonNode holder, String where, VitalKind kind, String recognisedBy, String patient, Instant time) {
        JsonNode q = one(holder, "valueQuantity");
        String at = where + ".valueQuantity";
        if (q == null) {
            rejections.add(new Rejection(at, "missing; " + label(kind) + " (" + recognisedBy
                    + ") needs a value, or a dataAbsentReason saying why there is none"));
            return;
        }
        JsonNode v = one(q, "value");
        if (v == null || !v.isNumber()) {
            rejections.add(new Rejection(at + ".value", (v == null ? "missing" : "'" + v.asText() + "' is not a number")
                    + "; " + label(kind) + " (" + recognisedBy + ") needs one"));
            return;
        }
        String system = text(q, "system");
        String code = text(q, "code");
        if (code == null) {
            rejections.add(new Rejection(at + ".code", "missing; the unit must be coded (UCUM "
                    + kind.unit().symbol() + "), the display unit '" + text(q, "unit") + "' is not read"));
            return;
        }
        if (system != null && !system.equals(FhirCodes.UCUM) && !system.equals(FhirCodes.MDC)) {
            rejections.add(new Rejection(at + ".system", "'" + system + "' is not UCUM (" + FhirCodes.UCUM + ")"));
            return;
        }
        Unit unit = Unit.lookup(code);
        double converted;
        try {
            if (unit == null) {
                throw new IllegalArgumentException("'" + code + "' is not a unit this module reads");
            }
            double raw = v.decimalValue().doubleValue();
            converted = unit == kind.unit() ? raw : BigDecimal.valueOf(unit.convert(raw, kind.unit()))
                    .setScale(2, RoundingMode.HALF_UP).doubleValue();
        } catch (IllegalArgumentException e) {
            rejections.add(new Rejection(at + ".code", "unit " + e.getMessage() + " for " + label(kind) + " ("
                    + recognisedBy + "), which is in " + kind.unit().symbol()));
            return;
        }
        measurements.add(new FhirMeasurement(patient, time, kind, converted, recognisedBy,
                v.decimalValue().toPlainString() + " " + code, where));
    }

    private String patient(JsonNode obs, String where) {
        JsonNode subject = one(obs, "subject");
        String reference = text(subject, "reference");
        if (reference != null && !reference.isBlank()) {
            int slash = reference.lastIndexOf('/');
            String type = slash < 0 ? "" : reference.substring(0, slash);
            if (slash < 0 || type.equals("Patient") || type.endsWith("/Patient")) {
                return reference.substring(slash + 1);
            }
            rejections.add(new Rejection(where + ".subject.reference", "'" + reference + "' is not a Patient reference"));
            return null;
        }
        String identifier = text(one(subject, "identifier"), "value");
        if (identifier != null && !identifier.isBlank()) {
            return identifier;
        }
        rejections.add(new Rejection(where + ".subject", "missing; the observation cannot be attributed to a patient"));
        return null;
    }

    private Instant effective(JsonNode obs, String where) {
        String field = "effectiveDateTime";
        String value = text(obs, field);
        if (value == null) {
            field = "effectiveInstant";
            value = text(obs, field);
        }
        if (value == null && one(obs, "effectivePeriod") != null) {
            field = "effectivePeriod.start";
            value = text(one(obs, "effectivePeriod"), "start");
        }
        if (value == null) {
            rejections.add(new Rejection(where + ".effective[x]", "missing; the vital-signs profile requires when it was measured"));
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zoneForDates).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            rejections.add(new Rejection(where + "." + field, "'" + value
                    + "' is not a date (YYYY-MM-DD) or a date-time with a time zone"));
            return null;
        }
    }

    /**
     * One core observation per patient and time. Where two values would fill the same parameter,
     * a heart rate beats a pulse rate, and otherwise the first wins; the other is listed as ignored.
     */
    private List<Observation> observations() {
        Map<String, List<FhirMeasurement>> groups = new LinkedHashMap<>();
        for (FhirMeasurement m : measurements) {
            groups.computeIfAbsent(m.patientId() + "\u0000" + m.time(), k -> new ArrayList<>()).add(m);
        }
        List<Observation> out = new ArrayList<>();
        for (List<FhirMeasurement> group : groups.values()) {
            Map<Vital, FhirMeasurement> chosen = new EnumMap<>(Vital.class);
            for (FhirMeasurement m : group) {
                Vital vital = m.kind().vital();
                if (vital == null) {
                    continue;
                }
                FhirMeasurement previous = chosen.get(vital);
                if (previous == null) {
                    chosen.put(vital, m);
                } else if (previous.kind() == VitalKind.PULSE_RATE && m.kind() == VitalKind.HEART_RATE) {
                    chosen.put(vital, m);
                    ignored.add(superseded(previous, m));
                } else {
                    ignored.add(superseded(m, previous));
                }
            }
            if (!chosen.isEmpty()) {
                Observation.Builder b = Observation.builder(group.get(0).patientId(), group.get(0).time());
                chosen.forEach((vital, m) -> b.value(vital, m.value()));
                out.add(b.build());
            }
        }
        return out;
    }

    private static Ignored superseded(FhirMeasurement dropped, FhirMeasurement used) {
        return new Ignored(dropped.where(), dropped.code(), "not submitted: the " + used.kind().vital().label()
                + " of this patient at this time is " + used.where() + " (" + used.code() + ")");
    }

    private ParseResult only(Rejection r) {
        return new ParseResult(List.of(), List.of(), List.of(), List.of(r));
    }

    private static String absentReason(JsonNode holder) {
        JsonNode reason = one(holder, "dataAbsentReason");
        List<JsonNode> codings = many(reason, "coding");
        String code = codings.isEmpty() ? null : text(codings.get(0), "code");
        return code != null ? code : String.valueOf(text(reason, "text"));
    }

    private static String codes(List<JsonNode> codings) {
        StringJoiner j = new StringJoiner(", ");
        for (JsonNode c : codings) {
            j.add(FhirCodes.label(text(c, "system")) + " " + text(c, "code"));
        }
        return codings.isEmpty() ? "(no code)" : j.toString();
    }

    private static String label(VitalKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** A member that JSON has once and the XML reader gives as an array of one. */
    static JsonNode one(JsonNode parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonNode v = parent.get(name);
        if (v != null && v.isArray()) {
            return v.isEmpty() ? null : v.get(0);
        }
        return v == null || v.isNull() ? null : v;
    }

    static List<JsonNode> many(JsonNode parent, String name) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = parent == null ? null : parent.get(name);
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    static String text(JsonNode parent, String name) {
        JsonNode v = one(parent, name);
        return v == null || !v.isValueNode() ? null : v.asText();
    }
}
