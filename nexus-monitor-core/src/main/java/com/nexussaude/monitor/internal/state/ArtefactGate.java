package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Vital;
import java.util.Arrays;

/**
 * Decides, per patient, which readings of the continuous vitals (heart rate, SpO2, respiratory rate)
 * are artefacts that no clinical rule may see, and keeps the robust value (the median of the last
 * minute's plausible readings) that the cross-vital rules and NEWS2 score. docs/alarm-semantics.md is
 * the clinical description; this class is its implementation.
 *
 * <p>A reading is an artefact ({@link #JUMP}, {@link #ZERO}, {@link #FLAT_ZERO}) when:
 * <ul>
 * <li><b>jump</b>: it differs from the previous reading (at most {@code jumpWindowMs} earlier) by more
 *     than the plausible change (HR or RR either way, SpO2 downwards), or, for SpO2, it fell by more
 *     than that from any plausible reading of the last {@code spo2WindowMs}. The disturbance lasts, and every
 *     reading in it is an artefact, until a reading is back within half the plausible change of the level
 *     before it (the last plausible value; for SpO2 the highest of its window): the signal returned; or
 *     until the disturbance has lasted {@code settleMs}: a new level that persists that long is taken as real (a sudden arrhythmia), so a real step change is at
 *     most {@code settleMs} late and never suppressed.</li>
 * <li><b>zero</b>: SpO2 0 or heart rate 0 (a probe or lead off exports zeros) for as long as it lasts,
 *     unless an independent channel corroborates a collapse: a respiratory rate of at most {@link
 *     #APNOEA_RR} /min in the same observation (not a lead-off flat zero) or, without one, a plausible one
 *     within {@link #CORROBORATION_MS}; or (for SpO2 0) a non-zero heart rate below {@link #BRADY_HR}.
 *     A heart rate 0 while the same observation's SpO2 still reads {@link #PULSE_SPO2} % or more (a pulse
 *     is being detected) is never corroborated. A corroborated collapse reaches the clinical packs as it
 *     is (critical at once), and the respiratory rate that fell with it is no jump.</li>
 * <li><b>flat zero</b>: a respiratory rate of 0 while SpO2 (this observation's reading, else the latest
 *     plausible one) is still &gt;= 90 % — impedance lead off, not apnoea.</li>
 * <li><b>motion</b>: any other continuous vital of the patient while one of them is in a jump
 *     disturbance, and for {@link #MOTION_HOLD_MS} after its last implausible reading. Movement corrupts
 *     every channel at once (the oximeter's pulse rate and SpO2 come from the same moving finger, the
 *     impedance respiratory rate from the moving chest), and only the grossest change shows as a jump:
 *     the respiratory rate of a walking patient reads 4 or 39 while the pulse rate jumps. A corroborated
 *     collapse (zeros with apnoea or bradycardia) is never hidden as motion. The added delay for a real
 *     change of another vital is bounded: a disturbance lasts at most {@code settleMs}, so at most
 *     {@code settleMs + MOTION_HOLD_MS} (11 s by default), and only while a channel jumps implausibly.</li>
 * </ul>
 *
 * <p>Not thread-safe: the engine calls it under its lock.
 */
public final class ArtefactGate {
    static final String JUMP = "jump";
    static final String ZERO = "zero";
    static final String FLAT_ZERO = "flat-zero";
    static final String MOTION = "motion";
    /** How long after a channel's last implausible (jump) reading the patient's other channels are still motion. */
    static final long MOTION_HOLD_MS = 3000;
    /** A respiratory rate at or below this corroborates a zero SpO2 or heart rate (apnoea, agonal breathing). */
    static final double APNOEA_RR = 5;
    /** A non-zero heart rate below this corroborates a zero SpO2 (bradycardic collapse: no pulse to read). */
    static final double BRADY_HR = 40;
    /** A SpO2 at or above this in the same observation means a pulse is detected: a zero heart rate is a lead. */
    static final double PULSE_SPO2 = 50;
    /** How old a corroborating reading may be. */
    static final long CORROBORATION_MS = 10_000;
    /** SpO2 at or above this makes a zero respiratory rate a lead-off artefact (as the technical pack's rule). */
    static final double FLAT_RR_SPO2 = 90;
    /** The robust value's window. */
    static final long MEDIAN_WINDOW_MS = 60_000;

