package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Args#halfUp} rounds a positive fraction to an integer with {@link Math#round} instead of a BigDecimal: it must
 * give what the method as it was ({@link #halfUpBefore}) gave, to the bit, or throw as it threw, for every double:
 * ties (x.5), their neighbouring doubles, 0.49999999999999994 and its kind, the edges of the fast path (0, 2^52),
 * negatives, NaN and the infinities, random doubles of every scale, and one decimal (which keeps the BigDecimal).
 */
class ArgsHalfUpTest {
    /** Args.halfUp as it was at 5481d9d: the oracle. */
    private static double halfUpBefore(double value, int decimals) {
        if (decimals == 0 && value == Math.rint(value) || decimals == 1 && Math.rint(value * 10) / 10 == value) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static Object outcome(double value, int decimals, boolean before) {
        try {
            double r = before ? halfUpBefore(value, decimals) : Args.halfUp(value, decimals);
            return Double.doubleToRawLongBits(r);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void same(double value) {
        for (int decimals = 0; decimals <= 1; decimals++) {
            assertThat(outcome(value, decimals, false)).as("halfUp(%s, %s)", Double.toString(value), decimals)
                    .isEqualTo(outcome(value, decimals, true));
        }
    }

    @Test
    void tiesTheirNeighboursAndTheEdges() {
        List<Double> xs = new ArrayList<>();
        for (int k = -1000; k <= 100_000; k++) {
            xs.add(k + 0.5);
            xs.add(k / 4.0);
            xs.add(k / 10.0);
        }
        for (double e : new double[] {0.49999999999999994, 0.5000000000000001, 1.4999999999999998, 0x1p52, 0x1p51 + 0.5,
                0x1p52 - 0.5, 0x1p53, 4503599627370495.5, 2.5e15 + 0.5, 1e-300, Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            xs.add(e);
            xs.add(-e);
        }
        int n = xs.size();
        for (int i = 0; i < n; i++) {
            double x = xs.get(i);
            xs.add(Math.nextUp(x));
            xs.add(Math.nextDown(x));
        }
        xs.forEach(ArgsHalfUpTest::same);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomDoublesOfEveryScale(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(24) - 6);
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> (random.nextInt(300) + random.nextInt(300)) / 2.0; // medians of two readings
                default -> random.nextInt(200) + random.nextDouble();
            };
            same(x);
        }
    }
}
