package com.nexussaude.monitor.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (the token's subject, or the address of an unauthenticated caller):
 * {@code perMinute} requests a minute, in bursts of up to {@code perMinute}. Buckets live in a
 * Caffeine cache and are forgotten after 10 idle minutes (by then they would be full anyway).
 */
final class RateLimiter {
    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final int perMinute;
    private final LongSupplier nanoTime;

    RateLimiter(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** Takes one token: 0 if allowed, else the whole seconds until one is available (for Retry-After). */
    long acquire(String client) {
        Bucket b = buckets.get(client, k -> {
            Bucket n = new Bucket();
            n.tokens = perMinute;
            n.refilledAt = nanoTime.getAsLong();
            return n;
        });
        synchronized (b) {
            long now = nanoTime.getAsLong();
            double perNano = perMinute / 60e9;
            b.tokens = Math.min(perMinute, b.tokens + (now - b.refilledAt) * perNano);
            b.refilledAt = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
        }
    }
}
