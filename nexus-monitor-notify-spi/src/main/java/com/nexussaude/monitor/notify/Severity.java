package com.nexussaude.monitor.notify;

import java.util.Locale;

/**
 * How urgently an alert needs a person, in the four levels of the alert contract.
 *
 * <p>The levels map onto IEC 60601-1-8 alarm priorities: {@link #LOW} is a low-priority alarm,
 * {@link #MEDIUM} medium priority, {@link #HIGH} and {@link #CRITICAL} high priority (critical
 * conditions are never delayed by a persistence rule). The natural order of the constants is
 * the order of urgency, so {@code a.compareTo(b) > 0} means {@code a} is more urgent.
 *
 * @since 0.1
 */
public enum Severity {
    /** A low-priority alarm: someone should look when they can. */
    LOW,
    /** A medium-priority alarm: prompt response needed. */
    MEDIUM,
    /** A high-priority alarm: immediate response needed. */
    HIGH,
    /** A high-priority alarm for a life-threatening condition; never delayed by a persistence rule. */
    CRITICAL;

    /**
     * The lower-case wire name used in EPL rules and in JSON output ({@code "high"}).
     *
     * @return the lower-case wire name used in EPL rules and in JSON output ({@code "high"})
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name ({@code low|medium|high|critical}, case-insensitive).
     *
     * @param name the wire name ({@code "low"}, {@code "medium"}, {@code "high"}, {@code "critical"}) in any
     *     case; null is rejected
     * @return the severity with that wire name
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static Severity fromWireName(String name) {
        if (name != null) {
            for (Severity s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "severity must be one of low|medium|high|critical, but was " + (name == null ? "null" : "'" + name + "'"));
    }

    /**
     * True if this severity is more urgent than {@code other}.
     *
     * @param other the severity to compare with; not null
     * @return true if this severity is more urgent than {@code other}
     */
    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }
}
