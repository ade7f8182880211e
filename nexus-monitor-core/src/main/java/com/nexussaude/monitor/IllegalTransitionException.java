package com.nexussaude.monitor;

/**
 * An alert was asked to make a transition its state does not allow, e.g. acknowledging a resolved
 * alert. Nothing changed.
 *
 * @since 0.1
 */
public class IllegalTransitionException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    private final String alertId;
    private final AlertState from;
    private final AlertState to;

    public IllegalTransitionException(String alertId, AlertState from, AlertState to) {
        super("alert " + alertId + " cannot move from " + from + " to " + to + "; from " + from + " it may move to "
                + (from.next().isEmpty() ? "nothing (final)" : from.next()));
        this.alertId = alertId;
        this.from = from;
        this.to = to;
    }

    /** The alert. */
    public String alertId() {
        return alertId;
    }

    /** Its state, unchanged. */
    public AlertState from() {
        return from;
    }

    /** The state that was asked for. */
    public AlertState to() {
        return to;
    }
}
