package com.nexussaude.monitor.notify.tck;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs the kit against the smallest channel that honours the contract, so the kit itself is tested. */
class InMemoryChannelContractTest extends NotificationChannelContract {

    private static final String TOKEN = "tok-in-memory-secret";

    private final InMemoryChannel channel = new InMemoryChannel();

    @Override
    protected NotificationChannel channel() {
        return channel;
    }

    @Override
    protected String address() {
        return "inbox-1";
    }

    @Override
    protected void arrange(Behaviour behaviour) {
        channel.behaviour = behaviour;
    }

    @Override
    protected List<String> receivedIdentities() {
        return List.copyOf(channel.received);
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }

    /** A receiver and a channel in one: it records keys and answers as arranged. */
    static final class InMemoryChannel implements NotificationChannel {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile Behaviour behaviour = Behaviour.ACCEPT;
        @SuppressWarnings("unused")
        private final String token = TOKEN;

        @Override
        public String name() {
            return "in-memory";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            Objects.requireNonNull(n, "notification");
            if (behaviour == Behaviour.UNREACHABLE) {
                return DeliveryResult.retryLater("inbox unreachable");
            }
            received.add(n.idempotencyKey());
            return switch (behaviour) {
                case ACCEPT -> DeliveryResult.delivered("stored");
                case SERVER_ERROR -> DeliveryResult.retryLater("inbox full");
                case RATE_LIMITED -> DeliveryResult.retryLater("slow down", RATE_LIMIT_RETRY_AFTER);
                default -> DeliveryResult.failed("bad address");
            };
        }

        @Override
        public String toString() {
            return "InMemoryChannel[token=****]";
        }
    }
}
