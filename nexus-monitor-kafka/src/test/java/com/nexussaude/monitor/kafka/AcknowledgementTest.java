package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A person's acknowledgement, written as a record of the patient's partition, stops the incident's escalation
 * at its point in the partition (the replay without it goes on paging), and the node announces it.
 */
class AcknowledgementTest {
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final Instant ACK_AT = T0.plus(Duration.ofMinutes(3));

    @Test
    void anAcknowledgementRecordStopsTheEscalationWhereItIsInThePartition() throws Exception {
        List<Observation> feed = new ArrayList<>();
        for (int s = 0; s <= 600; s += 5) { // ten minutes of a critical desaturation
            feed.add(Observation.builder("bed-03", T0.plusSeconds(s)).heartRate(96).spo2(82).respiratoryRate(22).build());
        }
        // Before the signal loss of the feed's end (60 s after the last reading), a new condition that would page again.
        Instant end = T0.plus(Duration.ofMinutes(10)).plusSeconds(30);
        Reference unacknowledged = Reference.replay(feed, end);
        assertThat(unacknowledged.pages.stream().filter(p -> Instant.parse(p.substring(p.lastIndexOf('|') + 1))
                .isAfter(ACK_AT))).as("without the acknowledgement the escalation goes on").isNotEmpty();

        KafkaTopics topics = KafkaTopics.withPrefix("ack");
        TestBroker.createTopics(topics, 1);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode node = KafkaMonitorNode.builder(TestBroker.bootstrap(), "ack-group", topics, new WardSetup())
                .clientId("ack").tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, 1)) {
            Future<?> running = exec.submit(node::run);
            WardRun.produce(producer, topics, feed.stream().filter(o -> !o.timestamp().isAfter(ACK_AT)).toList());
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (out.incidents.isEmpty()) {
                SingleInstanceReplayTest.failIfEnded(running);
                assertThat(System.nanoTime()).as("an incident within %s", WardRun.WAIT).isLessThan(deadline);
                out.poll();
            }
            String incident = out.incidents.get(0).s("incident_id");
            assertThat(incident).startsWith("p0-incident-");
            producer.send(ObservationRecords.acknowledgeIncident(topics.observations(), "bed-03", incident, "nurse-ana",
                    "at the bedside", ACK_AT)).get();
            WardRun.produce(producer, topics, feed.stream().filter(o -> o.timestamp().isAfter(ACK_AT)).toList());
            producer.send(ObservationRecords.tick(topics.observations(), 0, end)).get();
            long records = feed.size() + 2;
            while (node.stats().partitions().get(0) == null || node.stats().partitions().get(0).nextOffset() < records) {
                SingleInstanceReplayTest.failIfEnded(running);
                assertThat(System.nanoTime()).as("processed within %s", WardRun.WAIT).isLessThan(deadline);
                out.poll();
            }
            out.readToEnd();

            assertThat(out.incidents).anySatisfy(i -> {
                assertThat(i.s("event")).isEqualTo("acknowledged");
                assertThat(i.s("incident_id")).isEqualTo(incident);
                assertThat(i.s("at")).isEqualTo(ACK_AT.toString());
            });
            assertThat(out.alerts).anySatisfy(a -> {
                assertThat(a.s("event")).isEqualTo("acknowledged");
                assertThat(a.s("actor")).isEqualTo("nurse-ana");
            });
            assertThat(out.pages).as("pages before the acknowledgement").isNotEmpty();
            assertThat(out.pages).as("no page after the acknowledgement (ack timeout 15 min not reached)")
                    .allSatisfy(p -> assertThat(Instant.parse(p.s("at"))).isBeforeOrEqualTo(ACK_AT));
            assertThat(node.stats().partitions().get(0).refused()).isZero();
            node.close();
            running.get();
        } finally {
            exec.shutdownNow();
        }
    }
}
