package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The pages a node writes are delivered to people through a real webhook channel to a receiver on loopback: each
 * once in the normal case; after the delivery is killed (SIGKILL) with a page in flight and restarted, none lost and
 * only the one in flight twice, with its idempotency key; a receiver that refuses gives retries, a dead letter, and a
 * technical alert on the patient in the alerts topic.
 */
class PageDeliveryTest {
    static final int PARTITIONS = 2;
    static final Instant T0 = Instant.parse("2026-06-03T09:00:00Z");

    /** The tests' delivery: the webhook as channel {@code push}, the roster, three attempts 50 ms apart at first. */
    static PageDelivery.Builder delivery(String bootstrap, String group, KafkaTopics topics, URI url, String clientId) {
        return PageDelivery.builder(bootstrap, group, topics, DeliveryChild.roster()).clientId(clientId)
                .channel(DeliveryChild.webhook(url)).retries(3, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    /** Minutes of a critical desaturation of bed-03, every 5 s. */
    static List<Observation> desaturation(int minutes) {
        List<Observation> feed = new ArrayList<>();
        for (int s = 0; s <= minutes * 60; s += 5) {
            feed.add(Observation.builder("bed-03", T0.plusSeconds(s)).heartRate(96).spo2(82).respiratoryRate(22).build());
        }
        return feed;
    }

    @Test
    void everyPageIsDeliveredOnceThroughTheWebhookWithItsIdempotencyKey() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("deliver");
        createTopics(topics);
        ExecutorService exec = Executors.newFixedThreadPool(2);
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaMonitorNode node = node(topics, "deliver-group");
             PageDelivery delivery = delivery(TestBroker.bootstrap(), "deliver-delivery", topics, receiver.url(),
                     "deliver-delivery").build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, PARTITIONS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            Future<?> runningNode = exec.submit(node::run);
            Future<?> runningDelivery = exec.submit(delivery::run);
            Runnable check = () -> {
                SingleInstanceReplayTest.failIfEnded(runningNode);
                SingleInstanceReplayTest.failIfEnded(runningDelivery);
            };
            produce(producer, topics, desaturation(10), T0.plus(Duration.ofMinutes(10)).plusSeconds(30));
            awaitCommitted(admin, "deliver-group", topics.observations(), out, check);
            out.readToEnd();
            assertThat(out.pages).as("the node paged").hasSizeGreaterThan(1);
            awaitCommitted(admin, "deliver-delivery", topics.pages(), out, check);

            Map<String, Outputs.Out> pages = out.pages.stream()
                    .collect(Collectors.toMap(p -> p.s("idempotency_key"), Function.identity()));
            List<WebhookReceiver.Received> got = receiver.received();
            assertThat(got.stream().map(WebhookReceiver.Received::id).toList())
                    .as("each page once, its idempotency key as webhook-id").containsExactlyInAnyOrderElementsOf(pages.keySet());
            for (WebhookReceiver.Received r : got) {
                Outputs.Out page = pages.get(r.id());
                assertThat(r.signatureValid()).as("signed with the shared secret").isTrue();
                assertThat(r.body().get("type")).isEqualTo("alert." + page.s("event"));
                Map<String, Object> data = r.data();
                assertThat(data.get("alert_id")).isEqualTo(page.s("alert_id"));
                assertThat(data.get("incident_id")).isEqualTo(page.s("incident_id"));
                assertThat(data.get("patient_id")).isEqualTo("bed-03");
                assertThat(data.get("level")).isEqualTo(page.fields().get("level"));
                assertThat(data.get("severity")).isEqualTo(page.s("severity"));
                assertThat(data.get("category")).isEqualTo("physiological");
                assertThat(data.get("message")).isEqualTo(page.s("message"));
                assertThat(data.get("recipient")).isEqualTo(Map.of("id", page.s("recipient"), "channel", "push"));
            }
            Map<String, List<String>> outcomes = outcomes(topics);
            assertThat(outcomes).as("one committed outcome per page: sent").hasSize(pages.size())
                    .allSatisfy((k, o) -> assertThat(o).containsExactly(PageDelivery.SENT));
            delivery.close();
            node.close();
            runningDelivery.get();
            runningNode.get();
            // Counted by the delivery's thread just after each commit, so after the committed offsets the test
            // waited for: read once that thread has ended, when every commit has been counted.
            assertThat(delivery.stats().sent()).isEqualTo(pages.size());
            assertThat(delivery.stats().deadLetters()).isZero();
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void afterAKillWithAPageInFlightAndARestartNoPageIsLostAndOnlyThatOneIsSentTwice() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("dkill");
        createTopics(topics);
        String group = "dkill-delivery";
        Path childLog = Path.of("target", "delivery-child.log");
        Files.createDirectories(childLog.getParent());
        ExecutorService exec = Executors.newFixedThreadPool(2);
        Process child = null;
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaMonitorNode node = node(topics, "dkill-group");
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, PARTITIONS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            Future<?> runningNode = exec.submit(node::run);
            produce(producer, topics, desaturation(10), T0.plus(Duration.ofMinutes(10)).plusSeconds(30));
            awaitCommitted(admin, "dkill-group", topics.observations(), out,
                    () -> SingleInstanceReplayTest.failIfEnded(runningNode));
            out.readToEnd();
            assertThat(out.pages).as("pages to deliver").hasSizeGreaterThan(2);

            receiver.hold(2); // the second page stays in flight: sent, never answered
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                    "-cp", System.getProperty("java.class.path"), DeliveryChild.class.getName(), TestBroker.bootstrap(),
                    group, "dkill", receiver.url().toString(), group)
                    .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
            assertThat(receiver.awaitCount(2, WardRun.WAIT)).as("the child delivered one page and sent the second; see %s",
                    childLog).isTrue();
            child.destroyForcibly(); // SIGKILL: the second page's outcome is never committed
            assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(137);
            String inFlight = receiver.received().get(1).id();
            receiver.releaseHeld();

            try (PageDelivery restarted = delivery(TestBroker.bootstrap(), group, topics, receiver.url(), group).build()) {
                Future<?> runningDelivery = exec.submit(restarted::run);
                awaitCommitted(admin, group, topics.pages(), out, () -> {
                    SingleInstanceReplayTest.failIfEnded(runningNode);
                    SingleInstanceReplayTest.failIfEnded(runningDelivery);
                });
                Map<String, Long> counts = receiver.received().stream()
                        .collect(Collectors.groupingBy(WebhookReceiver.Received::id, TreeMap::new, Collectors.counting()));
                Map<String, Long> expected = new TreeMap<>();
                out.pages.forEach(p -> expected.put(p.s("idempotency_key"), p.s("idempotency_key").equals(inFlight) ? 2L : 1L));
                assertThat(counts).as("every page received; only the one in flight at the kill twice").isEqualTo(expected);
                assertThat(outcomes(topics)).as("one committed outcome per page").hasSize(out.pages.size())
                        .allSatisfy((k, o) -> assertThat(o).containsExactly(PageDelivery.SENT));
                restarted.close();
                runningDelivery.get();
            }
            node.close();
            runningNode.get();
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            exec.shutdownNow();
        }
    }

    @Test
    void aRefusingReceiverGivesRetriesThenADeadLetterAndATechnicalAlertOnThePatient() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("drefuse");
        createTopics(topics);
        ExecutorService exec = Executors.newFixedThreadPool(2);
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaMonitorNode node = node(topics, "drefuse-group");
             PageDelivery delivery = delivery(TestBroker.bootstrap(), "drefuse-delivery", topics, receiver.url(),
                     "drefuse-delivery").build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, PARTITIONS)) {
            receiver.refuseAll();
            Future<?> runningNode = exec.submit(node::run);
            Future<?> runningDelivery = exec.submit(delivery::run);
            produce(producer, topics, desaturation(5), T0.plus(Duration.ofMinutes(5)).plusSeconds(10));
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (out.alerts.stream().noneMatch(a -> "notification-failed".equals(a.s("rule")))) {
                SingleInstanceReplayTest.failIfEnded(runningNode);
                SingleInstanceReplayTest.failIfEnded(runningDelivery);
                assertThat(System.nanoTime()).as("a technical alert within %s", WardRun.WAIT).isLessThan(deadline);
                out.poll();
            }
            Outputs.Out technical = out.alerts.stream().filter(a -> "notification-failed".equals(a.s("rule")))
                    .findFirst().orElseThrow();
            Outputs.Out firstPage = out.pages.get(0);
            assertThat(technical.s("event")).isEqualTo("raised");
            assertThat(technical.s("category")).as("a technical condition, never a clinical one").isEqualTo("technical");
            assertThat(technical.s("patient_id")).isEqualTo("bed-03");
            assertThat(technical.s("key")).isEqualTo("push");
            assertThat(technical.s("message")).contains("page to " + firstPage.s("recipient") + " via push failed after 3 "
                    + "attempt(s)").contains("HTTP 503");
            assertThat(technical.s("alert_id")).startsWith("p" + technical.partition() + "-alert-");

            List<String> tries = receiver.received().stream().map(WebhookReceiver.Received::id)
                    .filter(firstPage.s("idempotency_key")::equals).toList();
            assertThat(tries).as("three attempts, then given up").hasSize(3);
            List<String> outcomes = outcomes(topics).get(firstPage.s("idempotency_key"));
            assertThat(outcomes).containsExactly(PageDelivery.FAILED, PageDelivery.FAILED, PageDelivery.FAILED,
                    PageDelivery.DEAD_LETTER);
            delivery.close();
            node.close();
            runningDelivery.get();
            runningNode.get();
            // The technical alert follows the committed dead letter, which the delivery's thread counts just after
            // its commit: read once that thread has ended.
            assertThat(delivery.stats().deadLetters()).isPositive();
            assertThat(delivery.stats().sent()).isZero();
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void anUnreadablePageAndAnUnknownRecipientAreDeadLettersWithTechnicalAlerts() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("dbad");
        createTopics(topics);
        int p = ObservationRecords.partitionOf("bed-03", PARTITIONS);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("type", "page");
        page.put("idempotency_key", "p" + p + ":esc_test_1");
        page.put("at", T0.toString());
        page.put("channel", "push");
        page.put("recipient", "nobody-on-the-roster");
        page.put("level", 1);
        page.put("event", "raised");
        page.put("severity", "critical");
        page.put("category", "physiological");
        page.put("patient_id", "bed-03");
        page.put("alert_id", "p" + p + "-alert-000001");
        page.put("incident_id", "p" + p + "-incident-000001");
        page.put("rule", "threshold");
        page.put("message", "SpO2 82");
        Map<String, Object> unreadable = new LinkedHashMap<>(page);
        unreadable.put("idempotency_key", "p" + p + ":esc_test_2");
        unreadable.put("recipient", "bedside-nurse");
        unreadable.put("pager", "1234"); // not a field of a page
        ExecutorService exec = Executors.newFixedThreadPool(2);
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaMonitorNode node = node(topics, "dbad-group");
             PageDelivery delivery = delivery(TestBroker.bootstrap(), "dbad-delivery", topics, receiver.url(),
                     "dbad-delivery").build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, PARTITIONS)) {
            Future<?> runningNode = exec.submit(node::run);
            Future<?> runningDelivery = exec.submit(delivery::run);
            for (Map<String, Object> m : List.of(page, unreadable)) {
                // As a node writes pages: with a position (before any input), which the node's fence reads.
                org.apache.kafka.common.header.internals.RecordHeaders h =
                        new org.apache.kafka.common.header.internals.RecordHeaders();
                h.add(OutputRecords.POSITION_HEADER, OutputRecords.position(-1, 0));
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.pages(), p,
                        T0.toEpochMilli(), "bed-03", ObservationRecords.JSON.writeValueAsString(m), h)).get();
            }
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (out.alerts.stream().filter(a -> "notification-failed".equals(a.s("rule")))
                    .filter(a -> "raised".equals(a.s("event"))).count() < 2) {
                SingleInstanceReplayTest.failIfEnded(runningNode);
                SingleInstanceReplayTest.failIfEnded(runningDelivery);
                assertThat(System.nanoTime()).as("two technical alert events within %s", WardRun.WAIT)
                        .isLessThan(deadline);
                out.poll();
            }
            assertThat(receiver.received()).as("neither page could be sent").noneMatch(r -> r.id().endsWith(":esc_test_1")
                    || r.id().endsWith(":esc_test_2"));
            List<Outputs.Out> technical = out.alerts.stream().filter(a -> "notification-failed".equals(a.s("rule")))
                    .filter(a -> "raised".equals(a.s("event"))).toList();
            assertThat(technical).allSatisfy(a -> {
                assertThat(a.s("category")).isEqualTo("technical");
                assertThat(a.s("patient_id")).isEqualTo("bed-03");
            });
            assertThat(technical.get(0).s("message")).contains("recipient 'nobody-on-the-roster' has no contact on "
                    + "channel 'push'");
            assertThat(technical.get(1).s("message")).contains("unreadable page at dbad.pages-" + p + " offset 1")
                    .contains("unknown field 'pager'");
            Map<String, List<String>> outcomes = outcomes(topics);
            assertThat(outcomes.get("p" + p + ":esc_test_1")).containsExactly(PageDelivery.DEAD_LETTER);
            assertThat(outcomes.get("unreadable-dbad.pages-" + p + "-1")).containsExactly(PageDelivery.DEAD_LETTER);
            delivery.close();
            node.close();
            runningDelivery.get();
            runningNode.get();
        } finally {
            exec.shutdownNow();
        }
    }

    private static KafkaMonitorNode node(KafkaTopics topics, String group) {
        return KafkaMonitorNode.builder(TestBroker.bootstrap(), group, topics, new WardSetup()).clientId(group)
                .tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000).build();
    }

    private static void createTopics(KafkaTopics topics) throws Exception {
        TestBroker.createTopics(topics, PARTITIONS);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(PageDelivery.deliveriesTopic(topics), PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        // Created by the controller is not yet in the broker's metadata: a delivery started at once could find no
        // such topic and stop (it did once in a fresh-clone CI run). Wait until a client sees every partition.
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.bootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (c.partitionsFor(PageDelivery.deliveriesTopic(topics)).size() != PARTITIONS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(PageDelivery.deliveriesTopic(topics) + " not known after " + WardRun.WAIT);
                }
                Thread.onSpinWait();
            }
        }
    }

    private static void produce(KafkaProducer<String, String> producer, KafkaTopics topics, List<Observation> feed,
                                Instant end) throws Exception {
        WardRun.produce(producer, topics, feed);
        for (int p = 0; p < PARTITIONS; p++) {
            producer.send(ObservationRecords.tick(topics.observations(), p, end)).get();
        }
    }

    /** Waits until {@code group} has committed the end offset of every partition of {@code topic}. */
    /**
     * Per partition, the offset after its last record a read_committed reader sees: what a consumer that has
     * processed everything commits. Not the end offset: the node writes the pages (and a delivery writes its
     * dead letters' records) in transactions, and a partition's last offset is then a commit marker, which no
     * consumer processes or commits.
     */
    private static Map<TopicPartition, Long> afterLastRecord(String topic) {
        Map<TopicPartition, Long> after = new HashMap<>();
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            parts.add(new TopicPartition(topic, p));
            after.put(parts.get(p), 0L);
        }
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.bootstrap(),
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("%s read to its end within %s", topic, WardRun.WAIT).isLessThan(deadline);
                for (org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    after.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                }
            }
        }
        return after;
    }

    private static void awaitCommitted(Admin admin, String group, String topic, Outputs pacing, Runnable check)
            throws Exception {
        Map<TopicPartition, Long> ends = afterLastRecord(topic);
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (true) {
            check.run();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(group + " did not commit " + ends + " within " + WardRun.WAIT + ": " + committed);
            }
            pacing.poll(); // paces the wait (blocks up to 200 ms)
        }
    }

    /** The committed outcomes of the deliveries topic, per idempotency key, in order. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> outcomes(KafkaTopics topics) throws Exception {
        Map<String, List<String>> m = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.bootstrap(),
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                parts.add(new TopicPartition(PageDelivery.deliveriesTopic(topics), p));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("the deliveries topic read within 60 s").isLessThan(deadline);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    Map<String, Object> v = ObservationRecords.JSON.readValue(r.value(), Map.class);
                    m.computeIfAbsent(r.key(), k -> new ArrayList<>()).add((String) v.get("outcome"));
                }
            }
        }
        return m;
    }
}
