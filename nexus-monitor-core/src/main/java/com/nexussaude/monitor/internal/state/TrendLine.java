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
 * is one long while it fits (8 bytes, see the fields), else two longs and a double (24 bytes).
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

    /**
     * A line is one long[]: {@link #HEADER}, {@link #BASE}, then its ring of points from {@link #DATA} (so a patient's
     * line is its array, without an object of 40 bytes around it: 4.6 lines a patient). The header holds the ring's
     * head (low 32 bits), its size (the next 31) and, in the sign bit, that the points are wide.
     */
    private static final int HEADER = 0;
    /**
     * While packed, the base of the packed arrivals; while wide, how many live points could not be packed whatever
     * the base (value or lag). One slot for the two: each is used only in its own form.
     */
    private static final int BASE = 1;
    private static final int DATA = 2;
    private static final long WIDE = Long.MIN_VALUE;

    // The ring, oldest at head. It starts at one slot and grows one slot at a time up to 64 (then by half), so that it
    // holds no more slots than the window ever held points at once: a 1 Hz vital publishes a point about once a minute
    // (its ring ends at the 30 or 31 points of its 30 minutes, where doubling made 32), NIBP every 15 min holds 12 in
    // 3 h. The trend lines were a third of what a patient retained, so while every live point fits, a point is one
    // long: its arrival as an offset from the base (24 bits: 4.66 h, more than the longest window), its own time as
    // its lag behind its arrival (17 bits: a minute mean's time is about 30 s before the minute is published), and its
    // value as a fraction p/q (15 and 8 bits) whose division gives back the value bit for bit (a minute mean of whole
    // readings is their sum over their count; a whole reading is itself over 1; a temperature in tenths, tenths). A
    // point that does not fit makes the line keep, per slot, its arrival at 3 * slot, its time at 3 * slot + 1 and its
    // value's raw bits at 3 * slot + 2 (from DATA) until the last such point has left the window.

    /** A line of no points, packed, with one slot. */
    static long[] newLine() {
        return new long[DATA + 1];
    }

    private static boolean packed(long[] line) {
        return line[HEADER] >= 0;
    }

    private static int head(long[] line) {
        return (int) line[HEADER];
    }

    private static int size(long[] line) {
        return (int) (line[HEADER] >>> 32) & Integer.MAX_VALUE;
    }

    private static void header(long[] line, boolean packed, int head, int size) {
        line[HEADER] = (packed ? 0 : WIDE) | (long) size << 32 | head;
    }

    private static int capacity(long[] line) {
        return packed(line) ? line.length - DATA : (line.length - DATA) / 3;
    }

    private static long arrival(long[] line, int slot) {
        return packed(line) ? line[BASE] + (line[DATA + slot] >>> (64 - ARRIVAL_BITS)) : line[DATA + 3 * slot];
    }

    private static long ts(long[] line, int slot) {
        if (!packed(line)) {
            return line[DATA + 3 * slot + 1];
        }
        long lag = (line[DATA + slot] >>> (NUMERATOR_BITS + DENOMINATOR_BITS)) & MAX_LAG;
        return arrival(line, slot) - (lag - LAG_SHIFT);
    }

    private static double value(long[] line, int slot) {
        if (!packed(line)) {
            return Double.longBitsToDouble(line[DATA + 3 * slot + 2]);
        }
        long p = line[DATA + slot];
        return (double) ((p >>> DENOMINATOR_BITS) & MAX_NUMERATOR) / (p & MAX_DENOMINATOR);
    }

    /** Whether the line's points are packed (for the tests). */
    static boolean compact(long[] line) {
        return packed(line);
    }

    /** The line's ring's slots (for the tests). */
    static int slots(long[] line) {
        return capacity(line);
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

    private static long pack(long base, long arrival, long lag, long fraction) {
        return (arrival - base) << (64 - ARRIVAL_BITS) | lag << (NUMERATOR_BITS + DENOMINATOR_BITS) | fraction;
    }

    /**
     * Adds a point that arrived at {@code now} to a line of window {@code windowMs} ({@link #newLine}, or what an
     * earlier call returned), after dropping the points that left the window; returns the line, a new array if the
     * ring grew or changed form (the caller keeps the returned one).
     */
    static long[] add(long[] line, long windowMs, long now, long pointTs, double pointValue) {
        boolean packed = packed(line);
        int head = head(line);
        int size = size(line);
        int n = capacity(line);
        while (size > 0 && arrival(line, head) + windowMs <= now) {
            if (!packed && !packable(line[DATA + 3 * head], line[DATA + 3 * head + 1], value(line, head))) {
                line[BASE]--;
            }
            head = (head + 1) % n;
            size--;
        }
        if (size == n) {
            line = grow(line, head, size);
            head = 0;
            n = capacity(line);
        }
        int slot = (head + size) % n;
        long lag = lag(now, pointTs);
        long fraction = lag >= 0 ? fraction(pointValue) : -1;
        boolean fits = lag >= 0 && fraction >= 0;
        if (fits && (packed || line[BASE] == 0)) {
            long offset = now - line[BASE];
            long[] repacked = packed && offset >= 0 && offset <= MAX_ARRIVAL ? line : repack(line, head, size, now);
            if (repacked != null) {
                repacked[DATA + slot] = pack(repacked[BASE], now, lag, fraction);
                header(repacked, true, head, size + 1);
                return repacked;
            }
        }
        if (packed) {
            line = unpack(line, head, size);
        }
        line[DATA + 3 * slot] = now;
        line[DATA + 3 * slot + 1] = pointTs;
        line[DATA + 3 * slot + 2] = Double.doubleToRawLongBits(pointValue);
        if (!fits) {
            line[BASE]++;
        }
        header(line, false, head, size + 1);
        return line;
    }

    /**
     * The live points packed with the base at the earliest of their arrivals and {@code now} (once per 4.66 h less
     * the window, for a running monitor), if every arrival is within {@link #MAX_ARRIVAL} of it, else null; every
     * live point is packable (the caller knows). The header is the caller's to write.
     */
    private static long[] repack(long[] line, int head, int size, long now) {
        int n = capacity(line);
        long lo = now;
        long hi = now;
        for (int k = 0; k < size; k++) {
            long a = arrival(line, (head + k) % n);
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        long span = hi - lo;
        if (span < 0 || span > MAX_ARRIVAL) {
            return null;
        }
        long[] repacked = new long[DATA + n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % n;
            long a = arrival(line, i);
            repacked[DATA + i] = (a - lo) << (64 - ARRIVAL_BITS) | lag(a, ts(line, i)) << (NUMERATOR_BITS + DENOMINATOR_BITS)
                    | fraction(value(line, i));
        }
        repacked[BASE] = lo;
        return repacked;
    }

    /** The live points as longs and doubles (all of them packable: no misfit yet); the header is the caller's. */
    private static long[] unpack(long[] line, int head, int size) {
        int n = capacity(line);
        long[] wide = new long[DATA + 3 * n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % n;
            wide[DATA + 3 * i] = arrival(line, i);
            wide[DATA + 3 * i + 1] = ts(line, i);
            wide[DATA + 3 * i + 2] = Double.doubleToRawLongBits(value(line, i));
        }
        wide[BASE] = 0; // no misfit yet
        return wide;
    }

    /**
     * One slot more up to 64 (a point a minute, once a minute: the copies cost nothing), then half as many again; the
     * live points from slot 0, in the same form (the header is the caller's).
     */
    private static long[] grow(long[] line, int head, int size) {
        int n = capacity(line);
        int grown = n < 64 ? n + 1 : n + (n >> 1);
        int stride = packed(line) ? 1 : 3;
        long[] p = new long[DATA + stride * grown];
        for (int i = 0; i < size; i++) {
            System.arraycopy(line, DATA + stride * ((head + i) % n), p, DATA + stride * i, stride);
        }
        p[HEADER] = line[HEADER] & WIDE; // the form, until the caller writes the rest
        p[BASE] = line[BASE];
        return p;
    }

    /** As {@link #trend(long[], long, String, String, String, int, long)} for a patient of no SpO2 reading or movement yet. */
    static VitalTrend trend(long[] line, long windowMs, String patientId, String ward, String vital) {
        return trend(line, windowMs, patientId, ward, vital, 1, -1L);
    }

    /**
     * The line through the window's points (of a line of window {@code windowMs}), as the event for the newest one, with
     * the patient's SpO2 scale and latest movement as the trend pack reads them.
     */
    static VitalTrend trend(long[] line, long windowMs, String patientId, String ward, String vital, int spo2Scale,
            long motionTs) {
        int n = capacity(line);
        int head = head(line);
        int size = size(line);
        int newest = (head + size - 1) % n;
        long origin = ts(line, newest);
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            sumX += (ts(line, k) - origin) / MS_PER_HOUR;
            sumY += value(line, k);
        }
        double meanX = sumX / size;
        double meanY = sumY / size;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < size; i++) {
            int k = (head + i) % n;
            double dx = (ts(line, k) - origin) / MS_PER_HOUR - meanX;
            sxx += dx * dx;
            sxy += dx * (value(line, k) - meanY);
        }
        double slope = size < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
        // The newest point is x = 0: the span is twice its distance from the mean x (exact for evenly
        // spaced points), and the line's ends are the fitted values at either end of that span.
        double half = -meanX;
        return new VitalTrend(patientId, ward, vital, (int) (windowMs / 60_000), origin, value(line, newest), size, slope,
                2 * half * 60, meanY - slope * half, meanY + slope * half, spo2Scale, motionTs);
    }

    /** The window in ms (at most {@code Integer.MAX_VALUE}: the longest trend window is 4 h). */
    private final long windowMs;
    private long[] line = newLine();

    /** A line as an object, for the tests (the patient's record keeps the array itself). */
    TrendLine(long windowMs) {
        this.windowMs = checkedWindow(windowMs);
    }

    /** {@code windowMs} if it is a trend window (1 ms to {@code Integer.MAX_VALUE}), else an error. */
    static long checkedWindow(long windowMs) {
        if (windowMs <= 0 || windowMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a trend window must be 1 to " + Integer.MAX_VALUE + " ms, but was " + windowMs);
        }
        return windowMs;
    }

    void add(long now, long pointTs, double pointValue) {
        line = add(line, windowMs, now, pointTs, pointValue);
    }

    VitalTrend trend(String patientId, String ward, String vital) {
        return trend(line, windowMs, patientId, ward, vital);
    }

    /** Whether the points are packed (for the tests). */
    boolean compact() {
        return compact(line);
    }

    /** The ring's slots (for the tests). */
    int slots() {
        return slots(line);
    }
}
