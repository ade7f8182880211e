package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertListener;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.IncidentListener;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.ScoreListener;
import com.nexussaude.monitor.SubmitLatencyListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
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
public final class ListenerDispatcher implements AlertBook.LifecycleSink {
    private static final Logger log = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final List<AlertListener> listeners;
    private final List<ScoreListener> scoreListeners;
    private final List<IncidentListener> incidentListeners;
    private final Executor executor;
    private final Object deliveryLock = new Object();
    private final AtomicLong failures = new AtomicLong();
    /** The delivery run, made once rather than per {@link #drain()}. */
    private final Runnable deliveryRun = this::deliverQueued;
    private List<SubmitLatencyListener> latencyListeners = List.of();
    private LongSupplier nanoClock = System::nanoTime;
    /** While a submit holds the engine lock: when it started, on nanoClock. Guarded by the engine lock. */
    private boolean inSubmit;
    private long submitStarted;

    /** An alert event made during a submit, with the submit's start for the latency listeners. */
    private record Timed(AlertEvent event, long submitStarted) {
    }

    public ListenerDispatcher(List<AlertListener> listeners, List<ScoreListener> scoreListeners,
                       List<IncidentListener> incidentListeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.scoreListeners = List.copyOf(scoreListeners);
        this.incidentListeners = List.copyOf(incidentListeners);
        this.executor = executor;
    }

    /** The submit-to-alert latency listeners and the nano source they are measured on; set once, before use. */
    public void submitLatency(LongSupplier nanoClock, List<SubmitLatencyListener> listeners) {
        this.nanoClock = nanoClock;
        this.latencyListeners = List.copyOf(listeners);
    }

    public boolean measuresSubmits() {
        return !latencyListeners.isEmpty();
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /** A submit that started at {@code nanos} now holds the engine lock: the events it makes are timed. */
    public void submitStarted(long nanos) {
        inSubmit = true;
        submitStarted = nanos;
    }

    /** The submit is done with the engine; events from now on are not its. */
    public void submitEnded() {
        inSubmit = false;
    }

    @Override
    public void alert(AlertEvent event) {
        if (inSubmit && !latencyListeners.isEmpty()) {
            queue.add(new Timed(event, submitStarted));
        } else if (!listeners.isEmpty()) {
            queue.add(event);
        }
    }

    @Override
    public void incident(IncidentEvent event) {
        if (!incidentListeners.isEmpty()) {
            queue.add(event);
        }
    }

    public void enqueue(ScoreEvent event) {
        if (!scoreListeners.isEmpty()) {
            queue.add(event);
        }
    }

    /** False when no incident listener is registered: incident events are dropped. */
    @Override
    public boolean wantsIncidents() {
        return !incidentListeners.isEmpty();
    }

    public boolean wantsScores() {
        return !scoreListeners.isEmpty();
    }

    public void drain() {
        if (!queue.isEmpty()) {
            executor.execute(deliveryRun);
        }
    }

    private void deliverQueued() {
        synchronized (deliveryLock) {
            Object next;
            while ((next = queue.poll()) != null) {
                if (next instanceof Timed timed) {
                    long nanos = Math.max(0, nanoClock.getAsLong() - timed.submitStarted());
                    for (SubmitLatencyListener listener : latencyListeners) {
                        try {
                            listener.onSubmitToAlert(timed.event(), nanos);
                        } catch (Throwable t) {
                            failures.incrementAndGet();
                            log.warn("submit latency listener {} failed on {} {}; the alert listeners and the engine are"
                                    + " unaffected", listener, timed.event().type().wireName(),
                                    timed.event().alert().alertId(), t);
                        }
                    }
                    deliver(timed.event());
                } else if (next instanceof AlertEvent event) {
                    deliver(event);
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

    private void deliver(AlertEvent event) {
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
    }

    public long failures() {
        return failures.get();
    }
}
