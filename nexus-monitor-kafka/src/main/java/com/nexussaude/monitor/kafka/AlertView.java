package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * @since 0.4
 */
public final class AlertView implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertView.class);

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Map<String, Object>> alerts = new ConcurrentHashMap<>();
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
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only committed transactions are alert events: a stalled node's fenced writes are not.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
        for (PartitionInfo p : consumer.partitionsFor(topics.alerts())) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
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
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Map<String, Object> m = ObservationRecords.JSON.readValue(r.value(), Map.class);
                        alerts.put(String.valueOf(m.get("alert_id")), Collections.unmodifiableMap(m));
                    } catch (JsonProcessingException e) {
                        log.warn("{}-{} offset {}: not an alert event, skipped: {}", r.topic(), r.partition(), r.offset(),
                                e.getOriginalMessage());
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
     * Offsets of each alerts partition the view has read (the next offset to read); compare with the topic's end
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
