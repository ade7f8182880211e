package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.Notification;

/**
 * Told about every delivery attempt and every notification given up on, so the host can journal
 * them and raise a technical alert when a page cannot be delivered.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>{@link #onAttempt} is called on the worker of the channel that made the attempt, right after
 *       it; calls for one channel are sequential and in order, calls for different channels can be
 *       concurrent. Implementations must be thread-safe.</li>
 *   <li>{@link #onDeadLetter} is called on the channel's worker; for a notification that never
 *       reached a worker (no channel of that name, queue full, dispatcher closed) on the
 *       dispatcher's own worker ({@code nexus-notify-dispatcher} with the system scheduler), never
 *       on the thread that called {@code submit}. Notifications still pending when the dispatcher
 *       closes are reported on the thread that calls {@code close()}.</li>
 *   <li>A listener should return quickly: while it runs, its channel sends nothing. It must not
 *       call {@link NotificationDispatcher#close()}.</li>
 *   <li>An exception thrown by a listener is logged (WARNING, {@link System.Logger}) and
 *       otherwise ignored: delivery goes on, and the other listeners are still called.</li>
 * </ul>
 * Every method does nothing by default, so new events can be added without breaking implementors.
 *
 * @since 0.1
 */
public interface DeliveryListener {

    /** A listener that ignores everything. */
    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public String toString() {
            return "DeliveryListener.NONE";
        }
    };

    /**
     * An attempt was made; {@code attempt.nextAttemptAt()} says whether another follows.
     *
     * @param attempt the attempt just made, with its result and when the next one is due
     */
    default void onAttempt(DeliveryAttempt attempt) {
    }

    /**
     * The dispatcher gave up on a notification.
     *
     * @param deadLetter the notification given up on, with the attempts made and the reason
     */
    default void onDeadLetter(DeadLetter deadLetter) {
    }

    /**
     * A notification still waiting (queued or between retries) was withdrawn by
     * {@link NotificationDispatcher#cancel}: it will not be attempted again.
     *
     * @param notification the notification
     * @param channel      its channel
     * @param reason       why, as given to {@code cancel}
     */
    default void onCancelled(Notification notification, String channel, String reason) {
    }
}