    static final int HR = 0;
    static final int SPO2 = 1;
    static final int RR = 2;

    /** The channel of a continuous vital (HR, SpO2, RR), or -1 for the others. */
    static int channelOf(Vital vital) {
        return switch (vital) {
            case HEART_RATE -> HR;
            case SPO2 -> SPO2;
            case RESPIRATORY_RATE -> RR;
            default -> -1;
        };
    }
    private static final long NONE = Long.MIN_VALUE;
    /** A channel's first ring size: a vital read at most 8 times a minute (or never) needs no more. */
    static final int INITIAL_CAPACITY = 8;
    /** From this ring size on, a full ring drops the readings that left the minute before it grows (as before). */
    static final int RING_CAPACITY = 64;

    /** The plausible change between two readings, the jump window and the settle time. */
    public record Settings(double hrJump, double spo2Drop, double rrJump, long jumpWindowMs, long settleMs, long spo2WindowMs) {
        public static final Settings DEFAULTS = new Settings(40, 15, 15, 2000, 8000, 10_000);
    }

    private final Settings settings;
    // Three fields, not an array of three: one object less per patient.
    private final Channel hrChannel = new Channel();
    private final Channel spo2Channel = new Channel();
    private final Channel rrChannel = new Channel();
    /** Until when (inclusive) the other channels of a jumping channel are motion; NONE: no motion. */
    private long motionUntil = NONE;
    /** Which channel's jump set {@link #motionUntil} (its own readings follow its own disturbance). */
    private int motionChannel = -1;

    ArtefactGate(Settings settings) {
        this.settings = settings;
    }

    /**
     * Screens one observation's continuous vitals (null: absent) and returns the artefact reason per
     * channel ({@link #HR}, {@link #SPO2}, {@link #RR}), null for a plausible reading or an absent one.
     * Plausible readings become the channels' latest plausible values and enter their medians.
     */
    String[] screen(Double hr, Double spo2, Double rr, long ts) {
        return screen(hr, spo2, rr, ts, new String[3]);
    }

    /**
     * As {@link #screen(Double, Double, Double, long)}, into {@code reason} (three slots, overwritten): the engine
     * passes one array for every patient instead of allocating one per observation.
     */
    String[] screen(Double hr, Double spo2, Double rr, long ts, String[] reason) {
        // Three stores, not Arrays.fill: the slots of absent readings are the only ones not set below.
        reason[HR] = null;
        reason[SPO2] = null;
        reason[RR] = null;
        // The channels' latest plausible values are read as primitives behind a found flag (no box per question).
        boolean flatZero = rr != null && rr <= 0 && (spo2 != null ? spo2 >= FLAT_RR_SPO2
                : spo2Channel.hasPlausible(ts, Long.MAX_VALUE) && spo2Channel.anchor >= FLAT_RR_SPO2);
        // Apnoea that corroborates a zero: this observation's rate (unless a lead-off flat zero), or a plausible
        // rate of the last CORROBORATION_MS.
        boolean apnoeaNow = rr != null && rr <= APNOEA_RR && !flatZero;
        boolean apnoea = apnoeaNow
                || (rr == null && rrChannel.hasPlausible(ts, CORROBORATION_MS) && rrChannel.anchor <= APNOEA_RR);
        boolean pulse = spo2 != null && spo2 >= PULSE_SPO2;
        boolean hrZero = hr != null && hr <= 0;
        boolean hrCollapse = hrZero && apnoea && !pulse;
        boolean hrNow = hr != null && !hrZero;
        boolean recentHr = hrNow || hrChannel.hasPlausible(ts, CORROBORATION_MS);
        double recentHrValue = hrNow ? hr : hrChannel.anchor;
        boolean brady = recentHr && recentHrValue > 0 && recentHrValue < BRADY_HR;
        boolean spo2Zero = spo2 != null && spo2 <= 0;
        boolean spo2Collapse = spo2Zero && (apnoea || brady);
        if (rr != null) {
            // A rate that falls to apnoea together with a corroborated zero is part of the collapse, not a jump.
            reason[RR] = flatZero ? FLAT_ZERO
                    : apnoeaNow && (hrCollapse || spo2Collapse) ? rrChannel.accept(rr, ts) : rrChannel.jump(rr, ts, RR, settings);
        }
        if (hr != null) {
            reason[HR] = hrZero ? (hrCollapse ? null : ZERO) : hrChannel.jump(hr, ts, HR, settings);
        }
        if (spo2 != null) {
            reason[SPO2] = spo2Zero ? (spo2Collapse ? null : ZERO) : spo2Channel.jump(spo2, ts, SPO2, settings);
        }
        for (int c = 0; c < 3; c++) {
            if (JUMP.equals(reason[c])) {
                motionUntil = ts + MOTION_HOLD_MS;
                motionChannel = c;
            }
        }
        if (!hrCollapse && !spo2Collapse && motionUntil != NONE && ts <= motionUntil) {
            // The jumping channel's own readings follow its own disturbance (a real step is taken after settleMs).
            for (int c = 0; c < 3; c++) {
                if (reading(c, hr, spo2, rr) != null && reason[c] == null && c != motionChannel) {
                    reason[c] = MOTION;
                }
            }
        }
        if (hr != null && reason[HR] == null) {
            hrChannel.plausible(hr, ts);
        }
        if (spo2 != null && reason[SPO2] == null) {
            spo2Channel.plausible(spo2, ts);
        }
        if (rr != null && reason[RR] == null) {
            rrChannel.plausible(rr, ts);
        }
        return reason;
    }

