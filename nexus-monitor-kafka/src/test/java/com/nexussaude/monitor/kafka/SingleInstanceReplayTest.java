package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * One node over a four-partition ward (one monitor per partition) announces what the single-process replay
 * of the same input announces: the same alert events in each patient's order, the same raised alerts and
 * the same pages, each once.
 */
class SingleInstanceReplayTest {

    @Test
    void oneNodeAnnouncesWhatTheSingleProcessReplayAnnounces() throws Exception {
        List<Observation> ward = Ward.observations();
        Reference ref = Reference.ward();
        assertThat(ref.raised).as("the ward raises alerts").hasSizeGreaterThan(5);
        assertThat(ref.pages.stream().filter(p -> !p.contains("|1|")).count()).as("and escalates").isPositive();

        KafkaTopics topics = KafkaTopics.withPrefix("single");
        TestBroker.createTopics(topics, WardRun.PARTITIONS);
        String group = "single-group";
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode node = KafkaMonitorNode.builder(TestBroker.bootstrap(), group, topics, new WardSetup())
                .clientId("single").tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, WardRun.PARTITIONS)) {
            Future<?> running = exec.submit(node::run);
            WardRun.produce(producer, topics, ward);
            WardRun.produceEnd(producer, topics, Ward.end());
            WardRun.awaitProcessed(group, topics, out, () -> failIfEnded(running));

            assertThat(WardRun.raised(out)).containsExactlyInAnyOrderElementsOf(ref.raised);
            assertThat(WardRun.alertEvents(out)).containsExactlyInAnyOrderElementsOf(ref.alertEvents);
            assertThat(WardRun.incidentEvents(out)).containsExactlyInAnyOrderElementsOf(ref.incidentEvents);
            assertThat(WardRun.pages(out)).containsExactlyInAnyOrderElementsOf(ref.pages);
            // Per patient, the events come in time order (one partition, one monitor, in offset order); events of
            // the same instant (three signal losses due together) may come in another order than in the replay.
            for (String bed : Ward.BEDS) {
                List<String> seq = WardRun.alertEvents(out).stream().filter(e -> e.startsWith(bed + "|")).toList();
                assertThat(seq.stream().map(WardRun::at).toList()).as(bed).isSorted();
            }
            assertThat(out.pages.stream().map(p -> p.s("idempotency_key")).distinct().count())
                    .isEqualTo(out.pages.size());
            // Published after the commit awaited above: read once they have caught up with it.
            KafkaMonitorNode.Stats stats = WardRun.awaitStats(node, topics, out, () -> failIfEnded(running));
            assertThat(stats.partitions()).hasSize(WardRun.PARTITIONS);
            assertThat(stats.partitions().values()).allSatisfy(p -> {
                assertThat(p.refused()).isZero();
                assertThat(p.muted()).isZero();
            });
            node.close();
            running.get();
        } finally {
            exec.shutdownNow();
        }
    }

    /** Rethrows what ended the node's run early (its failure, not swallowed by the executor). */
    static void failIfEnded(Future<?> running) {
        if (running.isDone()) {
            try {
                running.get();
            } catch (Exception e) {
                throw new AssertionError("the node stopped: " + e.getCause(), e.getCause());
            }
            throw new AssertionError("the node stopped before the input was processed");
        }
    }

}
