package com.nexussaude.monitor.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery attempt came to: {@link Delivered delivered}, {@link RetryLater retry later}
 * (optionally not before a delay the receiver asked for), or {@link Failed failed permanently}.
 * Every result carries a human-readable reason (for the journal and for operators); reasons never
 * contain secrets.
 *
 * <p>"Delivered" means the receiving service accepted the message (an SMTP server queued it,
 * Twilio answered 201). It does not mean a person read it.
 *
 * @since 0.1
 */
public sealed interface DeliveryResult {

    /** The three outcomes, for a {@code switch}. */
    enum Outcome {
        /** The receiving service accepted the message. */
        DELIVERED,
        /** A transient problem (timeout, 5xx, rate limit): the same notification may succeed later. */
        RETRY_LATER,
        /** The message cannot be delivered as it is (bad address, rejected credentials, 4xx): do not retry. */
        FAILED;

        /**
         * Lower-case wire name ({@code "retry_later"}).
         *
         * @return lower-case wire name ({@code "retry_later"})
         */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Which outcome this is.
     *
     * @return which outcome this is
     */
    Outcome outcome();

    /**
     * True if the receiver may have accepted the message although the attempt did not learn it: the
     * request was sent and then no answer came within the deadline, or the connection broke before
     * the answer. Retrying such an attempt can deliver the message twice to a channel whose receiver
     * cannot deduplicate (see {@link NotificationChannel#deduplicates()}). False unless this is a
     * {@link RetryLater} made by {@link #ambiguous(String)}.
     *
     * @return true if the receiver may have accepted the message although the attempt did not learn it: the
     *     request was sent and then no answer came within the deadline, or the connection broke before the answer
     */
    default boolean ambiguous() {
        return false;
    }

    /**
     * Why, in words an operator understands; never blank.
     *
     * @return why, in words an operator understands
     */
    String reason();

    /**
     * The receiver accepted the message.
     *
     * @param reason what the receiver said (a message id, a status); not blank
     * @return a result whose outcome is {@link Outcome#DELIVERED}
     */
    static DeliveryResult delivered(String reason) {
        return new Delivered(reason);
    }

    /**
     * A transient failure; retry with the dispatcher's own backoff.
     *
     * @param reason what the receiver said (a message id, a status); not blank
     * @return a transient failure
     */
    static DeliveryResult retryLater(String reason) {
        return new RetryLater(reason, Optional.empty());
    }

    /**
     * A transient failure; the receiver asked not to retry before {@code retryAfter}.
     *
     * @param reason what the receiver said (a message id, a status); not blank
     * @param retryAfter the delay the receiver asked for (HTTP {@code Retry-After}); not negative
     * @return a transient failure
     */
    static DeliveryResult retryLater(String reason, Duration retryAfter) {
        return new RetryLater(reason, Optional.of(retryAfter));
    }

    /**
     * A transient failure whose outcome is unknown: the request was sent, and no answer came within
     * the deadline or the connection broke before it (see {@link #ambiguous()}).
     *
     * @param reason what the receiver said (a message id, a status); not blank
     * @return a transient failure whose outcome is unknown: the request was sent, and no answer came within
     *     the deadline or the connection broke before it (see {@link #ambiguous()})
     */
    static DeliveryResult ambiguous(String reason) {
        return new RetryLater(reason, Optional.empty(), true);
    }

    /**
     * A permanent failure; do not retry.
     *
     * @param reason what the receiver said (a message id, a status); not blank
     * @return a permanent failure
     */
    static DeliveryResult failed(String reason) {
        return new Failed(reason);
    }

    /**
     * True if this is {@link Outcome#DELIVERED}.
     *
     * @return true if this is {@link Outcome#DELIVERED}
     */
    default boolean isDelivered() {
        return outcome() == Outcome.DELIVERED;
    }

    /**
     * The receiver accepted the message.
     *
     * @param reason what the receiver said (a message id, a status); not blank
     */
    record Delivered(String reason) implements DeliveryResult {
        /**
         * Checks the reason.
         *
         * @param reason what the receiver said (a message id, a status); not blank
         */
        public Delivered {
            requireReason(reason);
        }

        @Override
        public Outcome outcome() {
            return Outcome.DELIVERED;
        }
    }

    /**
     * A transient failure.
     *
     * @param reason     what went wrong; not blank
     * @param retryAfter the delay the receiver asked for (HTTP {@code Retry-After}); not negative
     * @param ambiguous  the receiver may have accepted the message (see {@link DeliveryResult#ambiguous()});
     *                   since 0.2
     */
    record RetryLater(String reason, Optional<Duration> retryAfter, boolean ambiguous) implements DeliveryResult {

        /**
         * A transient failure that did not reach the receiver (not {@linkplain #ambiguous() ambiguous}).
         *
         * @param reason what went wrong; not blank
         * @param retryAfter the delay the receiver asked for (HTTP {@code Retry-After}); not negative
         */
        public RetryLater(String reason, Optional<Duration> retryAfter) {
            this(reason, retryAfter, false);
        }

        /**
         * Checks the reason and the delay.
         *
         * @param reason what went wrong; not blank
         * @param retryAfter the delay the receiver asked for (HTTP {@code Retry-After}); not negative
         * @param ambiguous the receiver may have accepted the message (see {@link
         *     DeliveryResult#ambiguous()}); since 0.2
         */
        public RetryLater {
            requireReason(reason);
            Objects.requireNonNull(retryAfter, "retryAfter");
            retryAfter.ifPresent(d -> {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("retryAfter must not be negative, but was " + d);
                }
            });
        }

        @Override
        public Outcome outcome() {
            return Outcome.RETRY_LATER;
        }
    }

    /**
     * A permanent failure.
     *
     * @param reason what went wrong, with the receiver's own error text where it gave one; not blank
     */
    record Failed(String reason) implements DeliveryResult {
        /**
         * Checks the reason.
         *
         * @param reason what went wrong, with the receiver's own error text where it gave one; not blank
         */
        public Failed {
            requireReason(reason);
        }

        @Override
        public Outcome outcome() {
            return Outcome.FAILED;
        }
    }

    private static void requireReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }
}
