package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * People's actions written as records (acknowledging an alert, resolving one by hand, raising a manual alert,
 * creating and ending a silence) change a node's outputs exactly as the same calls on a single-process monitor
 * at the same points of event time, and a new owner re-executing the partition writes the same outputs again (what
 * failover relies on); a malformed action record is refused naming the field, partition and offset,
 * counted, and the records after it flow.
 */
class PersonActionsTest {
    static final Instant T0 = Instant.parse("2026-06-02T08:00:00Z");
    static final Instant END = T0.plus(Duration.ofMinutes(10)).plusSeconds(30);

    /** One step of the scenario: an observation, or an action done on the reference monitor and written as a record. */
    private interface Step {
        Instant at();
    }

    private record Reading(Observation o) implements Step {
        public Instant at() {
            return o.timestamp();
        }
    }

    /** An action: calls the reference monitor and returns the record that says the same to a node. */
    private record Action(Instant at, java.util.function.Function<VitalMonitor, ProducerRecord<String, String>> act)
            implements Step {
    }

    @Test
    void eachActionThroughTheBrokerChangesTheOutputsAsTheSameCallOnAMonitor() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("actions");
        String in = topics.observations();
        List<Step> steps = new ArrayList<>();
        for (int s = 0; s <= 600; s += 5) {
            // bed-03: a critical desaturation throughout; bed-05: well for four minutes, then desaturating.
            steps.add(new Reading(Observation.builder("bed-03", T0.plusSeconds(s)).heartRate(96).spo2(82)
                    .respiratoryRate(22).build()));
            steps.add(new Reading(Observation.builder("bed-05", T0.plusSeconds(s)).heartRate(80)
                    .spo2(s < 240 ? 97 : 84).respiratoryRate(16).build()));
        }
        String silenceId = "silence-of-bed-05";
        steps.add(new Action(T0.plusSeconds(62), m -> {
            Silence s = Silence.builder().patient("bed-05").until(T0.plus(Duration.ofMinutes(30))).by("nurse-bo")
                    .because("in transport").build();
            m.silence(s);
            return ObservationRecords.createSilence(in, null, silenceId, s, T0.plusSeconds(62));
        }));
        steps.add(new Action(T0.plusSeconds(122), m -> {
            m.raise("bed-01", ObservationRecords.MANUAL_RULE, "concern", Severity.HIGH, Category.PHYSIOLOGICAL,
                    "looks unwell", Map.of("note", "pale"), Duration.ofHours(4), "dr-cy", "bedside call");
            return ObservationRecords.raiseAlert(in, "bed-01", Severity.HIGH, Category.PHYSIOLOGICAL, "looks unwell",
                    "concern", Map.of("note", "pale"), 4, "dr-cy", "bedside call", T0.plusSeconds(122));
        }));
        steps.add(new Action(T0.plusSeconds(182), m -> {
            Alert first = m.openAlertsOf("bed-03").stream().min(Comparator.comparing(Alert::alertId)).orElseThrow();
            m.acknowledge(first.alertId(), "nurse-ana", "at the bedside");
            return ObservationRecords.acknowledgeAlert(in, "bed-03", "p0-" + first.alertId(), "nurse-ana",
                    "at the bedside", T0.plusSeconds(182));
        }));
        steps.add(new Action(T0.plusSeconds(302), m -> {
            Alert manual = m.openAlertsOf("bed-01").stream().filter(a -> a.ruleId().equals("manual")).findFirst()
                    .orElseThrow();
            m.resolve(manual.alertId(), "dr-cy", "reviewed, fine");
            return ObservationRecords.resolveAlert(in, "bed-01", "p0-" + manual.alertId(), "dr-cy", "reviewed, fine",
                    T0.plusSeconds(302));
        }));
        steps.add(new Action(T0.plusSeconds(362), m -> {
            m.expireSilence(m.silences().get(0).silenceId(), "nurse-bo", "back on the ward");
            return ObservationRecords.expireSilence(in, 0, silenceId, "nurse-bo", "back on the ward",
                    T0.plusSeconds(362));
        }));
        steps.sort(Comparator.comparing(Step::at)); // stable: readings of one instant stay before its action

