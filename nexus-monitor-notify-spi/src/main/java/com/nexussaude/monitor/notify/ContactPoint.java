package com.nexussaude.monitor.notify;

import java.util.Objects;

/**
 * Where a recipient can be reached on one channel: the channel's name and the address that channel
 * understands.
 *
 * <p>The address format belongs to the channel: an e-mail address for {@code email}, an E.164
 * phone number for {@code sms} and {@code whatsapp}, a device registration token for {@code push},
 * a channel id for {@code slack}. Channels that post to one fixed destination (a Teams workflow, a
 * webhook) ignore it, and it may then be empty.
 *
 * @param channel the {@link NotificationChannel#name() name} of the channel that delivers to this
 *                address; not blank
 * @param address the address on that channel; not null, may be empty
 * @since 0.1
 */
public record ContactPoint(String channel, String address) {

    /**
     * Checks the components.
     *
     * @param channel the {@link NotificationChannel#name() name} of the channel that delivers to this
     *     address; not blank
     * @param address the address on that channel; not null, may be empty
     */
    public ContactPoint {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("contact point channel must not be blank");
        }
    }

    /**
     * A contact point on {@code channel} at {@code address}.
     *
     * @param channel the {@link NotificationChannel#name() name} of the channel that delivers to this
     *     address; not blank
     * @param address the address on that channel; not null, may be empty
     * @return a contact point on {@code channel} at {@code address}
     */
    public static ContactPoint of(String channel, String address) {
        return new ContactPoint(channel, address);
    }
}
