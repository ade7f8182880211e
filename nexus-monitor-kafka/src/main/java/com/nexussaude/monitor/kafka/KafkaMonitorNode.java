package com.nexussaude.monitor.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a monitored group: a member of a consumer group on the observations topic that runs one
 * {@code VitalMonitor} per partition it is assigned, and writes alert events, incident events and pages
 * to the output topics (docs/kafka.md).
 *
 * <p>Each batch of input records is processed in one Kafka transaction (exactly-once, KIP-447): the outputs
 * and journal records it causes and the next input offset of each partition commit together, with the
 * consumer's group metadata, so the broker refuses the transaction of an instance that lost its partitions
 * while stalled (a zombie); such an instance aborts and gives up its partitions. When a partition is
 * assigned, the node rebuilds its monitor from the committed offset (docs/kafka.md, Failover), so a moved
 * partition continues with the same alerts, incidents, escalation and pages, none twice and none lost in the
 * {@code read_committed} outputs.
 *
 * <p>{@link #run()} (once) blocks on the calling thread, which is the only thread that touches the monitors;
 * {@link #close()} may be called from any thread and makes {@code run} return (a node closed before it ran
 * releases its clients at once and cannot run). A failure to write an
 * output stops the node (fail-stop): its partitions then move to another instance, which writes it.
 *
 * @since 0.4
 */
public final class KafkaMonitorNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaMonitorNode.class);
    private static final Duration RECOVER_TIMEOUT = Duration.ofSeconds(120);

    private final Builder settings;
    private final String transactionalSuffix;
    private final KafkaConsumer<String, String> consumer;
    /** Transactional: a batch's outputs, journal records and input offsets commit together or not at all. */
    private KafkaProducer<String, String> producer;
    /** Ticks only, outside the transactions (docs/kafka.md, Event time). */
    private final KafkaProducer<String, String> tickProducer;
    private final Map<Integer, PartitionMonitor> monitors = new HashMap<>();
    private final Map<Integer, Long> lastActivity = new HashMap<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Map<Integer, Stats.Partition> published = new ConcurrentHashMap<>();
    private volatile long fencedTransactions;
    /** Whether a transaction is open: outputs are written only inside one. */
    private boolean inTransaction;
    private volatile boolean closed;
    private volatile boolean running;
    private boolean ran;

    private KafkaMonitorNode(Builder b) {
        this.settings = b;
        this.transactionalSuffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        Properties c = new Properties();
        c.putAll(b.consumerProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, b.groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, b.clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only what other nodes committed is input; and committed() waits for a pending transactional offset commit.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Only partitions that move are revoked: the others keep their monitors through a rebalance.
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        this.producer = transactionalProducer();
        Properties t = new Properties();
        t.putAll(b.producerProperties);
        t.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        t.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        t.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        t.put(ProducerConfig.CLIENT_ID_CONFIG, b.clientId + "-tick");
        t.put(ProducerConfig.ACKS_CONFIG, "all");
        t.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.tickProducer = new KafkaProducer<>(t, new StringSerializer(), new StringSerializer());
    }

    private KafkaProducer<String, String> transactionalProducer() {
        Properties p = new Properties();
        p.putAll(settings.producerProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId + "-out");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Unique per process: with the consumer group's fencing (KIP-447) a stalled instance's transaction is refused
        // by its stale group generation whatever its id, while two instances sharing an id (the same client id,
        // e.g. the default) would fence each other's producers.
        p.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId + "-" + settings.clientId + "-"
                + transactionalSuffix);
        // Part of the failover gap: a killed or stalled owner's open transaction holds back read_committed readers
        // of its partitions (the new owner's journal recovery included) until the broker aborts it.
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /**
     * A node of group {@code groupId} on {@code bootstrapServers}, running {@code setup}'s monitors over
     * {@code topics}.
     *
     * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port...]}
     * @param groupId the consumer group the node joins; nodes of one group share the partitions
     * @param topics the input and output topic names
     * @param setup how each partition's monitor is built and prepared
     * @return a node of group {@code groupId} on {@code bootstrapServers}, running {@code setup}'s monitors
     *     over {@code topics}
     */
    public static Builder builder(String bootstrapServers, String groupId, KafkaTopics topics, MonitorSetup setup) {
        return new Builder(bootstrapServers, groupId, topics, setup);
    }

    /**
     * Consumes until {@link #close()}: joins the group, rebuilds each assigned partition's monitor, feeds it,
     * and commits each batch's outputs, journal records and input offsets in one transaction; ticks quiet
     * partitions.
     *
     * @throws IllegalStateException if the topics' partition counts differ, or an output could not be written
     */
    public void run() {
        synchronized (this) {
            if (running || closed) {
                throw new IllegalStateException(closed ? "the node was closed" : "the node is already running");
            }
            running = true;
        }
        try {
            checkTopics();
            producer.initTransactions();
            consumer.subscribe(List.of(settings.topics.observations()), new Rebalance());
            while (!closed) {
                ConsumerRecords<String, String> records;
                try {
                    records = consumer.poll(settings.pollTimeout);
                } catch (WakeupException e) {
                    if (closed) {
                        break;
                    }
                    throw e;
                }
                long wall = settings.wallClock.millis();
                if (!records.isEmpty()) {
                    processInTransaction(records, wall);
                }
                failIfNotWritten();
                publishStats();
                punctuate(wall);
            }
        } catch (WakeupException e) {
            if (!closed) { // only close() wakes the consumer up
                throw e;
            }
        } finally {
            synchronized (this) {
                running = false;
                ran = true;
            }
            for (PartitionMonitor pm : monitors.values()) {
                pm.close();
            }
            monitors.clear();
            tickProducer.close(Duration.ofSeconds(10));
            producer.close(Duration.ofSeconds(10));
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /**
     * One transaction: the batch's outputs and journal records, and the next input offset of each partition,
     * committed with the consumer's group metadata so that the broker refuses it if this node no longer owns
     * the partitions (a zombie). A refused or failed transaction is aborted and this node gives up every
     * partition: their monitors ran ahead of what is committed, and the owners rebuild them from the commit.
     */
    private void processInTransaction(ConsumerRecords<String, String> records, long wall) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            producer.beginTransaction();
            inTransaction = true;
            for (TopicPartition tp : records.partitions()) {
                PartitionMonitor pm = monitors.get(tp.partition());
                for (ConsumerRecord<String, String> r : records.records(tp)) {
                    pm.process(r);
                }
                offsets.put(tp, new OffsetAndMetadata(pm.nextOffset));
                lastActivity.put(tp.partition(), wall);
            }
            if (sendFailure.get() instanceof KafkaException failed) {
                // The transaction cannot commit (e.g. the broker aborted it and fenced this producer's epoch while
                // this node stalled): handled below like a refused commit.
                throw failed;
            }
            failIfNotWritten();
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            inTransaction = false;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException e) {
            // Fatal for the producer: another producer took this transactional id, or the broker cannot do this.
            throw new IllegalStateException("the node's transactional producer failed (" + e + "); stopping so that "
                    + "its partitions move to another instance", e);
        } catch (KafkaException e) {
            giveUp(e);
        }
    }

    /** After a refused or failed transaction: abort it, drop every monitor, rejoin; owners rebuild from the commit. */
    private void giveUp(KafkaException cause) {
        fencedTransactions++;
        inTransaction = false;
        log.warn("{}: transaction refused or failed ({}); aborted, giving up partitions {} (their owners rebuild "
                + "them from the last commit)", settings.clientId, cause.toString(), new TreeSet<>(monitors.keySet()));
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // The producer is unusable (fenced by its epoch): a new one with the same id fences the old for good.
            log.warn("{}: abort failed ({}); replacing the transactional producer", settings.clientId, e.toString());
            producer.close(Duration.ZERO);
            producer = transactionalProducer();
            producer.initTransactions();
        }
        sendFailure.set(null);
        for (PartitionMonitor pm : monitors.values()) {
            pm.close();
        }
        monitors.clear();
        published.clear();
        lastActivity.clear();
        // Leave and join again: the group assigns afresh and every owner rebuilds from the committed offsets.
        consumer.unsubscribe();
        consumer.subscribe(List.of(settings.topics.observations()), new Rebalance());
    }

    /** Makes {@link #run()} return; any thread. */
    @Override
    public void close() {
        boolean release;
        boolean wake;
        synchronized (this) {
            release = !closed && !running && !ran;
            wake = running;
            closed = true;
        }
        if (release) { // never ran: nothing else will release the clients
            tickProducer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
            consumer.close(Duration.ZERO);
        } else if (wake) {
            consumer.wakeup();
        }
    }

    /**
     * What each owned partition has done so far: updated after each batch, readable from any thread.
     *
     * @return what each owned partition has done so far: updated after each batch, readable from any thread
     */
    public Stats stats() {
        return new Stats(Map.copyOf(published), fencedTransactions);
    }

    /**
     * Counts per partition.
     *
     * @param partitions         by partition number, the partitions this node owns
     * @param fencedTransactions transactions this node aborted because the broker refused or failed them (each
     *                           made it give up its partitions), since it started
     * @since 0.4
     */
    public record Stats(Map<Integer, Partition> partitions, long fencedTransactions) {

        /**
         * Counts per partition, without {@code fencedTransactions}.
         *
         * @param partitions by partition number, the partitions this node owns
         */
        public Stats(Map<Integer, Partition> partitions) {
            this(partitions, 0);
        }

        /**
         * @param nextOffset the offset of the next record to process
         * @param caughtUp   whether reading reached the end the partition had when assigned
         * @param processed  records processed since assigned (the warm-up included)
         * @param refused    records refused (bad JSON, invalid or late observations)
         * @param muted      outputs not written because their input was already committed (0 with the
         *                   warm-up, which announces nothing; a guard)
         * @param produced   outputs written
         * @param replayFrom the offset the warm-up started at
         * @param replayed   records fed to the monitor in its warm-up, before the committed offset: bounded by the
         *                   warm-up window, not by the partition's length
         * @param live       whether the warm-up has ended (at the committed offset)
         */
        public record Partition(long nextOffset, boolean caughtUp, long processed, long refused, long muted,
                                long produced, long replayFrom, long replayed, boolean live) {

            /**
             * Counts without the warm-up's (as before 0.4's bounded failover).
             *
             * @param nextOffset the offset of the next record to process
             * @param caughtUp whether reading reached the end the partition had when assigned
             * @param processed records processed since assigned
             * @param refused records refused
             * @param muted outputs not written because their input was already committed
             * @param produced outputs written
             */
            public Partition(long nextOffset, boolean caughtUp, long processed, long refused, long muted,
                             long produced) {
                this(nextOffset, caughtUp, processed, refused, muted, produced, 0, 0, true);
            }
        }
    }

    private void publishStats() {
        for (PartitionMonitor pm : monitors.values()) {
            published.put(pm.partition, new Stats.Partition(pm.nextOffset, pm.caughtUp(), pm.processed, pm.refused,
                    pm.muted, pm.produced, pm.replayFrom, pm.replayed, pm.live()));
        }
    }

    private void checkTopics() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String t : settings.topics.all()) {
            List<PartitionInfo> parts = consumer.partitionsFor(t);
            if (parts == null || parts.isEmpty()) {
                throw new IllegalStateException("topic '" + t + "' does not exist; create the topics "
                        + settings.topics.all() + " with the same number of partitions");
            }
            counts.put(t, parts.size());
        }
        if (new java.util.HashSet<>(counts.values()).size() != 1) {
            throw new IllegalStateException("the topics must have the same number of partitions (the outputs of "
                    + "observations partition p go to partition p of each output topic), but have " + counts);
        }
    }

    /** Writes in the current transaction. */
    private void send(ProducerRecord<String, String> record) {
        if (!inTransaction) {
            // E.g. announced while a monitor closes: not caused by a record, so no commit could carry it. The
            // partition's next owner decides from the journal and the committed offset.
            log.warn("{}: {} not written: announced outside a batch's transaction", settings.clientId, record.topic());
            return;
        }
        producer.send(record, (meta, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            }
        });
    }

    private void failIfNotWritten() {
        Exception e = sendFailure.get();
        if (e != null) {
            throw new IllegalStateException("an output could not be written (" + e.getMessage() + "); stopping so that "
                    + "this node's partitions move to another instance, which writes it", e);
        }
    }

    /** A caught-up partition quiet for the tick interval gets a tick record at the wall clock's time. */
    private void punctuate(long wall) {
        if (settings.tickInterval.isZero()) {
            return;
        }
        for (PartitionMonitor pm : monitors.values()) {
            long last = lastActivity.getOrDefault(pm.partition, wall);
            Instant now = pm.now();
            if (pm.caughtUp() && wall - last >= settings.tickInterval.toMillis()
                    && (now == null || wall > now.toEpochMilli())) {
                tickProducer.send(ObservationRecords.tick(settings.topics.observations(), pm.partition,
                        Instant.ofEpochMilli(wall)), (meta, e) -> {
                            if (e != null) {
                                sendFailure.compareAndSet(null, e);
                            }
                        });
                lastActivity.put(pm.partition, wall);
            }
        }
    }

    /**
     * Where the warm-up of a partition starts: the first record stamped at or after the last committed record's
     * time minus the warm-up window; the committed offset itself when nothing was committed before it.
     */
    private long warmUpStart(TopicPartition tp, long resume, Duration window) {
        if (resume == 0) {
            return 0;
        }
        Long last = lastCommittedTimestamp(tp, resume);
        if (last == null) {
            return 0; // no readable record before the committed offset: warm up on everything there is
        }
        OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(tp, Math.max(0, last - window.toMillis()))).get(tp);
        return at == null ? resume : Math.min(resume, at.offset());
    }

    /** The timestamp of the last record before {@code resume} (transaction markers have none: read back a little). */
    private Long lastCommittedTimestamp(TopicPartition tp, long resume) {
        Map<String, Object> c = settings.readerProperties();
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId + "-resume");
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer())) {
            reader.assign(List.of(tp));
            long begin = reader.beginningOffsets(List.of(tp)).get(tp);
            reader.seek(tp, Math.max(begin, resume - 16));
            Long last = null;
            long deadline = System.nanoTime() + RECOVER_TIMEOUT.toNanos();
            while (reader.position(tp) < resume) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.offset() < resume) {
                        last = r.timestamp();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + tp + " up to its committed offset " + resume
                            + " within " + RECOVER_TIMEOUT);
                }
            }
            return last;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            // read_committed: waits while a previous owner's transactional offset commit is pending (KIP-447).
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                int p = tp.partition();
                OffsetAndMetadata c = committed.get(tp);
                long resume = c == null ? 0L : c.offset();
                KafkaAlertJournal journal = new KafkaAlertJournal(settings.topics.journal(), p,
                        settings.readerProperties(), KafkaMonitorNode.this::send, RECOVER_TIMEOUT);
                // build() recovers the journal: the lifecycle as the previous owner's last transaction left it.
                PartitionMonitor pm = new PartitionMonitor(p, settings.topics, settings.setup, journal, resume,
                        ends.get(tp), KafkaMonitorNode.this::send);
                long from = warmUpStart(tp, resume, pm.warmUpWindow());
                pm.startAt(from);
                consumer.seek(tp, from);
                monitors.put(p, pm);
                // A partition that never receives a record is quiet from now on, and gets ticked too.
                lastActivity.put(p, settings.wallClock.millis());
                log.info("{}: assigned {}; journal recovered, warming up on offsets {}..{} (window {}), live from {}",
                        settings.clientId, tp, from, resume, pm.warmUpWindow(), resume);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions, "lost");
        }

        private void drop(Collection<TopicPartition> partitions, String why) {
            if (partitions.isEmpty()) {
                return;
            }
            // No transaction is open here: every batch commits (or aborts) before the next poll.
            for (TopicPartition tp : partitions) {
                PartitionMonitor pm = monitors.remove(tp.partition());
                if (pm != null) {
                    pm.close();
                }
                published.remove(tp.partition());
                lastActivity.remove(tp.partition());
            }
            log.info("{}: {} {}", settings.clientId, why, partitions);
        }
    }

    /** Settings of a node; see {@link KafkaMonitorNode#builder}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String groupId;
        private final KafkaTopics topics;
        private final MonitorSetup setup;
        private String clientId = "nexus-monitor";
        private Duration tickInterval = Duration.ofSeconds(5);
        private Duration pollTimeout = Duration.ofMillis(100);
        private Clock wallClock = Clock.systemUTC();
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private final Map<String, Object> producerProperties = new HashMap<>();

        private Builder(String bootstrapServers, String groupId, KafkaTopics topics, MonitorSetup setup) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            this.topics = Objects.requireNonNull(topics, "topics");
            this.setup = Objects.requireNonNull(setup, "setup");
        }

        /**
         * The consumer's client id (and the producer's, with {@code -out}); default {@code nexus-monitor}.
         *
         * @param clientId the client id; not {@code null}
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * How long a caught-up partition may receive nothing before the node writes a tick record into it at
         * the wall clock's time, so its timers fire; {@link Duration#ZERO} turns ticks off (a replay of
         * recorded data, whose ticks the producer writes). Default 5 s.
         *
         * @param tickInterval the quiet time before a tick; zero turns ticks off; not negative
         * @return this builder
         */
        public Builder tickInterval(Duration tickInterval) {
            if (tickInterval.isNegative()) {
                throw new IllegalArgumentException("tickInterval must not be negative, but was " + tickInterval);
            }
            this.tickInterval = tickInterval;
            return this;
        }

        /**
         * The wall clock that decides when a partition is quiet and stamps its ticks; default UTC system clock.
         *
         * @param wallClock the wall clock; not {@code null}
         * @return this builder
         */
        public Builder wallClock(Clock wallClock) {
            this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
            return this;
        }

        /**
         * A consumer setting (e.g. {@code session.timeout.ms}); group, client id, offsets and assignor are the node's.
         *
         * @param name the Kafka consumer setting's name
         * @param value its value
         * @return this builder
         */
        public Builder consumerProperty(String name, Object value) {
            consumerProperties.put(name, value);
            return this;
        }

        /**
         * A producer setting (e.g. {@code linger.ms}); acks and idempotence are the node's.
         *
         * @param name the Kafka producer setting's name
         * @param value its value
         * @return this builder
         */
        public Builder producerProperty(String name, Object value) {
            producerProperties.put(name, value);
            return this;
        }

        /** Settings for the node's own readers (journal recovery): the servers and the security settings. */
        Map<String, Object> readerProperties() {
            Map<String, Object> m = new HashMap<>();
            m.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            consumerProperties.forEach((k, v) -> {
                if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")) {
                    m.put(k, v);
                }
            });
            return m;
        }

        /**
         * The node; {@link KafkaMonitorNode#run()} starts it.
         *
         * @return the node; {@link KafkaMonitorNode#run()} starts it
         */
        public KafkaMonitorNode build() {
            return new KafkaMonitorNode(this);
        }
    }
}
