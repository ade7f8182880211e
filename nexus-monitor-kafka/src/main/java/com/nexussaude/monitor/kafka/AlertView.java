package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service's {@code GET /alerts} answers in Kafka mode, on any instance: every alert's latest event,
 * read from the whole alerts topic (every partition, from its start) by a thread of its own. Each alert is
 * the JSON fields of its last event ({@code alert_id}, {@code patient_id}, {@code state}, severity, message,
 * times). Eventually consistent: an event is visible once the view has read it ({@link #readOffsets()}).
 *
 * <p>It also reads the incidents topic ({@link #incidents()}, since 0.5), and reads both with
 * {@code isolation.level=read_committed}, so outputs of a transaction that was aborted are never shown. A listener
 * given to {@link #AlertView(String, KafkaTopics, Consumer)} hears every alert and incident event in the order the
 * view applies it (a service pushes them to its live clients).
 *
 * @since 0.4
 */
public final class AlertView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertView.class);

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Map<String, Object>> alerts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> incidents = new ConcurrentHashMap<>();
    private final String incidentsTopic;
    private final String alertsTopic;
    /** When the reading thread last asked for the topics' partitions (System.nanoTime). */
    private long partitionsCheckedAt = System.nanoTime();
    private final Consumer<Map<String, Object>> listener;
    private final Map<TopicPartition, Long> read = new ConcurrentHashMap<>();
    private final Thread thread;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Object changes = new Object();
    // guarded by changes
    private long version;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * Starts reading {@code topics.alerts()}.
     *
     * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port...]}
     * @param topics the topic names; only {@code alerts} is read
     */
    public AlertView(String bootstrapServers, KafkaTopics topics) {
        this(bootstrapServers, topics, e -> { });
    }

    /**
     * Starts reading {@code topics.alerts()} and {@code topics.incidents()}, telling {@code listener} of each event.
     *
     * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port...]}
     * @param topics the topic names; {@code alerts} and {@code incidents} are read
     * @param listener hears each alert and incident event (its JSON fields; {@code type} is {@code alert} or
     *     {@code incident}) after the view applied it, on the view's thread: it must be quick and must not throw
     * @since 0.5
     */
    public AlertView(String bootstrapServers, KafkaTopics topics, Consumer<Map<String, Object>> listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.incidentsTopic = topics.incidents();
        this.alertsTopic = topics.alerts();
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only committed transactions are alert events: a stalled node's fenced writes are not.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
        for (String topic : List.of(topics.alerts(), topics.incidents())) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::readLoop, "nexus-alert-view");
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    private void readLoop() {
        try {
            while (!closed) {
                addNewPartitions();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Map<String, Object> m = Collections.unmodifiableMap(
                                ObservationRecords.JSON.readValue(r.value(), Map.class));
                        if (incidentsTopic.equals(r.topic())) {
                            incidents.put(String.valueOf(m.get("incident_id")), m);
                        } else {
                            alerts.put(String.valueOf(m.get("alert_id")), m);
                        }
                        tell(m, r);
                    } catch (JsonProcessingException e) {
                        log.warn("{}-{} offset {}: not an alert or incident event, skipped: {}", r.topic(), r.partition(),
                                r.offset(), e.getOriginalMessage());
                    }
                    read.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    synchronized (changes) {
                        version++;
                        changes.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            log.error("the alert view stopped reading", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Reads partitions the topics have gained since the view started, from their start: a broker's metadata may list
     * fewer partitions than a topic has just after its creation, and a view that missed one would never show its
     * alerts. Asked every 5 s, on the reading thread (the consumer is not thread-safe).
     */
    private void addNewPartitions() {
        if (System.nanoTime() - partitionsCheckedAt < java.util.concurrent.TimeUnit.SECONDS.toNanos(5)) {
            return;
        }
        partitionsCheckedAt = System.nanoTime();
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : List.of(alertsTopic, incidentsTopic)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            for (PartitionInfo p : infos == null ? List.<PartitionInfo>of() : infos) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                if (!partitions.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (!added.isEmpty()) {
            partitions.addAll(added);
            consumer.assign(partitions);
            consumer.seekToBeginning(added);
            log.info("the alert view reads {} from their start too", added);
        }
    }

    private void tell(Map<String, Object> event, ConsumerRecord<String, String> r) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // A listener's bug must not stop the view that every GET /alerts answers from.
            log.error("{}-{} offset {}: the alert view's listener failed", r.topic(), r.partition(), r.offset(), e);
        }
    }

    /**
     * Every incident's latest event, oldest opening first.
     *
     * @return every incident's latest event (JSON fields: {@code incident_id}, {@code patient_id}, {@code state},
     *     severity, headline, alert ids, times), oldest opening first
     * @since 0.5
     */
    public List<Map<String, Object>> incidents() {
        List<Map<String, Object>> s = new ArrayList<>(incidents.values());
        s.sort(Comparator.comparing(i -> String.valueOf(i.get("opened_at"))));
        return s;
    }

    /**
     * An incident's latest event, or null.
     *
     * @param incidentId the incident's id ({@code p3-incident-000002})
     * @return its latest event as a JSON-like map, or {@code null} if the view has seen no event of it
     * @since 0.5
     */
    public Map<String, Object> incident(String incidentId) {
        return incidents.get(incidentId);
    }

    /**
     * Every alert's latest event, oldest raise first, resolved ones included.
     *
     * @return every alert's latest event, oldest raise first
     * @since 0.5
     */
    public List<Map<String, Object>> all() {
        return sorted(List.copyOf(alerts.values()));
    }

    /**
     * Alerts not resolved, oldest raise first.
     *
     * @return alerts not resolved, oldest raise first
     */
    public List<Map<String, Object>> active() {
        return sorted(alerts.values().stream().filter(a -> !"resolved".equals(a.get("state"))).toList());
    }

    /**
     * Every alert of a patient, oldest raise first.
     *
     * @param patientId the patient
     * @return the patient's alerts' latest events, oldest raise first; empty if none
     */
    public List<Map<String, Object>> ofPatient(String patientId) {
        return sorted(alerts.values().stream().filter(a -> patientId.equals(a.get("patient_id"))).toList());
    }

    /**
     * An alert's latest event, or null.
     *
     * @param alertId the alert's id
     * @return its latest event as a JSON-like map, or {@code null} if the view has seen no event of it
     */
    public Map<String, Object> alert(String alertId) {
        return alerts.get(alertId);
    }

    /**
     * Offsets of each alerts and incidents partition the view has read (the next offset to read); compare with the topic's end
     * offsets for its lag.
     *
     * @return the next offset to read of each alerts partition; a snapshot
     * @throws IllegalStateException if the reading thread failed
     */
    public Map<TopicPartition, Long> readOffsets() {
        if (failure != null) {
            throw new IllegalStateException("the alert view stopped reading: " + failure.getMessage(), failure);
        }
        return Map.copyOf(read);
    }

    /**
     * How many alert events the view has applied; see {@link #awaitChange}.
     *
     * @return how many alert events the view has applied; see {@link #awaitChange}
     */
    public long version() {
        synchronized (changes) {
            return version;
        }
    }

    /**
     * Waits until the view has applied an event after {@code seen} (a {@link #version()}), or {@code timeout}
     * passed: a long poll or a push stream waits here.
     *
     * @param seen the {@link #version()} the caller last saw
     * @param timeout the longest to wait
     * @return whether there is a newer event
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitChange(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (version <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return true;
        }
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> l) {
        List<Map<String, Object>> s = new ArrayList<>(l);
        s.sort(Comparator.comparing(a -> String.valueOf(a.get("raised_at"))));
        return s;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
