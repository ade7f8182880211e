package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link CompactTimes} and {@link CompactDoubles} give back exactly what was stored, in either representation. */
class CompactArraysTest {
    @Test
    void shortsAreTheValuesThatSurviveTheRoundTripBitForBit() {
        assertThat(CompactDoubles.isShort(97)).isTrue();
        assertThat(CompactDoubles.isShort(0)).isTrue();
        assertThat(CompactDoubles.isShort(32_767)).isTrue();
        assertThat(CompactDoubles.isShort(-32_768)).isTrue();
        assertThat(CompactDoubles.isShort(32_768)).isFalse();
        assertThat(CompactDoubles.isShort(-32_769)).isFalse();
        assertThat(CompactDoubles.isShort(65_633)).isFalse(); // 97 + 2^16: the same short as 97
        assertThat(CompactDoubles.isShort(-0.0)).isFalse(); // 0 as a short comes back +0.0
        assertThat(CompactDoubles.isShort(36.5)).isFalse();
        assertThat(CompactDoubles.isShort(97.000_000_000_1)).isFalse();
        assertThat(CompactDoubles.isShort(Double.NaN)).isFalse();
        assertThat(CompactDoubles.isShort(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(CompactDoubles.isShort(1e10)).isFalse();
    }

    @Test
    void doublesReadBackAsStoredAcrossWideningAndGrowth() {
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            CompactDoubles compact = new CompactDoubles(4);
            double[] plain = new double[4];
            int shortsUntil = random.nextInt(200); // whole numbers first, so the array starts as shorts
            boolean widened = false;
            for (int k = 0; k < 400; k++) {
                if (random.nextInt(50) == 0) {
                    compact.grow(plain.length * 2);
                    plain = java.util.Arrays.copyOf(plain, plain.length * 2);
                }
                int i = random.nextInt(plain.length);
                double x = k < shortsUntil ? random.nextInt(-40_000, 40_000) : random.nextDouble() * 300;
                compact.set(i, x);
                plain[i] = x;
                widened |= !CompactDoubles.isShort(x);
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
                // Outside the short range, or not whole: doubles from then on (only the owner narrows them again).
                assertThat(compact.compact()).isEqualTo(!widened);
            }
        }
    }

    @Test
    void narrowingKeepsTheShorts() {
        CompactDoubles compact = new CompactDoubles(3);
        compact.set(0, 0.1);
        compact.set(0, 98);
        compact.set(1, -32_768);
        compact.set(2, 36);
        assertThat(compact.compact()).isFalse();
        compact.narrow();
        assertThat(compact.compact()).isTrue();
        assertThat(compact.get(0)).isEqualTo(98.0);
        assertThat(compact.get(1)).isEqualTo(-32_768.0);
        assertThat(compact.get(2)).isEqualTo(36.0);
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
    void timesAreLongsOnlyWhileTheLiveOnesSpanMoreThanAnInt() {
        CompactTimes times = new CompactTimes(4);
        long t0 = 1_764_000_000_000L;
        times.set(0, t0, 0, 0);
        times.set(1, t0 + 1_000, 0, 1);
        long weeks = t0 + 30 * 86_400_000L; // a reading a month later, while the old ones are still in the ring
        times.set(2, weeks, 0, 2);
        assertThat(times.compact()).isFalse();
        assertThat(new long[] {times.get(0), times.get(1), times.get(2)}).containsExactly(t0, t0 + 1_000, weeks);
        times.set(3, weeks + 1_000, 1, 2); // the first left: the second still spans a month
        assertThat(times.compact()).isFalse();
        times.set(0, weeks + 2_000, 2, 2); // both old ones left
        assertThat(times.compact()).isTrue();
        assertThat(new long[] {times.get(2), times.get(3), times.get(0)})
                .containsExactly(weeks, weeks + 1_000, weeks + 2_000);
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
}
