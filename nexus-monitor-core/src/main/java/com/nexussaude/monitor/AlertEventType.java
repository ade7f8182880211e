package com.nexussaude.monitor;

import java.util.Locale;

/**
 * What happened to an alert. The wire names are the {@code event} values of the command-line
 * output contract.
 *
 * @since 0.1
 */
public enum AlertEventType {
    /** A new alert opened. */
    RAISED,
    /** An open alert's rule signalled again; sent at most once per {@link MonitorConfig#updateInterval()}. */
    UPDATED,
    /** An open alert's severity rose (or fell, while it stays open). */
    SEVERITY_CHANGED,
    /** The alert resolved: its condition cleared and stayed clear, or it went stale. */
    RESOLVED;

    /** The lower-case wire name, e.g. {@code severity_changed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
