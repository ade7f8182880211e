package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
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
 * Failover costs the warm-up window, not the partition's history: after four days of a patient's readings
 * every 30 s, a new owner replays only the records within {@code warmUpWindow()} (16 h with the default
 * packs) of the last committed one (counted, not timed), and still continues the alerts open at the handover
 * (under their ids, none raised again): every output equals the single-process replay's.
 */
class BoundedWarmUpTest {
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    static final Duration HISTORY = Duration.ofHours(96);
    static final int STEP_SECONDS = 30;
    /** bed-01 desaturates for the last 20 minutes of the history, and recovers after the handover. */
    static final Instant DESATURATED = T0.plus(HISTORY).minus(Duration.ofMinutes(20));
    static final List<String> BEDS = List.of("bed-01");

    @Test
    void aNewOwnerReplaysTheWarmUpWindowNotThePartitionsHistory() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("bounded");
        TestBroker.createTopics(topics, WardRun.PARTITIONS);
        String group = "bounded-group";
        List<Observation> history = observations(T0, T0.plus(HISTORY));
        List<Observation> after = observations(T0.plus(HISTORY).plusSeconds(STEP_SECONDS),
                T0.plus(HISTORY).plus(Duration.ofMinutes(20)));
        int p = WardRun.partitionOf("bed-01");
        long historyOfP = history.stream().filter(o -> WardRun.partitionOf(o.patientId()) == p).count();
        Duration window;
        try (VitalMonitor m = new WardSetup().monitor().build()) {
            window = m.warmUpWindow();
        }
        ExecutorService exec = Executors.newFixedThreadPool(2);
        try (KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, WardRun.PARTITIONS)) {
            WardRun.produce(producer, topics, history);
            // Every partition gets a record (a tick at the end of the history), so the group commits every one.
            WardRun.produceEnd(producer, topics, T0.plus(HISTORY));
            try (KafkaMonitorNode first = node(topics, group, "first")) {
                Future<?> running = exec.submit(first::run);
                WardRun.awaitProcessed(group, topics, out, () -> SingleInstanceReplayTest.failIfEnded(running));
                first.close();
                running.get();
            }
            assertThat(WardRun.raised(out)).as("bed-01's desaturation raised before the handover").isNotEmpty();
            List<String> openAtHandover = out.alerts.stream().filter(a -> a.s("event").equals("raised"))
                    .map(a -> a.s("alert_id")).toList();
            assertThat(out.alerts).filteredOn(a -> a.s("event").equals("resolved")).as("none resolved yet").isEmpty();

            try (KafkaMonitorNode second = node(topics, group, "second")) {
                Future<?> running = exec.submit(second::run);
                WardRun.produce(producer, topics, after);
                WardRun.produceEnd(producer, topics, T0.plus(HISTORY).plus(Duration.ofMinutes(30)));
                WardRun.awaitProcessed(group, topics, out, () -> SingleInstanceReplayTest.failIfEnded(running));
                // Published after the commit awaited above: read once they have caught up with it.
                KafkaMonitorNode.Stats.Partition s = WardRun.awaitStats(second, topics, out,
                        () -> SingleInstanceReplayTest.failIfEnded(running)).partitions().get(p);
                // The readings within the window before the last committed record (one every STEP_SECONDS, both ends
                // included) and the end-of-history tick.
                long bound = window.toSeconds() / STEP_SECONDS + 1 + 1;
                assertThat(s.replayed()).as("records replayed on partition %s, window %s, history %s records", p,
                        window, historyOfP).isPositive().isLessThanOrEqualTo(bound);
                assertThat(s.replayed() * 4).as("a fraction of the history").isLessThan(historyOfP);
                System.out.printf("bounded warm-up: partition %d had %d records of history; the new owner replayed %d "
                        + "from offset %d (warm-up window %s)%n", p, historyOfP, s.replayed(), s.replayFrom(), window);
                second.close();
                running.get();
            }
            // The handover changes nothing: the outputs are the single-process replay's, none twice; the alerts open
            // at the handover keep their ids (none raised again).
            Reference ref = Reference.replay(concat(history, after), T0.plus(HISTORY).plus(Duration.ofMinutes(30)));
            assertThat(WardRun.alertEvents(out)).containsExactlyInAnyOrderElementsOf(ref.alertEvents);
            assertThat(WardRun.incidentEvents(out)).containsExactlyInAnyOrderElementsOf(ref.incidentEvents);
            assertThat(WardRun.pages(out)).containsExactlyInAnyOrderElementsOf(ref.pages);
            List<String> raisedIds = out.alerts.stream().filter(a -> a.s("event").equals("raised"))
                    .map(a -> a.s("alert_id")).toList();
            assertThat(raisedIds).doesNotHaveDuplicates().containsAll(openAtHandover);
            assertThat(out.alerts).extracting(a -> a.s("alert_id")).allMatch(raisedIds::contains);
            assertThat(out.alerts.stream().map(a -> a.s("event_id")).distinct().count()).isEqualTo(out.alerts.size());
        } finally {
            exec.shutdownNow();
        }
    }

    private static List<Observation> concat(List<Observation> a, List<Observation> b) {
        List<Observation> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static KafkaMonitorNode node(KafkaTopics topics, String group, String id) {
        return KafkaMonitorNode.builder(TestBroker.bootstrap(), group, topics, new WardSetup()).clientId(id)
                .tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000).build();
    }

    /** A reading every STEP_SECONDS in [from, to]; SpO2 84 from {@link #DESATURATED} to the end of the history. */
    private static List<Observation> observations(Instant from, Instant to) {
        List<Observation> l = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(STEP_SECONDS)) {
            for (String bed : BEDS) {
                boolean low = bed.equals("bed-01") && !t.isBefore(DESATURATED) && !t.isAfter(T0.plus(HISTORY));
                l.add(Observation.builder(bed, t).heartRate(78).spo2(low ? 84 : 97).respiratoryRate(15).build());
            }
        }
        return l;
    }
}
