package com.nexussaude.monitor.notify;

import java.util.Locale;

/**
 * What happened to an alert that a person is being told about. The names follow the {@code event}
 * values of the command-line contract's {@code alert} records.
 *
 * @since 0.1
 */
public enum EventKind {
    /** A new alert: the first page for it. */
    RAISED,
    /** The alert's evidence or message changed while it stayed open. */
    UPDATED,
    /** The alert's severity went up or down while it stayed open. */
    SEVERITY_CHANGED,
    /** Nobody acknowledged in time, so the alert went to the next escalation level. */
    ESCALATED,
    /** Someone took the alert; recipients of earlier pages may stand down. */
    ACKNOWLEDGED,
    /** The condition is over. */
    RESOLVED;

    /**
     * The lower-case wire name ({@code "severity_changed"}).
     *
     * @return the lower-case wire name ({@code "severity_changed"})
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitive.
     *
     * @param name the wire name ({@code "raised"}, {@code "severity_changed"}…) in any case; null is rejected
     * @return the event kind with that wire name
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static EventKind fromWireName(String name) {
        if (name != null) {
            for (EventKind k : values()) {
                if (k.name().equalsIgnoreCase(name.trim())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException(
                "event kind must be one of raised|updated|severity_changed|escalated|acknowledged|resolved, but was "
                        + (name == null ? "null" : "'" + name + "'"));
    }
}
