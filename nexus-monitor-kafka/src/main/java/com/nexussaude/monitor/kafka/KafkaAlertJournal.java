package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The alert journal of one partition's monitor, kept in partition {@code p} of the journal topic
 * (docs/kafka.md, Journal). Each record is one JSON value, keyed by patient id.
 *
 * <p><b>Durability</b>, against {@link AlertJournal}'s contract: {@link #append} hands the record to the
 * node's transactional producer and returns; the record is durable when the node's transaction commits,
 * together with the outputs the same input records caused and the input offset that follows them. A crash
 * before that rolls back the input offset, the outputs and the journal records together, and the next owner
 * of the partition processes those input records again and regenerates them. {@link #recover()} reads the
 * partition with {@code read_committed}, so it sees exactly the committed transactions; it waits until no
 * transaction is pending on the partition (a stalled or killed previous owner's transaction is aborted by
 * the broker after {@code transaction.timeout.ms}), so it never misses a transaction whose input offset is
 * already committed.
 *
 * <p>Records are kept in memory for {@link #query}: alert transitions are rare next to observations.
 * Thread-safe.
 */
final class KafkaAlertJournal implements AlertJournal {
    private final TopicPartition tp;
    private final Map<String, Object> readerProperties;
    private final Consumer<ProducerRecord<String, String>> sink;
    private final Duration recoverTimeout;
    private final Object lock = new Object();
    // guarded by lock
    private final List<JournalRecord> records = new ArrayList<>();
    // guarded by lock
    private boolean recovered;
    // guarded by lock
    private boolean closed;

    /**
     * @param readerProperties consumer settings for the recovery reader: bootstrap servers and security
     * @param sink             writes a record in the node's current transaction
     * @param recoverTimeout   how long recovery waits for pending transactions and for the records
     */
    KafkaAlertJournal(String topic, int partition, Map<String, Object> readerProperties,
                      Consumer<ProducerRecord<String, String>> sink, Duration recoverTimeout) {
        this.tp = new TopicPartition(Objects.requireNonNull(topic, "topic"), partition);
        this.readerProperties = Map.copyOf(readerProperties);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.recoverTimeout = recoverTimeout;
    }

    @Override
    public Recovery recover() {
        synchronized (lock) {
            checkOpen();
            if (recovered) {
                throw new IllegalStateException("recover() was already called on the journal of " + tp);
            }
            List<JournalProblem> problems = new ArrayList<>();
            long last = 0;
            for (ConsumerRecord<String, String> r : readCommitted()) {
                try {
                    JournalRecord j = decode(r.value());
                    if (j.seq() <= last) {
                        problems.add(new JournalProblem(tp.toString(), records.size() + problems.size() + 1, r.offset(),
                                "seq " + j.seq() + " is not greater than the previous record's " + last + "; skipped"));
                        continue;
                    }
                    records.add(j);
                    last = j.seq();
                } catch (IllegalArgumentException e) {
                    problems.add(new JournalProblem(tp.toString(), records.size() + problems.size() + 1, r.offset(),
                            e.getMessage()));
                }
            }
            recovered = true;
            return new Recovery(records, problems);
        }
    }

    /** Every committed record of the partition, once no transaction is pending on it. */
    private List<ConsumerRecord<String, String>> readCommitted() {
        Map<String, Object> c = new HashMap<>(readerProperties);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, Object> committed = new HashMap<>(c);
        committed.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> uncommitted = new HashMap<>(c);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        long deadline = System.nanoTime() + recoverTimeout.toNanos();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(committed, new StringDeserializer(),
                new StringDeserializer());
             KafkaConsumer<String, String> probe = new KafkaConsumer<>(uncommitted, new StringDeserializer(),
                     new StringDeserializer())) {
            List<TopicPartition> tps = List.of(tp);
            reader.assign(tps);
            probe.assign(tps);
            // The last stable offset equals the high watermark only when no transaction is open on the partition:
            // then every committed transaction's records (and markers) are readable.
            long end;
            while (true) {
                end = reader.endOffsets(tps).get(tp);
                long high = probe.endOffsets(tps).get(tp);
                if (end >= high) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new JournalException("the journal " + tp + " still has a transaction pending after "
                            + recoverTimeout + " (stable offset " + end + ", end " + high + "); is "
                            + "transaction.timeout.ms longer than that?", null);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // paces the wait
            }
            reader.seekToBeginning(tps);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
                if (System.nanoTime() > deadline) {
                    throw new JournalException("the journal " + tp + " was not read to its end " + end + " within "
                            + recoverTimeout + " (at " + reader.position(tp) + ")", null);
                }
            }
            return out;
        }
    }

    @Override
    public void append(JournalRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (lock) {
            checkRecovered();
            long last = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
            if (record.seq() <= last) {
                throw new IllegalArgumentException("seq must be greater than the last seq " + last + ", but was "
                        + record.seq() + " (" + record.type() + ")");
            }
            sink.accept(new ProducerRecord<>(tp.topic(), tp.partition(), record.at().toEpochMilli(), record.patientId(),
                    encode(record)));
            records.add(record);
        }
    }

    @Override
    public List<JournalRecord> query(JournalQuery query) {
        Objects.requireNonNull(query, "query");
        synchronized (lock) {
            checkRecovered();
            int limit = query.limit().orElse(Integer.MAX_VALUE);
            List<JournalRecord> out = new ArrayList<>();
            for (JournalRecord r : records) {
                if (out.size() >= limit) {
                    break;
                }
                if (query.matches(r)) {
                    out.add(r);
                }
            }
            return List.copyOf(out);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "KafkaAlertJournal[" + tp + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the journal of " + tp + " is closed");
        }
    }

    private void checkRecovered() {
        checkOpen();
        if (!recovered) {
            throw new IllegalStateException("call recover() before append() or query() on the journal of " + tp);
        }
    }

    /** The record as JSON: seq, at, type, the ids, actor, reason (null when absent), data. */
    static String encode(JournalRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("at", r.at().toString());
        m.put("type", r.type());
        m.put("patientId", r.patientId());
        m.put("alertId", r.alertId());
        m.put("incidentId", r.incidentId());
        m.put("actor", r.actor());
        m.put("reason", r.reason());
        m.put("data", r.data());
        try {
            return ObservationRecords.JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("journal record " + r.seq() + " cannot be written as JSON", e);
        }
    }

    /**
     * The record of {@link #encode}'s JSON.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @SuppressWarnings("unchecked")
    static JournalRecord decode(String json) {
        if (json == null) {
            throw new IllegalArgumentException("a journal record has no value");
        }
        Map<String, Object> m;
        try {
            Object parsed = ObservationRecords.JSON.readValue(json, Object.class);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("a journal record must be a JSON object");
            }
            m = (Map<String, Object>) parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a journal record is not valid JSON: " + e.getOriginalMessage());
        }
        for (String k : m.keySet()) {
            if (!List.of("seq", "at", "type", "patientId", "alertId", "incidentId", "actor", "reason", "data")
                    .contains(k)) {
                throw new IllegalArgumentException("a journal record has an unknown field '" + k + "'");
            }
        }
        if (!(m.get("seq") instanceof Number seq)) {
            throw new IllegalArgumentException("a journal record needs a numeric seq, but had " + m.get("seq"));
        }
        if (!(m.get("at") instanceof String at)) {
            throw new IllegalArgumentException("a journal record needs a time 'at', but had " + m.get("at"));
        }
        Object data = m.get("data");
        if (data != null && !(data instanceof Map)) {
            throw new IllegalArgumentException("a journal record's data must be an object, but was " + data);
        }
        try {
            return new JournalRecord(seq.longValue(), Instant.parse(at), (String) m.get("type"),
                    (String) m.get("patientId"), (String) m.get("alertId"), (String) m.get("incidentId"),
                    (String) m.get("actor"), (String) m.get("reason"), (Map<String, Object>) data);
        } catch (java.time.format.DateTimeParseException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("a journal record is malformed: " + e.getMessage());
        }
    }
}
