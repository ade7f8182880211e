package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.notify.Recipient;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a page's recipient is reached: the pages topic names a recipient by id and channel only (an address never
 * goes into a topic), and the host that delivers gives its roster's contacts through this.
 *
 * @since 0.5
 */
@FunctionalInterface
public interface RecipientLookup {

    /**
     * The recipient with this id, with its contact point on this channel.
     *
     * @param recipientId the page's {@code recipient}, e.g. {@code charge-nurse}
     * @param channel the page's {@code channel}, e.g. {@code push}
     * @return the recipient with its address on that channel, or empty if the roster has none (the page is then a
     *     dead letter, which raises a technical alert)
     */
    Optional<Recipient> find(String recipientId, String channel);

    /**
     * A lookup over fixed recipients: one entry per person and channel ({@code Recipient.contact().channel()}).
     *
     * @param recipients the recipients; a person reached on two channels is two entries with the same id
     * @return the lookup
     * @throws IllegalArgumentException if two entries have the same id and channel
     */
    static RecipientLookup of(Collection<Recipient> recipients) {
        Map<String, Recipient> byIdAndChannel = new HashMap<>();
        for (Recipient r : recipients) {
            String k = r.id() + "\n" + r.contact().channel();
            if (byIdAndChannel.putIfAbsent(k, r) != null) {
                throw new IllegalArgumentException("recipient '" + r.id() + "' has two contacts on channel '"
                        + r.contact().channel() + "'");
            }
        }
        Map<String, Recipient> copy = Map.copyOf(byIdAndChannel);
        return (id, channel) -> Optional.ofNullable(copy.get(id + "\n" + channel));
    }
}
