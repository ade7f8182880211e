package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The service's building blocks in Kafka mode: observations published as a {@code POST /vital-signs} would, a
 * node monitoring them, and the alert view that a {@code GET /alerts} on any instance would answer from,
 * following the alert from raised to resolved.
 */
class ServiceModeTest {
    static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");

    @Test
    void publishedObservationsAreMonitoredAndTheAlertViewFollowsTheAlert() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("service");
        TestBroker.createTopics(topics, 2);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode node = KafkaMonitorNode.builder(TestBroker.bootstrap(), "service-group", topics, new WardSetup())
                .clientId("service").tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000).build();
             ObservationPublisher publisher = new ObservationPublisher(TestBroker.bootstrap(), topics, Duration.ofMinutes(5));
             AlertView view = new AlertView(TestBroker.bootstrap(), topics)) {
            Future<?> running = exec.submit(node::run);
            assertThatThrownBy(() -> publisher.publish(Arrays.asList(
                    Observation.builder("bed-03", T0).spo2(97).build(), null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observation 1 needs a patient_id");

            publisher.publish(readings(0, 120, 82)); // two minutes of a critical desaturation
            await(running, view, () -> view.active().stream().anyMatch(a -> "bed-03".equals(a.get("patient_id"))));
            var alert = view.active().stream().filter(a -> "threshold".equals(a.get("rule"))).findFirst().orElseThrow();
            assertThat(alert.get("alert_id").toString()).startsWith("p" + WardRunPartitions.of("bed-03") + "-alert-");
            assertThat(alert.get("severity")).isEqualTo("critical");

            publisher.publish(readings(125, 420, 97)); // recovered for five minutes: the episode ends, the alert resolves
            String id = alert.get("alert_id").toString();
            await(running, view, () -> "resolved".equals(view.alert(id).get("state")));
            assertThat(view.ofPatient("bed-03")).extracting(a -> a.get("alert_id")).contains(id);
            assertThat(view.active()).noneMatch(a -> id.equals(a.get("alert_id")));
            node.close();
            running.get();
        } finally {
            exec.shutdownNow();
        }
    }

    private static List<Observation> readings(int from, int to, int spo2) {
        List<Observation> l = new ArrayList<>();
        for (int s = from; s <= to; s += 5) {
            l.add(Observation.builder("bed-03", T0.plusSeconds(s)).heartRate(90).spo2(spo2).respiratoryRate(18).build());
        }
        return l;
    }

    private static void await(Future<?> running, AlertView view, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (true) {
            long seen = view.version();
            if (condition.getAsBoolean()) {
                return;
            }
            SingleInstanceReplayTest.failIfEnded(running);
            view.readOffsets(); // throws if the view stopped reading
            assertThat(System.nanoTime()).as("within %s", WardRun.WAIT).isLessThan(deadline);
            view.awaitChange(seen, Duration.ofMillis(200));
        }
    }

    /** The partition of a key among two partitions (the default partitioner's hash). */
    static final class WardRunPartitions {
        static int of(String key) {
            return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 2;
        }
    }
}
