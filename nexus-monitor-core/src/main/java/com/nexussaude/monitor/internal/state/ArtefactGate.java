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
    private final Channel[] channels = {new Channel(), new Channel(), new Channel()};
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
        Arrays.fill(reason, null);
        Double spo2Ref = spo2 != null ? spo2 : channels[SPO2].latestPlausible(ts, Long.MAX_VALUE);
        boolean flatZero = rr != null && rr <= 0 && spo2Ref != null && spo2Ref >= FLAT_RR_SPO2;
        // Apnoea that corroborates a zero: this observation's rate (unless a lead-off flat zero), or a plausible
        // rate of the last CORROBORATION_MS.
        boolean apnoeaNow = rr != null && rr <= APNOEA_RR && !flatZero;
        Double recentRr = channels[RR].latestPlausible(ts, CORROBORATION_MS);
        boolean apnoea = apnoeaNow || (rr == null && recentRr != null && recentRr <= APNOEA_RR);
        boolean pulse = spo2 != null && spo2 >= PULSE_SPO2;
        boolean hrZero = hr != null && hr <= 0;
        boolean hrCollapse = hrZero && apnoea && !pulse;
        Double recentHr = hr != null && !hrZero ? hr : channels[HR].latestPlausible(ts, CORROBORATION_MS);
        boolean brady = recentHr != null && recentHr > 0 && recentHr < BRADY_HR;
        boolean spo2Zero = spo2 != null && spo2 <= 0;
        boolean spo2Collapse = spo2Zero && (apnoea || brady);
        if (rr != null) {
            // A rate that falls to apnoea together with a corroborated zero is part of the collapse, not a jump.
            reason[RR] = flatZero ? FLAT_ZERO
                    : apnoeaNow && (hrCollapse || spo2Collapse) ? channels[RR].accept(rr, ts) : channels[RR].jump(rr, ts, RR);
        }
        if (hr != null) {
            reason[HR] = hrZero ? (hrCollapse ? null : ZERO) : channels[HR].jump(hr, ts, HR);
        }
        if (spo2 != null) {
            reason[SPO2] = spo2Zero ? (spo2Collapse ? null : ZERO) : channels[SPO2].jump(spo2, ts, SPO2);
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
        for (int c = 0; c < 3; c++) {
            Double x = reading(c, hr, spo2, rr);
            if (x != null && reason[c] == null) {
                channels[c].plausible(x, ts);
            }
        }
        return reason;
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
        return channels[channel].median(ts);
    }

    /** Whether the channel's minute is kept as shorts and 16-bit time offsets (for the tests). */
    boolean compact(int channel) {
        return channels[channel].shorts != null && channels[channel].offsets != null;
    }

    /** Whether the channel's minute keeps its times as 16-bit offsets (for the tests). */
    boolean compactTimes(int channel) {
        return channels[channel].offsets != null;
    }

    /** The number of slots of the channel's ring (for the tests). */
    int capacity(int channel) {
        return channels[channel].capacity();
    }

    /** Whether {@code x} survives a round trip through a short bit for bit ({@code -0.0} does not). */
    static boolean isShort(double x) {
        return Double.doubleToRawLongBits((short) x) == Double.doubleToRawLongBits(x);
    }

    /**
     * One continuous vital: the previous reading, the open disturbance, and the last minute's plausible readings.
     *
     * <p>The minute is a ring in arrival order, and it was most of what a monitored patient retained, so it is kept
     * small, exactly: the values as {@code short}s while every one in the ring is a whole number of a short's range
     * (what monitors send for these vitals), else as doubles until the last one that is not has left; the times as
     * 16-bit offsets from {@link #base} while the ring's times span at most {@link #MAX_SPAN} ms (a minute at any
     * rate does), else as longs; and the ascending order the median reads as the ring's slot numbers (a byte each
     * up to 256 slots) instead of a second copy of the values. Every value and time reads back bit for bit by
     * construction. The ring starts at {@link #INITIAL_CAPACITY} slots and doubles; from {@link #RING_CAPACITY} on, a
     * full ring first drops what left the minute, as it always did (a 1 Hz vital's ring ends at 64 slots).
     */
    private final class Channel {
        /** The widest span of ring times kept as offsets: a char's range. */
        private static final long MAX_SPAN = Character.MAX_VALUE;
        /** The largest ring whose slot numbers fit a byte (read unsigned). */
        private static final int BYTE_SLOTS = 256;

        private long lastTs = NONE;
        private double lastValue;
        private long anchorTs = NONE;
        private double anchor;
        private long disturbedSince = NONE;
        /** The level before the disturbance: the last plausible value (SpO2: the highest of its window). */
        private double reference;
        /** The ring's values while all live ones are shorts; null while {@link #doubles} holds them. */
        private short[] shorts = new short[INITIAL_CAPACITY];
        private double[] doubles;
        /** The ring's times less {@link #base}; null while {@link #times} holds them. */
        private char[] offsets = new char[INITIAL_CAPACITY];
        private long[] times;
        private long base;
        /**
         * The {@code size} live slots ordered by value ({@link Double#compare}, the order of {@link Arrays#sort(double[])}),
         * equal values in arrival order; maintained as readings enter and leave: the median is read, not sorted, at
         * every observation (sorting the minute three times per observation was 39 % of the pipeline's CPU once the
         * packs' state left Esper). Bytes (read unsigned) up to {@link #BYTE_SLOTS} slots, else chars.
         */
        private byte[] order = new byte[INITIAL_CAPACITY];
        private char[] wideOrder;
        private int head;
        private int size;
        /** How many of the {@code size} readings are not shorts: when none is, the values are shorts again. */
        private int notShorts;

        private int capacity() {
            return shorts != null ? shorts.length : doubles.length;
        }

        private double value(int slot) {
            return shorts != null ? shorts[slot] : doubles[slot];
        }

        private long time(int slot) {
            return offsets != null ? base + offsets[slot] : times[slot];
        }

        /** The slot of the {@code k}-th smallest live value. */
        private int ordered(int k) {
            return order != null ? order[k] & 0xFF : wideOrder[k];
        }

        /** Takes a reading as plausible whatever the previous one was (it ends any disturbance); null. */
        String accept(double x, long ts) {
            lastTs = Math.max(lastTs, ts);
            lastValue = x;
            disturbedSince = NONE;
            return null;
        }

        /** JUMP when the non-zero reading starts or continues a disturbance, else null. */
        String jump(double x, long ts, int channel) {
            boolean jumped = lastTs != NONE && ts >= lastTs && ts - lastTs <= settings.jumpWindowMs()
                    && implausible(channel, x - lastValue)
                    || channel == SPO2 && ts >= anchorTs && implausibleInWindow(channel, x, ts);
            lastTs = Math.max(lastTs, ts);
            lastValue = x;
            if (disturbedSince == NONE) {
                if (!jumped) {
                    return null;
                }
                disturbedSince = ts;
                reference = channel == SPO2 ? Math.max(anchorTs == NONE ? x : anchor, highest(ts)) : anchorTs == NONE ? x : anchor;
                return JUMP;
            }
            // Back near the level before the disturbance (within half the plausible change), not merely
            // within a plausible change of a reading already drifting.
            boolean returned = anchorTs == NONE || !implausible(channel, 2 * (x - reference));
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
         */
        private boolean implausibleInWindow(int channel, double x, long ts) {
            long window = settings.spo2WindowMs();
            int n = capacity();
            for (int k = size - 1; k >= 0; k--) {
                int i = (head + k) % n;
                if (ts - time(i) > window) {
                    return false;
                }
                if (implausible(channel, x - value(i))) {
                    return true;
                }
            }
            return false;
        }

        /** The highest plausible reading of the SpO2 window before {@code ts} (NEGATIVE_INFINITY if none). */
        private double highest(long ts) {
            double max = Double.NEGATIVE_INFINITY;
            int n = capacity();
            for (int k = 0; k < size; k++) {
                int i = (head + k) % n;
                if (ts - time(i) <= settings.spo2WindowMs()) {
                    max = Math.max(max, value(i));
                }
            }
            return max;
        }

        private boolean implausible(int channel, double change) {
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
            int capacity = capacity();
            if (size == capacity) {
                if (capacity >= RING_CAPACITY) {
                    drop(ts);
                }
                if (size == capacity) {
                    grow(capacity * 2);
                }
            }
            int slot = (head + size) % capacity();
            setValue(slot, x);
            setTime(slot, ts);
            insertOrdered(slot, x);
            if (!isShort(x)) {
                notShorts++;
            }
            size++;
        }

        /** Doubles the ring, its live slots moved to 0 to {@code size - 1} (the order follows its slots). */
        private void grow(int capacity) {
            int n = capacity();
            if (shorts != null) {
                shorts = unrolled(shorts, new short[capacity], n);
            } else {
                doubles = unrolled(doubles, new double[capacity], n);
            }
            if (offsets != null) {
                offsets = unrolled(offsets, new char[capacity], n);
            } else {
                times = unrolled(times, new long[capacity], n);
            }
            byte[] narrowOrder = capacity <= BYTE_SLOTS ? new byte[capacity] : null;
            char[] widened = narrowOrder == null ? new char[capacity] : null;
            for (int k = 0; k < size; k++) {
                int moved = (ordered(k) - head + n) % n;
                if (narrowOrder != null) {
                    narrowOrder[k] = (byte) moved;
                } else {
                    widened[k] = (char) moved;
                }
            }
            order = narrowOrder;
            wideOrder = widened;
            head = 0;
        }

        /**
         * {@code into} (a larger array of the ring's element type) holding the ring's live slots at 0 to
         * {@code size - 1}, oldest first; {@code n} is the ring's capacity.
         */
        private <A> A unrolled(A ring, A into, int n) {
            int first = Math.min(size, n - head);
            System.arraycopy(ring, head, into, 0, first);
            System.arraycopy(ring, 0, into, first, size - first);
            return into;
        }

        /** Stores {@code x} in {@code slot} (not live); the values become doubles if it is not a short. */
        private void setValue(int slot, double x) {
            if (shorts != null) {
                if (isShort(x)) {
                    shorts[slot] = (short) x;
                    return;
                }
                double[] v = new double[shorts.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = shorts[i];
                }
                doubles = v;
                shorts = null;
            }
            doubles[slot] = x;
        }

        /**
         * Stores {@code t} in {@code slot} (not live). When it does not fit the offsets, the base moves to the
         * earliest of the live times and {@code t} (every few seconds at 1 Hz) and the live offsets are rewritten,
         * or, if they span more than {@link #MAX_SPAN} ms, the times become longs until a time stored fits again.
         */
        private void setTime(int slot, long t) {
            if (offsets != null) {
                long offset = t - base;
                if (offset >= 0 && offset <= MAX_SPAN) {
                    offsets[slot] = (char) offset;
                    return;
                }
            }
            int n = capacity();
            long lo = t;
            long hi = t;
            for (int k = 0; k < size; k++) {
                long live = time((head + k) % n);
                lo = Math.min(lo, live);
                hi = Math.max(hi, live);
            }
            long span = hi - lo; // negative if it overflowed: longs
            if (span >= 0 && span <= MAX_SPAN) {
                char[] rebased = offsets != null ? offsets : new char[n];
                for (int k = 0; k < size; k++) {
                    int i = (head + k) % n;
                    rebased[i] = (char) (time(i) - lo); // read at the old base before the slot is overwritten
                }
                rebased[slot] = (char) (t - lo);
                offsets = rebased;
                times = null;
                base = lo;
            } else {
                if (times == null) {
                    long[] wide = new long[n];
                    for (int k = 0; k < size; k++) {
                        int i = (head + k) % n;
                        wide[i] = time(i);
                    }
                    times = wide;
                    offsets = null;
                }
                times[slot] = t;
            }
        }

        /** Puts {@code slot}, holding {@code x}, into the order after any equal value. */
        private void insertOrdered(int slot, double x) {
            int at = upperBound(x);
            if (order != null) {
                System.arraycopy(order, at, order, at + 1, size - at);
                order[at] = (byte) slot;
            } else {
                System.arraycopy(wideOrder, at, wideOrder, at + 1, size - at);
                wideOrder[at] = (char) slot;
            }
        }

        /**
         * Takes {@code slot}, holding {@code x}, out of the order. It is the ring's oldest, and equal values are in
         * arrival order, so it is the first of its value; the search goes on past equal values of other slots only
         * to be exact whatever the order of equal values.
         */
        private void removeOrdered(int slot, double x) {
            int at = lowerBound(x);
            while (ordered(at) != slot) {
                at++;
            }
            if (order != null) {
                System.arraycopy(order, at + 1, order, at, size - at - 1);
            } else {
                System.arraycopy(wideOrder, at + 1, wideOrder, at, size - at - 1);
            }
        }

        /** The first index among the first {@code size} of the order whose value is greater than {@code x}. */
        private int upperBound(double x) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Double.compare(value(ordered(mid)), x) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The first index among the first {@code size} of the order whose value is not less than {@code x}. */
        private int lowerBound(double x) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Double.compare(value(ordered(mid)), x) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        Double latestPlausible(long ts, long maxAgeMs) {
            return anchorTs != NONE && ts - anchorTs <= maxAgeMs ? anchor : null;
        }

        /** The median of the minute up to the newer of {@code ts} and the newest reading (a late observation's time). */
        Double median(long ts) {
            drop(Math.max(ts, anchorTs));
            if (size == 0) {
                return null;
            }
            int n = size;
            return n % 2 == 1 ? value(ordered(n / 2)) : (value(ordered(n / 2 - 1)) + value(ordered(n / 2))) / 2;
        }

        /** Forgets readings older than the median's window. */
        private void drop(long ts) {
            while (size > 0 && time(head) <= ts - MEDIAN_WINDOW_MS) {
                double x = value(head);
                removeOrdered(head, x);
                head = (head + 1) % capacity();
                size--;
                if (!isShort(x) && --notShorts == 0) {
                    // Every reading still in the minute is a short (and the other slots are written before read).
                    short[] v = new short[doubles.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (short) doubles[i];
                    }
                    shorts = v;
                    doubles = null;
                }
            }
        }
    }
}
