package com.nexussaude.monitor.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone covering a schedule for a while (a swap, sickness cover). An override takes precedence
 * over every rotation of the schedule from {@code from} (inclusive) to {@code to} (exclusive);
 * of two overrides covering the same instant, the one added later wins.
 *
 * @param personId who is on call instead; not blank
 * @param from     start, inclusive
 * @param to       end, exclusive; after {@code from}
 * @since 0.1
 */
public record ScheduleOverride(String personId, Instant from, Instant to) {

    /**
     * Checks every component.
     *
     * @param personId who is on call instead; not blank
     * @param from start, inclusive
     * @param to end, exclusive; after {@code from}
     */
    public ScheduleOverride {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (personId.isBlank()) {
            throw new IllegalArgumentException("override person id must not be blank");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("override of " + personId + " must end after it starts, but runs from "
                    + from + " to " + to);
        }
    }

    /**
     * True if the override covers {@code t}.
     *
     * @param t the instant asked about
     * @return true if the override covers {@code t}
     */
    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
