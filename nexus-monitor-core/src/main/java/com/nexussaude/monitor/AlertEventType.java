package com.nexussaude.monitor;

import java.util.Locale;

/**
 * What happened to an alert. The wire names are the {@code event} values of the command-line
 * output contract.
 *
 * @since 0.1
 */
public enum AlertEventType {
    /** A new alert opened (in state {@code OPEN}, or {@code FLAPPING} when it keeps coming back). */
    RAISED,
    /** An open alert's rule signalled again; sent at most once per {@link MonitorConfig#updateInterval()}. */
    UPDATED,
    /**
     * An open alert's severity changed. A rise applies at once, and an acknowledged alert returns to
     * {@code OPEN}: it is worse than what was acknowledged. A fall applies once the rule has signalled
     * nothing above the lower severity for 60 s (hysteresis; since 0.2, before which severity only rose);
     * the state is kept.
     */
    SEVERITY_CHANGED,
    /** A person acknowledged the alert ({@link AlertEvent#actor()}, {@link AlertEvent#reason()}). */
    ACKNOWLEDGED,
    /** The acknowledgement timed out while the alert was still active: it alerts again. */
    ACK_EXPIRED,
    /** A silence or an inhibition now covers the alert ({@link Alert#suppression()} says which). */
    SUPPRESSED,
    /** The silence or inhibition ended while the alert is still active. */
    UNSUPPRESSED,
    /** The alert resolved: cleared and stayed clear, went stale, discharge, or a person resolved it. */
    RESOLVED;

    /**
     * The lower-case wire name, e.g. {@code severity_changed}.
     *
     * @return the lower-case wire name, e.g. {@code severity_changed}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of a wire name ({@code severity_changed}), as the journal's {@code alert.*} record types and
     * the command line's {@code event} values write it.
     *
     * @param wireName the wire name, lower case, e.g. {@code "raised"}
     * @return the type of a wire name ({@code severity_changed}), as the journal's {@code alert.*} record
     *     types and the command line's {@code event} values write it
     * @throws IllegalArgumentException naming the value if it is no type's wire name
     * @since 0.3
     */
    public static AlertEventType fromWireName(String wireName) {
        for (AlertEventType t : values()) {
            if (t.wireName().equals(wireName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not an alert event type: '" + wireName + "'");
    }
}
