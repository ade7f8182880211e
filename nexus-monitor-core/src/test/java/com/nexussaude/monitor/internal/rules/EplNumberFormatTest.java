package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EplFunctions#number} formats fractional values without {@code String.format}: its text must be the one the
 * formatter gave ({@link #formatted}, the method as it was), character for character, for every double: rounding
 * edges (x.x5 in decimal, and the doubles next to them), negatives that round to -0.0, carries (9.95, 999999.95),
 * tiny and huge magnitudes, the edges of the fast path's range, NaN and the infinities, and random doubles of every
 * scale.
 */
class EplNumberFormatTest {
    /** The method before: the oracle. */
    private static String formatted(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.1f", x);
    }

    private static void same(double x) {
        assertThat(EplFunctions.number(x)).as("number(%s)", Double.toString(x)).isEqualTo(formatted(x));
    }

    @Test
    void decimalEdgesAndTheirNeighbours() {
        List<Double> xs = new ArrayList<>();
        for (int k = -300_000; k <= 300_000; k++) {
            xs.add(k / 100.0); // every hundredth to +-3000, x.x5 among them
        }
        for (int k = -20_000; k <= 20_000; k++) {
            xs.add(k / 1000.0);
            xs.add(k / 10_000.0);
        }
        for (double e : new double[] {1e-3, 1e7, 1e9, 9.95, 99.95, 999_999.95, 9_999_999.95, 0.05, 0.15, 0.25, 0.35,
                0.45, 2.675, 1.005, 36.65, 38.05, 35.95, 0.001, 0.0095}) {
            xs.add(e);
            xs.add(-e);
        }
        int n = xs.size();
        for (int i = 0; i < n; i++) {
            double x = xs.get(i);
            xs.add(Math.nextUp(x));
            xs.add(Math.nextDown(x));
        }
        xs.forEach(EplNumberFormatTest::same);
    }

    @Test
    void specialValuesAndExtremes() {
        for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                Math.nextDown(1e-3), Math.nextDown(1e7), Math.nextUp(1e7), 1e7 + 0.5, 1e9 + 0.5, -1e9 - 0.5, 1e15 + 0.5,
                123456789.25, -0.04, -0.05, -0.96, 0.96, 9999999.96}) {
            same(x);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomDoublesOfEveryScale(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 6);
                case 1 -> Double.longBitsToDouble(random.nextLong()); // any bits: NaNs, subnormals, huge
                case 2 -> Math.round(random.nextGaussian() * 1e5) / 100.0 + (random.nextBoolean() ? 0.005 : 0);
                default -> random.nextInt(400) + random.nextInt(10) / 10.0 + random.nextInt(2) * 0.05;
            };
            same(x);
        }
    }
}
