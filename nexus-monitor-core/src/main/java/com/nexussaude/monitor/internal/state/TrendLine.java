package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Vital;

/**
 * One vital's trend points of its window for one patient, and the least-squares line through them
 * (the {@code VitalTrend} event). Which points and how long a window depend on the vital
 * ({@link #WINDOW_MS}, {@link #OF_MINUTES}).
 *
 * <p>Why not an EPL window ({@code #groupwin(patientId)#time(30 min)#linest(...)}, what the trend pack
 * used): each point then cost about 140 bytes (the event, its event bean, the window's entry and its
 * reverse-index node), and each per-patient regression kept its last output row of boxed statistics:
 * 13 KB per patient for the three 1 Hz vitals' minute points, 7 KB for systolic BP's and
 * temperature's readings, together more than half of what a monitored patient retained. Here a point
 * is two array slots (16 bytes: its two times as int offsets in a long, and a double).
 *
 * <p>The window is the one Esper's {@code #time} keeps: the points that arrived (by the monitor
 * clock) less than the window ago. The line is fitted with x in hours relative to the newest point
 * and centred sums, so no digits go to cancellation however long the monitor runs (Esper's running
 * sums needed an x origin near the data for that).
 *
 * <p>Not thread-safe: used under the engine's lock.
 */
final class TrendLine {
    private static final double MS_PER_HOUR = 3_600_000.0;

    /**
     * Per vital ({@link Vital#ordinal()}): its trend window in ms, 0 for a vital without a trend line, and
     * whether its points are its minute means (else its readings). The 1 Hz vitals regress their minute
     * means over 30 minutes; NIBP (every 15-60 min) and temperature (hourly or less) regress every
     * reading over 3 and 4 hours, long enough to hold three readings.
     */
    static final long[] WINDOW_MS = new long[Vital.values().length];
    static final boolean[] OF_MINUTES = new boolean[Vital.values().length];

    static {
        for (Vital v : Vital.values()) {
            switch (v) {
                case HEART_RATE, SPO2, RESPIRATORY_RATE -> {
                    WINDOW_MS[v.ordinal()] = 30 * 60_000L;
                    OF_MINUTES[v.ordinal()] = true;
                }
                case SYSTOLIC_BP -> WINDOW_MS[v.ordinal()] = 3 * 3_600_000L;
                case TEMPERATURE -> WINDOW_MS[v.ordinal()] = 4 * 3_600_000L;
                default -> { }
            }
        }
    }

    private final long windowMs;
    // A ring, oldest at head. It starts small and doubles as needed: a 1 Hz vital publishes a point
    // about once a minute (its ring ends at 32 slots), NIBP every 15 min holds 12 in 3 h. A point's two
    // times, its arrival and its own, share one long as int offsets from one base while they fit (the
    // same times exactly, in one array without a helper object: this was a third of what the lines
    // retained), else the two longs themselves; the values stay doubles (a minute mean is rarely a whole
    // number).
    /** Per slot, (arrival - base) in the high int and (ts - base) in the low int; null while {@link #wide} holds them. */
    private long[] packed = new long[2];
    /** Per slot, the arrival at 2 * slot and the point's time at 2 * slot + 1; null while {@link #packed} holds them. */
    private long[] wide;
    private long base;
    private double[] value = new double[2];
    private int head;
    private int size;

    TrendLine(long windowMs) {
        this.windowMs = windowMs;
    }

    private long arrival(int slot) {
        return packed != null ? base + (packed[slot] >> 32) : wide[2 * slot];
    }

    private long ts(int slot) {
        return packed != null ? base + (int) packed[slot] : wide[2 * slot + 1];
    }

    /** Whether the times are kept as int offsets (for the tests). */
    boolean compact() {
        return packed != null;
    }

    /** Adds a point that arrived at {@code now}, after dropping the points that left the window. */
    void add(long now, long pointTs, double pointValue) {
        while (size > 0 && arrival(head) + windowMs <= now) {
            head = (head + 1) % value.length;
            size--;
        }
        if (size == value.length) {
            grow();
        }
        int slot = (head + size) % value.length;
        setTimes(slot, now, pointTs);
        value[slot] = pointValue;
        size++;
    }

    private static boolean fits(long offset) {
        return offset == (int) offset;
    }

    /**
     * Stores a point's times in {@code slot} (not live). When they do not fit the offsets, the base moves to
     * {@code now} (once per 24.8 days of a running monitor) and the live offsets are rewritten, or, if a live time
     * or the point's is more than an int of ms from it, the times are kept as longs until a point stored fits again.
     */
    private void setTimes(int slot, long now, long pointTs) {
        if (packed != null && fits(now - base) && fits(pointTs - base)) {
            packed[slot] = (now - base) << 32 | (pointTs - base) & 0xFFFF_FFFFL;
            return;
        }
        int n = value.length;
        boolean fit = fits(pointTs - now);
        for (int k = 0; k < size && fit; k++) {
            int i = (head + k) % n;
            fit = fits(arrival(i) - now) && fits(ts(i) - now);
        }
        if (fit) {
            long[] rebased = packed != null ? packed : new long[n];
            for (int k = 0; k < size; k++) {
                int i = (head + k) % n;
                // read at the old base before the slot is overwritten
                rebased[i] = (arrival(i) - now) << 32 | (ts(i) - now) & 0xFFFF_FFFFL;
            }
            rebased[slot] = (pointTs - now) & 0xFFFF_FFFFL;
            packed = rebased;
            wide = null;
            base = now;
        } else {
            if (wide == null) {
                long[] times = new long[2 * n];
                for (int k = 0; k < size; k++) {
                    int i = (head + k) % n;
                    times[2 * i] = arrival(i);
                    times[2 * i + 1] = ts(i);
                }
                wide = times;
                packed = null;
            }
            wide[2 * slot] = now;
            wide[2 * slot + 1] = pointTs;
        }
    }

    private void grow() {
        int n = value.length;
        double[] v = new double[2 * n];
        for (int i = 0; i < size; i++) {
            v[i] = value[(head + i) % n];
        }
        if (packed != null) {
            long[] p = new long[2 * n];
            for (int i = 0; i < size; i++) {
                p[i] = packed[(head + i) % n];
            }
            packed = p;
        } else {
            long[] w = new long[4 * n];
            for (int i = 0; i < size; i++) {
                int from = (head + i) % n;
                w[2 * i] = wide[2 * from];
                w[2 * i + 1] = wide[2 * from + 1];
            }
            wide = w;
        }
        value = v;
        head = 0;
    }

    /** The line through the window's points, as the event for the newest one. */
    VitalTrend trend(String patientId, String ward, String vital) {
        int n = value.length;
        int newest = (head + size - 1) % n;
        long origin = ts(newest);
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            sumX += (ts(k) - origin) / MS_PER_HOUR;
            sumY += value[k];
        }
        double meanX = sumX / size;
        double meanY = sumY / size;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            double dx = (ts(k) - origin) / MS_PER_HOUR - meanX;
            sxx += dx * dx;
            sxy += dx * (value[k] - meanY);
        }
        double slope = size < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
        // The newest point is x = 0: the span is twice its distance from the mean x (exact for evenly
        // spaced points), and the line's ends are the fitted values at either end of that span.
        double half = -meanX;
        return new VitalTrend(patientId, ward, vital, (int) (windowMs / 60_000), origin, value[newest], size, slope,
                2 * half * 60, meanY - slope * half, meanY + slope * half);
    }
}
