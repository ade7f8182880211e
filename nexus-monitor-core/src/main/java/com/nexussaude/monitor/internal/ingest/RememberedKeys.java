package com.nexussaude.monitor.internal.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;

/**
 * A bounded memory of keys (the most recent {@code maximumSize}, Caffeine's eviction), created at its
 * first use: most monitors never see an unknown patient or a rejected value, and building a Caffeine
 * cache loads some 80 classes, a tenth of {@code build()}'s time in a fresh JVM (benchmarks/RESULTS.md,
 * "Start-up"). Safe for concurrent use, as the cache it holds.
 */
final class RememberedKeys {
    private final long maximumSize;
    private volatile Cache<String, Boolean> cache;

    RememberedKeys(long maximumSize) {
        this.maximumSize = maximumSize;
    }

    /** The cache's map view: created now if it is not yet. */
    ConcurrentMap<String, Boolean> asMap() {
        return cache().asMap();
    }

    /** Forgets a key (nothing to do before the first key). */
    void invalidate(String key) {
        Cache<String, Boolean> c = cache;
        if (c != null) {
            c.invalidate(key);
        }
    }

    /** About how many keys are remembered (0 before the first). */
    long estimatedSize() {
        Cache<String, Boolean> c = cache;
        return c == null ? 0 : c.estimatedSize();
    }

    private Cache<String, Boolean> cache() {
        Cache<String, Boolean> c = cache;
        if (c == null) {
            synchronized (this) {
                c = cache;
                if (c == null) {
                    c = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
                    cache = c;
                }
            }
        }
        return c;
    }
}
