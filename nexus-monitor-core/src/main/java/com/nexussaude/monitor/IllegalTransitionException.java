package com.nexussaude.monitor;

/**
 * An alert was asked to make a transition its state does not allow, e.g. acknowledging a resolved
 * alert. Nothing changed.
 *
 * @since 0.1
 */
public class IllegalTransitionException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    /** The alert asked to move. */
    private final String alertId;
    /** The alert's state, unchanged. */
    private final AlertState from;
    /** The state it was asked to move to. */
    private final AlertState to;

    /**
     * An illegal move of {@code alertId} from {@code from} to {@code to}; the message lists the legal moves.
     *
     * @param alertId the alert asked to move
     * @param from    the alert's state, unchanged
     * @param to      the state it was asked to move to
     */
    public IllegalTransitionException(String alertId, AlertState from, AlertState to) {
        super("alert " + alertId + " cannot move from " + from + " to " + to + "; from " + from + " it may move to "
                + (from.next().isEmpty() ? "nothing (final)" : from.next()));
        this.alertId = alertId;
        this.from = from;
        this.to = to;
    }

    /**
     * The alert.
     *
     * @return the alert
     */
    public String alertId() {
        return alertId;
    }

    /**
     * Its state, unchanged.
     *
     * @return its state, unchanged
     */
    public AlertState from() {
        return from;
    }

    /**
     * The state that was asked for.
     *
     * @return the state that was asked for
     */
    public AlertState to() {
        return to;
    }
}
