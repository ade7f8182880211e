package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Vital;

/**
 * TrendLine as it was before a line became its array (the oracle of {@code TrendLineArrayTest}): an object of 40 bytes
 * around the ring, with the same points, forms and growth. Otherwise as it was.
 */
final class ObjectTrendLine {
    private static final double MS_PER_HOUR = 3_600_000.0;

    /**
     * Per vital ({@link Vital#ordinal()}): its trend window in ms, 0 for a vital without a trend line, and
     * whether its points are its minute means (else its readings). The 1 Hz vitals regress their minute
     * means over 30 minutes; NIBP (every 15-60 min) and temperature (hourly or less) regress every
     * reading over 3 and 4 hours, long enough to hold three readings.
     */
    private static final long[] WINDOW_MS = new long[Vital.values().length];
    private static final boolean[] OF_MINUTES = new boolean[Vital.values().length];

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

    /** Bits of a packed point: its arrival less the base, then its lag behind its arrival (shifted), then its value as p/q. */
    private static final int ARRIVAL_BITS = 24;
    private static final int LAG_BITS = 17;
    private static final int NUMERATOR_BITS = 15;
    private static final int DENOMINATOR_BITS = 8;
    /** A packed lag is {@code arrival - ts + LAG_SHIFT}: from 32.8 s ahead of the arrival to 98.3 s behind it. */
    private static final long LAG_SHIFT = 1L << (LAG_BITS - 1);
    private static final long MAX_ARRIVAL = (1L << ARRIVAL_BITS) - 1;
    private static final long MAX_LAG = (1L << LAG_BITS) - 1;
    private static final int MAX_NUMERATOR = (1 << NUMERATOR_BITS) - 1;
    private static final int MAX_DENOMINATOR = (1 << DENOMINATOR_BITS) - 1;

    /** The window in ms (an int: the longest trend window is 4 h; an int keeps the line object at 40 bytes). */
    private final int windowMs;
    // A ring, oldest at head. It starts at one slot and grows one slot at a time up to 64 (then by half), so that it
    // holds no more slots than the window ever held points at once: a 1 Hz vital publishes a point about once a minute
    // (its ring ends at the 30 or 31 points of its 30 minutes, where doubling made 32), NIBP every 15 min holds 12 in
    // 3 h. The trend lines were a third of what a patient retained, so while every live point fits, a point is one
    // long: its arrival as an offset from the base (24 bits: 4.66 h, more than the longest window), its own time as
    // its lag behind its arrival (17 bits: a minute mean's time is about 30 s before the minute is published), and its
    // value as a fraction p/q (15 and 8 bits) whose division gives back the value bit for bit (a minute mean of whole
    // readings is their sum over their count; a whole reading is itself over 1; a temperature in tenths, tenths). A
    // point that does not fit makes the line keep its times as longs and its values as doubles until the last such
    // point has left the window.
    /**
     * While {@link #packed}, the points packed ({@link #pack}), one long a slot; otherwise, per slot, the arrival at
     * 3 * slot, the point's time at 3 * slot + 1 and its value's raw bits at 3 * slot + 2.
     */
    private long[] points = new long[1];
    private boolean packed = true;
    /**
     * While packed, the base of the packed arrivals; while not, how many live points could not be packed whatever the
     * base (value or lag). One field for the two (each is used only in its own form): the object is 40 bytes, not 48.
     */
    private long baseOrMisfits;
    private int head;
    private int size;

    ObjectTrendLine(long windowMs) {
        if (windowMs <= 0 || windowMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a trend window must be 1 to " + Integer.MAX_VALUE + " ms, but was " + windowMs);
        }
        this.windowMs = (int) windowMs;
    }

    private int capacity() {
        return packed ? points.length : points.length / 3;
    }

    private long arrival(int slot) {
        return packed ? baseOrMisfits + (points[slot] >>> (64 - ARRIVAL_BITS)) : points[3 * slot];
    }

    private long ts(int slot) {
        if (!packed) {
            return points[3 * slot + 1];
        }
        long lag = (points[slot] >>> (NUMERATOR_BITS + DENOMINATOR_BITS)) & MAX_LAG;
        return arrival(slot) - (lag - LAG_SHIFT);
    }

    private double value(int slot) {
        if (!packed) {
            return Double.longBitsToDouble(points[3 * slot + 2]);
        }
        long p = points[slot];
        return (double) ((p >>> DENOMINATOR_BITS) & MAX_NUMERATOR) / (p & MAX_DENOMINATOR);
    }

    /** Whether the points are packed (for the tests). */
    boolean compact() {
        return packed;
    }

    /** The ring's slots (for the tests). */
    int slots() {
        return capacity();
    }

    /**
     * The fraction p/q (p in the low bits above q's) with the smallest q whose division gives back {@code x} bit
     * for bit, or -1 if there is none in range (a negative value, -0.0, NaN, a mean of readings in hundredths).
     */
    static long fraction(double x) {
        if (!(x >= 0 && x <= MAX_NUMERATOR)) {
            return -1;
        }
        long bits = Double.doubleToRawLongBits(x);
        for (int q = 1; q <= MAX_DENOMINATOR; q++) {
            long p = (long) Math.rint(x * q);
            if (p > MAX_NUMERATOR) {
                return -1;
            }
            // As value() divides: the integer p, so that -0.0 (rint gives -0.0, the numerator +0) is no fraction.
            if (Double.doubleToRawLongBits((double) p / q) == bits) {
                return p << DENOMINATOR_BITS | q;
            }
        }
        return -1;
    }