    /**
     * Reads the gate's own line ({@link PatientReadings.Patient#warm}); the record warms the channels' minutes itself,
     * from the channels it holds ({@link #channel}), one dependent load sooner than through the gate.
     */
    int warm() {
        return motionChannel;
    }

    /** Channel {@code c} ({@link #HR}, {@link #SPO2}, {@link #RR}): the same object for the gate's life. */
    Channel channel(int c) {
        return c == HR ? hrChannel : c == SPO2 ? spo2Channel : rrChannel;
    }

    /** Channel {@code c}'s reading of the observation being screened. */
    private static Double reading(int c, Double hr, Double spo2, Double rr) {
        return c == HR ? hr : c == SPO2 ? spo2 : rr;
    }

    /**
     * The median of the channel's plausible readings of the minute up to {@code ts} (or up to its newest
     * reading, if later), or null. Readings older than the channel's newest plausible one when they arrive
     * (late readings) are not in it.
     */
    Double median(int channel, long ts) {
        Channel c = channel(channel);
        double m = c.median(ts);
        return c.size == 0 ? null : m;
    }

    /**
     * As {@link #median(int, long)}, NaN for none: no box per channel and observation. Only for finite readings (the
     * validator rejects NaN and infinities), whose median is never NaN, so NaN means none.
     */
    double medianOrNaN(int channel, long ts) {
        return channel(channel).median(ts);
    }

    /** Whether the channel's minute is kept packed: every value a short, the times within 65,535 ms (for the tests). */
    boolean compact(int channel) {
        return channel(channel).packed != null;
    }

    /** Whether the channel's minute keeps its times as 16-bit offsets (for the tests): only the packed form does. */
    boolean compactTimes(int channel) {
        return compact(channel);
    }

    /**
     * The channel's minute in its order (for the tests): each reading's value's raw bits, then its time. The packed
     * form's newest reading is put in place first, as any read of the minute does.
     */
    long[] minute(int channel) {
        return channel(channel).minute();
    }

    /** The number of slots of the channel's minute (for the tests). */
    int capacity(int channel) {
        return channel(channel).capacity();
    }

    /** Whether {@code x} survives a round trip through a short bit for bit ({@code -0.0} does not). */
    static boolean isShort(double x) {
        return Double.doubleToRawLongBits((short) x) == Double.doubleToRawLongBits(x);
    }

