package com.nexussaude.monitor.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A span of a schedule's final timeline (rotations and overrides combined) with one person on
 * call, or nobody.
 *
 * @param personId who is on call, or null for a gap
 * @param start    start, inclusive
 * @param end      end, exclusive; after {@code start}
 * @since 0.1
 */
public record Shift(String personId, Instant start, Instant end) {

    /**
     * Checks the components.
     *
     * @param personId who is on call, or null for a gap
     * @param start start, inclusive
     * @param end end, exclusive; after {@code start}
     */
    public Shift {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a shift must end after it starts, but runs from " + start + " to " + end);
        }
    }

    /**
     * True if nobody is on call during this span.
     *
     * @return true if nobody is on call during this span
     */
    public boolean isGap() {
        return personId == null;
    }

    /**
     * Who is on call, or empty for a gap.
     *
     * @return who is on call, or empty for a gap
     */
    public Optional<String> person() {
        return Optional.ofNullable(personId);
    }

    /**
     * How long the span lasts, in real (elapsed) time.
     *
     * @return how long the span lasts, in real (elapsed) time
     */
    public Duration duration() {
        return Duration.between(start, end);
    }
}
