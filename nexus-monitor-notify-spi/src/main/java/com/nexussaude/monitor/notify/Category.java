package com.nexussaude.monitor.notify;

import java.util.Locale;

/**
 * Whether an alert is about the patient or about the equipment, as IEC 60601-1-8 distinguishes
 * physiological from technical alarm conditions.
 *
 * @since 0.1
 */
public enum Category {
    /** A condition of the patient: a vital sign out of range, a risk score, a trend. */
    PHYSIOLOGICAL,
    /** A condition of the monitoring: signal loss, sensor dropout, artefact, a failing channel. */
    TECHNICAL;

    /**
     * The lower-case wire name used in EPL rules and in JSON output.
     *
     * @return the lower-case wire name used in EPL rules and in JSON output
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name ({@code physiological|technical}, case-insensitive).
     *
     * @param name the wire name, {@code "physiological"} or {@code "technical"} in any case; null is rejected
     * @return the category with that wire name
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static Category fromWireName(String name) {
        if (name != null) {
            for (Category c : values()) {
                if (c.name().equalsIgnoreCase(name.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException(
                "category must be one of physiological|technical, but was " + (name == null ? "null" : "'" + name + "'"));
    }
}