        // The single-process run: the same calls on one monitor, at the same points of event time.
        Recorded ref = new Recorded();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        WardSetup setup = new WardSetup();
        Paging.Builder paging = setup.paging();
        for (String name : setup.pageChannels()) {
            paging.channel(ref.channel(name));
        }
        try (VitalMonitor m = setup.monitor().clock(MonitorClock.eventTime()).listenerExecutor(Runnable::run)
                .listener(ref::onAlert).incidentListener(e -> ref.incidents.add(e.incident().patientId() + "|"
                        + e.type().wireName() + "|" + e.incident().severity().wireName() + "|" + e.timestamp()))
                .paging(paging.build()).build()) {
            setup.prepare(m);
            for (Step s : steps) {
                if (s instanceof Reading r) {
                    m.submit(r.o());
                    records.add(ObservationRecords.record(in, r.o()));
                } else {
                    Action a = (Action) s;
                    m.advanceTo(a.at());
                    records.add(a.act().apply(m));
                }
            }
            m.advanceTo(END);
        }
        assertThat(ref.alerts).as("the actions did something").anyMatch(e -> e.contains("|acknowledged|")
                && e.endsWith("|nurse-ana")).anyMatch(e -> e.contains("|manual|concern|raised|"))
                .anyMatch(e -> e.contains("|manual|concern|resolved|") && e.endsWith("|dr-cy"));
        assertThat(ref.pages).as("bed-05 is paged only after its silence ends").filteredOn(p -> p.startsWith("bed-05|"))
                .isNotEmpty().allMatch(p -> !Instant.parse(p.substring(p.lastIndexOf('|') + 1))
                        .isBefore(T0.plusSeconds(362)));

