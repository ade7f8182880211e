package com.nexussaude.monitor;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an alert and the legal transitions between them.
 *
 * <table>
 *   <caption>Legal transitions (a new alert starts in OPEN or FLAPPING)</caption>
 *   <tr><th>from</th><th>to</th><th>when</th></tr>
 *   <tr><td>OPEN, FLAPPING</td><td>ACKNOWLEDGED</td><td>a person acknowledges it</td></tr>
 *   <tr><td>ACKNOWLEDGED</td><td>OPEN, FLAPPING</td><td>the acknowledgement times out, or the severity rises</td></tr>
 *   <tr><td>OPEN, FLAPPING, ACKNOWLEDGED</td><td>RESOLVED</td><td>clear for the resolve hold, stale, discharge, or a person resolves it</td></tr>
 * </table>
 *
 * <ul>
 *   <li>{@link #OPEN}: active and nobody has acknowledged it; the notification layer pages for it.</li>
 *   <li>{@link #FLAPPING}: active, raised after too many open/resolve cycles of the same patient, rule
 *   and key within {@link MonitorConfig#flapWindow()}. It is notified once (its {@code RAISED}
 *   event) and stays open until the condition has been clear for {@link MonitorConfig#flapSettle()}.</li>
 *   <li>{@link #ACKNOWLEDGED}: active and owned by someone: no re-notification. It returns to
 *   {@code OPEN} (or {@code FLAPPING}) when the acknowledgement times out
 *   ({@link MonitorConfig#ackTimeout()}) or when its severity rises.</li>
 *   <li>{@link #RESOLVED}: final. The condition cleared and stayed clear, went stale, the patient was
 *   discharged, or a person resolved it. A recurrence opens a new alert.</li>
 * </ul>
 *
 * Whether an active alert's condition is currently clear (waiting out the resolve hold) is
 * {@link Alert#clearingSince()}, not a state: a clearing alert is still open and still owned.
 *
 * @since 0.1
 */
public enum AlertState {
    /** Active and not acknowledged; the notification layer pages for it. */
    OPEN,
    /** Active, raised after too many open/resolve cycles; notified once, open until the condition settles. */
    FLAPPING,
    /** Active and owned by someone: not re-notified until the acknowledgement times out or severity rises. */
    ACKNOWLEDGED,
    /** Final: the condition cleared and stayed clear, went stale, the patient was discharged, or a person resolved it. */
    RESOLVED;

    /**
     * True for every state but {@link #RESOLVED}.
     *
     * @return true for every state but {@link #RESOLVED}
     */
    public boolean isActive() {
        return this != RESOLVED;
    }

    /**
     * The states this state may move to; empty for {@link #RESOLVED}.
     *
     * @return the states this state may move to; empty for {@link #RESOLVED}
     */
    public Set<AlertState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ACKNOWLEDGED, RESOLVED);
            case FLAPPING -> EnumSet.of(ACKNOWLEDGED, RESOLVED);
            case ACKNOWLEDGED -> EnumSet.of(OPEN, FLAPPING, RESOLVED);
            case RESOLVED -> EnumSet.noneOf(AlertState.class);
        };
    }

    /**
     * True if moving from this state to {@code to} is legal.
     *
     * @param to the state to move to
     * @return true if moving from this state to {@code to} is legal
     */
    public boolean canMoveTo(AlertState to) {
        return next().contains(to);
    }
}
