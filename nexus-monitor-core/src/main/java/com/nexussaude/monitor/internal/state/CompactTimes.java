package com.nexussaude.monitor.internal.state;

/**
 * The times (epoch ms) of a ring's slots, stored as {@code int} offsets from a base while the ring's live
 * times fit (about 24.8 days either side of it), else as plain {@code long}s: half the memory of a {@code
 * long[]} for the minute and trend windows the engine keeps per patient and vital, and exactly the same
 * values by construction ({@link #get} returns what {@link #set} stored, whatever the times).
 *
 * <p>The base moves to the time being stored when that time does not fit (once per 24.8 days of a running
 * monitor); the live times are rewritten relative to it. Only while the live times themselves span more than
 * an {@code int} of milliseconds (a window holding readings weeks apart) are they kept as {@code long}s; the
 * first time stored after that span has left the window makes them offsets again (checking every live time
 * at each store until then).
 *
 * <p>The owner's ring is {@code size} live slots from {@code head}, wrapping at {@link #capacity()}.
 * Not thread-safe.
 */
final class CompactTimes {
    private long base;
    /** The times as offsets from {@link #base}; null once {@link #wide} holds them. */
    private int[] offsets;
    /** The times themselves, once the live ones spanned more than an int; null until then. */
    private long[] wide;

    CompactTimes(int capacity) {
        offsets = new int[capacity];
    }

    int capacity() {
        return offsets != null ? offsets.length : wide.length;
    }

    /** Whether the times are stored as offsets (for the tests). */
    boolean compact() {
        return offsets != null;
    }

    long get(int slot) {
        return offsets != null ? base + offsets[slot] : wide[slot];
    }

    /** Stores {@code t} in {@code slot}, which is not one of the ring's live slots ({@code size} from {@code head}). */
    void set(int slot, long t, int head, int size) {
        if (offsets != null) {
            long offset = t - base;
            if (offset == (int) offset) {
                offsets[slot] = (int) offset;
                return;
            }
        }
        rebase(slot, t, head, size);
    }

    /**
     * Stores {@code t} in {@code slot} with {@code t} as the base if every live time fits an int from it (the
     * offsets again, if they were longs), else as longs.
     */
    private void rebase(int slot, long t, int head, int size) {
        int n = capacity();
        boolean fits = true;
        for (int k = 0; k < size && fits; k++) {
            long offset = get((head + k) % n) - t;
            fits = offset == (int) offset;
        }
        if (fits) {
            int[] rebased = offsets != null ? offsets : new int[n];
            for (int k = 0; k < size; k++) {
                int i = (head + k) % n;
                rebased[i] = (int) (get(i) - t); // read at the old base before the slot is overwritten
            }
            rebased[slot] = 0;
            offsets = rebased;
            wide = null;
            base = t;
        } else {
            if (wide == null) {
                long[] times = new long[n];
                for (int k = 0; k < size; k++) {
                    int i = (head + k) % n;
                    times[i] = get(i);
                }
                wide = times;
                offsets = null;
            }
            wide[slot] = t;
        }
    }

    /** A copy with room for {@code capacity} slots, the ring's live times moved to slots 0 to {@code size - 1}. */
    CompactTimes unrolled(int capacity, int head, int size) {
        int n = capacity();
        CompactTimes out = new CompactTimes(0);
        if (offsets != null) {
            out.base = base;
            out.offsets = new int[capacity];
            for (int k = 0; k < size; k++) {
                out.offsets[k] = offsets[(head + k) % n];
            }
        } else {
            out.offsets = null;
            out.wide = new long[capacity];
            for (int k = 0; k < size; k++) {
                out.wide[k] = wide[(head + k) % n];
            }
        }
        return out;
    }
}
