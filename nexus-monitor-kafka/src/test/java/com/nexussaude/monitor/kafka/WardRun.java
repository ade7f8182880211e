package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/** What the Kafka tests share: feeding the ward into the topic, waiting for a group, reading it back. */
final class WardRun {
    static final int PARTITIONS = 4;
    static final Duration WAIT = Duration.ofSeconds(240);

    private WardRun() {
    }

    /** The partition the producer's default partitioner gives a patient id. */
    static int partitionOf(String patientId) {
        return Utils.toPositive(Utils.murmur2(patientId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Produces the observations and waits until every one is written (a failed send throws). */
    static void produce(KafkaProducer<String, String> producer, KafkaTopics topics, List<Observation> observations)
            throws ExecutionException, InterruptedException {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        for (Observation o : observations) {
            sent.add(producer.send(ObservationRecords.record(topics.observations(), o)));
        }
        producer.flush();
        for (var f : sent) {
            f.get();
        }
    }

    /** One tick per partition at {@code end}: the end of the input (the replay's drain). */
    static void produceEnd(KafkaProducer<String, String> producer, KafkaTopics topics, Instant end)
            throws ExecutionException, InterruptedException {
        for (int p = 0; p < PARTITIONS; p++) {
            producer.send(ObservationRecords.tick(topics.observations(), p, end)).get();
        }
    }

    /**
     * Reads outputs until the group has committed every partition's end offset, i.e. processed everything
     * produced so far and flushed its outputs (a node commits only after its outputs are written); then reads
     * the outputs to their end. {@code check} runs on every round so a failed node ends the wait at once.
     */
    static void awaitProcessed(String group, KafkaTopics topics, Outputs outputs, Runnable check)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                parts.add(new TopicPartition(topics.observations(), p));
            }
            Map<TopicPartition, Long> ends = endOffsets(admin, parts);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                check.run();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = parts.stream().allMatch(tp -> committed.get(tp) != null
                        && committed.get(tp).offset() >= ends.get(tp));
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " did not process the input within " + WAIT
                            + ": committed " + committed + ", end " + ends);
                }
                outputs.poll();
            }
        }
        outputs.readToEnd();
    }

    /**
     * Waits until {@code node}'s published stats cover every partition up to the input's end offset, and returns
     * them. A node publishes its stats after the transaction that commits a batch, so the committed offsets that
     * {@link #awaitProcessed} waits for can be visible before the stats of that batch: a test reading the stats
     * right after it could read the batch before.
     */
    static KafkaMonitorNode.Stats awaitStats(KafkaMonitorNode node, KafkaTopics topics, Outputs outputs, Runnable check)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> ends;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                parts.add(new TopicPartition(topics.observations(), p));
            }
            ends = endOffsets(admin, parts);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            check.run();
            KafkaMonitorNode.Stats stats = node.stats();
            if (ends.entrySet().stream().allMatch(e -> stats.partitions().get(e.getKey().partition()) != null
                    && stats.partitions().get(e.getKey().partition()).nextOffset() >= e.getValue())) {
                return stats;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the node's stats did not reach the input's end " + ends + " within " + WAIT
                        + ": " + stats);
            }
            outputs.poll();
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> parts)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> spec = new HashMap<>();
        for (TopicPartition tp : parts) {
            spec.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(spec).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Alert events as the reference writes them. */
    static List<String> alertEvents(Outputs out) {
        List<String> l = new ArrayList<>();
        for (Outputs.Out o : out.alerts) {
            l.add(Reference.alertEvent(o.s("patient_id"), o.s("rule"), o.s("key"), o.s("event"), o.s("severity"),
                    o.s("at")));
        }
        return l;
    }

    /** The time at the end of an alert event's text. */
    static String at(String alertEvent) {
        return alertEvent.substring(alertEvent.lastIndexOf('|') + 1);
    }

    static List<String> raised(Outputs out) {
        List<String> l = new ArrayList<>();
        for (Outputs.Out o : out.alerts) {
            if (o.s("event").equals("raised")) {
                l.add(Reference.raisedAlert(o.s("patient_id"), o.s("rule"), o.s("key"), o.s("severity"),
                        o.s("raised_at")));
            }
        }
        return l;
    }

    static List<String> incidentEvents(Outputs out) {
        List<String> l = new ArrayList<>();
        for (Outputs.Out o : out.incidents) {
            l.add(Reference.incidentEvent(o.s("patient_id"), o.s("event"), o.s("severity"), o.s("at")));
        }
        return l;
    }

    static List<String> pages(Outputs out) {
        List<String> l = new ArrayList<>();
        for (Outputs.Out o : out.pages) {
            l.add(Reference.page(o.s("patient_id"), o.s("recipient"), o.s("channel"), o.fields().get("level"),
                    o.s("event"), o.s("severity"), o.s("at")));
        }
        return l;
    }

    static Set<Integer> partitions(List<String> patients) {
        Set<Integer> s = new java.util.TreeSet<>();
        for (String p : patients) {
            s.add(partitionOf(p));
        }
        return s;
    }
}
