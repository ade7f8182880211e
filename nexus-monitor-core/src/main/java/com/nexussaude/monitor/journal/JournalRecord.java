package com.nexussaude.monitor.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One appended fact of the alert lifecycle: an alert transition, an incident change, a suppression,
 * a silence or a notification delivery attempt.
 *
 * <p>{@code data} holds JSON-compatible values only — {@code String}, {@code Number},
 * {@code Boolean}, {@code null}, {@code List} and {@code Map<String, ?>}, nested to any depth — and is
 * the full snapshot the lifecycle needs to rebuild its state from the journal. The constructor takes
 * a deep, unmodifiable copy and normalises numbers to the two types a JSON reader gives back, so a
 * record read back from a file {@code equals} the record that was appended:
 * {@code Byte}, {@code Short}, {@code Integer} and {@code Long} become {@code Long};
 * {@code Float} and {@code Double} become {@code Double}. Anything that would not survive the round
 * trip unchanged is rejected with an {@link IllegalArgumentException} naming its path in
 * {@code data}: {@code BigInteger}, {@code BigDecimal} (store them as a {@code String}), NaN and
 * infinities, other objects, and {@code null} or non-{@code String} map keys. Map order is kept.
 *
 * @param seq        sequence number, {@code > 0}; strictly increasing within a journal (the journal
 *                   rejects an append whose seq is not greater than the last one)
 * @param at         when the fact happened (monitor clock)
 * @param type       what happened, dotted lower case by convention: {@code "alert.raised"},
 *                   {@code "alert.acknowledged"}, {@code "incident.opened"},
 *                   {@code "silence.created"}, {@code "delivery.attempt"}; not blank
 * @param patientId  the patient concerned, or {@code null}
 * @param alertId    the alert concerned, or {@code null}
 * @param incidentId the incident concerned, or {@code null}
 * @param actor      who or what caused it ({@code "engine"}, a user id, a channel name), or
 *                   {@code null}
 * @param reason     why, in words, or {@code null}
 * @param data       the snapshot; {@code null} means empty
 * @since 0.1
 */
public record JournalRecord(long seq, Instant at, String type, String patientId, String alertId, String incidentId,
                            String actor, String reason, Map<String, Object> data) {

    /**
     * Validates every component and takes the deep, normalised copy of {@code data}.
     *
     * @param seq sequence number, {@code > 0}; strictly increasing within a journal (the journal rejects an
     *     append whose seq is not greater than the last one)
     * @param at when the fact happened (monitor clock)
     * @param type what happened, dotted lower case by convention: {@code "alert.raised"},
     *     {@code "alert.acknowledged"}, {@code "incident.opened"}, {@code "silence.created"},
     *     {@code "delivery.attempt"}; not blank
     * @param patientId the patient concerned, or {@code null}
     * @param alertId the alert concerned, or {@code null}
     * @param incidentId the incident concerned, or {@code null}
     * @param actor who or what caused it ({@code "engine"}, a user id, a channel name), or {@code null}
     * @param reason why, in words, or {@code null}
     * @param data the snapshot; {@code null} means empty
     */
    public JournalRecord {
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be greater than 0, but was " + seq);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank, but was \"" + type + "\"");
        }
        data = data == null ? Map.of() : JsonValues.copyObject(data, "data");
    }
}
