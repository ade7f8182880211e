package com.nexussaude.monitor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One item of a {@code POST /vital-signs} body into an {@link Observation}: the original product's
 * fields ({@code patient_id}, {@code heart_rate}, {@code blood_pressure_systolic},
 * {@code blood_pressure_diastolic}, {@code temperature}, {@code oxygen_saturation},
 * {@code respiratory_rate}, {@code timestamp}) plus {@code consciousness} (ACVPU letter or name),
 * {@code supplemental_oxygen} (boolean) and {@code spo2_scale} (1 or 2).
 *
 * <p>It checks types and syntax; whether a number is a possible measurement is the monitor's job
 * ({@code submit} names the range). Fields it does not know are returned as warnings, never dropped
 * silently.
 */
final class ObservationParser {
    static final Set<String> FIELDS = fields();

    private ObservationParser() {
    }

    private static Set<String> fields() {
        Set<String> s = new TreeSet<>(List.of("patient_id", "timestamp", "spo2_scale"));
        for (Vital v : Vital.values()) {
            s.add(v.fieldName());
        }
        return Set.copyOf(s);
    }

    /** A field that cannot be used: which, its value as sent, and why. */
    static final class BadField extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;
        final String value;

        BadField(String field, JsonNode value, String message) {
            super(message, null, false, false);
            this.field = field;
            this.value = value == null || value.isMissingNode() ? null : value.isTextual() ? value.asText() : value.toString();
        }
    }

    /** A parsed item: the observation, the SpO2 scale if given, and the unknown field names. */
    record Item(Observation observation, Integer spo2Scale, List<String> unknownFields) {
    }

    static Item parse(JsonNode item, Instant now) throws BadField {
        if (!item.isObject()) {
            throw new BadField("", item, "an observation must be a JSON object, but was " + item.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode pid = item.get("patient_id");
        if (pid == null || !pid.isTextual() || pid.asText().isBlank()) {
            throw new BadField("patient_id", pid, "patient_id is required and must be a non-empty string");
        }
        Instant ts = timestamp(item.get("timestamp"), now);
        Observation.Builder b = Observation.builder(pid.asText(), ts);
        for (Vital v : Vital.values()) {
            JsonNode n = item.get(v.fieldName());
            if (n == null || n.isNull()) {
                continue;
            }
            switch (v) {
                case CONSCIOUSNESS -> {
                    if (!n.isTextual()) {
                        throw new BadField(v.fieldName(), n, "consciousness must be an ACVPU letter or name (A, C, V, P, U)");
                    }
                    try {
                        b.consciousness(Consciousness.parse(n.asText()));
                    } catch (IllegalArgumentException e) {
                        throw new BadField(v.fieldName(), n, e.getMessage());
                    }
                }
                case SUPPLEMENTAL_OXYGEN -> {
                    if (!n.isBoolean()) {
                        throw new BadField(v.fieldName(), n, "supplemental_oxygen must be true or false");
                    }
                    b.supplementalOxygen(n.asBoolean());
                }
                default -> {
                    if (!n.isNumber()) {
                        throw new BadField(v.fieldName(), n, v.fieldName() + " must be a number (" + v.unit() + ")");
                    }
                    b.value(v, n.asDouble());
                }
            }
        }
        Integer scale = null;
        JsonNode s = item.get("spo2_scale");
        if (s != null && !s.isNull()) {
            if (!s.isInt() || (s.asInt() != 1 && s.asInt() != 2)) {
                throw new BadField("spo2_scale", s, "spo2_scale must be 1 or 2");
            }
            scale = s.asInt();
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        return new Item(b.build(), scale, unknown);
    }

    /** ISO-8601 with an offset ({@code 2026-12-01T08:00:00Z}) or epoch milliseconds; absent means now. */
    private static Instant timestamp(JsonNode n, Instant now) throws BadField {
        if (n == null || n.isNull()) {
            return now;
        }
        if (n.isIntegralNumber()) {
            return Instant.ofEpochMilli(n.asLong());
        }
        if (n.isTextual()) {
            try {
                return OffsetDateTime.parse(n.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadField("timestamp", n, "timestamp must be ISO-8601 with an offset (2026-12-01T08:00:00Z)"
                        + " or epoch milliseconds");
            }
        }
        throw new BadField("timestamp", n, "timestamp must be ISO-8601 with an offset or epoch milliseconds");
    }

    static Map<String, Object> error(int index, String field, String value, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("field", field);
        m.put("value", value);
        m.put("detail", detail);
        return m;
    }
}
