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
    /**
     * One computed score.
     *
     * @param event the score, with the patient and the observation time it was computed for; never null
     */
    void onScore(ScoreEvent event);
}
