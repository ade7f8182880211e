package com.nexussaude.monitor.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real KRaft broker (combined broker and controller) in the test JVM, from Kafka's own test kit, shared
 * by every test class of the JVM (each test uses topics and a group of its own); it ends with the JVM.
 */
final class TestBroker {
    private static KafkaClusterTestKit cluster;

    private TestBroker() {
    }

    static synchronized String bootstrap() {
        if (cluster == null) {
            try {
                KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        // The failover test's consumers detect a killed member after 3 s.
                        .setConfigProp("group.min.session.timeout.ms", "1000")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                c.format();
                c.startup();
                c.waitForReadyBrokers();
                // Not closed: it ends with the test JVM, whose exit hooks (the kit's) delete its directory; closing it
                // from another hook raced with that deletion.
                cluster = c;
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test broker", e);
            }
        }
        return cluster.bootstrapServers();
    }

    /** Creates the four topics of {@code topics}, each with {@code partitions} partitions. */
    static void createTopics(KafkaTopics topics, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : topics.all()) {
                list.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(list).all().get();
            // Created by the controller is not yet led by the broker: a producer that writes at once is answered
            // NOT_LEADER_OR_FOLLOWER and retries; on a loaded machine its batches then expired.
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (!led(admin, topics, partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics " + topics.all() + " have no leader after " + WardRun.WAIT);
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Whether every partition of the topics has a leader. Just after creation the broker may not know a topic yet
     * and answers UnknownTopicOrPartition (a retriable error): not led yet, ask again.
     */
    private static boolean led(Admin admin, KafkaTopics topics, int partitions)
            throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(topics.all()).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().size() == partitions
                            && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) {
                return false;
            }
            throw e;
        }
    }

    static KafkaProducer<String, String> producer() {
        // A generous delivery timeout: the build machines are shared and at times heavily loaded. One request in
        // flight: when a fresh partition answered NOT_LEADER_OR_FOLLOWER to the first batch, a later in-flight batch
        // was appended first, and the retried first batch then failed with OutOfOrderSequence until it expired.
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000, ProducerConfig.BATCH_SIZE_CONFIG, 65_536,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new StringSerializer());
    }
}
