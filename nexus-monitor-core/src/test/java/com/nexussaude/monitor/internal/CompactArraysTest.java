package com.nexussaude.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link CompactTimes} and {@link CompactDoubles} give back exactly what was stored, in either representation. */
class CompactArraysTest {
    @Test
    void floatsAreThoseThatSurviveTheRoundTripBitForBit() {
        assertThat(CompactDoubles.isFloat(97)).isTrue();
        assertThat(CompactDoubles.isFloat(36.5)).isTrue();
        assertThat(CompactDoubles.isFloat(-0.0)).isTrue();
        assertThat(CompactDoubles.isFloat(Float.MAX_VALUE)).isTrue();
        assertThat(CompactDoubles.isFloat(Double.POSITIVE_INFINITY)).isTrue();
        assertThat(CompactDoubles.isFloat(36.6)).isFalse();
        assertThat(CompactDoubles.isFloat(0.1)).isFalse();
        assertThat(CompactDoubles.isFloat(16_777_217)).isFalse(); // 2^24 + 1: an integer that is no float
        assertThat(CompactDoubles.isFloat(Double.MIN_VALUE)).isFalse();
        assertThat(CompactDoubles.isFloat(1e39)).isFalse();
    }

    @Test
    void doublesReadBackAsStoredAcrossWideningAndGrowth() {
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            CompactDoubles compact = new CompactDoubles(4);
            double[] plain = new double[4];
            int floatsFrom = random.nextInt(200); // integers first, so the array starts as floats
            for (int k = 0; k < 400; k++) {
                if (random.nextInt(50) == 0) {
                    compact.grow(plain.length * 2);
                    plain = java.util.Arrays.copyOf(plain, plain.length * 2);
                }
                int i = random.nextInt(plain.length);
                double x = k < floatsFrom ? random.nextInt(300) : random.nextDouble() * 300;
                compact.set(i, x);
                plain[i] = x;
                if (random.nextInt(10) == 0) {
                    int from = random.nextInt(plain.length);
                    int to = random.nextInt(plain.length);
                    int n = random.nextInt(plain.length - Math.max(from, to) + 1);
                    compact.move(from, to, n);
                    System.arraycopy(plain, from, plain, to, n);
                }
                for (int j = 0; j < plain.length; j++) {
                    assertThat(Double.doubleToRawLongBits(compact.get(j))).as("seed %d, step %d, slot %d", seed, k, j)
                            .isEqualTo(Double.doubleToRawLongBits(plain[j]));
                }
                assertThat(compact.compact()).isEqualTo(k < floatsFrom || allFloats(plain));
            }
        }
    }

    @Test
    void narrowingKeepsTheFloats() {
        CompactDoubles compact = new CompactDoubles(3);
        compact.set(0, 0.1);
        compact.set(0, 98);
        compact.set(1, -0.0);
        compact.set(2, 36.5);
        assertThat(compact.compact()).isFalse();
        compact.narrow();
        assertThat(compact.compact()).isTrue();
        assertThat(compact.get(0)).isEqualTo(98.0);
        assertThat(Double.doubleToRawLongBits(compact.get(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(compact.get(2)).isEqualTo(36.5);
    }

    @Test
    void timesReadBackAsStoredNearTheOffsetsLimits() {
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int capacity = 8;
            CompactTimes compact = new CompactTimes(capacity);
            long[] plain = new long[capacity];
            int head = 0;
            int size = 0;
            long t = random.nextLong(Long.MAX_VALUE / 2);
            boolean wasWide = false;
            for (int k = 0; k < 2_000; k++) {
                if (size > 0 && random.nextInt(3) == 0) {
                    head = (head + 1) % capacity; // the oldest leaves
                    size--;
                }
                if (size == capacity) {
                    compact = compact.unrolled(capacity * 2, head, size);
                    long[] grown = new long[capacity * 2];
                    for (int j = 0; j < size; j++) {
                        grown[j] = plain[(head + j) % capacity];
                    }
                    plain = grown;
                    capacity *= 2;
                    head = 0;
                }
                int kind = random.nextInt(100);
                // Steps that land just inside and just outside an int of ms from the base, and far jumps either way.
                long step = kind < 60 ? random.nextInt(2_000)
                        : kind < 75 ? Integer.MAX_VALUE - random.nextInt(3)
                        : kind < 85 ? (long) Integer.MAX_VALUE + 1 + random.nextInt(3)
                        : kind < 92 ? Integer.MIN_VALUE + random.nextInt(3)
                        : kind < 97 ? -random.nextInt(100_000) : random.nextLong(1L << 40) - (1L << 39);
                t += step;
                int slot = (head + size) % capacity;
                compact.set(slot, t, head, size);
                plain[slot] = t;
                size++;
                wasWide |= !compact.compact();
                for (int j = 0; j < size; j++) {
                    int i = (head + j) % capacity;
                    assertThat(compact.get(i)).as("seed %d, step %d, slot %d", seed, k, i).isEqualTo(plain[i]);
                }
            }
            assertThat(wasWide).as("seed %d overflowed an int once", seed).isTrue();
        }
    }

    @Test
    void aMonitorRunningForMonthsKeepsItsOffsets() {
        CompactTimes times = new CompactTimes(64);
        int head = 0;
        int size = 0;
        long t = 1_764_000_000_000L;
        for (int k = 0; k < 200_000; k++) {
            if (size == 60) {
                head = (head + 1) % 64;
                size--;
            }
            t += 60_000; // a point a minute for 139 days: the base moves about five times
            int slot = (head + size) % 64;
            times.set(slot, t, head, size);
            size++;
            assertThat(times.get(slot)).isEqualTo(t);
            assertThat(times.get(head)).isEqualTo(t - (size - 1) * 60_000L);
        }
        assertThat(times.compact()).isTrue();
    }

    private static boolean allFloats(double[] values) {
        for (double x : values) {
            if (!CompactDoubles.isFloat(x)) {
                return false;
            }
        }
        return true;
    }
}
