package com.nexussaude.monitor;

import java.util.Objects;

/**
 * How many alert signals one rule inserted that broke the alert contract (a missing patient id or
 * message, an unknown severity or category) and were dropped, read with
 * {@link VitalMonitor#invalidSignals()}. A rule that breaks the contract usually does so for every
 * reading it sees, so the monitor logs the first drop of each rule once and counts the rest here.
 *
 * @param ruleId      the rule's id as the signal gave it ({@code "?"} when the signal had none)
 * @param count       signals of this rule dropped since the monitor was built; {@code > 0}
 * @param firstReason what was wrong with the first one, e.g. {@code AlertSignal.message is required, but was null}
 * @since 0.3
 */
public record InvalidSignals(String ruleId, long count, String firstReason) {

    /**
     * Validates the components.
     *
     * @param ruleId the rule's id as the signal gave it ({@code "?"} when the signal had none)
     * @param count signals of this rule dropped since the monitor was built; {@code > 0}
     * @param firstReason what was wrong with the first one, e.g.
     *     {@code AlertSignal.message is required, but was null}
     */
    public InvalidSignals {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(firstReason, "firstReason");
        if (count <= 0) {
            throw new IllegalArgumentException("count must be greater than 0, but was " + count);
        }
    }
}
