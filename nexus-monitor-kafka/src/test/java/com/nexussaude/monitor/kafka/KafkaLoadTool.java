package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Load tool, not a test: the throughput of a group of 1, 2 and 4 nodes over the same pre-produced input on
 * the in-JVM test broker. Each run gets topics of its own with 8 partitions, all records produced before the
 * nodes start; it reports the records per second from the moment every partition is assigned to the moment
 * the group has committed every end offset (outputs flushed before each commit), and the total including
 * the group join and the monitors' construction. The nodes run as threads of this JVM (one consumer, one
 * producer and one monitor per partition each, as separate processes would), sharing its cores.
 *
 * <p>{@code java -Xmx2g -cp <test classpath> com.nexussaude.monitor.kafka.KafkaLoadTool [patients] [minutes]}
 * (defaults 64 patients, 10 minutes of 1 Hz readings: 38,464 observations); see docs/kafka.md, Scale.
 */
public final class KafkaLoadTool {
    static final int PARTITIONS = 8;

    private KafkaLoadTool() {
    }

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Observation> input = input(patients, minutes);
        System.out.printf("input: %d patients, %d min at 1 Hz: %d observations; %d partitions; %d cores%n", patients,
                minutes, input.size(), PARTITIONS, Runtime.getRuntime().availableProcessors());
        int status = 1;
        try {
            baseline(input);
            for (int instances : new int[] {1, 2, 4}) {
                run(instances, input);
            }
            baseline(input);
            status = 0;
        } finally {
            System.exit(status); // the in-JVM broker's threads would keep the JVM alive
        }
    }

    /**
     * The same input through one monitor per partition in this thread, without Kafka: what the machine gives the
     * monitors alone at this moment (the machine is shared, so each run is bracketed by one of these).
     */
    private static void baseline(List<Observation> input) {
        LoadSetup setup = new LoadSetup();
        List<com.nexussaude.monitor.VitalMonitor> monitors = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            monitors.add(setup.monitor().clock(com.nexussaude.monitor.MonitorClock.eventTime())
                    .listenerExecutor(Runnable::run).build());
        }
        long start = System.nanoTime();
        for (Observation o : input) {
            monitors.get(Math.abs(o.patientId().hashCode() % PARTITIONS)).submit(o);
        }
        double s = (System.nanoTime() - start) / 1e9;
        monitors.forEach(com.nexussaude.monitor.VitalMonitor::close);
        System.out.printf("baseline, %d monitors in one thread without Kafka: %,d observations in %.1f s: %,.0f/s%n",
                PARTITIONS, input.size(), s, input.size() / s);
    }

    private static void run(int instances, List<Observation> input) throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("load-" + instances + "-" + System.nanoTime());
        TestBroker.createTopics(topics, PARTITIONS);
        try (KafkaProducer<String, String> producer = TestBroker.producer()) {
            WardRun.produce(producer, topics, input);
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(ObservationRecords.tick(topics.observations(), p,
                        input.get(input.size() - 1).timestamp().plusSeconds(1))).get();
            }
        }
        String group = topics.observations() + "-group";
        List<KafkaMonitorNode> nodes = new ArrayList<>();
        ExecutorService exec = Executors.newFixedThreadPool(instances);
        List<Future<?>> runs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < instances; i++) {
            KafkaMonitorNode n = KafkaMonitorNode.builder(TestBroker.bootstrap(), group, topics, new LoadSetup())
                    .clientId("load-" + i).tickInterval(Duration.ZERO)
                    .producerProperty("delivery.timeout.ms", 300_000).build();
            nodes.add(n);
            runs.add(exec.submit(n::run));
        }
        long assigned = 0;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                parts.add(new TopicPartition(topics.observations(), p));
            }
            Map<TopicPartition, Long> ends = WardRun.endOffsets(admin, parts);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            while (true) {
                for (Future<?> f : runs) {
                    if (f.isDone()) {
                        f.get();
                        throw new IllegalStateException("a node stopped");
                    }
                }
                if (assigned == 0 && nodes.stream().mapToInt(n -> n.stats().partitions().size()).sum() == PARTITIONS) {
                    assigned = System.nanoTime();
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (parts.stream().allMatch(tp -> committed.get(tp) != null && committed.get(tp).offset() >= ends.get(tp))) {
                    break;
                }
                Thread.sleep(20); // a load tool, not a test: polling the group's progress
            }
            long end = System.nanoTime();
            if (assigned == 0) {
                assigned = start;
            }
            double processing = (end - assigned) / 1e9;
            double overall = (end - start) / 1e9;
            long produced = nodes.stream().flatMap(n -> n.stats().partitions().values().stream())
                    .mapToLong(KafkaMonitorNode.Stats.Partition::produced).sum();
            System.out.printf("%d instance(s): %,d records in %.1f s after assignment: %,.0f records/s; %.1f s in all"
                            + " (join, monitors built): %,.0f records/s; %d outputs%n", instances, total, processing,
                    total / processing, overall, total / overall, produced);
        } finally {
            nodes.forEach(KafkaMonitorNode::close);
            for (Future<?> f : runs) {
                f.get();
            }
            exec.shutdown();
        }
    }

    /** 1 Hz HR, SpO2 and RR per patient, one in eight drifting down in SpO2 so the rules have work. */
    static List<Observation> input(int patients, int minutes) {
        Random rnd = new Random(42);
        Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
        List<Observation> out = new ArrayList<>();
        for (int s = 0; s < minutes * 60; s++) {
            for (int p = 0; p < patients; p++) {
                double drift = p % 8 == 0 ? Math.min(12, s / 30.0) : 0;
                out.add(Observation.builder("load-" + p, t0.plusSeconds(s))
                        .heartRate(Math.round(75 + 3 * rnd.nextGaussian()))
                        .spo2(Math.min(100, Math.round(97 - drift + 0.5 * rnd.nextGaussian())))
                        .respiratoryRate(Math.round(15 + rnd.nextGaussian())).build());
            }
        }
        return out;
    }

    /** The default monitor and paging of the tests, without registrations (the load's ids are accepted). */
    public static final class LoadSetup implements MonitorSetup {
        private final WardSetup ward = new WardSetup();

        @Override
        public com.nexussaude.monitor.VitalMonitor.Builder monitor() {
            return ward.monitor().unknownPatients(com.nexussaude.monitor.UnknownPatientPolicy.ACCEPT);
        }

        @Override
        public com.nexussaude.monitor.Paging.Builder paging() {
            return ward.paging();
        }

        @Override
        public java.util.Set<String> pageChannels() {
            return ward.pageChannels();
        }
    }
}
