package com.nexussaude.monitor.internal;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertListener;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.IncidentListener;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.ScoreListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert, incident and score events to listeners off the engine lock, in order, one event at a time.
 *
 * <p>The engine thread only enqueues (under the engine lock). After releasing the lock it calls
 * {@link #drain()}, which hands a delivery run to the executor. A run delivers everything queued,
 * holding {@code deliveryLock} so two runs never interleave and order is kept whatever the
 * executor. A listener that throws is logged and counted; the others still get the event.
 */
final class ListenerDispatcher implements AlertBook.LifecycleSink {
    private static final Logger log = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final List<AlertListener> listeners;
    private final List<ScoreListener> scoreListeners;
    private final List<IncidentListener> incidentListeners;
    private final Executor executor;
    private final Object deliveryLock = new Object();
    private final AtomicLong failures = new AtomicLong();

    ListenerDispatcher(List<AlertListener> listeners, List<ScoreListener> scoreListeners,
                       List<IncidentListener> incidentListeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.scoreListeners = List.copyOf(scoreListeners);
        this.incidentListeners = List.copyOf(incidentListeners);
        this.executor = executor;
    }

    @Override
    public void alert(AlertEvent event) {
        if (!listeners.isEmpty()) {
            queue.add(event);
        }
    }

    @Override
    public void incident(IncidentEvent event) {
        if (!incidentListeners.isEmpty()) {
            queue.add(event);
        }
    }

    void enqueue(ScoreEvent event) {
        if (!scoreListeners.isEmpty()) {
            queue.add(event);
        }
    }

    boolean wantsScores() {
        return !scoreListeners.isEmpty();
    }

    void drain() {
        if (!queue.isEmpty()) {
            executor.execute(this::deliverQueued);
        }
    }

    private void deliverQueued() {
        synchronized (deliveryLock) {
            Object next;
            while ((next = queue.poll()) != null) {
                if (next instanceof AlertEvent event) {
                    for (AlertListener listener : listeners) {
                        try {
                            listener.onAlertEvent(event);
                        } catch (Throwable t) {
                            failures.incrementAndGet();
                            log.warn("alert listener {} failed on {} {} of patient {}; other listeners and the engine are"
                                    + " unaffected", listener, event.type().wireName(), event.alert().alertId(),
                                    event.alert().patientId(), t);
                        }
                    }
                } else if (next instanceof IncidentEvent event) {
                    for (IncidentListener listener : incidentListeners) {
                        try {
                            listener.onIncidentEvent(event);
                        } catch (Throwable t) {
                            failures.incrementAndGet();
                            log.warn("incident listener {} failed on {} {} of patient {}; other listeners and the engine"
                                    + " are unaffected", listener, event.type().wireName(), event.incident().incidentId(),
                                    event.incident().patientId(), t);
                        }
                    }
                } else if (next instanceof ScoreEvent event) {
                    for (ScoreListener listener : scoreListeners) {
                        try {
                            listener.onScore(event);
                        } catch (Throwable t) {
                            failures.incrementAndGet();
                            log.warn("score listener {} failed on the NEWS2 of patient {}; other listeners and the engine"
                                    + " are unaffected", listener, event.patientId(), t);
                        }
                    }
                }
            }
        }
    }

    long failures() {
        return failures.get();
    }
}
