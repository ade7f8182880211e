package com.nexussaude.monitor.internal.state;

import java.util.Arrays;

/**
 * A first-in first-out queue of open minutes, each an owner, a vital ordinal and the minute's start: what {@link
 * PatientReadings} kept as an {@code ArrayDeque} of one small record per open minute. Here an entry is an owner
 * reference and one long in two ring arrays (12 bytes, against 28 for a record and its slot), since every patient has
 * a few entries at any time (a continuous vital's minute stays queued until its sweep time, after its own next
 * reading published it).
 *
 * <p>The long is the minute's start with the vital ordinal (below 32) in its five low bits: a start is a multiple of
 * 60,000 = 2^5 * 1,875, so those bits are zero, even where {@code floorDiv(ts, 60_000) * 60_000} wrapped around
 * (near {@code Long.MIN_VALUE}; 2^64 is a multiple of 2^5). Every start is kept exactly.
 *
 * <p>Not thread-safe (under the engine's lock, as its owner).
 */
final class OpenMinutes<P> {
    private static final long VITAL_MASK = 31;

    private Object[] owners = new Object[16];
    private long[] keys = new long[16];
    private int head;
    private int size;

    /** Queues the minute starting at {@code minute} (its five low bits zero) of the owner's vital {@code vital} (0-31). */
    void addLast(P owner, int vital, long minute) {
        if (vital < 0 || vital > VITAL_MASK || (minute & VITAL_MASK) != 0) {
            throw new IllegalArgumentException("not an open minute: vital " + vital + ", minute " + minute);
        }
        if (size == owners.length) {
            grow();
        }
        int at = (head + size) & (owners.length - 1);
        owners[at] = owner;
        keys[at] = minute | vital;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The first entry's owner; the queue must not be empty. */
    @SuppressWarnings("unchecked")
    P firstOwner() {
        return (P) owners[head];
    }

    /** The first entry's vital ordinal; the queue must not be empty. */
    int firstVital() {
        return (int) (keys[head] & VITAL_MASK);
    }

    /** The first entry's minute start; the queue must not be empty. */
    long firstMinute() {
        return keys[head] & ~VITAL_MASK;
    }

    /** Drops the first entry; the queue must not be empty. */
    void removeFirst() {
        owners[head] = null;
        head = (head + 1) & (owners.length - 1);
        size--;
    }

    private void grow() {
        int n = owners.length;
        Object[] o = new Object[n * 2];
        long[] k = new long[n * 2];
        for (int i = 0; i < size; i++) {
            o[i] = owners[(head + i) & (n - 1)];
            k[i] = keys[(head + i) & (n - 1)];
        }
        Arrays.fill(owners, null);
        owners = o;
        keys = k;
        head = 0;
    }
}