    /**
     * One continuous vital: the previous reading, the open disturbance, and the last minute's plausible readings.
     *
     * <p>The minute was most of what a monitored patient retained, so it is kept small, exactly, and in the order
     * the median reads: its readings sorted by value ({@link Double#compare}, the order of {@link
     * Arrays#sort(double[])}), equal values in arrival order. While every value is a whole number of a short's range
     * (what monitors send for these vitals) and the times span at most {@link #MAX_SPAN} ms (a minute at any rate
     * does), a reading is one {@code int} of {@link #packed}: its value in the high 16 bits, its time less {@link
     * #base} in the low 16, so the ints' own order is the value's, then the time's (arrival: the minute's times only
     * grow); 4 bytes a reading and one array, where a ring of values, a ring of times and a ring of the sorted order
     * took 5 bytes and three arrays. Otherwise the values are doubles and the times longs, in two arrays in the same
     * order, until every reading fits again. Every value and time reads back bit for bit by construction. The minute
     * has no arrival order to walk: the readings leaving it are found by their times ({@link #oldestOffset} says when
     * one is due), and the SpO2 window's questions are asked from the highest value down (see {@link
     * #implausibleInWindow}). It starts at {@link #INITIAL_CAPACITY} slots and doubles; from {@link #RING_CAPACITY}
     * on, a full minute first drops what left it, as it always did (a 1 Hz vital's ends at 64 slots).
     *
     * <p>Packed, the newest reading is appended last and put in its place only when the minute is next read ({@link
     * #settleNewest}): usually by the observation's median, whose drop then takes the leaving reading out and puts the
     * newest in with one shift of the entries between the two, its search within lines the drop's scan has just read
     * (the scan's loads are independent, a search's are not; at 10,000 patients the minute is out of cache). Sorted
     * order is unique (equal ints are equal readings), so every answer is the one an insert at once gives.
     */
    static final class Channel {
        /** The widest span of the minute's times kept as offsets: a char's range. */
        private static final long MAX_SPAN = Character.MAX_VALUE;
        private static final int OFFSET_MASK = 0xFFFF;

        private long lastTs = NONE;
        private double lastValue;
        private long anchorTs = NONE;
        private double anchor;
        private long disturbedSince = NONE;
        /** The level before the disturbance: the last plausible value (SpO2: the highest of its window). */
        private double reference;
        /** The minute packed (value, time less {@link #base}), sorted; null while {@link #wide} holds it. */
        private int[] packed = new int[INITIAL_CAPACITY];
        /**
         * The minute when a value is not a short or its times span too much, sorted: reading {@code k}'s value's raw
         * bits at {@code 2k}, its time at {@code 2k + 1} (one array, not two: one object less when it exists).
         */
        private long[] wide;
        /** What the packed times are offsets from: at most the oldest live time. */
        private long base;
        /**
         * The oldest live time less {@link #base} while packed and not empty: nothing leaves the minute before it
         * is due. (Wide, the oldest is looked for: the wide minute is the rare one.)
         */
        private int oldestOffset;
        private int size;
        /** How many of the {@code size} readings are not shorts (counted while {@link #wide} holds the minute). */
        private int notShorts;

        /** A word of each 64-byte span of the minute's array, and its last. */
        int warm() {
            int[] p = packed;
            return p == null ? size : size + CacheLines.touch(p);
        }

        private long[] minute() {
            if (packed != null) {
                settleNewest();
            }
            long[] m = new long[2 * size];
            for (int k = 0; k < size; k++) {
                m[2 * k] = Double.doubleToRawLongBits(value(k));
                m[2 * k + 1] = packed != null ? timeOf(packed[k]) : wideTime(k);
            }
            return m;
        }

        private int capacity() {
            return packed != null ? packed.length : wide.length / 2;
        }

        /** Reading {@code k}'s value in the wide minute. */
        private double wideValue(int k) {
            return Double.longBitsToDouble(wide[2 * k]);
        }

        /** Reading {@code k}'s time in the wide minute. */
        private long wideTime(int k) {
            return wide[2 * k + 1];
        }

        /** The oldest live time of the wide minute (Long.MAX_VALUE if empty). */
        private long wideOldest() {
            long oldest = Long.MAX_VALUE;
            for (int k = 0; k < size; k++) {
                oldest = Math.min(oldest, wideTime(k));
            }
            return oldest;
        }

        private static double valueOf(int entry) {
            return (short) (entry >> 16);
        }

        private long timeOf(int entry) {
            return base + (entry & OFFSET_MASK);
        }

