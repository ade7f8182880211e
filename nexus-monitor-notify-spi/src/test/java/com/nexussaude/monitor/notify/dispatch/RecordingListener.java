package com.nexussaude.monitor.notify.dispatch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every attempt and dead letter, and the thread each came on. */
final class RecordingListener implements DeliveryListener {

    final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<String> cancelled = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(DeliveryAttempt attempt) {
        threads.add(Thread.currentThread().getName());
        attempts.add(attempt);
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        threads.add(Thread.currentThread().getName());
        deadLetters.add(deadLetter);
    }

    @Override
    public void onCancelled(com.nexussaude.monitor.notify.Notification n, String channel, String reason) {
        cancelled.add(n.alertId() + " " + channel + ": " + reason);
    }
}
