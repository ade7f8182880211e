package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records of the observations topic: an observation as one JSON object in the input contract's
 * field names, keyed by patient id, its record timestamp the observation's; and the tick records that
 * move a quiet partition's event-time clock (docs/kafka.md, Event time).
 *
 * @since 0.4
 */
public final class ObservationRecords {
    /** Header naming a record's kind; only ticks carry it ({@value #TICK}). */
    public static final String TYPE_HEADER = "nexus-type";
    /** The {@link #TYPE_HEADER} value of a tick record. */
    public static final String TICK = "tick";
    /** The {@link #TYPE_HEADER} value of an acknowledgement of an incident by a person. */
    public static final String ACKNOWLEDGE_INCIDENT = "acknowledge-incident";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ObservationRecords() {
    }

    /**
     * The observation's JSON: {@code patient_id}, {@code timestamp} (ISO-8601) and each value it carries.
     *
     * @param o the observation
     * @return one line of JSON
     */
    public static String toJson(Observation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", o.patientId());
        m.put("timestamp", o.timestamp().toString());
        for (Vital v : Vital.values()) {
            switch (v) {
                case CONSCIOUSNESS -> {
                    if (o.consciousness() != null) {
                        m.put(v.fieldName(), o.consciousness().name());
                    }
                }
                case SUPPLEMENTAL_OXYGEN -> {
                    if (o.supplementalOxygen() != null) {
                        m.put(v.fieldName(), o.supplementalOxygen());
                    }
                }
                default -> {
                    Double x = o.value(v);
                    if (x != null) {
                        m.put(v.fieldName(), x);
                    }
                }
            }
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write observation of " + o.patientId() + " as JSON", e);
        }
    }

    /**
     * The record for {@code o}: key its patient id, timestamp its timestamp; the partition the key's hash.
     *
     * @param topic the observations topic
     * @param o the observation, with patient id and timestamp
     * @return the record
     */
    public static ProducerRecord<String, String> record(String topic, Observation o) {
        return new ProducerRecord<>(topic, null, o.timestamp().toEpochMilli(), o.patientId(), toJson(o));
    }

    /**
     * A tick for {@code partition}: moves its monitors' clock to {@code at}, so timers due by then fire
     * (the end of an input, or a partition gone quiet).
     *
     * @param topic the observations topic
     * @param partition the partition to tick
     * @param at the time to move the clock to, the record's timestamp
     * @return the tick record, without a key
     */
    public static ProducerRecord<String, String> tick(String topic, int partition, Instant at) {
        Headers h = new RecordHeaders();
        h.add(TYPE_HEADER, TICK.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, partition, at.toEpochMilli(), null, "{\"tick\":true}", h);
    }

    /**
     * A person's acknowledgement of an incident, as a record of the patient's partition: processed in order with
     * the patient's observations and journalled in the same transaction, so a node that takes the partition over
     * restores the acknowledged incident with its escalation stopped where it stopped. {@code incidentId} is the output topics' id ({@code p3-incident-000002}).
     *
     * @param topic the observations topic
     * @param patientId the patient, whose partition carries the record
     * @param incidentId the output topics' incident id, e.g. {@code p3-incident-000002}
     * @param actor who acknowledges
     * @param reason their comment
     * @param at when, the record's timestamp
     * @return the record, in order with the patient's observations
     */
    public static ProducerRecord<String, String> acknowledgeIncident(String topic, String patientId, String incidentId,
                                                                     String actor, String reason, Instant at) {
        Headers h = new RecordHeaders();
        h.add(TYPE_HEADER, ACKNOWLEDGE_INCIDENT.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incident_id", incidentId);
        m.put("actor", actor);
        m.put("reason", reason == null ? "" : reason);
        try {
            return new ProducerRecord<>(topic, null, at.toEpochMilli(), patientId, JSON.writeValueAsString(m), h);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an acknowledgement as JSON", e);
        }
    }

    /** The record's kind from its {@link #TYPE_HEADER}, or null for an observation. */
    static String type(Headers headers) {
        Header h = headers.lastHeader(TYPE_HEADER);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The named fields of an observation record, for {@code VitalMonitor.submitFields}.
     *
     * @throws IllegalArgumentException naming what is wrong when the value is not one JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(String json) {
        if (json == null) {
            throw new IllegalArgumentException("the record has no value (an observation must be a JSON object)");
        }
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("an observation must be a JSON object, but was " + abbreviate(json));
            }
            return (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage() + " in " + abbreviate(json));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
