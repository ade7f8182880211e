package com.nexussaude.monitor.internal;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert events to listeners off the engine lock, in order, one event at a time.
 *
 * <p>The engine thread only enqueues (under the engine lock). After releasing the lock it calls
 * {@link #drain()}, which hands a delivery run to the executor. A run delivers everything queued,
 * holding {@code deliveryLock} so two runs never interleave and order is kept whatever the
 * executor. A listener that throws is logged and counted; the others still get the event.
 */
final class ListenerDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final ConcurrentLinkedQueue<AlertEvent> queue = new ConcurrentLinkedQueue<>();
    private final List<AlertListener> listeners;
    private final Executor executor;
    private final Object deliveryLock = new Object();
    private final AtomicLong failures = new AtomicLong();

    ListenerDispatcher(List<AlertListener> listeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.executor = executor;
    }

    void enqueue(AlertEvent event) {
        if (!listeners.isEmpty()) {
            queue.add(event);
        }
    }

    void drain() {
        if (!queue.isEmpty()) {
            executor.execute(this::deliverQueued);
        }
    }

    private void deliverQueued() {
        synchronized (deliveryLock) {
            AlertEvent event;
            while ((event = queue.poll()) != null) {
                for (AlertListener listener : listeners) {
                    try {
                        listener.onAlertEvent(event);
                    } catch (Throwable t) {
                        failures.incrementAndGet();
                        log.warn("alert listener {} failed on {} {} of patient {}; other listeners and the engine are unaffected",
                                listener, event.type().wireName(), event.alert().alertId(), event.alert().patientId(), t);
                    }
                }
            }
        }
    }

    long failures() {
        return failures.get();
    }
}
