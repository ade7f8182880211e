package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.Notification;
import java.util.List;

/** Calls every listener, each guarded: one that throws is logged and the others still run. */
final class Listeners {

    static final System.Logger LOG = System.getLogger(NotificationDispatcher.class.getName());

    private final List<DeliveryListener> listeners;

    Listeners(List<DeliveryListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void onAttempt(DeliveryAttempt attempt) {
        for (DeliveryListener l : listeners) {
            try {
                l.onAttempt(attempt);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "delivery listener " + l + " threw on attempt " + attempt.attempt()
                        + " of " + attempt.notification(), e);
            }
        }
    }

    void onDeadLetter(DeadLetter deadLetter) {
        for (DeliveryListener l : listeners) {
            try {
                l.onDeadLetter(deadLetter);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "delivery listener " + l + " threw on dead letter of "
                        + deadLetter.notification(), e);
            }
        }
    }

    void onCancelled(Notification n, String channel, String reason) {
        for (DeliveryListener l : listeners) {
            try {
                l.onCancelled(n, channel, reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "delivery listener " + l + " threw on cancellation of " + n, e);
            }
        }
    }
}
