package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a service's {@code POST /vital-signs} does in Kafka mode: writes observations to the observations
 * topic, keyed by patient id, and returns once the broker has them ({@code acks=all}), so an accepted request
 * is never lost with the service instance that accepted it. The values are validated by the partition's
 * monitor, which refuses bad ones (logged with partition and offset); the caller validates first if it must
 * answer 422.
 *
 * @since 0.4
 */
public final class ObservationPublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration timeout;

    /**
     * A publisher to {@code topics.observations()} that waits up to {@code timeout} for the broker.
     *
     * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port...]}
     * @param topics the topic names; only {@code observations} is written
     * @param timeout how long a publish waits for the broker to take every record (at least 1 s of delivery
     *     timeout)
     */
    public ObservationPublisher(String bootstrapServers, KafkaTopics topics, Duration timeout) {
        this.topic = topics.observations();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.max(timeout.toMillis(), 1_000)),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Writes the observations (a patient's in the order given) and waits until every one is written.
     *
     * @param observations the observations, each with a patient id and timestamp
     * @throws IllegalArgumentException naming the first observation without a patient id or timestamp (nothing is
     *                                  written)
     * @throws IllegalStateException    if the broker did not take them all within the timeout; some may have been
     *                                  written, so a retry of the same batch may duplicate them (the monitor takes a
     *                                  repeated reading as one more sample of the same value)
     */
    public void publish(List<Observation> observations) {
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            if (o == null || o.patientId() == null || o.patientId().isBlank() || o.timestamp() == null) {
                throw new IllegalArgumentException("observation " + i + " needs a patient_id and a timestamp to be "
                        + "written to " + topic + " (its key and record time), but was " + o);
            }
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Observation o : observations) {
            sent.add(producer.send(ObservationRecords.record(topic, o)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("observations not written to " + topic + " within " + timeout + ": "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing observations to " + topic, e);
            }
        }
    }

    /**
     * Writes one record of the observations topic (e.g. {@link ObservationRecords#acknowledgeIncident}) and waits
     * until the broker has it: a person's action is then in order with the patient's observations.
     *
     * @param record a record of the observations topic, keyed by patient id
     * @throws IllegalArgumentException if the record is for another topic or has no key
     * @throws IllegalStateException    if the broker did not take it within the timeout
     * @since 0.5
     */
    public void write(org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
        if (!topic.equals(record.topic()) || record.key() == null) {
            throw new IllegalArgumentException("a record of " + topic + " keyed by patient id is needed, but the record was"
                    + " for " + record.topic() + " with key " + record.key());
        }
        try {
            producer.send(record).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("record not written to " + topic + " within " + timeout + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
