package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery attempt and how it went, as a {@link DeliveryListener} sees it: what the lifecycle
 * journal records for an audit of who was paged, when, and with what result.
 *
 * @param notification  the notification
 * @param channel       the name of the channel that made the attempt
 * @param attempt       1 for the first attempt, 2 for the first retry…
 * @param result        what the channel returned (a throwing channel is reported as retry-later)
 * @param startedAt     when the attempt started (scheduler time)
 * @param finishedAt    when it returned (scheduler time)
 * @param nextAttemptAt when the next attempt is due, if the dispatcher will retry; empty after a
 *                      delivery, a permanent failure or when it gives up
 * @since 0.1
 */
public record DeliveryAttempt(
        Notification notification,
        String channel,
        int attempt,
        DeliveryResult result,
        Instant startedAt,
        Instant finishedAt,
        Optional<Instant> nextAttemptAt) {

    /**
     * Checks the components.
     *
     * @param notification the notification
     * @param channel the name of the channel that made the attempt
     * @param attempt 1 for the first attempt, 2 for the first retry…
     * @param result what the channel returned (a throwing channel is reported as retry-later)
     * @param startedAt when the attempt started (scheduler time)
     * @param finishedAt when it returned (scheduler time)
     * @param nextAttemptAt when the next attempt is due, if the dispatcher will retry; empty after a
     *     delivery, a permanent failure or when it gives up
     */
    public DeliveryAttempt {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /**
     * The attempt's outcome.
     *
     * @return the attempt's outcome
     */
    public DeliveryResult.Outcome outcome() {
        return result.outcome();
    }

    /**
     * The attempt's reason.
     *
     * @return the attempt's reason
     */
    public String reason() {
        return result.reason();
    }
}
