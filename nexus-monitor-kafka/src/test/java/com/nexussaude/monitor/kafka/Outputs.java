package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the output topics as they fill, {@code read_committed}: {@link #poll()} blocks up to 200 ms for new records (the tests'
 * pacing while they wait for the nodes), and keeps every record's JSON with its partition.
 */
final class Outputs implements AutoCloseable {
    /** One output record: its topic partition and fields. */
    record Out(String topic, int partition, Map<String, Object> fields) {
        String s(String name) {
            Object v = fields.get(name);
            return v == null ? null : v.toString();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    /** Only asked for high watermarks: what has been written, committed or not. */
    private final KafkaConsumer<String, String> uncommitted;
    final List<Out> alerts = new ArrayList<>();
    final List<Out> incidents = new ArrayList<>();
    final List<Out> pages = new ArrayList<>();
    private final KafkaTopics topics;

    private final List<TopicPartition> assigned = new ArrayList<>();

    Outputs(KafkaTopics topics, int partitions) {
        this.topics = topics;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // What integrators are told to do: only committed transactions are outputs (a zombie's are not).
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        for (String t : topics.outputs()) {
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(t, p));
            }
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        uncommitted = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new StringDeserializer(),
                new StringDeserializer());
    }

    /**
     * Polls until every record written so far to the output topics has been read, once no transaction is open on
     * them. A {@code read_committed} consumer's end offset is the last stable offset: while a node's commit is still
     * writing its markers, that is before the transaction's outputs, and reading "to the end" would stop short of
     * outputs the node has already committed (a test saw none of them). So this waits until the stable end equals the
     * high watermark (every transaction written so far committed or aborted) before reading to it.
     */
    void readToEnd() {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        Map<TopicPartition, Long> written = uncommitted.endOffsets(assigned);
        while (!ends.equals(written)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a transaction on the output topics stayed open for 60 s: stable ends " + ends
                        + ", written " + written);
            }
            poll();
            ends = consumer.endOffsets(assigned);
            written = uncommitted.endOffsets(assigned);
        }
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the output topics were not read to their end " + ends + " within 60 s");
            }
            poll();
        }
    }

    @SuppressWarnings("unchecked")
    void poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(java.time.Duration.ofMillis(200))) {
            Map<String, Object> m;
            try {
                m = ObservationRecords.JSON.readValue(r.value(), Map.class);
            } catch (JsonProcessingException e) {
                throw new AssertionError("output record " + r.topic() + "-" + r.partition() + "@" + r.offset()
                        + " is not JSON: " + r.value(), e);
            }
            Out o = new Out(r.topic(), r.partition(), m);
            if (r.topic().equals(topics.alerts())) {
                alerts.add(o);
            } else if (r.topic().equals(topics.incidents())) {
                incidents.add(o);
            } else {
                pages.add(o);
            }
        }
    }

    @Override
    public void close() {
        uncommitted.close();
        consumer.close();
    }
}
