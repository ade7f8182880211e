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
 * is three array slots (16 bytes: two int time offsets and a double).
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
    // about once a minute (its ring ends at 32 slots), NIBP every 15 min holds 12 in 3 h. The times are
    // int offsets while they fit (CompactTimes: the same times, half the memory); the values stay doubles
    // (a minute mean is rarely a whole number).
    private CompactTimes arrival = new CompactTimes(2);
    private CompactTimes ts = new CompactTimes(2);
    private double[] value = new double[2];
    private int head;
    private int size;

    TrendLine(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Adds a point that arrived at {@code now}, after dropping the points that left the window. */
    void add(long now, long pointTs, double pointValue) {
        while (size > 0 && arrival.get(head) + windowMs <= now) {
            head = (head + 1) % value.length;
            size--;
        }
        if (size == value.length) {
            grow();
        }
        int slot = (head + size) % value.length;
        arrival.set(slot, now, head, size);
        ts.set(slot, pointTs, head, size);
        value[slot] = pointValue;
        size++;
    }

    private void grow() {
        int n = value.length;
        double[] v = new double[2 * n];
        for (int i = 0; i < size; i++) {
            v[i] = value[(head + i) % n];
        }
        arrival = arrival.unrolled(2 * n, head, size);
        ts = ts.unrolled(2 * n, head, size);
        value = v;
        head = 0;
    }

    /** The line through the window's points, as the event for the newest one. */
    VitalTrend trend(String patientId, String ward, String vital) {
        int n = value.length;
        int newest = (head + size - 1) % n;
        long origin = ts.get(newest);
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            sumX += (ts.get(k) - origin) / MS_PER_HOUR;
            sumY += value[k];
        }
        double meanX = sumX / size;
        double meanY = sumY / size;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            double dx = (ts.get(k) - origin) / MS_PER_HOUR - meanX;
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
