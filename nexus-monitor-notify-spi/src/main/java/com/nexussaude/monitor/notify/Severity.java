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
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case wire name used in EPL rules and in JSON output ({@code "high"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name ({@code low|medium|high|critical}, case-insensitive).
     *
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

    /** True if this severity is more urgent than {@code other}. */
    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }
}
