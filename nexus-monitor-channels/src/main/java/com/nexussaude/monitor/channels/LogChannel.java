package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.core.JsonGenerator;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes the {@code notification} records of the command-line contract as JSON Lines, one object
 * per line:
 * <pre>{@code {"type":"notification","alert_id":"alert-000001","patient_id":"bed-12","event":"raised","severity":"critical","level":1,"recipient":"charge-nurse","channel":"sms","timestamp":"2026-11-25T08:00:15Z","outcome":"logged","idempotency_key":"ntf_…","ward":"cardiology","bed":"12"}}</pre>
 * ({@code ward} and {@code bed} only when the patient's registration gives them).
 *
 * <p>Two uses:
 * <ul>
 *   <li>As a {@link NotificationChannel}: every page it is given is written with
 *       {@code "outcome":"logged"} and counts as delivered; register it under the name of a real
 *       channel (say {@code sms}) to see what would be sent, as the command line does when no
 *       channel is configured. {@code channel} is the contact point's channel.</li>
 *   <li>As a {@link DeliveryListener} ({@link #asDeliveryListener()}): every attempt a dispatcher
 *       makes on the real channels is written with its outcome ({@code delivered},
 *       {@code retry_later}, {@code failed}) and {@code attempt}, and every dead letter with
 *       {@code "outcome":"dead_letter"} and the reason.</li>
 * </ul>
 * {@code timestamp} is the notification's time. The record holds identifiers only, never the
 * patient's name or the message. Lines are written whole and flushed, one at a time, so several
 * threads may share a log. A write that fails is a retry-later result (as a channel) or is dropped
 * (as a listener, which must not throw).
 *
 * @since 0.1
 */
public final class LogChannel implements NotificationChannel {

    /** Default channel name. */
    public static final String DEFAULT_NAME = "log";

    private final String name;
    private final Writer out;

    private LogChannel(String name, Writer out) {
        this.name = name;
        this.out = out;
    }

    /**
     * A log channel named {@value #DEFAULT_NAME} writing to {@code out}.
     *
     * @param out where each notification is written as one line; not null, flushed after each line
     * @return a log channel named {@value #DEFAULT_NAME} writing to {@code out}
     */
    public static LogChannel to(Writer out) {
        return named(DEFAULT_NAME, out);
    }

    /**
     * A log channel writing UTF-8 to {@code out}.
     *
     * @param out where each notification is written as one UTF-8 line; not null
     * @return a log channel writing UTF-8 to {@code out}
     */
    public static LogChannel to(OutputStream out) {
        return to(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8));
    }

    /**
     * A log channel with another name, e.g. to stand in for {@code sms}.
     *
     * @param name the channel's name, matched against {@link com.nexussaude.monitor.notify.ContactPoint#channel()}; not null
     * @param out where each notification is written as one line; not null
     * @return a log channel named {@code name} writing to {@code out}
     */
    public static LogChannel named(String name, Writer out) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new ChannelConfigurationException(List.of("name"), "channel name must not be blank");
        }
        return new LogChannel(name, Objects.requireNonNull(out, "out"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        try {
            write(notification, "logged", 0, null);
            return DeliveryResult.delivered("logged");
        } catch (IOException e) {
            return DeliveryResult.retryLater("log write failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A listener that logs each attempt and dead letter of a dispatcher to the same output.
     *
     * @return a listener that logs each attempt and dead letter of a dispatcher to the same output
     */
    public DeliveryListener asDeliveryListener() {
        return new DeliveryListener() {
            @Override
            public void onAttempt(DeliveryAttempt a) {
                writeQuietly(a.notification(), a.outcome().wireName(), a.attempt(), null);
            }

            @Override
            public void onDeadLetter(DeadLetter d) {
                writeQuietly(d.notification(), "dead_letter", d.attempts(), d.reason());
            }

            @Override
            public String toString() {
                return "LogChannel.asDeliveryListener(" + name + ")";
            }
        };
    }

    private void writeQuietly(Notification n, String outcome, int attempt, String reason) {
        try {
            write(n, outcome, attempt, reason);
        } catch (IOException e) {
            BaseChannel.LOG.log(System.Logger.Level.WARNING, "notification log write failed for " + n + ": " + e);
        }
    }

    /** The JSON line for one record, without the newline. */
    static String record(Notification n, String outcome, int attempt, String reason) throws IOException {
        StringWriter line = new StringWriter();
        try (JsonGenerator g = BaseChannel.JSON.getFactory().createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("type", "notification");
            g.writeStringField("alert_id", n.alertId());
            g.writeStringField("patient_id", n.patientId());
            g.writeStringField("event", n.event().wireName());
            g.writeStringField("severity", n.severity().wireName());
            g.writeNumberField("level", n.escalationLevel());
            g.writeStringField("recipient", n.recipient().id());
            g.writeStringField("channel", n.channel());
            g.writeStringField("timestamp", n.timestamp().toString());
            g.writeStringField("outcome", outcome);
            if (attempt > 0) {
                g.writeNumberField("attempt", attempt);
            }
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
            g.writeStringField("idempotency_key", n.idempotencyKey());
            // Where to go, when the monitor knows (extensions of the contract's record; never the name).
            if (n.ward() != null) {
                g.writeStringField("ward", n.ward());
            }
            if (n.bed() != null) {
                g.writeStringField("bed", n.bed());
            }
            g.writeEndObject();
        }
        return line.toString();
    }

    private void write(Notification n, String outcome, int attempt, String reason) throws IOException {
        String line = record(n, outcome, attempt, reason) + "\n";
        synchronized (out) {
            out.write(line);
            out.flush();
        }
    }

    @Override
    public String toString() {
        return "LogChannel[" + name + "]";
    }
}
