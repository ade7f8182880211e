package com.nexussaude.monitor.internal.state;

import java.util.Arrays;

/**
 * An array of doubles stored as {@code short}s while every value stored in it is a whole number of a short's
 * range (the readings monitors send for heart rate, SpO2 and respiratory rate), and as {@code double}s from the
 * first value that is not: a quarter of the memory for the artefact gate's minute of readings, and exactly the
 * same values by construction, as the JDK's compact strings keep Latin-1 text in bytes. "Exactly" is bit for
 * bit: a value is stored as a short only if it comes back with the same bits ({@code -0.0} does not).
 *
 * <p>The owner narrows it again ({@link #narrow()}) once no value it still reads needs a double. Not thread-safe.
 */
final class CompactDoubles {
    /** The values while all are shorts; null once {@link #wide} holds them. */
    private short[] narrow;
    /** The values once one was not a short; null until then. */
    private double[] wide;

    CompactDoubles(int capacity) {
        narrow = new short[capacity];
    }

    /** Whether {@code x} survives a round trip through a short bit for bit. */
    static boolean isShort(double x) {
        return Double.doubleToRawLongBits((short) x) == Double.doubleToRawLongBits(x);
    }

    int capacity() {
        return narrow != null ? narrow.length : wide.length;
    }

    /** Whether the values are stored as shorts (for the tests). */
    boolean compact() {
        return narrow != null;
    }

    double get(int i) {
        return narrow != null ? narrow[i] : wide[i];
    }

    void set(int i, double x) {
        if (narrow != null) {
            if (isShort(x)) {
                narrow[i] = (short) x;
                return;
            }
            widen();
        }
        wide[i] = x;
    }

    private void widen() {
        double[] values = new double[narrow.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = narrow[i];
        }
        wide = values;
        narrow = null;
    }

    /**
     * Stores the values as shorts again; the caller knows that every slot it will read before writing it holds
     * a short (the others are lost).
     */
    void narrow() {
        if (narrow == null) {
            short[] values = new short[wide.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (short) wide[i];
            }
            narrow = values;
            wide = null;
        }
    }

    /** {@link System#arraycopy} within this array. */
    void move(int from, int to, int length) {
        if (narrow != null) {
            System.arraycopy(narrow, from, narrow, to, length);
        } else {
            System.arraycopy(wide, from, wide, to, length);
        }
    }

    /** A copy with room for {@code capacity} values, a ring's {@code size} live values from {@code head} first. */
    CompactDoubles unrolled(int capacity, int head, int size) {
        int n = capacity();
        CompactDoubles out = new CompactDoubles(0);
        if (narrow != null) {
            out.narrow = new short[capacity];
            for (int k = 0; k < size; k++) {
                out.narrow[k] = narrow[(head + k) % n];
            }
        } else {
            out.narrow = null;
            out.wide = new double[capacity];
            for (int k = 0; k < size; k++) {
                out.wide[k] = wide[(head + k) % n];
            }
        }
        return out;
    }

    /** Makes room for {@code capacity} values, keeping the first ones (as {@link Arrays#copyOf}). */
    void grow(int capacity) {
        if (narrow != null) {
            narrow = Arrays.copyOf(narrow, capacity);
        } else {
            wide = Arrays.copyOf(wide, capacity);
        }
    }
}
