package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.RecipientResolver;
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
 * acknowledged or suppressed. Each page goes to every recipient, through their contact point's channel;
 * or, with {@link Builder#escalation}, to the policy's level 1 and on up its levels until someone
 * acknowledges or the incident resolves.
 *
 * <p>With escalation, paging never goes quiet: a rise above the severity level 1 was last paged with
 * pages level 1 at once and runs the chain from there; once the chain has run out, a new condition of
 * the patient pages level 1 again, and the policy's reminders (the default: critical, every 15 minutes)
 * page its last level. Paging follows the incident's current severity and active alerts: when the
 * severity falls (with the lifecycle's 60 s hysteresis) or the headline alert resolves, later pages say
 * so. Every page carries the patient id, ward and bed of the registered {@link PatientContext}, and the
 * name, which channels drop unless their privacy policy includes it. See {@code docs/escalation.md}.
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
    private final EscalationPolicy escalationPolicy;
    private final RecipientResolver resolver;

    private Paging(Builder b) {
        this.channels = List.copyOf(b.channels.values());
        this.recipients = List.copyOf(b.recipients);
        this.retryPolicy = b.retryPolicy;
        this.listeners = List.copyOf(b.listeners);
        this.escalationPolicy = b.escalationPolicy;
        this.resolver = b.resolver;
        if (recipients.isEmpty() && escalationPolicy == null) {
            throw new IllegalArgumentException("paging needs at least one recipient, or an escalation policy");
        }
        if (!recipients.isEmpty() && escalationPolicy != null) {
            throw new IllegalArgumentException("paging takes recipients or an escalation policy, not both: the policy"
                    + " says whom to page at each level");
        }
        for (Recipient r : recipients) {
            if (!b.channels.containsKey(r.contact().channel())) {
                throw new IllegalArgumentException("recipient '" + r.id() + "' is reached through channel '"
                        + r.contact().channel() + "', which is not registered; the channels are " + b.channels.keySet());
            }
        }
    }

    /**
     * A new paging setup.
     *
     * @return a new paging setup
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The channels with their rate limits (null: none).
     *
     * @return the channels with their rate limits (null: none)
     */
    public List<ChannelEntry> channels() {
        return channels;
    }

    /**
     * Who is paged for every incident.
     *
     * @return who is paged for every incident
     */
    public List<Recipient> recipients() {
        return recipients;
    }

    /**
     * The retry policy, or {@code null} for the dispatcher's default.
     *
     * @return the retry policy, or {@code null} for the dispatcher's default
     */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * The escalation policy, or {@code null} when every page goes to {@link #recipients()}.
     *
     * @return the escalation policy, or {@code null} when every page goes to {@link #recipients()}
     */
    public EscalationPolicy escalationPolicy() {
        return escalationPolicy;
    }

    /**
     * Resolves the policy's targets (people, roles, schedules) to recipients, or {@code null}.
     *
     * @return the resolver, or {@code null} when pages go to fixed recipients
     */
    public RecipientResolver resolver() {
        return resolver;
    }

    /**
     * Extra listeners of every delivery attempt and dead letter (e.g. a log).
     *
     * @return extra listeners of every delivery attempt and dead letter (e.g. a log)
     */
    public List<DeliveryListener> deliveryListeners() {
        return listeners;
    }

    /** Builds a {@link Paging}; at least one channel and one recipient reachable through it. */
    public static final class Builder {
        private final Map<String, ChannelEntry> channels = new LinkedHashMap<>();
        private final List<Recipient> recipients = new ArrayList<>();
        private RetryPolicy retryPolicy;
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private EscalationPolicy escalationPolicy;
        private RecipientResolver resolver;

        private Builder() {
        }

        /**
         * Escalates each incident through a policy (e.g. {@code EscalationChain.defaults()}) with
         * targets resolved by {@code resolver} (e.g. a {@code Roster}) at the moment of each page,
         * instead of paging fixed recipients. The policy is snapshotted when the incident's paging
         * starts. Waits and schedules run on the monitor clock. The monitor's
         * {@link MonitorConfig#ackTimeout()} decides when an acknowledged incident escalates again (the
         * policy's own acknowledgement timeouts are not used, so the alert's state and the paging agree).
         *
         * @param policy the escalation policy; not null
         * @param resolver turns the policy's targets into recipients at each page; not null
         * @return this builder
         */
        public Builder escalation(EscalationPolicy policy, RecipientResolver resolver) {
            this.escalationPolicy = Objects.requireNonNull(policy, "policy");
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Registers a channel under its {@link NotificationChannel#name()}.
         *
         * @param channel the channel
         * @return this builder
         */
        public Builder channel(NotificationChannel channel) {
            return channel(channel, null);
        }

        /**
         * Registers a channel with a rate limit (e.g. Slack: one message per second).
         *
         * @param channel the channel
         * @param rateLimit its rate limit, or {@code null} for none
         * @return this builder
         */
        public Builder channel(NotificationChannel channel, RateLimit rateLimit) {
            Objects.requireNonNull(channel, "channel");
            if (channels.putIfAbsent(channel.name(), new ChannelEntry(channel, rateLimit)) != null) {
                throw new IllegalArgumentException("channel '" + channel.name() + "' is registered twice");
            }
            return this;
        }

        /**
         * Adds a recipient paged for every incident.
         *
         * @param recipient the recipient; not null
         * @return this builder
         */
        public Builder recipient(Recipient recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /**
         * The retry policy (default: the dispatcher's).
         *
         * @param policy the retry policy; not null
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Adds a listener of every delivery attempt and dead letter, called on the dispatcher's threads.
         *
         * @param listener the listener; called on the dispatcher's threads, so it should return quickly
         * @return this builder
         */
        public Builder deliveryListener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The paging setup.
         *
         * @return the paging setup
         * @throws IllegalArgumentException with neither recipients nor an escalation policy, with both, or a
         *                                  recipient whose channel is not registered
         */
        public Paging build() {
            return new Paging(this);
        }
    }
}
