package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.kafka.KafkaTopics;
import com.nexussaude.monitor.kafka.PageDelivery;
import com.nexussaude.monitor.kafka.ServiceTestBroker;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in Kafka mode, with a real KRaft broker in the test JVM and two service instances on real HTTP on
 * loopback: an observation posted to instance A raises an alert that instance B's {@code GET /alerts} and WebSocket
 * show; an acknowledgement through B stops the incident's escalation in the pages topic (a patient with the same
 * readings and no acknowledgement escalates to level 3); the instances' page deliveries send every page of the pages
 * topic to a real webhook receiver on loopback exactly once, signed, with the page's idempotency key as its
 * {@code webhook-id}, and no escalation of the acknowledged incident; bad posts are refused naming the field and the valid items
 * are written, nothing else.
 */
class KafkaModeTest {
    static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    @Test
    void anAlertRaisedThroughOneInstanceIsServedByTheOtherAndAnAcknowledgementThroughItStopsEscalation()
            throws Exception {
        String prefix = "svc-two";
        createTopics(prefix, 2);
        KafkaTopics topics = KafkaTopics.withPrefix(prefix);
        ChannelPagingTest.SetClock wall = new ChannelPagingTest.SetClock(T0);
        Receiver receiver = new Receiver();
        Map<String, String> env = settings(prefix, "monitor", receiver.url());
        try (receiver;
             TestServer a = new TestServer(Files.createDirectories(dir.resolve("a")), env, clockOf(wall));
             TestServer b = new TestServer(Files.createDirectories(dir.resolve("b")), env, clockOf(wall));
             KafkaConsumer<String, String> pages = reader(topics.pages())) {
            LiveEventsTest.Client liveB = LiveEventsTest.Client.connect(b, "screen-b", VIEWER);
            liveB.next("connected");
            liveB.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}");
            liveB.next("subscribed");
            liveB.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
            liveB.next("subscribed");

            // Both instances' page deliveries have joined their group before the first page: a page being sent while
            // the group rebalances may be sent again (same webhook-id, at least once), and this test counts sends.
            List<JsonNode> written = new ArrayList<>();
            awaitWhileReading(pages, written, () -> deliveryOwns(a) && deliveryOwns(b));

            // Two minutes of a critical desaturation of two patients, posted to A.
            post(a, readings(0, 120, 82));
            Map<String, String> incidentOf = new HashMap<>();
            Map<String, String> alertOf = new HashMap<>();
            while (incidentOf.size() < 2 || alertOf.size() < 2) {
                JsonNode m = liveB.messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(m).as("B's WebSocket shows both patients' alerts and incidents").isNotNull();
                String type = m.path("type").asText();
                if (type.equals("alert.raised") && m.at("/data/alert/rule").asText().equals("threshold")) {
                    alertOf.putIfAbsent(m.at("/data/alert/patient_id").asText(), m.at("/data/alert/alert_id").asText());
                    assertThat(m.at("/data/alert/severity").asText()).isEqualTo("critical");
                } else if (type.equals("incident.opened")) {
                    incidentOf.putIfAbsent(m.at("/data/incident/patient_id").asText(),
                            m.at("/data/incident/incident_id").asText());
                }
            }
            assertThat(alertOf.keySet()).containsExactlyInAnyOrder("bed-acked", "bed-control");
            // The view pushes an event after applying it: B's GET answers what its WebSocket showed.
            JsonNode listed = json(b.get("/alerts?patient=bed-acked&rule=threshold", VIEWER));
            assertThat(listed.at("/items/0/alert_id").asText()).isEqualTo(alertOf.get("bed-acked"));
            assertThat(listed.at("/items/0/state").asText()).isEqualTo("open");
            assertThat(listed.at("/items/0/incident_id").asText()).isEqualTo(incidentOf.get("bed-acked"));
            assertThat(json(b.get("/alerts/" + alertOf.get("bed-acked"), VIEWER)).get("patient_id").asText())
                    .isEqualTo("bed-acked");
            assertThat(json(b.get("/incidents/" + incidentOf.get("bed-acked"), VIEWER)).get("alert_ids"))
                    .extracting(JsonNode::asText).contains(alertOf.get("bed-acked"));

            // Acknowledged through B, later by the wall clock: written into the patient's partition, answered once
            // processed, at the partition's own time (the wall clock does not move the partition's clock).
            wall.now = T0.plusSeconds(3600);
            HttpResponse<String> ack = b.put("/incidents/" + incidentOf.get("bed-acked") + "/acknowledge", CLINICIAN,
                    "{\"reason\":\"at the bedside\"}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(json(ack).at("/acknowledged/0/alert_id").asText()).isEqualTo(alertOf.get("bed-acked"));
            assertThat(json(ack).at("/acknowledged/0/acknowledgement/actor").asText()).isEqualTo("nurse.ana");
            Instant ackAt = null;
            while (ackAt == null) {
                JsonNode m = liveB.messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(m).as("B's WebSocket shows the acknowledgement").isNotNull();
                if (m.path("type").asText().equals("incident.acknowledged")) {
                    assertThat(m.at("/data/incident/incident_id").asText()).isEqualTo(incidentOf.get("bed-acked"));
                    ackAt = Instant.parse(m.at("/data/timestamp").asText());
                }
            }
            assertThat(ackAt).as("applied at the partition's time, after the last reading before it")
                    .isBetween(T0.plusSeconds(60), T0.plusSeconds(120));

            // Six and a half more minutes of desaturation (the next levels are due 3 and 6 minutes after the first
            // page), then seven of recovery: resolved before the acknowledgement's 15 minutes run out.
            post(a, readings(160, 540, 82));
            post(a, readings(550, 960, 97));
            awaitWhileReading(pages, written, () -> resolved(b, alertOf.values()) && caughtUp(topics, a, b));
            readToEnd(pages, written);

            List<String> summary = written.stream().map(p -> p.get("patient_id").asText() + " level " + p.get("level")
                    + " " + p.get("event").asText() + " at " + p.get("at").asText()).toList();
            Set<Integer> ackedLevels = new TreeSet<>();
            Set<Integer> controlLevels = new TreeSet<>();
            Set<Integer> controlLevelsAfterAck = new TreeSet<>();
            List<String> ackedEscalationsAfterAck = new ArrayList<>();
            for (JsonNode p : written) {
                boolean after = Instant.parse(p.get("at").asText()).isAfter(ackAt);
                boolean escalation = !p.get("event").asText().equals("resolved");
                if (p.get("patient_id").asText().equals("bed-acked")) {
                    ackedLevels.add(p.get("level").asInt());
                    if (after && escalation) {
                        ackedEscalationsAfterAck.add(p.toString());
                    }
                } else {
                    controlLevels.add(p.get("level").asInt());
                    if (after && escalation) {
                        controlLevelsAfterAck.add(p.get("level").asInt());
                    }
                }
            }
            assertThat(ackedLevels).as("the acknowledged patient was paged before, %s", summary).isNotEmpty();
            assertThat(controlLevelsAfterAck).as("the patient nobody acknowledged escalates on, %s", summary)
                    .isNotEmpty().allSatisfy(level -> assertThat(level).isGreaterThan(ackedLevels.iterator().next()));
            assertThat(ackedEscalationsAfterAck).as("no escalation of the acknowledged incident, %s", summary).isEmpty();

            // The group's page deliveries (one per instance, each owning pages partitions) send every page, once, to
            // the webhook: its webhook-id is the page's idempotency key, and it is signed with the channel's secret.
            Set<String> keys = new TreeSet<>();
            written.forEach(p -> keys.add(p.get("idempotency_key").asText()));
            awaitWhileReading(pages, written, () -> receiver.ids().containsAll(keys));
            List<Received> got = receiver.received();
            assertThat(got).extracting(Received::id).as("each page once, %s", summary).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(got.stream().map(Received::id).toList())).as("nothing but the pages, %s", summary)
                    .isEqualTo(keys);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.signatureValid()).as("signature of %s", r.id()).isTrue();
                assertThat(r.timestamp()).isNotBlank();
            });
            for (JsonNode p : written) {
                Received r = got.stream().filter(x -> x.id().equals(p.get("idempotency_key").asText())).findFirst()
                        .orElseThrow();
                assertThat(r.body()).as("the page of %s at the webhook", p).contains(p.get("patient_id").asText());
            }
            assertThat(got.stream().filter(r -> r.body().contains("bed-acked")).count())
                    .as("the acknowledged patient's pages at the webhook are those of the topic, %s", summary)
                    .isEqualTo(written.stream().filter(p -> p.get("patient_id").asText().equals("bed-acked")).count());
            long sent = 0;
            Set<Integer> owned = new TreeSet<>();
            for (TestServer t : List.of(a, b)) {
                JsonNode d = json(t.get("/system/health", null)).at("/checks/kafka/delivery");
                assertThat(d.get("running").asBoolean()).as("%s", d).isTrue();
                assertThat(d.get("dead_letters").asLong()).as("%s", d).isZero();
                sent += d.get("sent").asLong();
                d.get("pages_partitions_owned").forEach(n -> assertThat(owned.add(n.asInt())).as("owned once").isTrue());
            }
            assertThat(owned).as("the two instances own the pages partitions between them").containsExactly(0, 1);
            awaitWhileReading(pages, written, () -> {
                long n = 0;
                for (TestServer t : List.of(a, b)) {
                    n += json(t.get("/system/health", null)).at("/checks/kafka/delivery/sent").asLong();
                }
                return n >= keys.size();
            });

            // Any instance answers the same, once its view has read as far.
            LiveEventsTest.Client liveA = LiveEventsTest.Client.connect(a, "screen-a", VIEWER);
            liveA.next("connected");
            liveA.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}");
            liveA.next("subscribed");
            awaitWhileReading(pages, written, () -> resolved(a, alertOf.values()));
            assertThat(json(a.get("/alerts?state=all", VIEWER))).isEqualTo(json(b.get("/alerts?state=all", VIEWER)));

            // People's alert-level actions through A are records of the patient's partition, shown by B.
            HttpResponse<String> manual = a.post("/alerts", CLINICIAN, "{\"patient_id\":\"bed-control\",\"severity\":"
                    + "\"high\",\"message\":\"looks unwell\",\"reason\":\"nurse's concern\"}");
            assertThat(manual.statusCode()).as(manual.body()).isEqualTo(201);
            String manualId = json(manual).get("alert_id").asText();
            assertThat(manual.headers().firstValue("Location")).hasValue("/alerts/" + manualId);
            assertThat(json(manual).get("rule").asText()).isEqualTo("manual");
            assertThat(json(manual).get("state").asText()).isEqualTo("open");
            HttpResponse<String> acked = a.put("/alerts/" + manualId + "/acknowledge", CLINICIAN, "{\"reason\":\"seen\"}");
            assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
            assertThat(json(acked).get("state").asText()).isEqualTo("acknowledged");
            assertThat(json(acked).at("/acknowledgement/actor").asText()).isEqualTo("nurse.ana");
            HttpResponse<String> again = a.put("/alerts/" + manualId + "/acknowledge", CLINICIAN, "{}");
            assertThat(again.headers().firstValue("Already-Acknowledged")).hasValue("true");
            HttpResponse<String> resolvedByHand = a.put("/alerts/" + manualId + "/resolve", CLINICIAN,
                    "{\"reason\":\"reviewed, well\"}");
            assertThat(resolvedByHand.statusCode()).as(resolvedByHand.body()).isEqualTo(200);
            assertThat(json(resolvedByHand).get("state").asText()).isEqualTo("resolved");
            assertThat(a.put("/alerts/" + manualId + "/resolve", CLINICIAN, "{}").statusCode()).isEqualTo(409);
            awaitWhileReading(pages, written, () -> resolved(b, List.of(manualId)));

            JsonNode health = json(a.get("/system/health", null));
            assertThat(health.get("mode").asText()).isEqualTo("kafka");
            assertThat(health.at("/checks/kafka/status").asText()).isEqualTo("up");
            assertThat(health.at("/checks/kafka/brokers_reachable").asBoolean()).isTrue();
            assertThat(health.at("/checks/kafka/role").asText()).isEqualTo("monitor");
            assertThat(health.at("/checks/kafka/partitions_owned").size()).isPositive();
            assertThat(health.at("/checks/channels/status").asText()).as("this instance delivers pages").isEqualTo("up");
            assertThat(health.at("/checks/kafka/delivery/running").asBoolean()).isTrue();
            JsonNode panel = json(b.get("/dashboard/system", VIEWER));
            assertThat(panel.get("mode").asText()).isEqualTo("kafka");
            assertThat(panel.at("/kafka/partitions_owned")).isNotNull();
            assertThat(panel.at("/kafka/delivery/running").asBoolean()).isTrue();
            assertThat(panel.at("/kafka/delivery/pages_partitions_owned").isArray()).isTrue();
        }
    }

    @Test
    void badPostsAreRefusedNamingTheFieldAndOnlyTheValidItemsAreWritten() throws Exception {
        String prefix = "svc-api";
        ServiceTestBroker.createTopics(prefix, 2);
        KafkaTopics topics = KafkaTopics.withPrefix(prefix);
        // Role api delivers nothing, so it needs no deliveries topic (none was created) and sends nothing to this URL.
        try (TestServer api = new TestServer(dir, settings(prefix, "api", java.net.URI.create("http://127.0.0.1:9/hook")));
             KafkaConsumer<String, String> observations = reader(topics.observations())) {
            String batch = "[" + obs("bed-1", T0, "\"heart_rate\":80") + ","
                    + obs("bed-1", T0.plusSeconds(1), "\"heart_rate\":\"fast\"") + ","
                    + obs("bed-1", T0.plusSeconds(2), "\"heart_rate\":412") + ","
                    + "{\"heart_rate\":70}" + ","
                    + obs("bed-1", T0.plusSeconds(4), "\"oxygen_saturation\":90,\"spo2_scale\":2") + ","
                    + obs("bed-2", T0.plusSeconds(5), "\"respiratory_rate\":18,\"heart_rte\":90") + "]";
            HttpResponse<String> r = api.post("/vital-signs", INTEGRATOR, batch);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            JsonNode p = json(r);
            assertThat(p.get("accepted").asInt()).isEqualTo(2);
            assertThat(p.get("rejected").asInt()).isEqualTo(4);
            assertThat(p.get("errors")).extracting(e -> e.get("index").asInt() + ":" + e.get("field").asText())
                    .containsExactly("1:heart_rate", "2:heart_rate", "3:patient_id", "4:spo2_scale");
            assertThat(p.at("/errors/1/detail").asText()).contains("0..300");
            assertThat(p.at("/errors/3/detail").asText()).contains("not available in Kafka mode");
            assertThat(p.at("/unknown_fields/0/field").asText()).isEqualTo("heart_rte");

            List<ConsumerRecord<String, String>> written = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (written.size() < 2) {
                assertThat(System.nanoTime()).as("the two valid items in the topic within %s", WAIT).isLessThan(deadline);
                observations.poll(Duration.ofMillis(200)).forEach(written::add);
            }
            assertThat(written).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("bed-1", "bed-2");
            assertThat(written).extracting(ConsumerRecord::timestamp)
                    .containsExactlyInAnyOrder(T0.toEpochMilli(), T0.plusSeconds(5).toEpochMilli());
            readToEndRecords(observations, written);
            assertThat(written).as("nothing but the valid items").hasSize(2);

            HttpResponse<String> silence = api.post("/silences", CLINICIAN, "{\"patient_id\":\"bed-1\"}");
            assertThat(silence.statusCode()).isEqualTo(409);
            assertThat(json(silence).get("detail").asText()).contains("not available in Kafka mode");
            assertThat(api.put("/alerts/p0-alert-000001/acknowledge", CLINICIAN, "{}").statusCode()).isEqualTo(404);
            assertThat(api.get("/alerts/p0-alert-000001", VIEWER).statusCode()).isEqualTo(404);
            assertThat(api.put("/patients/bed-1", CLINICIAN, "{\"ward\":\"4B\"}").statusCode()).isEqualTo(409);

            JsonNode health = json(api.get("/system/health", null));
            assertThat(health.at("/checks/kafka/role").asText()).isEqualTo("api");
            assertThat(health.at("/checks/kafka/partitions_owned").isMissingNode()).isTrue();
            assertThat(health.at("/checks/kafka/delivery").isMissingNode()).as("role api delivers no page").isTrue();
            assertThat(health.at("/checks/channels/status").asText()).isEqualTo("pages topic only");
            assertThat(health.at("/checks/channels/kafka_mode").asText()).contains("KAFKA_ROLE=monitor");
            assertThat(health.get("ready").asBoolean()).isTrue();
        }
    }

    /**
     * A monitor instance with a channel delivers pages, so it needs the deliveries topic: without it start-up stops
     * naming it (rather than starting an instance that pages nobody); without a channel, it starts and says that
     * nobody is paged.
     */
    @Test
    void aDeliveringInstanceNeedsTheDeliveriesTopicAndOneWithoutAChannelSaysNobodyIsPaged() throws Exception {
        String prefix = "svc-nodeliveries";
        ServiceTestBroker.createTopics(prefix, 2);
        Map<String, String> env = settings(prefix, "monitor", java.net.URI.create("http://127.0.0.1:9/hook"));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> new TestServer(Files.createDirectories(dir.resolve("a")), env).close());
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(prefix + ".deliveries").hasMessageContaining("cleanup.policy=compact");

        Map<String, String> silent = new HashMap<>(env);
        List.of("WEBHOOK_URL", "WEBHOOK_SECRET", "NOTIFY_ALLOW_INSECURE_TRANSPORT", "ONCALL_ROSTER_FILE",
                "ESCALATION_POLICY_FILE").forEach(silent::remove);
        try (TestServer t = new TestServer(Files.createDirectories(dir.resolve("b")), silent)) {
            JsonNode health = json(t.get("/system/health", null));
            assertThat(health.at("/checks/channels/status").asText()).isEqualTo("none configured");
            assertThat(health.at("/checks/channels/detail").asText()).contains("pages nobody");
            assertThat(health.at("/checks/kafka/delivery").isMissingNode()).isTrue();
            assertThat(health.at("/checks/kafka/role").asText()).isEqualTo("monitor");
        }
    }

    private Map<String, String> settings(String prefix, String role, java.net.URI webhook) throws Exception {
        Path policy = Files.writeString(dir.resolve("escalation.json"), """
                { "name": "ward", "repeat": 0,
                  "levels": [
                    { "name": "nurse", "targets": [ { "person": "ana" } ], "channels": [ "webhook" ], "wait_minutes": 3 },
                    { "name": "charge nurse", "targets": [ { "person": "bo" } ], "channels": [ "webhook" ], "wait_minutes": 3 },
                    { "name": "physician", "targets": [ { "person": "cy" } ], "channels": [ "webhook" ], "wait_minutes": 3 }
                  ] }
                """);
        Path roster = Files.writeString(dir.resolve("roster.json"), """
                { "people": [ { "id": "ana", "name": "Ana", "contacts": [ { "channel": "webhook", "address": "ana" } ] },
                              { "id": "bo", "name": "Bo", "contacts": [ { "channel": "webhook", "address": "bo" } ] },
                              { "id": "cy", "name": "Cy", "contacts": [ { "channel": "webhook", "address": "cy" } ] } ] }
                """);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", ServiceTestBroker.bootstrap());
        env.put("KAFKA_TOPIC_PREFIX", prefix);
        env.put("KAFKA_GROUP_ID", prefix + "-group");
        env.put("KAFKA_ROLE", role);
        env.put("KAFKA_TICK_SECONDS", "0"); // recorded times: the readings move the clock, not the wall
        env.put("KAFKA_PUBLISH_TIMEOUT_SECONDS", "120"); // a loaded build machine
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        // The monitors page through the pages topic; the monitor instances' page deliveries send them to the webhook.
        env.put("WEBHOOK_URL", webhook.toString());
        env.put("WEBHOOK_SECRET", WebhookPagingTest.WEBHOOK_SECRET);
        env.put("NOTIFY_ALLOW_INSECURE_TRANSPORT", "a plain-HTTP receiver on loopback in a test");
        env.put("ONCALL_ROSTER_FILE", roster.toString());
        env.put("ESCALATION_POLICY_FILE", policy.toString());
        return env;
    }

    private static MonitorClock clockOf(ChannelPagingTest.SetClock wall) {
        return MonitorClock.live(wall, Duration.ofSeconds(1));
    }

    /** Readings of both patients every 10 s from {@code from} to {@code to} seconds after T0. */
    private static String readings(int from, int to, int spo2) {
        List<String> items = new ArrayList<>();
        for (int s = from; s <= to; s += 10) {
            for (String bed : List.of("bed-acked", "bed-control")) {
                items.add(obs(bed, T0.plusSeconds(s), "\"heart_rate\":90,\"oxygen_saturation\":" + spo2
                        + ",\"respiratory_rate\":18"));
            }
        }
        return "[" + String.join(",", items) + "]";
    }

    private static void post(TestServer t, String batch) {
        HttpResponse<String> r = t.post("/vital-signs", INTEGRATOR, batch);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("rejected").asInt()).isZero();
    }

    /** Whether the instance's page delivery owns pages partitions (its group has settled with it in). */
    private static boolean deliveryOwns(TestServer t) {
        return json(t.get("/system/health", null)).at("/checks/kafka/delivery/pages_partitions_owned").size() > 0;
    }

    private static boolean resolved(TestServer t, java.util.Collection<String> alertIds) {
        for (String id : alertIds) {
            HttpResponse<String> r = t.get("/alerts/" + id, VIEWER);
            if (r.statusCode() != 200 || !json(r).get("state").asText().equals("resolved")) {
                return false;
            }
        }
        return true;
    }

    /** Whether, for every observations partition, an instance's monitors processed (and flushed) it to its end. */
    private static boolean caughtUp(KafkaTopics topics, TestServer... instances) {
        Map<Integer, Long> processed = new HashMap<>();
        for (TestServer t : instances) {
            for (JsonNode p : json(t.get("/system/health", null)).at("/checks/kafka/partitions_owned")) {
                processed.merge(p.get("partition").asInt(), p.get("next_offset").asLong(), Math::max);
            }
        }
        try (KafkaConsumer<String, String> c = reader(topics.observations())) {
            for (Map.Entry<TopicPartition, Long> end : c.endOffsets(c.assignment()).entrySet()) {
                if (processed.getOrDefault(end.getKey().partition(), -1L) < end.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Reads the topic while waiting for the condition (the poll is the wait); fails after {@link #WAIT}. */
    private static void awaitWhileReading(KafkaConsumer<String, String> c, List<JsonNode> into, BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within %s", WAIT).isLessThan(deadline);
            c.poll(Duration.ofMillis(500)).forEach(r -> into.add(parse(r.value())));
        }
    }

    private static void readToEnd(KafkaConsumer<String, String> c, List<JsonNode> into) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        readToEndRecords(c, records);
        records.forEach(r -> into.add(parse(r.value())));
    }

    private static void readToEndRecords(KafkaConsumer<String, String> c, List<ConsumerRecord<String, String>> into) {
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            assertThat(System.nanoTime()).as("read to the end within %s", WAIT).isLessThan(deadline);
            c.poll(Duration.ofMillis(200)).forEach(into::add);
        }
    }

    private static JsonNode parse(String s) {
        try {
            return TestServer.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A consumer of every partition of {@code topic} from its start, reading committed records only. */
    private static KafkaConsumer<String, String> reader(String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ServiceTestBroker.bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    /** The group's four topics and the deliveries topic (compacted, as docs/kafka.md asks). */
    private static void createTopics(String prefix, int partitions) throws Exception {
        ServiceTestBroker.createTopics(prefix, partitions);
        String deliveries = PageDelivery.deliveriesTopic(KafkaTopics.withPrefix(prefix));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ServiceTestBroker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(deliveries, partitions, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
    }

    /** One request as the receiver got it. */
    record Received(String id, String timestamp, String body, boolean signatureValid) {
    }

    /**
     * A Standard Webhooks receiver on loopback (the JDK's HTTP server): keeps every request and checks its signature
     * (HMAC-SHA256 over {@code id.timestamp.body} with the secret's bytes) as a receiver would; answers 204.
     */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<Received> received = new ArrayList<>();

        Receiver() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", x -> {
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String id = x.getRequestHeaders().getFirst("webhook-id");
                String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
                String sig = x.getRequestHeaders().getFirst("webhook-signature");
                synchronized (this) {
                    received.add(new Received(id, ts, body, sig != null && sig.equals(sign(id, ts, body))));
                }
                x.sendResponseHeaders(204, -1);
                x.close();
            });
            server.start();
        }

        java.net.URI url() {
            return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        synchronized List<Received> received() {
            return List.copyOf(received);
        }

        synchronized Set<String> ids() {
            Set<String> ids = new java.util.HashSet<>();
            received.forEach(r -> ids.add(r.id()));
            return ids;
        }

        private static String sign(String id, String ts, String body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(
                        WebhookPagingTest.WEBHOOK_SECRET.substring("whsec_".length())), "HmacSHA256"));
                return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body)
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