    /** The point's lag behind its arrival, shifted into the packed range, or -1 if out of it. */
    private static long lag(long arrival, long pointTs) {
        long lag = arrival - pointTs + LAG_SHIFT;
        return lag >= 0 && lag <= MAX_LAG && pointTs <= arrival + LAG_SHIFT ? lag : -1; // the last test: no overflow
    }

    /** Whether a point could be packed at some base. */
    private static boolean packable(long arrival, long pointTs, double x) {
        return lag(arrival, pointTs) >= 0 && fraction(x) >= 0;
    }

    private long pack(long arrival, long lag, long fraction) {
        return (arrival - baseOrMisfits) << (64 - ARRIVAL_BITS) | lag << (NUMERATOR_BITS + DENOMINATOR_BITS) | fraction;
    }

    /** Adds a point that arrived at {@code now}, after dropping the points that left the window. */
    void add(long now, long pointTs, double pointValue) {
        while (size > 0 && arrival(head) + windowMs <= now) {
            if (!packed && !packable(points[3 * head], points[3 * head + 1], value(head))) {
                baseOrMisfits--;
            }
            head = (head + 1) % capacity();
            size--;
        }
        if (size == capacity()) {
            grow();
        }
        int slot = (head + size) % capacity();
        long lag = lag(now, pointTs);
        long fraction = lag >= 0 ? fraction(pointValue) : -1;
        boolean fits = lag >= 0 && fraction >= 0;
        if (fits && (packed || baseOrMisfits == 0)) {
            long offset = now - baseOrMisfits;
            if (packed && offset >= 0 && offset <= MAX_ARRIVAL || repack(now)) {
                points[slot] = pack(now, lag, fraction);
                size++;
                return;
            }
        }
        if (packed) {
            unpack();
        }
        points[3 * slot] = now;
        points[3 * slot + 1] = pointTs;
        points[3 * slot + 2] = Double.doubleToRawLongBits(pointValue);
        if (!fits) {
            baseOrMisfits++;
        }
        size++;
    }

    /**
     * Packs the live points with the base at the earliest of their arrivals and {@code now} (once per 4.66 h less
     * the window, for a running monitor), if every arrival is within {@link #MAX_ARRIVAL} of it; every live point is
     * packable (the caller knows).
     */
    private boolean repack(long now) {
        int n = capacity();
        long lo = now;
        long hi = now;
        for (int k = 0; k < size; k++) {
            long a = arrival((head + k) % n);
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        long span = hi - lo;
        if (span < 0 || span > MAX_ARRIVAL) {
            return false;
        }
        long[] repacked = new long[n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % n;
            long a = arrival(i);
            repacked[i] = (a - lo) << (64 - ARRIVAL_BITS) | lag(a, ts(i)) << (NUMERATOR_BITS + DENOMINATOR_BITS)
                    | fraction(value(i));
        }
        points = repacked;
        packed = true;
        baseOrMisfits = lo;
        return true;
    }

    /** Keeps the live points as longs and doubles (all of them packable: no misfit yet). */
    private void unpack() {
        int n = capacity();
        long[] wide = new long[3 * n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % n;
            wide[3 * i] = arrival(i);
            wide[3 * i + 1] = ts(i);
            wide[3 * i + 2] = Double.doubleToRawLongBits(value(i));
        }
        points = wide;
        packed = false;
        baseOrMisfits = 0; // no misfit yet
    }

    /** One slot more up to 64 (a point a minute, once a minute: the copies cost nothing), then half as many again. */
    private void grow() {
        int n = capacity();
        int grown = n < 64 ? n + 1 : n + (n >> 1);
        int stride = packed ? 1 : 3;
        long[] p = new long[stride * grown];
        for (int i = 0; i < size; i++) {
            System.arraycopy(points, stride * ((head + i) % n), p, stride * i, stride);
        }
        points = p;
        head = 0;
    }

    /** The line through the window's points, as the event for the newest one. */
    VitalTrend trend(String patientId, String ward, String vital) {
        int n = capacity();
        int newest = (head + size - 1) % n;
        long origin = ts(newest);
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            sumX += (ts(k) - origin) / MS_PER_HOUR;
            sumY += value(k);
        }
        double meanX = sumX / size;
        double meanY = sumY / size;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            double dx = (ts(k) - origin) / MS_PER_HOUR - meanX;
            sxx += dx * dx;
            sxy += dx * (value(k) - meanY);
        }
        double slope = size < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
        // The newest point is x = 0: the span is twice its distance from the mean x (exact for evenly
        // spaced points), and the line's ends are the fitted values at either end of that span.
        double half = -meanX;
        return new VitalTrend(patientId, ward, vital, windowMs / 60_000, origin, value(newest), size, slope,
                2 * half * 60, meanY - slope * half, meanY + slope * half);
    }
}
