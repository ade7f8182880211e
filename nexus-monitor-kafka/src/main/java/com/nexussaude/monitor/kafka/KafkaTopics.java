package com.nexussaude.monitor.kafka;

import java.util.List;
import java.util.Objects;

/**
 * The four topics of a monitored group: observations in, alert events, incident events and pages out.
 * All four must have the same number of partitions: the outputs of observations partition {@code p} are
 * written to partition {@code p} of each output topic, which is how a new owner finds where the previous
 * one stopped (see docs/kafka.md).
 *
 * @param observations observations keyed by patient id, and tick records
 * @param alerts       alert events keyed by patient id
 * @param incidents    incident events keyed by patient id
 * @param pages        pages to deliver keyed by patient id, each with its idempotency key
 * @since 0.4
 */
public record KafkaTopics(String observations, String alerts, String incidents, String pages) {

    /**
     * Checks that every topic is named.
     *
     * @param observations observations keyed by patient id, and tick records
     * @param alerts alert events keyed by patient id
     * @param incidents incident events keyed by patient id
     * @param pages pages to deliver keyed by patient id, each with its idempotency key
     * @throws NullPointerException naming a {@code null} topic
     */
    public KafkaTopics {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(pages, "pages");
    }

    /**
     * {@code PREFIX.observations}, {@code PREFIX.alerts}, {@code PREFIX.incidents}, {@code PREFIX.pages}.
     *
     * @param prefix the prefix, e.g. {@code ward3}
     * @return {@code PREFIX.observations}, {@code PREFIX.alerts}, {@code PREFIX.incidents},
     *     {@code PREFIX.pages}
     */
    public static KafkaTopics withPrefix(String prefix) {
        return new KafkaTopics(prefix + ".observations", prefix + ".alerts", prefix + ".incidents", prefix + ".pages");
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
     * All four topics.
     *
     * @return all four topics
     */
    public List<String> all() {
        return List.of(observations, alerts, incidents, pages);
    }
}
