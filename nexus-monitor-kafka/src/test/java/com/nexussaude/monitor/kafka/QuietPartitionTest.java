package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A partition whose feed stops still has its timers fire: the node writes a tick record into it at the wall
 * clock's time (here a clock the test moves), and the monitor raises the signal loss of the feed that
 * stopped, at its due time. Records the monitor refuses are counted and the rest flows.
 */
class QuietPartitionTest {
    static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");

    @Test
    void aQuietPartitionIsTickedAndItsTimersFireAtTheirDueTime() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("quiet");
        TestBroker.createTopics(topics, 1);
        AtomicLong wall = new AtomicLong(T0.plusSeconds(60).toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(wall.get());
            }
        };
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode node = KafkaMonitorNode.builder(TestBroker.bootstrap(), "quiet-group", topics, new WardSetup())
                .clientId("quiet").tickInterval(Duration.ofSeconds(5)).producerProperty("delivery.timeout.ms", 300_000)
                .wallClock(clock).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, 1)) {
            Future<?> running = exec.submit(node::run);
            List<Observation> feed = new ArrayList<>();
            for (int s = 0; s <= 60; s += 5) {
                feed.add(Observation.builder("bed-01", T0.plusSeconds(s)).heartRate(80).spo2(97).respiratoryRate(15).build());
            }
            WardRun.produce(producer, topics, feed);
            // Refused alone, the rest flows: not JSON, and an observation with nothing valid in it.
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.observations(), 0,
                    T0.plusSeconds(61).toEpochMilli(), "bed-01", "{not json")).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.observations(), 0,
                    T0.plusSeconds(62).toEpochMilli(), "bed-01",
                    "{\"patient_id\":\"bed-01\",\"timestamp\":\"2026-04-01T08:01:02Z\",\"heart_rate\":999}")).get();
            awaitProcessed(node, 15, running, out);
            assertThat(node.stats().partitions().get(0).refused()).isEqualTo(2);
            assertThat(out.alerts).as("nothing is wrong while the feed runs").isEmpty();

            // The feed stops; ten minutes of wall time pass without a record.
            wall.set(T0.plus(Duration.ofMinutes(10)).toEpochMilli());
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (out.alerts.stream().noneMatch(a -> "signal-loss".equals(a.s("rule")))) {
                SingleInstanceReplayTest.failIfEnded(running);
                assertThat(System.nanoTime()).as("a signal loss within %s", WardRun.WAIT).isLessThan(deadline);
                out.poll();
            }
            // Raised when the loss was due (60 s after the last reading), not at the tick's time.
            assertThat(out.alerts).filteredOn(a -> "signal-loss".equals(a.s("rule")))
                    .allSatisfy(a -> assertThat(a.s("raised_at")).isEqualTo(T0.plusSeconds(120).toString()));
            List<ConsumerRecord<String, String>> ticks = ticks(topics);
            assertThat(ticks).hasSize(1);
            assertThat(Instant.ofEpochMilli(ticks.get(0).timestamp())).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            node.close();
            running.get();
        } finally {
            exec.shutdownNow();
        }
    }

    private static void awaitProcessed(KafkaMonitorNode node, long records, Future<?> running, Outputs out) {
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (node.stats().partitions().get(0) == null || node.stats().partitions().get(0).nextOffset() < records) {
            SingleInstanceReplayTest.failIfEnded(running);
            assertThat(System.nanoTime()).as("processed within %s", WardRun.WAIT).isLessThan(deadline);
            out.poll();
        }
    }

    private static List<ConsumerRecord<String, String>> ticks(KafkaTopics topics) {
        List<ConsumerRecord<String, String>> ticks = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap()), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topics.observations(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    var h = r.headers().lastHeader(ObservationRecords.TYPE_HEADER);
                    if (h != null && new String(h.value(), StandardCharsets.UTF_8).equals(ObservationRecords.TICK)) {
                        ticks.add(r);
                    }
                }
            }
        }
        return ticks;
    }
}
