package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification the dispatcher gave up on. Nobody was reached through this contact point, so the
 * engine should tell operators (a technical alert) and, where its policy allows, page someone else.
 *
 * @param notification the notification
 * @param channel      the channel it was meant for
 * @param attempts     attempts made (0 if it was never attempted)
 * @param reason       why the dispatcher gave up, with the last attempt's reason
 * @param at           when (scheduler time)
 * @param lastResult   the last attempt's result, if there was an attempt
 * @since 0.1
 */
public record DeadLetter(
        Notification notification,
        String channel,
        int attempts,
        String reason,
        Instant at,
        Optional<DeliveryResult> lastResult) {

    /**
     * Checks the components.
     *
     * @param notification the notification
     * @param channel the channel it was meant for
     * @param attempts attempts made (0 if it was never attempted)
     * @param reason why the dispatcher gave up, with the last attempt's reason
     * @param at when (scheduler time)
     * @param lastResult the last attempt's result, if there was an attempt
     */
    public DeadLetter {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(lastResult, "lastResult");
    }
}