        /** The {@code k}-th smallest live value. */
        private double value(int k) {
            return packed != null ? valueOf(packed[k]) : wideValue(k);
        }

        /** Takes a reading as plausible whatever the previous one was (it ends any disturbance); null. */
        String accept(double x, long ts) {
            lastTs = Math.max(lastTs, ts);
            lastValue = x;
            disturbedSince = NONE;
            return null;
        }

        /** JUMP when the non-zero reading starts or continues a disturbance, else null. */
        String jump(double x, long ts, int channel, Settings settings) {
            boolean jumped = lastTs != NONE && ts >= lastTs && ts - lastTs <= settings.jumpWindowMs()
                    && implausible(channel, x - lastValue, settings)
                    || channel == SPO2 && ts >= anchorTs && implausibleInWindow(channel, x, ts, settings);
            lastTs = Math.max(lastTs, ts);
            lastValue = x;
            if (disturbedSince == NONE) {
                if (!jumped) {
                    return null;
                }
                disturbedSince = ts;
                reference = channel == SPO2 ? Math.max(anchorTs == NONE ? x : anchor, highest(ts, settings)) : anchorTs == NONE ? x : anchor;
                return JUMP;
            }
            // Back near the level before the disturbance (within half the plausible change), not merely
            // within a plausible change of a reading already drifting.
            boolean returned = anchorTs == NONE || !implausible(channel, 2 * (x - reference), settings);
            if (returned || ts - disturbedSince >= settings.settleMs()) {
                disturbedSince = NONE;
                return null;
            }
            return JUMP;
        }

