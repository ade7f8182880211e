package com.nexussaude.monitor.notify;

import java.util.Objects;

/**
 * A way to reach people: e-mail, SMS, a chat service, a webhook. Implementations turn a
 * {@link Notification} into one request to their service and report how it went.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #name()} is not blank and never changes; notifications are routed to the channel
 *       whose name equals their contact point's channel.</li>
 *   <li>{@link #deliver(Notification)} makes one attempt and returns a non-null
 *       {@link DeliveryResult}. It does not retry by itself (the dispatcher does) and does not throw
 *       for anything the receiver or the network does: a timeout, an unreachable host, a 5xx or a
 *       rate limit is {@link DeliveryResult.Outcome#RETRY_LATER RETRY_LATER}, a rejected request is
 *       {@link DeliveryResult.Outcome#FAILED FAILED}. It may throw {@link NullPointerException}
 *       for a null notification.</li>
 *   <li>Calling {@code deliver} again with the same notification is a retry: the request carries
 *       the same {@link Notification#idempotencyKey() idempotency key} wherever the receiver can
 *       use one.</li>
 *   <li>Secrets (tokens, passwords, signing keys, secret URLs) appear in no {@code toString}, no
 *       result reason, no exception message and no log line.</li>
 *   <li>{@code deliver} should end within a deadline of its own that covers the whole exchange
 *       (connect, request, the complete answer); it is called off the engine thread. The
 *       dispatcher also gives every attempt a deadline ({@code attemptTimeout}) and counts an
 *       attempt still running then as an {@linkplain DeliveryResult#ambiguous() ambiguous}
 *       retry-later, so a channel that hangs holds none of its pages beyond it. A receiver that
 *       took the request and then gave no answer is {@link DeliveryResult#ambiguous(String)}. Implementations must be thread-safe: one instance may serve several
 *       dispatchers.</li>
 * </ul>
 * The abstract {@code NotificationChannelContract} in {@code nexus-monitor-notify-tck} checks
 * these rules; a channel's tests extend it.
 *
 * <p>Channels are registered explicitly with a dispatcher; nothing is discovered from the class
 * path.
 *
 * @since 0.1
 */
public interface NotificationChannel extends AutoCloseable {

    /**
     * The channel's name, matched against {@link ContactPoint#channel()}; constant.
     *
     * @return the channel's name, matched against {@link ContactPoint#channel()}
     */
    String name();

    /**
     * Makes one delivery attempt.
     *
     * @param notification what to deliver, to whom
     * @return how the attempt went; never null
     * @throws NullPointerException if {@code notification} is null
     */
    DeliveryResult deliver(Notification notification);

    /**
     * Whether the receiver drops a repeat of a message it already accepted, recognising it by the
     * {@link Notification#idempotencyKey() idempotency key} the channel sends on every attempt
     * (Standard Webhooks {@code webhook-id}, a push notification's collapse id). The dispatcher
     * retries an {@linkplain DeliveryResult#ambiguous() ambiguous} attempt of a channel that does not
     * only once, marked as a {@linkplain Notification#asRepeat() repeat}, so a slow receiver cannot
     * page a person again and again. The default is false: assume every request reaches a person.
     *
     * @return whether the receiver drops a repeat of a message it already accepted, recognising it by the
     *     {@link Notification#idempotencyKey() idempotency key} the channel sends on every attempt (Standard
     *     Webhooks {@code webhook-id}, a push notification's collapse id)
     * @since 0.2
     */
    default boolean deduplicates() {
        return false;
    }

    /** Releases what the channel holds (connections, threads). The default does nothing. */
    @Override
    default void close() {
    }

    /**
     * A channel named {@code name} that accepts everything and sends nothing: a null object for
     * tests and for switching a channel off without changing routing.
     *
     * @param name the name the channel reports from {@link #name()}; not null
     * @return a channel named {@code name} that accepts everything and sends nothing: a null object for tests
     *     and for switching a channel off without changing routing
     */
    static NotificationChannel noop(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        return new NotificationChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                Objects.requireNonNull(notification, "notification");
                return DeliveryResult.delivered("discarded by no-op channel " + name);
            }

            @Override
            public String toString() {
                return "NotificationChannel.noop(" + name + ")";
            }
        };
    }
}
