package com.nexussaude.monitor.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Content;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the pages of a monitored group to people: a consumer group of its own on the pages topic
 * ({@code read_committed}) that delivers each page through the real {@link NotificationChannel} its {@code channel}
 * names, to the recipient its {@code recipient} id names (the address from the host's {@link RecipientLookup}),
 * with retries and backoff, and records every outcome in the deliveries topic (docs/kafka.md, Page delivery).
 *
 * <p><b>Once per page, as far as a process can tell.</b> After a page's final outcome, the outcome records and the
 * consumer offset past the page are committed in one Kafka transaction; on assignment, the delivered idempotency keys
 * of the partition are read back from the deliveries topic (compacted, keyed by idempotency key), so a page already
 * delivered is not sent again after a restart, a rebalance, or a duplicate in the pages topic. The one window left is
 * the page in flight: an instance killed after the channel accepted a page but before its transaction committed sends
 * it again from the new owner, with the same idempotency key (passed to the channel: a webhook's {@code webhook-id},
 * an e-mail's Message-ID), so a receiver that deduplicates drops it. To people, delivery is at least once.
 *
 * <p><b>A page nobody received is never silent.</b> A page given up (a permanent failure, retries exhausted, an
 * unknown channel or recipient, an unreadable page) is a dead letter: besides its outcome, a {@code delivery-failed}
 * record goes to the patient's partition of the observations topic in the same transaction, and the node raises a
 * technical alert on the patient for it.
 *
 * <p>{@link #run()} (once) blocks on the calling thread, which delivers the pages one at a time; {@link #close()} may
 * be called from any thread and makes it return.
 *
 * @since 0.5
 */
public final class PageDelivery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PageDelivery.class);
    private static final Duration STATE_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> PAGE_FIELDS = Set.of("type", "idempotency_key", "at", "channel", "recipient",
            "level", "event", "severity", "category", "patient_id", "ward", "bed", "alert_id", "incident_id", "rule",
            "message", "evidence");

    /** The outcome of a page that reached its channel's receiver. */
    public static final String SENT = "sent";
    /** The outcome of one attempt that failed (a retry follows, or a dead letter). */
    public static final String FAILED = "failed";
    /** The outcome of a page given up: nobody received it. */
    public static final String DEAD_LETTER = "dead_letter";

    private final Builder settings;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    /** Per owned partition, the idempotency keys whose final outcome is committed. */
    private final Map<Integer, Set<String>> done = new HashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean running;
    private boolean ran;

    private PageDelivery(Builder b) {
        this.settings = b;
        Properties c = new Properties();
        c.putAll(b.consumerProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, b.groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, b.clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // One page at a time, each with its retries: a small batch keeps the poll interval short.
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        Properties p = new Properties();
        p.putAll(b.producerProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, b.clientId + "-out");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Stable across restarts of this instance: a restart aborts what the previous incarnation left open.
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, b.transactionalId);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /**
     * A delivery instance of group {@code groupId} over {@code topics.pages()}.
     *
     * @param bootstrapServers the Kafka bootstrap servers
     * @param groupId the delivery's consumer group (not the monitors' group)
     * @param topics the group's topics: pages are read, delivery failures written to the observations topic
     * @param recipients where each recipient id is reached on each channel
     * @return the builder
     */
    public static Builder builder(String bootstrapServers, String groupId, KafkaTopics topics,
                                  RecipientLookup recipients) {
        return new Builder(bootstrapServers, groupId, topics, recipients);
    }

    /**
     * The default deliveries topic of a group: the pages topic's name with {@code .pages} replaced by
     * {@code .deliveries} ({@code P.deliveries}), or with {@code .deliveries} appended. It must have the pages
     * topic's partition count and {@code cleanup.policy=compact}.
     *
     * @param topics the group's topics
     * @return the deliveries topic's name
     */
    public static String deliveriesTopic(KafkaTopics topics) {
        String pages = topics.pages();
        return pages.endsWith(".pages") ? pages.substring(0, pages.length() - ".pages".length()) + ".deliveries"
                : pages + ".deliveries";
    }

    /**
     * Delivers until {@link #close()}.
     *
     * @throws IllegalStateException if the topics do not fit (partition counts), or the producer was fenced by
     *     another instance with the same transactional id
     */
    public void run() {
        synchronized (this) {
            if (running || closed) {
                throw new IllegalStateException(closed ? "the delivery was closed" : "the delivery is already running");
            }
            running = true;
        }
        try {
            checkTopics();
            producer.initTransactions();
            consumer.subscribe(List.of(settings.topics.pages()), new Rebalance());
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
                for (TopicPartition tp : records.partitions()) {
                    for (ConsumerRecord<String, String> r : records.records(tp)) {
                        if (closed || !handle(tp, r)) {
                            break; // the rest of this partition's batch is read again from where it was left
                        }
                    }
                }
            }
        } finally {
            synchronized (this) {
                running = false;
                ran = true;
            }
            producer.close(Duration.ofSeconds(10));
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Makes {@link #run()} return; a page being retried is left for the partition's next owner. */
    @Override
    public void close() {
        boolean release;
        boolean wake;
        synchronized (this) {
            release = !closed && !running && !ran;
            wake = running;
            closed = true;
        }
        closing.countDown();
        if (release) {
            producer.close(Duration.ZERO);
            consumer.close(Duration.ZERO);
        } else if (wake) {
            consumer.wakeup();
        }
    }

    /**
     * What this instance has done so far; readable from any thread.
     *
     * @return the counts
     */
    public Stats stats() {
        return new Stats(Set.copyOf(owned), sent.get(), deadLetters.get(), failedAttempts.get(), skipped.get());
    }

    /**
     * Counts of a delivery instance.
     *
     * @param partitions the pages partitions it owns
     * @param sent pages delivered (outcome committed)
     * @param deadLetters pages given up (outcome committed, technical alert requested)
     * @param failedAttempts attempts that failed, retried or not
     * @param skipped pages not sent because their idempotency key was already delivered
     */
    public record Stats(Set<Integer> partitions, long sent, long deadLetters, long failedAttempts, long skipped) {
    }

    private void checkTopics() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : List.of(settings.topics.pages(), settings.deliveries, settings.topics.observations())) {
            var parts = consumer.partitionsFor(t);
            if (parts == null || parts.isEmpty()) {
                throw new IllegalStateException("topic '" + t + "' does not exist; the deliveries topic must be created "
                        + "with the pages topic's partition count and cleanup.policy=compact");
            }
            counts.put(t, parts.size());
        }
        if (new HashSet<>(counts.values()).size() != 1) {
            throw new IllegalStateException("the pages, deliveries and observations topics must have the same number of "
                    + "partitions, but have " + counts);
        }
    }

    /**
     * Delivers one page and commits its outcome with the offset past it; false if the transaction failed and the
     * page will be read again (the consumer was moved back to it).
     */
    private boolean handle(TopicPartition tp, ConsumerRecord<String, String> r) {
        int p = tp.partition();
        String where = tp + " offset " + r.offset();
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        String finalKey = null;
        boolean dead = false;
        Page page;
        try {
            page = Page.parse(r.value());
        } catch (IllegalArgumentException e) {
            // Unreadable: nobody can be paged from it. A dead letter, on the patient if it can be named.
            log.error("{}: page refused: {}", where, e.getMessage());
            String key = "unreadable-" + settings.topics.pages() + "-" + p + "-" + r.offset();
            out.add(outcome(p, key, DEAD_LETTER, 1, "unreadable page at " + where + ": " + e.getMessage(), null, null,
                    r.key()));
            if (r.key() != null && !r.key().isBlank()) {
                out.add(ObservationRecords.deliveryFailed(settings.topics.observations(), p, r.key(), key, "unknown",
                        "unknown", 1, "unreadable page at " + where + ": " + e.getMessage(), null, null,
                        Instant.ofEpochMilli(r.timestamp())));
            }
            return commit(tp, r, out, key, true);
        }
        if (done.getOrDefault(p, Set.of()).contains(page.idempotencyKey)) {
            skipped.incrementAndGet();
            return commit(tp, r, out, null, false);
        }
        Attempts attempts = deliver(page, where, out, p);
        if (attempts == null) {
            return false; // closing in the middle of retries: the next owner delivers it
        }
        finalKey = page.idempotencyKey;
        dead = attempts.dead;
        if (dead) {
            out.add(ObservationRecords.deliveryFailed(settings.topics.observations(), p, page.patientId,
                    page.idempotencyKey, page.channel, page.recipient, attempts.count, attempts.reason, page.alertId,
                    page.incidentId, page.at));
        }
        return commit(tp, r, out, finalKey, dead);
    }

    private record Attempts(int count, boolean dead, String reason) {
    }

    /** Tries until delivered, a permanent failure, or the attempts run out; null if closed meanwhile. */
    private Attempts deliver(Page page, String where, List<ProducerRecord<String, String>> out, int p) {
        NotificationChannel channel = settings.channels.get(page.channel);
        String unreachable = null;
        Recipient recipient = null;
        if (channel == null) {
            unreachable = "no channel named '" + page.channel + "' is configured for delivery (configured: "
                    + new TreeSet<>(settings.channels.keySet()) + ")";
        } else {
            recipient = settings.recipients.find(page.recipient, page.channel).orElse(null);
            if (recipient == null) {
                unreachable = "recipient '" + page.recipient + "' has no contact on channel '" + page.channel
                        + "' in the roster";
            }
        }
        if (unreachable != null) {
            log.error("{}: page {} is a dead letter: {}", where, page.idempotencyKey, unreachable);
            out.add(outcome(p, page.idempotencyKey, DEAD_LETTER, 1, unreachable, page.channel, page.recipient,
                    page.patientId));
            return new Attempts(1, true, unreachable);
        }
        Notification n = page.notification(recipient);
        Duration backoff = settings.firstBackoff;
        for (int attempt = 1; ; attempt++) {
            DeliveryResult result;
            try {
                result = channel.deliver(n);
            } catch (RuntimeException e) {
                // A channel must answer, not throw; a throw may be a passing fault, so it is retried.
                result = DeliveryResult.retryLater("channel " + page.channel + " threw " + e.getClass().getSimpleName());
            }
            if (result.isDelivered()) {
                out.add(outcome(p, page.idempotencyKey, SENT, attempt, result.reason(), page.channel, page.recipient,
                        page.patientId));
                return new Attempts(attempt, false, result.reason());
            }
            failedAttempts.incrementAndGet();
            out.add(outcome(p, page.idempotencyKey, FAILED, attempt, result.reason(), page.channel, page.recipient,
                    page.patientId));
            boolean permanent = result.outcome() == DeliveryResult.Outcome.FAILED;
            if (permanent || attempt >= settings.maxAttempts) {
                String reason = (permanent ? "refused: " : "gave up after " + attempt + " attempts: ") + result.reason();
                log.error("{}: page {} to {} via {} is a dead letter: {}", where, page.idempotencyKey, page.recipient,
                        page.channel, reason);
                out.add(outcome(p, page.idempotencyKey, DEAD_LETTER, attempt, reason, page.channel, page.recipient,
                        page.patientId));
                return new Attempts(attempt, true, reason);
            }
            Duration wait = backoff;
            if (result instanceof DeliveryResult.RetryLater rl && rl.retryAfter().isPresent()
                    && rl.retryAfter().get().compareTo(wait) > 0) {
                wait = rl.retryAfter().get();
            }
            if (wait.compareTo(settings.maxBackoff) > 0) {
                wait = settings.maxBackoff;
            }
            log.warn("{}: page {} attempt {} failed ({}); retrying in {} ms", where, page.idempotencyKey, attempt,
                    result.reason(), wait.toMillis());
            try {
                if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** One transaction: the outcomes, a delivery failure if any, and the offset past the page. */
    private boolean commit(TopicPartition tp, ConsumerRecord<String, String> r, List<ProducerRecord<String, String>> out,
                           String finalKey, boolean dead) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, String> o : out) {
                producer.send(o);
            }
            producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)),
                    consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw new IllegalStateException("the delivery's producer cannot go on (" + e.getMessage() + "): another "
                    + "instance has its transactional id '" + settings.transactionalId + "', or it lost its rights", e);
        } catch (KafkaException e) {
            // Not committed (a rebalance took the partition, the broker failed over): the page is read again, here or
            // by the next owner, and sent again if it was sent (the in-flight window, same idempotency key).
            log.warn("{} offset {}: outcome not committed ({}); the page will be read again", tp, r.offset(),
                    e.getMessage());
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                throw new IllegalStateException("could not abort the delivery's transaction: " + abort.getMessage(), abort);
            }
            if (owned.contains(tp.partition())) {
                consumer.seek(tp, r.offset());
            }
            return false;
        }
        if (finalKey != null) {
            done.computeIfAbsent(tp.partition(), k -> new HashSet<>()).add(finalKey);
            (dead ? deadLetters : sent).incrementAndGet();
        }
        return true;
    }

    private ProducerRecord<String, String> outcome(int partition, String key, String outcome, int attempt,
                                                   String reason, String channel, String recipient, String patientId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idempotency_key", key);
        m.put("outcome", outcome);
        m.put("attempt", attempt);
        m.put("reason", reason);
        m.put("channel", channel);
        m.put("recipient", recipient);
        m.put("patient_id", patientId);
        m.put("at", settings.wallClock.instant().toString());
        try {
            return new ProducerRecord<>(settings.deliveries, partition, settings.wallClock.millis(), key,
                    ObservationRecords.JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a delivery outcome as JSON", e);
        }
    }

    /** The idempotency keys of the partition's committed final outcomes (sent or dead letter). */
    private Set<String> readDone(int partition) {
        Set<String> keys = new HashSet<>();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId + "-state");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.consumerProperties.forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")) {
                c.put(k, v);
            }
        });
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(settings.deliveries, partition);
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            // read_committed: the end is the last stable offset, so an open transaction of a dead incarnation is
            // not waited for past its abort (this instance's initTransactions aborted its own).
            long end = reader.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + STATE_READ_TIMEOUT.toNanos();
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    String outcome = outcomeOf(r.value());
                    if (SENT.equals(outcome) || DEAD_LETTER.equals(outcome)) {
                        keys.add(r.key());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + tp + " to its end (" + end + ") within "
                            + STATE_READ_TIMEOUT);
                }
            }
        }
        return keys;
    }

    private static String outcomeOf(String json) {
        try {
            Object o = ObservationRecords.JSON.readValue(json, Map.class).get("outcome");
            return o == null ? null : o.toString();
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                Set<String> keys = readDone(tp.partition());
                done.put(tp.partition(), keys);
                owned.add(tp.partition());
                log.info("{}: assigned {}, {} pages already delivered or given up", settings.clientId, tp, keys.size());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        private void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                done.remove(tp.partition());
                owned.remove(tp.partition());
            }
            if (!partitions.isEmpty()) {
                log.info("{}: gave up {}", settings.clientId, partitions);
            }
        }
    }

    /** One record of the pages topic, checked field by field. */
    private static final class Page {
        String idempotencyKey;
        Instant at;
        String channel;
        String recipient;
        int level;
        EventKind event;
        Severity severity;
        Category category;
        String patientId;
        String ward;
        String bed;
        String alertId;
        String incidentId;
        String rule;
        String message;
        Map<String, String> evidence = Map.of();

        static Page parse(String json) {
            Map<String, Object> f = ObservationRecords.fields(json);
            for (String k : f.keySet()) {
                if (!PAGE_FIELDS.contains(k)) {
                    throw new IllegalArgumentException("unknown field '" + k + "' in a page (known: "
                            + new TreeSet<>(PAGE_FIELDS) + ")");
                }
            }
            Page p = new Page();
            p.idempotencyKey = text(f, "idempotency_key", true);
            try {
                p.at = Instant.parse(text(f, "at", true));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("field 'at' of a page must be an ISO-8601 instant, but was "
                        + f.get("at"));
            }
            p.channel = text(f, "channel", true);
            p.recipient = text(f, "recipient", true);
            if (!(f.get("level") instanceof Integer level) || level < 0) {
                throw new IllegalArgumentException("field 'level' of a page must be a non-negative integer, but was "
                        + f.get("level"));
            }
            p.level = level;
            p.event = parseEnum("event", text(f, "event", true), EventKind::fromWireName);
            p.severity = parseEnum("severity", text(f, "severity", true), Severity::fromWireName);
            // Required: a page that does not say whether it is technical must not be guessed clinical.
            p.category = parseEnum("category", text(f, "category", true), Category::fromWireName);
            p.patientId = text(f, "patient_id", true);
            p.ward = text(f, "ward", false);
            p.bed = text(f, "bed", false);
            p.alertId = text(f, "alert_id", true);
            p.incidentId = text(f, "incident_id", false);
            p.rule = text(f, "rule", true);
            p.message = text(f, "message", true);
            Object ev = f.get("evidence");
            if (ev != null) {
                if (!(ev instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("field 'evidence' of a page must be a JSON object, but was " + ev);
                }
                Map<String, String> e = new LinkedHashMap<>();
                m.forEach((k, v) -> e.put(String.valueOf(k), String.valueOf(v)));
                p.evidence = e;
            }
            return p;
        }

        Notification notification(Recipient to) {
            return Notification.builder().alertId(alertId).incidentId(incidentId).patientId(patientId).ward(ward)
                    .bed(bed).ruleId(rule).severity(severity).category(category).event(event).escalationLevel(level)
                    .timestamp(at).message(message).evidence(evidence).recipient(to).content(Content.none())
                    .idempotencyKey(idempotencyKey).build();
        }

        private static String text(Map<String, Object> f, String field, boolean required) {
            Object v = f.get(field);
            if (v == null) {
                if (required) {
                    throw new IllegalArgumentException("field '" + field + "' is required in a page");
                }
                return null;
            }
            if (!(v instanceof String s) || required && s.isBlank()) {
                throw new IllegalArgumentException("field '" + field + "' of a page must be a non-blank string, but was "
                        + v);
            }
            return s;
        }

        private static <T> T parseEnum(String field, String v, java.util.function.Function<String, T> parse) {
            try {
                return parse.apply(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + field + "' of a page has an unknown value '" + v + "'");
            }
        }
    }

    /** Settings of a delivery instance; see {@link PageDelivery#builder}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String groupId;
        private final KafkaTopics topics;
        private final RecipientLookup recipients;
        private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
        private String deliveries;
        private String clientId = "nexus-delivery";
        private String transactionalId;
        private int maxAttempts = 5;
        private Duration firstBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration pollTimeout = Duration.ofMillis(200);
        private Clock wallClock = Clock.systemUTC();
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private final Map<String, Object> producerProperties = new HashMap<>();

        private Builder(String bootstrapServers, String groupId, KafkaTopics topics, RecipientLookup recipients) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            this.topics = Objects.requireNonNull(topics, "topics");
            this.recipients = Objects.requireNonNull(recipients, "recipients");
            this.deliveries = PageDelivery.deliveriesTopic(topics);
        }

        /**
         * A channel pages name by its {@link NotificationChannel#name()} (as the server's paging configuration names
         * them); the delivery does not close it.
         *
         * @param channel the channel
         * @return this builder
         * @throws IllegalArgumentException if a channel of that name was given already
         */
        public Builder channel(NotificationChannel channel) {
            if (channels.putIfAbsent(channel.name(), channel) != null) {
                throw new IllegalArgumentException("two channels named '" + channel.name() + "'");
            }
            return this;
        }

        /**
         * The deliveries topic; default {@link PageDelivery#deliveriesTopic(KafkaTopics)}.
         *
         * @param topic the compacted topic of delivery outcomes
         * @return this builder
         */
        public Builder deliveriesTopic(String topic) {
            this.deliveries = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /**
         * The consumer's client id; also the producer's transactional id unless {@link #transactionalId} is set.
         * Give each instance its own, the same across its restarts. Default {@code nexus-delivery}.
         *
         * @param clientId the client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * The producer's transactional id: unique per instance and stable across its restarts (a restart then
         * aborts its predecessor's open transaction at once). Default the client id.
         *
         * @param transactionalId the transactional id
         * @return this builder
         */
        public Builder transactionalId(String transactionalId) {
            this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
            return this;
        }

        /**
         * Retries of a page its channel answers "retry later" for (or throws on): at most {@code maxAttempts}
         * attempts, waiting {@code firstBackoff}, then twice as long each time (at least a receiver's
         * {@code Retry-After}), at most {@code maxBackoff}. Default 5 attempts, 1 s, 30 s. A permanent failure is not
         * retried.
         *
         * @param maxAttempts attempts before the page is a dead letter; at least 1
         * @param firstBackoff the first wait; positive
         * @param maxBackoff the longest wait; at least {@code firstBackoff}
         * @return this builder
         */
        public Builder retries(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
            if (maxAttempts < 1 || firstBackoff.isNegative() || firstBackoff.isZero()
                    || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("retries need maxAttempts >= 1 and 0 < firstBackoff <= maxBackoff, "
                        + "but were " + maxAttempts + ", " + firstBackoff + ", " + maxBackoff);
            }
            this.maxAttempts = maxAttempts;
            this.firstBackoff = firstBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * The clock that stamps delivery outcomes; default the UTC system clock.
         *
         * @param wallClock the clock
         * @return this builder
         */
        public Builder wallClock(Clock wallClock) {
            this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
            return this;
        }

        /**
         * A consumer setting (e.g. {@code session.timeout.ms}); group, offsets, isolation and assignor are the
         * delivery's.
         *
         * @param name the setting
         * @param value its value
         * @return this builder
         */
        public Builder consumerProperty(String name, Object value) {
            consumerProperties.put(name, value);
            return this;
        }

        /**
         * A producer setting; acks, idempotence and the transactional id are the delivery's.
         *
         * @param name the setting
         * @param value its value
         * @return this builder
         */
        public Builder producerProperty(String name, Object value) {
            producerProperties.put(name, value);
            return this;
        }

        /**
         * The delivery instance; {@link PageDelivery#run()} starts it.
         *
         * @return the instance
         * @throws IllegalStateException if no channel was given
         */
        public PageDelivery build() {
            if (channels.isEmpty()) {
                throw new IllegalStateException("a page delivery needs at least one channel");
            }
            if (transactionalId == null) {
                transactionalId = clientId;
            }
            return new PageDelivery(this);
        }
    }
}