        TestBroker.createTopics(topics, 1);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode node = KafkaMonitorNode.builder(TestBroker.bootstrap(), "actions-group", topics,
                        new WardSetup()).clientId("actions").tickInterval(Duration.ZERO)
                .producerProperty("delivery.timeout.ms", 300_000).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, 1)) {
            Future<?> running = exec.submit(node::run);
            for (ProducerRecord<String, String> r : records) {
                producer.send(r);
            }
            producer.send(ObservationRecords.tick(in, 0, END)).get();
            awaitProcessed(node, records.size() + 1, running, out);

            Recorded got = new Recorded();
            for (Outputs.Out a : out.alerts) {
                got.alerts.add(a.s("patient_id") + "|" + a.s("rule") + "|" + a.s("key") + "|" + a.s("event") + "|"
                        + a.s("severity") + "|" + a.s("at") + "|" + a.s("actor"));
            }
            for (Outputs.Out i : out.incidents) {
                got.incidents.add(i.s("patient_id") + "|" + i.s("event") + "|" + i.s("severity") + "|" + i.s("at"));
            }
            for (Outputs.Out p : out.pages) {
                got.pages.add(Reference.page(p.s("patient_id"), p.s("recipient"), p.s("channel"), p.fields().get("level"),
                        p.s("event"), p.s("severity"), p.s("at")));
            }
            assertThat(got.alerts).containsExactlyElementsOf(ref.alerts);
            assertThat(got.incidents).containsExactlyElementsOf(ref.incidents);
            assertThat(got.pages).containsExactlyElementsOf(ref.pages);
            assertThat(node.stats().partitions().get(0).refused()).isZero();
            node.close();
            running.get();

            // A new owner re-executes the partition (failover): the same outputs, field for field, actions included.
            List<Map<String, Object>> again = reExecute(topics, records.size() + 1);
            List<Map<String, Object>> written = new ArrayList<>();
            for (List<Outputs.Out> l : List.of(out.alerts, out.incidents, out.pages)) {
                l.forEach(o -> written.add(o.fields()));
            }
            assertThat(again).containsExactlyInAnyOrderElementsOf(written);

            // A new owner after a failover just after each action: the journal as the previous owner left it at
            // that offset, a warm-up over the records before it (actions included: already journalled, only their
            // time replayed), then live: the same outputs from that offset on, and none before it.
            List<ConsumerRecord<String, String>> log = readBack(topics, records.size() + 1);
            List<ProducerRecord<String, String>> full = run(log, List.of(), 0, null);
            int cuts = 0;
            for (int k = 1; k < log.size(); k++) {
                if (ObservationRecords.type(log.get(k - 1).headers()) == null) {
                    continue;
                }
                List<com.nexussaude.monitor.journal.JournalRecord> journalAtCut = new ArrayList<>();
                run(log.subList(0, k), List.of(), 0, journalAtCut);
                long cut = k;
                List<String> expected = full.stream().filter(r -> offsetOf(r) >= cut).map(PersonActionsTest::text).toList();
                List<String> afterFailover = run(log, journalAtCut, cut, null).stream().map(PersonActionsTest::text).toList();
                assertThat(afterFailover).as("outputs of a new owner resuming at offset %d", cut)
                        .containsExactlyElementsOf(expected);
                cuts++;
            }
            assertThat(cuts).as("a failover after each of the five actions").isEqualTo(5);
        } finally {
            exec.shutdownNow();
        }
    }

    /** The partition's records, read back from the broker. */
    private static List<ConsumerRecord<String, String>> readBack(KafkaTopics topics, int count) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.bootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topics.observations(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (out.size() < count) {
                assertThat(System.nanoTime()).as("read back within %s", WardRun.WAIT).isLessThan(deadline);
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The outputs of a partition monitor restored from {@code journal} and live from offset {@code resume}, over
     * {@code log} from its start; its journal's records are added to {@code journalOut} when given.
     */
    private static List<ProducerRecord<String, String>> run(List<ConsumerRecord<String, String>> log,
            List<com.nexussaude.monitor.journal.JournalRecord> journal, long resume,
            List<com.nexussaude.monitor.journal.JournalRecord> journalOut) {
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        KafkaTopics topics = KafkaTopics.withPrefix("actions");
        try (PartitionMonitor pm = new PartitionMonitor(0, topics, new WardSetup(),
                new com.nexussaude.monitor.journal.InMemoryJournal(journal), resume, log.size(), out::add)) {
            for (ConsumerRecord<String, String> r : log) {
                pm.process(r);
            }
            assertThat(pm.live()).as("live once the records reach offset %d", resume).isTrue();
            if (journalOut != null) {
                journalOut.addAll(pm.monitor().history(com.nexussaude.monitor.journal.JournalQuery.all()));
            }
        }
        return out;
    }

    private static long offsetOf(ProducerRecord<String, String> r) {
        String id = new String(r.headers().lastHeader(OutputRecords.EVENT_ID_HEADER).value(),
                java.nio.charset.StandardCharsets.UTF_8);
        String[] parts = id.split("-");
        return Long.parseLong(parts[parts.length - 2]);
    }

    private static String text(ProducerRecord<String, String> r) {
        return r.topic() + " " + r.key() + " " + r.value();
    }

    /** What a fresh monitor of partition 0 writes when it re-executes the partition from its start, unfenced. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reExecute(KafkaTopics topics, long end) throws Exception {
        List<Map<String, Object>> outputs = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.bootstrap()),
                new StringDeserializer(), new StringDeserializer());
             PartitionMonitor pm = new PartitionMonitor(0, topics, new WardSetup(), new com.nexussaude.monitor.journal.InMemoryJournal(), 0, end,
                     r -> values.add(r.value()))) {
            TopicPartition tp = new TopicPartition(topics.observations(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (!pm.caughtUp()) {
                assertThat(System.nanoTime()).as("re-executed within %s", WardRun.WAIT).isLessThan(deadline);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    pm.process(r);
                }
            }
        }
        for (String v : values) {
            outputs.add(ObservationRecords.JSON.readValue(v, Map.class));
        }
        return outputs;
    }

    @Test
    void aMalformedActionIsRefusedNamingFieldPartitionAndOffsetAndTheRestFlows() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("badactions");
        String in = topics.observations();
        TestBroker.createTopics(topics, 1);
        Instant t = T0;
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(ObservationRecords.record(in, Observation.builder("bed-03", t).heartRate(96).spo2(82)
                .respiratoryRate(22).build()));
        // offset 1: an unknown field
        records.add(ObservationRecords.typed(ObservationRecords.ACKNOWLEDGE_ALERT, in, 0, "bed-03",
                Map.of("alert_id", "p0-alert-000001", "actor", "nurse-ana", "comment", "x"), t.plusSeconds(1)));
        // offset 2: a ttl of the wrong kind
        records.add(ObservationRecords.typed(ObservationRecords.RAISE_ALERT, in, 0, "bed-03",
                Map.of("patient_id", "bed-03", "severity", "high", "message", "m", "reason", "r", "actor", "a",
                        "ttl_hours", "soon"), t.plusSeconds(2)));
        // offset 3: an alert id of another partition
        records.add(ObservationRecords.typed(ObservationRecords.RESOLVE_ALERT, in, 0, "bed-03",
                Map.of("alert_id", "p7-alert-000001", "actor", "dr-cy"), t.plusSeconds(3)));
        // offset 4: a silence nobody created
        records.add(ObservationRecords.expireSilence(in, 0, "no-such-silence", "nurse-bo", null, t.plusSeconds(4)));
        // offset 5: an incident's acknowledgement with an unknown field
        records.add(ObservationRecords.typed(ObservationRecords.ACKNOWLEDGE_INCIDENT, in, 0, "bed-03",
                Map.of("incident_id", "p0-incident-000001", "actor", "nurse-ana", "note", "x"), t.plusSeconds(4)));
        // then: a well-formed acknowledgement, after the bad ones
        for (int s = 5; s <= 60; s += 5) {
            records.add(ObservationRecords.record(in, Observation.builder("bed-03", t.plusSeconds(s)).heartRate(96)
                    .spo2(82).respiratoryRate(22).build()));
        }
        records.add(ObservationRecords.acknowledgeAlert(in, "bed-03", "p0-alert-000001", "nurse-ana", "ok",
                t.plusSeconds(61)));

        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode node = KafkaMonitorNode.builder(TestBroker.bootstrap(), "badactions-group", topics,
                        new WardSetup()).clientId("badactions").tickInterval(Duration.ZERO)
                .producerProperty("delivery.timeout.ms", 300_000).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, 1)) {
            Future<?> running = exec.submit(node::run);
            for (ProducerRecord<String, String> r : records) {
                producer.send(r).get();
            }
            awaitProcessed(node, records.size(), running, out);
            assertThat(node.stats().partitions().get(0).refused()).as("the five bad records, counted").isEqualTo(5);
            assertThat(out.alerts).as("the rest flows: the alert raised and then acknowledged")
                    .anySatisfy(a -> assertThat(a.s("event")).isEqualTo("raised"))
                    .anySatisfy(a -> {
                        assertThat(a.s("event")).isEqualTo("acknowledged");
                        assertThat(a.s("alert_id")).isEqualTo("p0-alert-000001");
                    });
            node.close();
            running.get();
        } finally {
            exec.shutdownNow();
        }

        // The refusals' words, from the same records read back from the broker through a partition's monitor.
        List<String> refusals = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", TestBroker.bootstrap()),
                new StringDeserializer(), new StringDeserializer());
             PartitionMonitor pm = new PartitionMonitor(0, topics, new WardSetup(), new com.nexussaude.monitor.journal.InMemoryJournal(), 0,
                     records.size(), r -> { })) {
            pm.onRefused = refusals::add;
            TopicPartition tp = new TopicPartition(in, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (!pm.caughtUp()) {
                assertThat(System.nanoTime()).as("read back within %s", WardRun.WAIT).isLessThan(deadline);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    pm.process(r);
                }
            }
        }
        assertThat(refusals).containsExactly(
                "badactions.observations-0 offset 1: refused: unknown field 'comment' in a record of type "
                        + "acknowledge-alert (known: [actor, alert_id, reason])",
                "badactions.observations-0 offset 2: refused: field 'ttl_hours' of a record of type raise-alert "
                        + "must be an integer in 1..336, but was \"soon\"",
                "badactions.observations-0 offset 3: refused: field 'alert_id' of a record of type resolve-alert "
                        + "must be an id of partition 0 (p0-...), but was \"p7-alert-000001\"",
                "badactions.observations-0 offset 4: refused: field 'silence_id' of a record of type expire-silence "
                        + "names no silence created in this partition, but was \"no-such-silence\"",
                "badactions.observations-0 offset 5: refused: unknown field 'note' in a record of type "
                        + "acknowledge-incident (known: [actor, incident_id, reason])");
    }

    private static void awaitProcessed(KafkaMonitorNode node, long records, Future<?> running, Outputs out) {
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (node.stats().partitions().get(0) == null || node.stats().partitions().get(0).nextOffset() < records) {
            SingleInstanceReplayTest.failIfEnded(running);
            assertThat(System.nanoTime()).as("processed within %s", WardRun.WAIT).isLessThan(deadline);
            out.poll();
        }
        out.readToEnd();
    }

    /** What a monitor announced, as comparable lines. */
    private static final class Recorded {
        final List<String> alerts = new ArrayList<>();
        final List<String> incidents = new ArrayList<>();
        final List<String> pages = new ArrayList<>();

        void onAlert(AlertEvent e) {
            var a = e.alert();
            alerts.add(a.patientId() + "|" + a.ruleId() + "|" + a.key() + "|" + e.type().name().toLowerCase(Locale.ROOT)
                    + "|" + a.severity().wireName() + "|" + e.timestamp() + "|" + e.actor());
        }

        NotificationChannel channel(String name) {
            return new NotificationChannel() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public DeliveryResult deliver(Notification n) {
                    pages.add(Reference.page(n.patientId(), n.recipient().id(), n.channel(), n.escalationLevel(),
                            n.event().wireName(), n.severity().wireName(), n.timestamp().toString()));
                    return DeliveryResult.delivered("recorded");
                }

                @Override
                public boolean deduplicates() {
                    return true; // as the node's pages-topic channel
                }
            };
        }
    }
}
