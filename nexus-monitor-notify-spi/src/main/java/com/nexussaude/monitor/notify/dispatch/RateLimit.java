package com.nexussaude.monitor.notify.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code permits} attempts per {@code period} on one channel, as a token bucket that holds
 * up to {@code burst} tokens and refills one every {@code period / permits}. A full bucket lets a
 * short burst through; after that attempts are spaced evenly. Example: Slack asks for about one
 * message per second per channel, {@code RateLimit.of(1, Duration.ofSeconds(1))}.
 *
 * @param permits attempts per period, at least 1
 * @param period  the period; positive
 * @param burst   the bucket size (and the tokens it starts with), at least 1
 * @since 0.1
 */
public record RateLimit(int permits, Duration period, int burst) {

    /**
     * Checks every component.
     *
     * @param permits attempts per period, at least 1
     * @param period the period; positive
     * @param burst the bucket size (and the tokens it starts with), at least 1
     */
    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
        }
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, but was " + period);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, but was " + burst);
        }
    }

    /**
     * {@code permits} per {@code period}, with a burst of {@code permits}.
     *
     * @param permits attempts per period, at least 1
     * @param period the period; positive
     * @return {@code permits} per {@code period}, with a burst of {@code permits}
     */
    public static RateLimit of(int permits, Duration period) {
        return new RateLimit(permits, period, permits);
    }

    /**
     * A copy with another burst size.
     *
     * @param burst the bucket size (and the tokens it starts with), at least 1
     * @return a copy with another burst size
     */
    public RateLimit withBurst(int burst) {
        return new RateLimit(permits, period, burst);
    }

    /** The time one token takes to refill, in nanoseconds (at least 1). */
    long nanosPerPermit() {
        return Math.max(1, period.toNanos() / permits);
    }
}
