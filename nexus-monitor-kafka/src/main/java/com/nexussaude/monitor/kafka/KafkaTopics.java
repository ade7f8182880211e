package com.nexussaude.monitor.kafka;

import java.util.List;
import java.util.Objects;

/**
 * The topics of a monitored group: observations in, alert events, incident events and pages out, and the
 * journal of each partition's alert lifecycle. All must have the same number of partitions: the outputs
 * and journal records of observations partition {@code p} are written to partition {@code p} of each
 * (see docs/kafka.md).
 *
 * @param observations observations keyed by patient id, and tick records
 * @param alerts       alert events keyed by patient id
 * @param incidents    incident events keyed by patient id
 * @param pages        pages to deliver keyed by patient id, each with its idempotency key
 * @param journal      the alert journal of each partition's monitor, written in the same transactions as the
 *                     outputs (since 0.4, with exactly-once); never compacted or deleted while its partition's
 *                     monitor may need to recover from it
 * @since 0.4
 */
public record KafkaTopics(String observations, String alerts, String incidents, String pages, String journal) {

    /**
     * Checks that every topic is named.
     *
     * @param observations observations keyed by patient id, and tick records
     * @param alerts alert events keyed by patient id
     * @param incidents incident events keyed by patient id
     * @param pages pages to deliver keyed by patient id, each with its idempotency key
     * @param journal the alert journal of each partition's monitor
     * @throws NullPointerException naming a {@code null} topic
     */
    public KafkaTopics {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(pages, "pages");
        Objects.requireNonNull(journal, "journal");
    }

    /**
     * The topics with the journal topic named after the observations topic: {@code PREFIX.journal} when the
     * observations topic is {@code PREFIX.observations}, else the observations topic's name + {@code .journal}.
     *
     * @param observations observations keyed by patient id, and tick records
     * @param alerts alert events keyed by patient id
     * @param incidents incident events keyed by patient id
     * @param pages pages to deliver keyed by patient id, each with its idempotency key
     * @throws NullPointerException naming a {@code null} topic
     */
    public KafkaTopics(String observations, String alerts, String incidents, String pages) {
        this(observations, alerts, incidents, pages, journalFor(Objects.requireNonNull(observations, "observations")));
    }

    private static String journalFor(String observations) {
        String suffix = ".observations";
        return observations.endsWith(suffix)
                ? observations.substring(0, observations.length() - suffix.length()) + ".journal"
                : observations + ".journal";
    }

    /**
     * {@code PREFIX.observations}, {@code PREFIX.alerts}, {@code PREFIX.incidents}, {@code PREFIX.pages},
     * {@code PREFIX.journal}.
     *
     * @param prefix the prefix, e.g. {@code ward3}
     * @return {@code PREFIX.observations}, {@code PREFIX.alerts}, {@code PREFIX.incidents},
     *     {@code PREFIX.pages}, {@code PREFIX.journal}
     */
    public static KafkaTopics withPrefix(String prefix) {
        return new KafkaTopics(prefix + ".observations", prefix + ".alerts", prefix + ".incidents", prefix + ".pages",
                prefix + ".journal");
    }

    /**
     * The three output topics, in the order alerts, incidents, pages.
     *
     * @return the three output topics, in the order alerts, incidents, pages
     */
    public List<String> outputs() {
        return List.of(alerts, incidents, pages);
    }

    /**
     * Every topic: observations, the three outputs and the journal (which a node checks and a deployment creates).
     *
     * @return every topic, in the order observations, alerts, incidents, pages, journal
     */
    public List<String> all() {
        return List.of(observations, alerts, incidents, pages, journal);
    }
}
