package com.nexussaude.monitor.internal.lifecycle;

/**
 * The times (epoch ms) one patient, rule and key was raised within the flapping window, oldest first: what
 * flapping detection counts. A ring of primitive longs rather than a {@code Deque<Long>}: a raise adds one
 * time without boxing it, and most histories hold one or two times, so the ring starts at two slots
 * instead of the sixteen an {@code ArrayDeque} allocates.
 */
final class RaiseTimes {
    private long[] times = new long[2];
    private int head;
    private int size;

    /** Appends the time of a raise (raises come in time order). */
    void add(long at) {
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) % times.length];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) % times.length] = at;
        size++;
    }

    /** Drops the times at or before {@code horizon} from the oldest end, as raises arrive in time order. */
    void dropUpTo(long horizon) {
        while (size > 0 && times[head] <= horizon) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    /**
     * Drops every time at or before {@code horizon}, wherever it is: a restored history is in journal order,
     * which need not be time order, so the oldest-end trim of {@link #dropUpTo} would not do there.
     */
    void removeUpTo(long horizon) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long t = times[(head + i) % times.length];
            if (t > horizon) {
                times[(head + kept) % times.length] = t; // kept <= i: never overwrites a time not yet read
                kept++;
            }
        }
        size = kept;
    }

    /** The time {@code i} places from the oldest. */
    long get(int i) {
        return times[(head + i) % times.length];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
