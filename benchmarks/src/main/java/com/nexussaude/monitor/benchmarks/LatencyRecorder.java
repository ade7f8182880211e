package com.nexussaude.monitor.benchmarks;

import java.util.Arrays;

/**
 * Records latencies (ns) exactly and reports percentiles. A few tens of thousands of samples per
 * run fit in a {@code long[]}, so exact percentiles cost less code than a histogram library and no
 * dependency (HdrHistogram would only be needed for millions of samples or for merging runs).
 *
 * <p>Not thread-safe: one writer. A value of 0 is stored as 1 ns, because 0 marks an empty slot in
 * indexed mode.
 */
public final class LatencyRecorder {
    private final long[] values;
    private int count;

    /** Room for {@code capacity} samples; more are dropped (and counted by {@link #dropped()}). */
    public LatencyRecorder(int capacity) {
        values = new long[capacity];
    }

    private long dropped;

    /** Records one latency. */
    public void record(long nanos) {
        if (count < values.length) {
            values[count++] = Math.max(1, nanos);
        } else {
            dropped++;
        }
    }

    /** Samples recorded. */
    public int count() {
        return count;
    }

    /** Samples that did not fit. */
    public long dropped() {
        return dropped;
    }

    /** The recorded latencies, sorted. */
    public long[] sorted() {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }

    /**
     * The {@code q}-quantile (0..1) of {@code sorted} by the nearest-rank method: the smallest value
     * with at least {@code q * n} samples at or below it; 0 when empty.
     */
    public static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
