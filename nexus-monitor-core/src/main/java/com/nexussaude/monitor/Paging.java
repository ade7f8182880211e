package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.RateLimit;
import com.nexussaude.monitor.notify.dispatch.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a monitor pages people: the channels (registered explicitly), whom to page, retries and
 * rate limits. Give it to {@link VitalMonitor.Builder#paging(Paging)}.
 *
 * <p>Paging works per incident, so a deteriorating patient pages once, not once per rule: a page
 * goes out when a patient's incident opens, when its severity rises above what was last paged, when
 * it needs a person again (an acknowledgement expired, a silence or an inhibition ended), and a
 * {@code resolved} page when it resolves. Nothing pages for an incident whose active alerts are all
 * acknowledged or suppressed. Each page goes to every recipient, through their contact point's channel.
 *
 * <p>Delivery runs on the notification dispatcher (one lane per channel, retries with backoff and
 * jitter, {@code Retry-After}, rate limits): the engine thread only queues. Every page submitted and
 * every delivery attempt and outcome is in the journal; a page still pending when the monitor stops is
 * submitted again when a monitor is built on the same journal (at least once, with the same
 * idempotency key). A page the dispatcher gives up on raises a technical alert
 * ({@code notification-failed}, key = channel) for operators.
 *
 * @since 0.1
 */
public final class Paging {
    /**
     * A registered channel.
     *
     * @param channel   the channel
     * @param rateLimit its rate limit, or {@code null} for none
     */
    public record ChannelEntry(NotificationChannel channel, RateLimit rateLimit) {
    }

    private final List<ChannelEntry> channels;
    private final List<Recipient> recipients;
    private final RetryPolicy retryPolicy;
    private final List<DeliveryListener> listeners;

    private Paging(Builder b) {
        this.channels = List.copyOf(b.channels.values());
        this.recipients = List.copyOf(b.recipients);
        this.retryPolicy = b.retryPolicy;
        this.listeners = List.copyOf(b.listeners);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("paging needs at least one recipient");
        }
        for (Recipient r : recipients) {
            if (!b.channels.containsKey(r.contact().channel())) {
                throw new IllegalArgumentException("recipient '" + r.id() + "' is reached through channel '"
                        + r.contact().channel() + "', which is not registered; the channels are " + b.channels.keySet());
            }
        }
    }

    /** A new paging setup. */
    public static Builder builder() {
        return new Builder();
    }

    /** The channels with their rate limits (null: none). */
    public List<ChannelEntry> channels() {
        return channels;
    }

    /** Who is paged for every incident. */
    public List<Recipient> recipients() {
        return recipients;
    }

    /** The retry policy, or {@code null} for the dispatcher's default. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Extra listeners of every delivery attempt and dead letter (e.g. a log). */
    public List<DeliveryListener> deliveryListeners() {
        return listeners;
    }

    /** Builds a {@link Paging}; at least one channel and one recipient reachable through it. */
    public static final class Builder {
        private final Map<String, ChannelEntry> channels = new LinkedHashMap<>();
        private final List<Recipient> recipients = new ArrayList<>();
        private RetryPolicy retryPolicy;
        private final List<DeliveryListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Registers a channel under its {@link NotificationChannel#name()}. */
        public Builder channel(NotificationChannel channel) {
            return channel(channel, null);
        }

        /** Registers a channel with a rate limit (e.g. Slack: one message per second). */
        public Builder channel(NotificationChannel channel, RateLimit rateLimit) {
            Objects.requireNonNull(channel, "channel");
            if (channels.putIfAbsent(channel.name(), new ChannelEntry(channel, rateLimit)) != null) {
                throw new IllegalArgumentException("channel '" + channel.name() + "' is registered twice");
            }
            return this;
        }

        /** Adds a recipient paged for every incident. */
        public Builder recipient(Recipient recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** The retry policy (default: the dispatcher's). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** Adds a listener of every delivery attempt and dead letter, called on the dispatcher's threads. */
        public Builder deliveryListener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The paging setup.
         *
         * @throws IllegalArgumentException with no recipient, or a recipient whose channel is not registered
         */
        public Paging build() {
            return new Paging(this);
        }
    }
}
