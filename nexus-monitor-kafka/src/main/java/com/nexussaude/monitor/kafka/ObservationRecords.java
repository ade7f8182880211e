package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
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
 * move a quiet partition's event-time clock (docs/kafka.md, Event time); and people's actions (acknowledging an
 * incident or an alert, resolving an alert, raising one, creating or ending a silence) and delivery failures, as
 * records of the partition they concern, so that they are processed in order with its observations and repeated
 * at the same point when another node re-executes the partition (docs/kafka.md, People's actions as records).
 *
 * @since 0.4
 */
public final class ObservationRecords {
    /** Header naming a record's kind: absent on an observation; a tick, a person's action or a delivery failure. */
    public static final String TYPE_HEADER = "nexus-type";
    /** The {@link #TYPE_HEADER} value of a tick record. */
    public static final String TICK = "tick";
    /** The {@link #TYPE_HEADER} value of an acknowledgement of an incident by a person. */
    public static final String ACKNOWLEDGE_INCIDENT = "acknowledge-incident";
    /**
     * The {@link #TYPE_HEADER} value of an acknowledgement of one alert by a person.
     *
     * @since 0.5
     */
    public static final String ACKNOWLEDGE_ALERT = "acknowledge-alert";
    /**
     * The {@link #TYPE_HEADER} value of a person resolving an alert by hand.
     *
     * @since 0.5
     */
    public static final String RESOLVE_ALERT = "resolve-alert";
    /**
     * The {@link #TYPE_HEADER} value of an alert raised by a person (rule {@code manual}).
     *
     * @since 0.5
     */
    public static final String RAISE_ALERT = "raise-alert";
    /**
     * The {@link #TYPE_HEADER} value of a silence created by a person.
     *
     * @since 0.5
     */
    public static final String CREATE_SILENCE = "create-silence";
    /**
     * The {@link #TYPE_HEADER} value of a silence ended early by a person.
     *
     * @since 0.5
     */
    public static final String EXPIRE_SILENCE = "expire-silence";
    /**
     * The {@link #TYPE_HEADER} value of a page the delivery side could not deliver (a dead letter): the
     * partition's monitor raises a technical alert on the patient for it.
     *
     * @since 0.5
     */
    public static final String DELIVERY_FAILED = "delivery-failed";
    /** Every {@link #TYPE_HEADER} value a node knows. */
    static final java.util.List<String> TYPES = java.util.List.of(TICK, ACKNOWLEDGE_INCIDENT, ACKNOWLEDGE_ALERT,
            RESOLVE_ALERT, RAISE_ALERT, CREATE_SILENCE, EXPIRE_SILENCE, DELIVERY_FAILED);
    /** The rule id of an alert a person raises, as the server's {@code POST /alerts}. */
    public static final String MANUAL_RULE = "manual";

    /** The longest {@code ttl_hours} of a manual alert, two weeks, as the server's {@code POST /alerts}. */
    static final int MAX_TTL_HOURS = 24 * 14;

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

    /**
     * A person's acknowledgement of one alert (as {@code PUT /alerts/{id}/acknowledge}), as a record of the
     * partition the alert id names ({@code p3-alert-000001} is of partition 3), so it is processed in order
     * with that partition's observations and repeated at the same point by a node that re-executes it.
     *
     * @param topic the observations topic
     * @param patientId the alert's patient, the record's key
     * @param alertId the output topics' alert id, e.g. {@code p3-alert-000001}
     * @param actor who acknowledges; not blank
     * @param reason their comment, may be {@code null} (empty)
     * @param at when, the record's timestamp
     * @return the record, in the alert's partition
     * @throws IllegalArgumentException if the alert id does not name a partition, or the actor is blank
     * @since 0.5
     */
    public static ProducerRecord<String, String> acknowledgeAlert(String topic, String patientId, String alertId,
                                                                  String actor, String reason, Instant at) {
        return alertAction(ACKNOWLEDGE_ALERT, topic, patientId, alertId, actor, reason, at);
    }

    /**
     * A person resolving an alert by hand (as {@code PUT /alerts/{id}/resolve}), as a record of the partition the
     * alert id names; see {@link #acknowledgeAlert}.
     *
     * @param topic the observations topic
     * @param patientId the alert's patient, the record's key
     * @param alertId the output topics' alert id, e.g. {@code p3-alert-000001}
     * @param actor who resolves it; not blank
     * @param reason why, may be {@code null} (the monitor then records "resolved by hand", as the server does)
     * @param at when, the record's timestamp
     * @return the record, in the alert's partition
     * @throws IllegalArgumentException if the alert id does not name a partition, or the actor is blank
     * @since 0.5
     */
    public static ProducerRecord<String, String> resolveAlert(String topic, String patientId, String alertId,
                                                              String actor, String reason, Instant at) {
        return alertAction(RESOLVE_ALERT, topic, patientId, alertId, actor, reason, at);
    }

    private static ProducerRecord<String, String> alertAction(String type, String topic, String patientId,
                                                              String alertId, String actor, String reason, Instant at) {
        int partition = partitionOfId("alert_id", alertId);
        requireText("actor", actor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", alertId);
        m.put("actor", actor);
        m.put("reason", reason == null ? "" : reason);
        return typed(type, topic, partition, patientId, m, at);
    }

    /**
     * An alert raised by a person (as {@code POST /alerts}: rule {@code manual}), as a record of the patient's
     * partition. Fields as the server's request: {@code patient_id}, {@code severity}, {@code message},
     * {@code reason}, {@code key}, {@code category}, {@code ttl_hours}, {@code evidence}; and {@code actor}.
     *
     * @param topic the observations topic
     * @param patientId the patient, the record's key
     * @param severity the alert's severity; not {@code null}
     * @param category clinical or technical; {@code null} for physiological, as the server
     * @param message what the person reported; not blank
     * @param key one alert per patient and key; {@code null} for none
     * @param evidence values to show with it; {@code null} for none
     * @param ttlHours how long it stays active without being raised again, 1..336 hours (the server's range)
     * @param actor who raises it; not blank
     * @param reason why; not blank
     * @param at when, the record's timestamp
     * @return the record, in order with the patient's observations
     * @throws IllegalArgumentException if a required field is blank or {@code ttlHours} is out of range
     * @since 0.5
     */
    public static ProducerRecord<String, String> raiseAlert(String topic, String patientId, Severity severity,
                                                            Category category, String message, String key,
                                                            Map<String, Object> evidence, int ttlHours, String actor,
                                                            String reason, Instant at) {
        requireText("patient_id", patientId);
        requireText("message", message);
        requireText("actor", actor);
        requireText("reason", reason);
        if (ttlHours < 1 || ttlHours > MAX_TTL_HOURS) {
            throw new IllegalArgumentException("ttl_hours must be in 1.." + MAX_TTL_HOURS + ", but was " + ttlHours);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("severity", java.util.Objects.requireNonNull(severity, "severity").wireName());
        m.put("category", (category == null ? Category.PHYSIOLOGICAL : category).wireName());
        m.put("message", message);
        m.put("reason", reason);
        if (key != null && !key.isEmpty()) {
            m.put("key", key);
        }
        if (evidence != null && !evidence.isEmpty()) {
            m.put("evidence", evidence);
        }
        m.put("ttl_hours", ttlHours);
        m.put("actor", actor);
        return typed(RAISE_ALERT, topic, null, patientId, m, at);
    }

    /**
     * A silence created by a person (as {@code POST /silences}), as a record of one partition: a partition's
     * monitor holds only that partition's patients, so a silence of one patient goes to the patient's partition
     * ({@code partition} {@code null}: by the key's hash), and a silence of a ward or of everyone must be written
     * once to every partition (one record per partition, each with the same {@code silenceId}).
     *
     * <p>The silence's id is the writer's ({@code silenceId}, e.g. a UUID), since the writer must be able to name
     * it in {@link #expireSilence} before any node has processed it. Fields as the server's request
     * ({@code patient_id}, {@code ward}, {@code rules}, {@code keys}, {@code categories}, {@code min_severity},
     * {@code max_severity}, {@code starts_at}, {@code ends_at}, {@code until_resolved_alert_id}, {@code comment}),
     * with {@code silence_id} and {@code actor} (the silence's {@code createdBy}).
     *
     * @param topic the observations topic
     * @param partition the partition, or {@code null} for the patient's (the silence must then name a patient)
     * @param silenceId the writer's id of the silence; not blank
     * @param silence the silence, as {@code Silence.builder()} builds it (its id is ignored); an
     *     {@code untilResolved} alert id is the output topics' ({@code p3-alert-000001})
     * @param at when, the record's timestamp
     * @return the record
     * @throws IllegalArgumentException if {@code partition} is {@code null} and the silence names no patient
     * @since 0.5
     */
    public static ProducerRecord<String, String> createSilence(String topic, Integer partition, String silenceId,
                                                               Silence silence, Instant at) {
        requireText("silence_id", silenceId);
        if (partition == null && silence.patientId() == null) {
            throw new IllegalArgumentException("a silence without a patient_id must be written to a given partition "
                    + "(one record per partition for a ward or for everyone)");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silence_id", silenceId);
        m.put("actor", silence.createdBy());
        m.put("comment", silence.comment());
        putIfPresent(m, "patient_id", silence.patientId());
        putIfPresent(m, "ward", silence.ward());
        if (!silence.matcher().rules().isEmpty()) {
            m.put("rules", new java.util.TreeSet<>(silence.matcher().rules()));
        }
        if (!silence.matcher().keys().isEmpty()) {
            m.put("keys", new java.util.TreeSet<>(silence.matcher().keys()));
        }
        if (!silence.matcher().categories().isEmpty()) {
            m.put("categories", silence.matcher().categories().stream().map(Category::wireName).sorted().toList());
        }
        putIfPresent(m, "min_severity", silence.matcher().minSeverity() == null ? null
                : silence.matcher().minSeverity().wireName());
        putIfPresent(m, "max_severity", silence.matcher().maxSeverity() == null ? null
                : silence.matcher().maxSeverity().wireName());
        putIfPresent(m, "starts_at", silence.startsAt() == null ? null : silence.startsAt().toString());
        putIfPresent(m, "ends_at", silence.endsAt() == null ? null : silence.endsAt().toString());
        putIfPresent(m, "until_resolved_alert_id", silence.untilResolvedAlertId());
        return typed(CREATE_SILENCE, topic, partition, silence.patientId(), m, at);
    }

    /**
     * A person ending a silence early (as {@code DELETE /silences/{id}}), as a record of a partition the silence
     * was created in (for a ward's silence, write one to each partition).
     *
     * @param topic the observations topic
     * @param partition the partition the silence was created in
     * @param silenceId the writer's id given to {@link #createSilence}
     * @param actor who ends it; not blank
     * @param reason why, may be {@code null} (empty)
     * @param at when, the record's timestamp
     * @return the record
     * @since 0.5
     */
    public static ProducerRecord<String, String> expireSilence(String topic, int partition, String silenceId,
                                                               String actor, String reason, Instant at) {
        requireText("silence_id", silenceId);
        requireText("actor", actor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("silence_id", silenceId);
        m.put("actor", actor);
        m.put("reason", reason == null ? "" : reason);
        return typed(EXPIRE_SILENCE, topic, partition, null, m, at);
    }

    /**
     * A page the delivery side could not deliver (a dead letter), as a record of the patient's partition
     * ({@link PageDelivery} writes it to the partition of the page, which is the patient's): the node raises a
     * technical alert on the patient for it (rule {@code notification-failed}, key the channel), so the failure
     * shows on every instance, is announced and paged like any alert, and is never presented as clinical.
     *
     * @param topic the observations topic
     * @param partition the page's partition (the patient's)
     * @param patientId the page's patient, the record's key
     * @param idempotencyKey the page's idempotency key
     * @param channel the channel it was to go through
     * @param recipient the recipient's id (never the address)
     * @param attempts how many times it was tried; at least 1
     * @param reason why it was given up; not blank
     * @param alertId the page's alert id, or {@code null}
     * @param incidentId the page's incident id, or {@code null}
     * @param at the page's time (event time): the record's timestamp, so the partition's clock does not jump
     * @return the record
     * @since 0.5
     */
    public static ProducerRecord<String, String> deliveryFailed(String topic, int partition, String patientId,
                                                                String idempotencyKey, String channel, String recipient,
                                                                int attempts, String reason, String alertId,
                                                                String incidentId, Instant at) {
        requireText("patient_id", patientId);
        requireText("idempotency_key", idempotencyKey);
        requireText("channel", channel);
        requireText("recipient", recipient);
        requireText("reason", reason);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, but was " + attempts);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idempotency_key", idempotencyKey);
        m.put("patient_id", patientId);
        m.put("channel", channel);
        m.put("recipient", recipient);
        m.put("attempts", attempts);
        m.put("reason", reason);
        putIfPresent(m, "alert_id", alertId);
        putIfPresent(m, "incident_id", incidentId);
        m.put("at", at.toString());
        return typed(DELIVERY_FAILED, topic, partition, patientId, m, at);
    }

    /**
     * The partition Kafka's default partitioner gives a patient's records (murmur2 of the key's UTF-8 bytes), for
     * writers that must address the patient's partition explicitly.
     *
     * @param patientId the patient id, the records' key
     * @param partitions the observations topic's partition count
     * @return the patient's partition
     * @since 0.5
     */
    public static int partitionOf(String patientId, int partitions) {
        byte[] key = patientId.getBytes(StandardCharsets.UTF_8);
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                % partitions;
    }

    /** The partition an output id names: {@code p3-alert-000001} is of partition 3. */
    static int partitionOfId(String field, String id) {
        if (id != null) {
            int dash = id.indexOf('-');
            if (id.startsWith("p") && dash > 1) {
                try {
                    return Integer.parseInt(id.substring(1, dash));
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
        }
        throw new IllegalArgumentException(field + " must be an id of the output topics (p<partition>-...), but was "
                + id);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required, but was " + (value == null ? "null" : "blank"));
        }
    }

    private static void putIfPresent(Map<String, Object> m, String field, Object value) {
        if (value != null) {
            m.put(field, value);
        }
    }

    static ProducerRecord<String, String> typed(String type, String topic, Integer partition, String key,
                                                Map<String, Object> fields, Instant at) {
        Headers h = new RecordHeaders();
        h.add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        try {
            return new ProducerRecord<>(topic, partition, at.toEpochMilli(), key, JSON.writeValueAsString(fields), h);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type + " record as JSON", e);
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
