package com.nexussaude.monitor;

/**
 * Receives incident changes. Called on the same thread and in the same order as the
 * {@link AlertListener}s (see CONCURRENCY.md); an exception is logged and does not reach the engine.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface IncidentListener {
    /**
     * One incident change.
     *
     * @param event what happened to which incident, and when; never null
     */
    void onIncidentEvent(IncidentEvent event);
}
