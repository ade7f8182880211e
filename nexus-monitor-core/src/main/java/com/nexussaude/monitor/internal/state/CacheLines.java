package com.nexussaude.monitor.internal.state;

/**
 * Reads one element of each 64-byte line of an array, and its last, for the state's {@code warm} methods ({@link
 * PatientReadings.Patient#warm}): the sum depends on every load, so the JIT keeps them, and the loads are independent
 * of one another, so their cache misses overlap.
 */
final class CacheLines {
    private CacheLines() {
    }

    /** An element of each line of {@code a} (8 longs a line) and its last; 0 for an empty array. */
    static int touch(long[] a) {
        int w = 0;
        for (int k = 0; k < a.length; k += 8) {
            w += (int) a[k];
        }
        return a.length == 0 ? w : w + (int) a[a.length - 1];
    }

    /** An element of each line of {@code a} (16 ints a line) and its last; 0 for an empty array. */
    static int touch(int[] a) {
        int w = 0;
        for (int k = 0; k < a.length; k += 16) {
            w += a[k];
        }
        return a.length == 0 ? w : w + a[a.length - 1];
    }
}
