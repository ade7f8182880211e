package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.IllegalTransitionException;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's monitor: feeds it the partition's records in offset order and writes what it announces
 * to the output topics (in the node's current transaction), each output with its position. Outputs of
 * records before the committed offset the partition was assigned at are muted: their transactions were
 * committed. Confined to the node's consumer thread.
 */
final class PartitionMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionMonitor.class);

    final int partition;
    private final KafkaTopics topics;
    private final VitalMonitor monitor;
    /** The committed input offset at assignment: the outputs of every record before it are committed. */
    private final long resume;
    private final Consumer<ProducerRecord<String, String>> sink;
    /** The observations topic's end offset when the partition was assigned: catching up ends there. */
    final long catchUpOffset;
    private final Set<String> warnedKeys = new HashSet<>();
    private final PersonActions actions;
    /** Told each refusal (naming partition, offset and what was wrong), besides the log; null for none. */
    Consumer<String> onRefused;

    private boolean closing;
    /** Until the record at {@link #resume}: records before it only rebuild the rules' state. */
    private boolean warmingUp = true;
    private long offset = -1;
    private int rank;
    /** The offset of the next record to process. */
    long nextOffset;
    long processed;
    long refused;
    long muted;
    long produced;
    /** Records fed to the monitor in its warm-up (before the committed offset). */
    long replayed;
    /** The first offset read: where the warm-up starts. */
    long replayFrom;

    PartitionMonitor(int partition, KafkaTopics topics, MonitorSetup setup, AlertJournal journal, long resume,
                     long catchUpOffset, Consumer<ProducerRecord<String, String>> sink) {
        this.partition = partition;
        this.topics = topics;
        this.resume = resume;
        this.catchUpOffset = catchUpOffset;
        this.sink = sink;
        VitalMonitor.Builder b = setup.monitor()
                .clock(MonitorClock.eventTime())
                // In line: events are announced while their record is processed, so each gets a stable rank.
                .listenerExecutor(Runnable::run)
                .listener(this::onAlert)
                .incidentListener(this::onIncident)
                // The lifecycle from the journal; the rules' state from the warm-up window's records.
                .journal(journal)
                .warmUp(true);
        Paging.Builder paging = setup.paging();
        if (paging != null) {
            for (String name : setup.pageChannels()) {
                paging.channel(new PageTopicChannel(name));
            }
            b.paging(paging.build());
        }
        this.monitor = b.build();
        this.actions = new PersonActions(partition, monitor);
        setup.prepare(monitor);
    }

    /** How much event time before the committed offset the monitor needs replayed. */
    java.time.Duration warmUpWindow() {
        return monitor.warmUpWindow();
    }

    /** Reading starts at {@code offset} (at most the committed offset): the warm-up covers up to the committed one. */
    void startAt(long offset) {
        replayFrom = offset;
        nextOffset = offset;
    }

    /** Whether the monitor is live: its warm-up ended at the committed offset. */
    boolean live() {
        return !warmingUp;
    }

    /** Whether reading has reached the end the partition had when it was assigned. */
    boolean caughtUp() {
        return nextOffset >= catchUpOffset;
    }

    /** The monitor clock, or null before the first record. */
    Instant now() {
        return monitor.now();
    }

    VitalMonitor monitor() {
        return monitor;
    }

    /** Called inside the node's transaction (ending the warm-up may journal and announce). */
    void process(ConsumerRecord<String, String> record) {
        offset = record.offset();
        rank = 0;
        nextOffset = offset + 1;
        processed++;
        if (warmingUp && offset >= resume) {
            // Live from the committed offset on: exactly where the previous owner's last transaction ended.
            monitor.endWarmUp();
            warmingUp = false;
        }
        if (warmingUp) {
            replayed++;
        }
        try {
            String type = ObservationRecords.type(record.headers());
            if (ObservationRecords.TICK.equals(type)) {
                advanceTo(record.timestamp());
                return;
            }
            if (ObservationRecords.ACKNOWLEDGE_INCIDENT.equals(type)) {
                if (warmingUp) {
                    // Already in the journal, which the monitor was restored from: only its time is replayed.
                    advanceTo(record.timestamp());
                } else {
                    acknowledgeIncident(record);
                }
                return;
            }
            if (type != null && PersonActions.handles(type)) {
                // Checked first, so a malformed record does not move the clock; then at the record's time (timers
                // due before it fire first), as the person did it.
                if (warmingUp) {
                    // Already in the journal the monitor was restored from (and the monitor refuses people's actions
                    // until it is live): only its time is replayed.
                    advanceTo(record.timestamp());
                    return;
                }
                Runnable call = actions.prepare(type, record.key(), ObservationRecords.fields(record.value()),
                        Instant.ofEpochMilli(record.timestamp()));
                advanceTo(record.timestamp());
                call.run();
                return;
            }
            if (type != null) {
                throw new IllegalArgumentException("unknown record type '" + type + "' in header "
                        + ObservationRecords.TYPE_HEADER + " (known: " + ObservationRecords.TYPES + ")");
            }
            Map<String, Object> fields = ObservationRecords.fields(record.value());
            Object pid = fields.get("patient_id");
            if (pid != null && !pid.toString().equals(record.key()) && warnedKeys.add(String.valueOf(record.key()))) {
                log.warn("{}-{} offset {}: record key '{}' is not the observation's patient_id '{}'; a patient's "
                                + "records must all have its id as key, or they are spread over partitions and lose their "
                                + "order (reported once per key)", topics.observations(), partition, offset, record.key(), pid);
            }
            monitor.submitFields(fields);
        } catch (InvalidObservationException | IllegalArgumentException | IllegalTransitionException e) {
            // Refused alone, the rest flows; a warm-up refuses it again, identically.
            refused++;
            String refusal = topics.observations() + "-" + partition + " offset " + offset + ": refused: "
                    + e.getMessage();
            log.warn("{}", refusal);
            if (onRefused != null) {
                onRefused.accept(refusal);
            }
        }
    }

    private void advanceTo(long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        Instant now = monitor.now();
        if (now == null || at.isAfter(now)) {
            monitor.advanceTo(at);
        }
    }

    /** At the record's time (timers due before it fire first), as the person did it. */
    private static final java.util.Set<String> ACKNOWLEDGE_INCIDENT_FIELDS =
            java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(java.util.Set.of("incident_id", "actor", "reason")));

    private void acknowledgeIncident(ConsumerRecord<String, String> record) {
        Map<String, Object> fields = ObservationRecords.fields(record.value());
        for (String f : fields.keySet()) {
            if (!ACKNOWLEDGE_INCIDENT_FIELDS.contains(f)) {
                // Reported, never ignored: a misspelt field could be a reason or an actor lost from the audit trail.
                throw new IllegalArgumentException("unknown field '" + f + "' in a record of type "
                        + ObservationRecords.ACKNOWLEDGE_INCIDENT + " (known: " + ACKNOWLEDGE_INCIDENT_FIELDS + ")");
            }
        }
        Object id = fields.get("incident_id");
        Object actor = fields.get("actor");
        Object reason = fields.get("reason");
        String prefix = "p" + partition + "-";
        if (!(id instanceof String s) || !s.startsWith(prefix)) {
            throw new IllegalArgumentException("an acknowledgement in partition " + partition + " needs an incident_id"
                    + " of this partition (" + prefix + "incident-...), but was " + id);
        }
        if (!(actor instanceof String a) || a.isBlank()) {
            throw new IllegalArgumentException("an acknowledgement needs an actor (who acknowledges), but was " + actor);
        }
        advanceTo(record.timestamp());
        monitor.acknowledgeIncident(s.substring(prefix.length()), a, reason == null ? "" : reason.toString());
    }

    private void onAlert(AlertEvent e) {
        emit(topics.alerts(), e.alert().patientId(), e.timestamp(),
                eventId -> OutputRecords.alert(partition, eventId, e), null);
    }

    private void onIncident(IncidentEvent e) {
        emit(topics.incidents(), e.incident().patientId(), e.timestamp(),
                eventId -> OutputRecords.incident(partition, eventId, e), null);
    }

    /** Writes one output at the current position, unless its input record's transaction was already committed. */
    private void emit(String topic, String key, Instant at, java.util.function.Function<String, String> value,
                      String idempotencyKey) {
        if (closing) {
            // Not caused by a record, so outside any transaction: the partition's next owner decides.
            log.warn("{}-{}: an output announced while the monitor closed was not written ({})", topics.observations(),
                    partition, topic);
            return;
        }
        int r = rank++;
        if (offset < resume) {
            // Never expected (the warm-up announces nothing), but an output of a committed input is never written twice.
            muted++;
            return;
        }
        String eventId = topics.observations() + "-" + partition + "-" + offset + "-" + r;
        RecordHeaders h = new RecordHeaders();
        h.add(OutputRecords.POSITION_HEADER, OutputRecords.position(offset, r));
        h.add(OutputRecords.EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            h.add(OutputRecords.IDEMPOTENCY_HEADER, idempotencyKey.getBytes(StandardCharsets.UTF_8));
        }
        sink.accept(new ProducerRecord<>(topic, partition, at.toEpochMilli(), key, value.apply(eventId), h));
        produced++;
    }

    @Override
    public void close() {
        closing = true;
        monitor.close();
    }

    /**
     * A paging channel whose delivery is the page's record in the pages topic: the delivery side sends it
     * and deduplicates on its idempotency key. Runs in line (event-time paging) on the consumer thread.
     */
    private final class PageTopicChannel implements NotificationChannel {
        private final String name;

        PageTopicChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            String key = "p" + partition + ":" + n.idempotencyKey();
            emit(topics.pages(), n.patientId(), n.timestamp(), eventId -> OutputRecords.page(partition, key, n), key);
            return DeliveryResult.delivered("queued in " + topics.pages() + "-" + partition);
        }

        @Override
        public boolean deduplicates() {
            return true;
        }
    }
}
