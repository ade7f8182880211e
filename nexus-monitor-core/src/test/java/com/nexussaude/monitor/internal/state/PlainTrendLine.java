package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Vital;

/**
 * The reference for {@link TrendLine}'s compact rings: the class as it was before them (commit b048806), with plain
 * {@code double[]}/{@code long[]} arrays, kept unchanged so that the tests can require the compact one to decide
 * exactly (bit for bit) what this one decides. Its original documentation follows.
 *
 * One vital's trend points of its window for one patient, and the least-squares line through them
 * (the {@code VitalTrend} event). Which points and how long a window depend on the vital
 * ({@link #WINDOW_MS}, {@link #OF_MINUTES}).
 *
 * <p>Why not an EPL window ({@code #groupwin(patientId)#time(30 min)#linest(...)}, what the trend pack
 * used): each point then cost about 140 bytes (the event, its event bean, the window's entry and its
 * reverse-index node), and each per-patient regression kept its last output row of boxed statistics:
 * 13 KB per patient for the three 1 Hz vitals' minute points, 7 KB for systolic BP's and
 * temperature's readings, together more than half of what a monitored patient retained. Here a point
 * is three array slots (24 bytes).
 *
 * <p>The window is the one Esper's {@code #time} keeps: the points that arrived (by the monitor
 * clock) less than the window ago. The line is fitted with x in hours relative to the newest point
 * and centred sums, so no digits go to cancellation however long the monitor runs (Esper's running
 * sums needed an x origin near the data for that).
 *
 * <p>Not thread-safe: used under the engine's lock.
 */
final class PlainTrendLine {
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
    // about once a minute (its ring ends at 32 slots), NIBP every 15 min holds 12 in 3 h.
    private long[] arrival = new long[2];
    private long[] ts = new long[2];
    private double[] value = new double[2];
    private int head;
    private int size;

    PlainTrendLine(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Adds a point that arrived at {@code now}, after dropping the points that left the window. */
    void add(long now, long pointTs, double pointValue) {
        while (size > 0 && arrival[head] + windowMs <= now) {
            head = (head + 1) % arrival.length;
            size--;
        }
        if (size == arrival.length) {
            grow();
        }
        int slot = (head + size) % arrival.length;
        arrival[slot] = now;
        ts[slot] = pointTs;
        value[slot] = pointValue;
        size++;
    }

    private void grow() {
        int n = arrival.length;
        long[] a = new long[2 * n];
        long[] t = new long[2 * n];
        double[] v = new double[2 * n];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % n;
            a[i] = arrival[from];
            t[i] = ts[from];
            v[i] = value[from];
        }
        arrival = a;
        ts = t;
        value = v;
        head = 0;
    }

    /** The line through the window's points, as the event for the newest one. */
    VitalTrend trend(String patientId, String ward, String vital) {
        int n = arrival.length;
        int newest = (head + size - 1) % n;
        long origin = ts[newest];
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            sumX += (ts[k] - origin) / MS_PER_HOUR;
            sumY += value[k];
        }
        double meanX = sumX / size;
        double meanY = sumY / size;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            double dx = (ts[k] - origin) / MS_PER_HOUR - meanX;
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
