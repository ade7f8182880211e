package com.nexussaude.monitor.testing;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link NotificationChannel} that accepts every page and keeps it, in delivery order, for a test to
 * check who was paged, at which escalation level and when. It sends nothing anywhere.
 *
 * @since 0.4
 */
public final class RecordingChannel implements NotificationChannel {
    private final String name;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    /**
     * A channel named {@code name}, matched against the recipients' contact points.
     *
     * @param name the channel name ({@code "push"}, {@code "sms"} …); not blank
     */
    public RecordingChannel(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        received.add(Objects.requireNonNull(notification, "notification"));
        return DeliveryResult.delivered("recorded by the test kit");
    }

    /**
     * The pages delivered through this channel so far, in order.
     *
     * @return the pages delivered through this channel so far, in order
     */
    public List<Notification> received() {
        return List.copyOf(received);
    }

    @Override
    public String toString() {
        return "RecordingChannel[" + name + ", " + received.size() + " page(s)]";
    }
}
