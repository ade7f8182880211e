package com.nexussaude.monitor;

/**
 * The states of an alert.
 *
 * <ul>
 *   <li>{@link #OPEN}: the condition holds (its rule keeps signalling it).</li>
 *   <li>{@link #CLEARING}: the rule reported the condition clear; the alert resolves if it stays
 *   clear for {@link MonitorConfig#resolveHold()} (hysteresis) and returns to {@code OPEN}
 *   silently if the rule signals it again first.</li>
 *   <li>{@link #RESOLVED}: final. A recurrence opens a new alert.</li>
 * </ul>
 *
 * @since 0.1
 */
public enum AlertState {
    OPEN, CLEARING, RESOLVED
}
