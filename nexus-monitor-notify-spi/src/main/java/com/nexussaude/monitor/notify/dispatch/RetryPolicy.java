package com.nexussaude.monitor.notify.dispatch;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * When a dispatcher retries a notification whose attempt came back
 * {@link com.nexussaude.monitor.notify.DeliveryResult.Outcome#RETRY_LATER RETRY_LATER}, and when
 * it gives up.
 *
 * <p>The delay before attempt {@code n + 1} is the receiver's {@code retryAfter} when it gave one;
 * otherwise exponential backoff with "full jitter": a uniformly random duration between zero and
 * {@code min(maxBackoff, initialBackoff × multiplier^(n-1))}. Jitter spreads the retries of many
 * pages that failed together, so a recovering service is not hit by all of them at once.
 *
 * <p>A notification is dead-lettered when {@code maxAttempts} attempts have been made, or when
 * the next attempt would start more than {@code maxAge} after it was submitted: a page that is
 * very late no longer helps, and the escalation policy will already have paged someone else.
 *
 * @param maxAttempts    attempts before giving up, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
 * @param maxAge         how long after submission a retry may still start; positive; default 30 min
 * @param initialBackoff the backoff cap of the first retry; positive; default 1 s
 * @param multiplier     growth of the cap per attempt, at least 1; default 2
 * @param maxBackoff     the largest backoff cap; at least {@code initialBackoff}; default 2 min
 * @since 0.1
 */
public record RetryPolicy(int maxAttempts, Duration maxAge, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** Default attempts before giving up. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** Default age after which a page is dead-lettered: 30 minutes. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);
    /** Default cap of the first backoff: 1 second. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Default growth of the backoff cap per attempt. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default largest backoff cap: 2 minutes. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(2);

    private static final RetryPolicy DEFAULTS = new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_AGE,
            DEFAULT_INITIAL_BACKOFF, DEFAULT_MULTIPLIER, DEFAULT_MAX_BACKOFF);

    /**
     * Checks every component.
     *
     * @param maxAttempts attempts before giving up, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
     * @param maxAge how long after submission a retry may still start; positive; default 30 min
     * @param initialBackoff the backoff cap of the first retry; positive; default 1 s
     * @param multiplier growth of the cap per attempt, at least 1; default 2
     * @param maxBackoff the largest backoff cap; at least {@code initialBackoff}; default 2 min
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
        }
        requirePositive(maxAge, "maxAge");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number of at least 1, but was " + multiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be less than initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    /**
     * The defaults listed above.
     *
     * @return the defaults listed above
     */
    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    /**
     * No retries: one attempt, then dead-letter.
     *
     * @return no retries: one attempt, then dead-letter
     */
    public static RetryPolicy noRetries() {
        return DEFAULTS.withMaxAttempts(1);
    }

    /**
     * A copy with another {@code maxAttempts}.
     *
     * @param maxAttempts attempts before giving up, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
     * @return a copy with another {@code maxAttempts}
     */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, maxAge, initialBackoff, multiplier, maxBackoff);
    }

    /**
     * A copy with another {@code maxAge}.
     *
     * @param maxAge how long after submission a retry may still start; positive; default 30 min
     * @return a copy with another {@code maxAge}
     */
    public RetryPolicy withMaxAge(Duration maxAge) {
        return new RetryPolicy(maxAttempts, maxAge, initialBackoff, multiplier, maxBackoff);
    }

    /**
     * A copy with another backoff curve.
     *
     * @param initialBackoff the backoff cap of the first retry; positive; default 1 s
     * @param multiplier growth of the cap per attempt, at least 1; default 2
     * @param maxBackoff the largest backoff cap; at least {@code initialBackoff}; default 2 min
     * @return a copy with another backoff curve
     */
    public RetryPolicy withBackoff(Duration initialBackoff, double multiplier, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, maxAge, initialBackoff, multiplier, maxBackoff);
    }

    /**
     * The backoff cap after attempt {@code attempt} (1-based), before jitter.
     *
     * @param attempt the number of the attempt just made, 1 for the first; at least 1
     * @return the backoff cap after attempt {@code attempt} (1-based), before jitter
     */
    public Duration backoffCap(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * The jittered delay after attempt {@code attempt}: {@code backoffCap(attempt) × random.nextDouble()}.
     * Draws exactly one double from {@code random}, so a seeded {@link Random} makes the schedule
     * reproducible.
     *
     * @param attempt the number of the attempt just made, 1 for the first; at least 1
     * @param random the jitter source; a seeded one gives a reproducible delay
     * @return the jittered delay after attempt {@code attempt}: {@code backoffCap(attempt) ×
     *     random.nextDouble()}
     */
    public Duration backoff(int attempt, Random random) {
        Objects.requireNonNull(random, "random");
        return Duration.ofNanos((long) (backoffCap(attempt).toNanos() * random.nextDouble()));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d);
        }
    }
}
