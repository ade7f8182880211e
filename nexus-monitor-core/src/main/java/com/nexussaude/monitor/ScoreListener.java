package com.nexussaude.monitor;

/**
 * Receives {@link ScoreEvent}s. Same threading contract as {@link AlertListener}: called on the
 * listener executor, never under the engine lock, one event at a time, in order with alert events;
 * an exception is logged and counted and reaches nobody else.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ScoreListener {
    void onScore(ScoreEvent event);
}
