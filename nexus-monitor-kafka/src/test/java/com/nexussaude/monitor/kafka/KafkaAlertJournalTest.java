package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The journal topic's durability contract with a real broker: a record is recovered once its transaction
 * commits, never when the transaction aborts, and recovery waits for a transaction still pending on the
 * partition instead of missing it; bad records are reported with partition and offset and the rest recovered.
 */
class KafkaAlertJournalTest {
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    private static KafkaProducer<String, String> transactional(String id) {
        KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestBroker.bootstrap(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, id,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000), new StringSerializer(), new StringSerializer());
        p.initTransactions();
        return p;
    }

    private static KafkaAlertJournal journal(KafkaTopics topics, int partition, KafkaProducer<String, String> p) {
        return new KafkaAlertJournal(topics.journal(), partition, Map.of("bootstrap.servers", TestBroker.bootstrap()),
                p::send, Duration.ofSeconds(120));
    }

    private static JournalRecord record(long seq, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("severity", "high");
        data.put("level", 3);
        data.put("value", 88.5);
        data.put("nested", Map.of("ids", List.of("a", "b")));
        return new JournalRecord(seq, T.plusSeconds(seq), type, "bed-01", "alert-00000" + seq, "incident-000001",
                "engine", seq % 2 == 0 ? null : "because", data);
    }

    @Test
    void committedRecordsAreRecoveredAndAbortedOnesAreNot() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("journal-tx");
        TestBroker.createTopics(topics, 2);
        try (KafkaProducer<String, String> p = transactional("journal-tx-1")) {
            KafkaAlertJournal first = journal(topics, 1, p);
            assertThat(first.recover().records()).isEmpty();
            p.beginTransaction();
            first.append(record(1, "alert.raised"));
            first.append(record(2, "incident.opened"));
            p.commitTransaction();
            p.beginTransaction();
            first.append(record(3, "alert.resolved"));
            p.flush();
            p.abortTransaction(); // as a crash before the commit: input offset, outputs and journal roll back together
            assertThatThrownBy(() -> first.append(record(2, "alert.raised")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq must be greater than the last seq");
            assertThat(first.query(JournalQuery.builder().alertId("alert-000001").build()))
                    .containsExactly(record(1, "alert.raised"));
            first.close();

            KafkaAlertJournal next = journal(topics, 1, p);
            Recovery r = next.recover();
            assertThat(r.problems()).isEmpty();
            assertThat(r.records()).containsExactly(record(1, "alert.raised"), record(2, "incident.opened"));
            assertThat(journal(topics, 0, p).recover().records()).as("another partition's journal").isEmpty();
            assertThatThrownBy(next::recover).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already called");
        }
    }

    @Test
    void recoveryWaitsForAPendingTransactionAndSeesItOnceCommitted() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("journal-pending");
        TestBroker.createTopics(topics, 1);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, String> p = transactional("journal-pending-1")) {
            KafkaAlertJournal writer = journal(topics, 0, p);
            writer.recover();
            p.beginTransaction();
            writer.append(record(1, "alert.raised"));
            writer.append(record(2, "alert.updated"));
            p.flush(); // in the log, not yet committed: the stable offset stays before them
            Future<Recovery> recovering = exec.submit(() -> journal(topics, 0, p).recover());
            p.commitTransaction();
            assertThat(recovering.get().records()).extracting(JournalRecord::seq).containsExactly(1L, 2L);
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void aBadRecordIsReportedWithItsOffsetAndTheRestRecovered() throws Exception {
        KafkaTopics topics = KafkaTopics.withPrefix("journal-bad");
        TestBroker.createTopics(topics, 1);
        try (KafkaProducer<String, String> p = transactional("journal-bad-1");
             KafkaProducer<String, String> plain = TestBroker.producer()) {
            KafkaAlertJournal writer = journal(topics, 0, p);
            writer.recover();
            p.beginTransaction();
            writer.append(record(1, "alert.raised"));
            p.commitTransaction();
            plain.send(new ProducerRecord<>(topics.journal(), 0, "bed-01", "{\"seq\":2,\"at\":\"2026-03-01T00:00:02Z\","
                    + "\"type\":\"alert.raised\",\"colour\":\"red\"}")).get();
            plain.send(new ProducerRecord<>(topics.journal(), 0, "bed-01", "not json")).get();
            p.beginTransaction();
            writer.append(record(4, "alert.resolved"));
            p.commitTransaction();

            Recovery r = journal(topics, 0, p).recover();
            assertThat(r.records()).extracting(JournalRecord::seq).containsExactly(1L, 4L);
            assertThat(r.problems()).hasSize(2);
            assertThat(r.problems().get(0).toString()).contains(topics.journal() + "-0", "unknown field 'colour'");
            assertThat(r.problems().get(1).toString()).contains(topics.journal() + "-0", "not valid JSON");
            assertThat(r.problems()).extracting(pr -> pr.offset()).allMatch(o -> o > 0);
        }
    }
}
