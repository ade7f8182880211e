package com.nexussaude.monitor;

/**
 * Receives alert lifecycle events.
 *
 * <p><b>Threading.</b> Listeners are called on the monitor's listener executor (by default one
 * dedicated daemon thread per monitor, {@code nexus-monitor-alerts}), never while the engine lock
 * is held, one event at a time, in the order the events happened. Events of one monitor are never
 * delivered concurrently, so a listener needs no synchronisation of its own for that monitor.
 *
 * <p><b>Contract.</b> A listener should return quickly; slow work belongs on the host's own
 * executor. It may call the monitor (e.g. {@link VitalMonitor#openAlerts()}). An exception thrown by
 * a listener is logged and counted ({@link MonitorStats#listenerFailures()}); it reaches neither the
 * engine nor the other listeners, which still receive the event.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AlertListener {
    /**
     * One lifecycle event, on the listener thread, in the order the events happened.
     *
     * @param event what happened to which alert, when, and by whom; never null
     */
    void onAlertEvent(AlertEvent event);
}
