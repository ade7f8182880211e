package com.nexussaude.monitor.notify.dispatch;

/** The token bucket behind a {@link RateLimit}; not thread-safe (a lane guards it). */
final class TokenBucket {

    private final long nanosPerPermit;
    private final long capacityNanos;
    /** Tokens are kept as "nanos of refill time banked", so no fractions are needed. */
    private long bankedNanos;
    private long lastNanos;

    TokenBucket(RateLimit limit, long nowNanos) {
        this.nanosPerPermit = limit.nanosPerPermit();
        this.capacityNanos = nanosPerPermit * limit.burst();
        this.bankedNanos = capacityNanos;
        this.lastNanos = nowNanos;
    }

    /** Takes a token and returns 0, or returns how many nanoseconds until one is available. */
    long tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        bankedNanos = Math.min(capacityNanos, bankedNanos + elapsed);
        if (bankedNanos >= nanosPerPermit) {
            bankedNanos -= nanosPerPermit;
            return 0;
        }
        return nanosPerPermit - bankedNanos;
    }
}
