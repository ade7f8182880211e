package com.nexussaude.monitor;

/**
 * Hears how long each alert event took from the {@link VitalMonitor#submit submit} that caused it to its
 * delivery: the submit-to-alert latency a metrics binder records (validation, the wait for the engine
 * lock, the rules, the journal's commit of what the submit recorded, with its fsync for a file journal, and
 * the wait in the listener queue).
 *
 * <p>The time runs from the start of the {@code submit} (or {@code submitAndReport}, {@code submitFields})
 * call to the moment the event is handed to the {@link AlertListener}s, both read from the monitor's nano
 * source ({@link VitalMonitor.Builder#nanoClock}). Only events made while a submit is processed are
 * reported: alerts the observation raised, updated, changed in severity or resolved, and timers that
 * submit's observation moved the clock past. Events made by the live clock's ticker, {@code advanceTo},
 * an acknowledgement, a silence, a discharge or {@code raise} have no submit and are not reported.
 *
 * <p><b>Threading and contract</b> as for {@link AlertListener}: called on the listener executor, one event
 * at a time, just before the alert listeners get the same event. An exception thrown here is logged and
 * counted ({@link MonitorStats#listenerFailures()}); the alert listeners still get the event.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface SubmitLatencyListener {
    /**
     * @param event the alert event, as the alert listeners get it next
     * @param nanos nanoseconds from the start of the submit that caused it until now, on the monitor's nano
     *              source; never negative
     */
    void onSubmitToAlert(AlertEvent event, long nanos);
}