        /**
         * Whether the SpO2 reading {@code x} fell implausibly from any plausible reading of the SpO2 window (a
         * probe that drifts 97, 91, 86, 80 as the finger moves: real desaturation is slower than 15 points in
         * 10 s). Heart rate and respiratory rate are compared with their previous reading only: a real rise in
         * rate can be fast, and two plausible steps are two plausible steps.
         *
         * <p>Packed, the question is asked from the highest value down and stops at the first value that is not
         * implausible: a fall from a value ({@code -(x - v)}) only grows with the value (subtraction rounds
         * monotonically), so no lower value is implausible either; usually the highest answers at once. The answer
         * is the one a walk of the whole window gives.
         */
        private boolean implausibleInWindow(int channel, double x, long ts, Settings settings) {
            long window = settings.spo2WindowMs();
            if (packed != null) {
                settleNewest();
                for (int k = size - 1; k >= 0; k--) {
                    int entry = packed[k];
                    if (!implausible(channel, x - valueOf(entry), settings)) {
                        return false;
                    }
                    if (ts - timeOf(entry) <= window) {
                        return true;
                    }
                }
                return false;
            }
            for (int k = 0; k < size; k++) {
                if (ts - wideTime(k) <= window && implausible(channel, x - wideValue(k), settings)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The highest plausible reading of the SpO2 window before {@code ts} (NEGATIVE_INFINITY if none). Packed,
         * the first reading of the window from the highest value down (shorts: no -0.0, no NaN); otherwise the
         * {@link Math#max} of the window's readings in the minute's order (which keeps NaNs in arrival order).
         */
        private double highest(long ts, Settings settings) {
            long window = settings.spo2WindowMs();
            if (packed != null) {
                settleNewest();
                for (int k = size - 1; k >= 0; k--) {
                    if (ts - timeOf(packed[k]) <= window) {
                        return valueOf(packed[k]);
                    }
                }
                return Double.NEGATIVE_INFINITY;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < size; k++) {
                if (ts - wideTime(k) <= window) {
                    max = Math.max(max, wideValue(k));
                }
            }
            return max;
        }

        private static boolean implausible(int channel, double change, Settings settings) {
            return switch (channel) {
                case HR -> Math.abs(change) > settings.hrJump();
                case SPO2 -> -change > settings.spo2Drop();
                default -> Math.abs(change) > settings.rrJump();
            };
        }

        void plausible(double x, long ts) {
            if (ts < anchorTs) {
                return; // late: like a minute mean, the robust value takes no reading older than its newest
            }
            anchor = x;
            anchorTs = ts;
            if (packed != null) {
                settleNewest(); // only the last entry may be out of place: the one appended by the previous call
            }
            int capacity = capacity();
            if (size == capacity) {
                if (capacity >= RING_CAPACITY) {
                    drop(ts);
                }
                if (size == capacity) {
                    grow(capacity * 2);
                }
            }
            if (size == 0) {
                base = ts;
                oldestOffset = 0;
            }
            if (packed != null && !packs(x, ts)) {
                unpack();
            }
            if (packed != null) {
                packed[size++] = (((int) (short) x) << 16) | (int) (ts - base); // settled in place by the next read
            } else {
                insertWide(x, ts);
                size++;
                packIfFits();
            }
        }

        /**
         * Whether {@code x} at {@code ts} (no earlier than any live time) can join the packed minute, moving the
         * base to the oldest live time first if that makes its offset fit.
         */
        private boolean packs(double x, long ts) {
            if (!isShort(x)) {
                return false;
            }
            long offset = ts - base; // the base is at most every live time and ts, so this only overflows to < 0
            if (offset >= 0 && offset <= MAX_SPAN) {
                return true;
            }
            long span = ts - (base + oldestOffset);
            if (span < 0 || span > MAX_SPAN) {
                return false;
            }
            int shift = oldestOffset;
            for (int k = 0; k < size; k++) {
                packed[k] -= shift; // the offset only, which stays >= 0: the value's bits are untouched
            }
            base += shift;
            oldestOffset = 0;
            return true;
        }

        /**
         * Puts the newest reading, appended last by {@link #plausible}, after every other entry not greater (equal: same
         * value and time); the others are sorted. Nothing to move, and one line read, when it is already in place.
         */
        private void settleNewest() {
            int n = size - 1;
            if (n <= 0) {
                return;
            }
            int entry = packed[n];
            if (entry >= packed[n - 1]) {
                return;
            }
            int at = after(entry, n);
            System.arraycopy(packed, at, packed, at + 1, n - at);
            packed[at] = entry;
        }

        /**
         * The index after every entry not greater than {@code entry} among the first {@code n} (sorted) packed ones. A
         * fixed number of halvings, each a conditional move rather than a branch: the probes' outcomes are coin flips
         * (the minute's values cluster around the newest), which a branch mispredicts half the time.
         */
        private int after(int entry, int n) {
            if (n == 0) {
                return 0;
            }
            int lo = 0;
            int len = n;
            while (len > 1) {
                int half = len >>> 1;
                lo = packed[lo + half - 1] <= entry ? lo + half : lo; // the answer stays within [lo, lo + len]
                len -= half;
            }
            return packed[lo] <= entry ? lo + 1 : lo;
        }

        /** Puts {@code x} at {@code t} into the wide minute after any equal value (arrival order among equals). */
        private void insertWide(double x, long t) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Double.compare(wideValue(mid), x) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(wide, 2 * lo, wide, 2 * lo + 2, 2 * (size - lo));
            wide[2 * lo] = Double.doubleToRawLongBits(x);
            wide[2 * lo + 1] = t;
            if (!isShort(x)) {
                notShorts++;
            }
        }

        /** The packed minute as the wide one, in the same order. */
        private void unpack() {
            settleNewest();
            long[] w = new long[2 * packed.length];
            for (int k = 0; k < size; k++) {
                w[2 * k] = Double.doubleToRawLongBits(valueOf(packed[k]));
                w[2 * k + 1] = timeOf(packed[k]);
            }
            wide = w;
            notShorts = 0;
            packed = null;
        }

        /**
         * Packs the wide minute again once every live value is a short and its times span at most {@link #MAX_SPAN}
         * (from the oldest live time to the newest, the anchor's). The order is kept: by value, then arrival, which
         * is the order of the times.
         */
        private void packIfFits() {
            if (notShorts != 0 || size == 0) {
                return;
            }
            long oldest = wideOldest();
            if (anchorTs - oldest < 0 || anchorTs - oldest > MAX_SPAN) {
                return;
            }
            int[] p = new int[capacity()];
            for (int k = 0; k < size; k++) {
                p[k] = (((int) (short) wideValue(k)) << 16) | (int) (wideTime(k) - oldest);
            }
            packed = p;
            base = oldest;
            oldestOffset = 0;
            wide = null;
        }

        /** Doubles the minute's array (sorted, not a ring: the live readings stay where they are). */
        private void grow(int capacity) {
            if (packed != null) {
                packed = Arrays.copyOf(packed, capacity);
            } else {
                wide = Arrays.copyOf(wide, 2 * capacity);
            }
        }

        /** Whether there is a plausible reading at most {@code maxAgeMs} before {@code ts} (then {@link #anchor} is it). */
        boolean hasPlausible(long ts, long maxAgeMs) {
            return anchorTs != NONE && ts - anchorTs <= maxAgeMs;
        }

        /**
         * The median of the minute up to the newer of {@code ts} and the newest reading (a late observation's time);
         * NaN if the minute is empty.
         */
        double median(long ts) {
            drop(Math.max(ts, anchorTs));
            if (packed != null) {
                settleNewest(); // nothing left the minute (or the drop put the newest in place already)
            }
            int n = size;
            if (n == 0) {
                return Double.NaN;
            }
            return n % 2 == 1 ? value(n / 2) : (value(n / 2 - 1) + value(n / 2)) / 2;
        }

        /**
         * Forgets readings older than the median's window: every one whose time is at most {@code ts - }{@link
         * #MEDIAN_WINDOW_MS} (in arrival order they are the oldest, as the ring's head once was), keeping the others'
         * order. Packed, nothing to do, and nothing read, until the oldest is due.
         */
        private void drop(long ts) {
            long cutoff = ts - MEDIAN_WINDOW_MS;
            if (size == 0) {
                return;
            }
            int kept = 0;
            if (packed != null) {
                if (base + oldestOffset > cutoff) {
                    return;
                }
                // One read-only pass over the sorted entries (all but the newest, appended last: see plausible) finds what
                // leaves (offsets at most cut: base + offset <= cutoff) and the next oldest of what stays. A vital read
                // once a second loses one reading a second and gains one: one shift of the entries between the leaving
                // one and the newest's place takes the one out and puts the other in (the others keep their order).
                long cut = cutoff - base;
                int n = size;
                int newest = packed[n - 1];
                int leaving = 0;
                int last = -1;
                int nextOldest = Integer.MAX_VALUE;
                for (int k = 0; k < n - 1; k++) {
                    int offset = packed[k] & OFFSET_MASK;
                    if (offset > cut) {
                        nextOldest = Math.min(nextOldest, offset);
                    } else {
                        leaving++;
                        last = k;
                    }
                }
                if (leaving == 1 && (newest & OFFSET_MASK) > cut) {
                    int at = after(newest, n - 1);
                    if (at <= last) {
                        System.arraycopy(packed, at, packed, at + 1, last - at);
                        packed[at] = newest;
                    } else {
                        System.arraycopy(packed, last + 1, packed, last, at - 1 - last);
                        packed[at - 1] = newest;
                    }
                    size = n - 1;
                    oldestOffset = Math.min(nextOldest, newest & OFFSET_MASK);
                    return;
                }
                // Otherwise (more than one leaving, or the newest too) as an insert at once would have it: the newest
                // in place, then a pass that finds what leaves; one arraycopy for one, a filter for more.
                settleNewest();
                leaving = 0;
                last = -1;
                nextOldest = Integer.MAX_VALUE;
                for (int k = 0; k < n; k++) {
                    int offset = packed[k] & OFFSET_MASK;
                    if (offset > cut) {
                        nextOldest = Math.min(nextOldest, offset);
                    } else {
                        leaving++;
                        last = k;
                    }
                }
                if (leaving == 1) {
                    System.arraycopy(packed, last + 1, packed, last, n - last - 1);
                } else {
                    for (int k = 0; k < n; k++) {
                        int entry = packed[k];
                        if ((entry & OFFSET_MASK) > cut) {
                            packed[kept++] = entry;
                        }
                    }
                }
                size = n - leaving;
                oldestOffset = nextOldest;
                return;
            }
            for (int k = 0; k < size; k++) {
                long t = wideTime(k);
                if (t > cutoff) {
                    wide[2 * kept] = wide[2 * k];
                    wide[2 * kept++ + 1] = t;
                } else if (!isShort(wideValue(k))) {
                    notShorts--;
                }
            }
            size = kept;
            packIfFits();
        }
    }
}
