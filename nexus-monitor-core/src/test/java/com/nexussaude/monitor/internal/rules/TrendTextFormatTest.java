package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Vital;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TrendFunctions}' texts are made without {@code String.format} and {@code DateTimeFormatter}: each must be
 * the text {@link TrendFunctionsBefore} (the class as it was) gives, character for character: {@code decimal2} for
 * rounding edges (x.xx5 and their neighbouring doubles), negatives that round to -0.00, carries, the fast path's
 * range edges, NaN, the infinities and random doubles of every scale; {@code clockTime} for day and second edges,
 * negative and extreme times and random ones; {@code trendMessage} and {@code readings} (their one-decimal rates and
 * temperatures) for random arguments.
 */
class TrendTextFormatTest {
    private static void sameDecimal2(double x) {
        assertThat(TrendFunctions.decimal2(x)).as("decimal2(%s)", Double.toString(x))
                .isEqualTo(TrendFunctionsBefore.decimal2(x));
    }

    private static void sameClock(long ts) {
        assertThat(TrendFunctions.clockTime(ts)).as("clockTime(%s)", ts).isEqualTo(TrendFunctionsBefore.clockTime(ts));
    }

    @Test
    void decimal2AtDecimalEdgesAndTheirNeighbours() {
        List<Double> xs = new ArrayList<>();
        for (int k = -400_000; k <= 400_000; k++) {
            xs.add(k / 1000.0); // every thousandth to +-400, x.xx5 among them
        }
        for (int k = -20_000; k <= 20_000; k++) {
            xs.add(k / 10_000.0);
            xs.add(k / 100_000.0);
        }
        for (double e : new double[] {1e-3, 1e7, 1e9, 9.995, 99.995, 999_999.995, 9_999_999.995, 0.005, 0.015, 0.125,
                1.005, 1.015, 2.675, 0.995, 0.0095, 0.00999, 1.0 / 3, 2.0 / 3, 120.0 / 85, 150.0 / 100.5}) {
            xs.add(e);
            xs.add(-e);
        }
        int n = xs.size();
        for (int i = 0; i < n; i++) {
            double x = xs.get(i);
            xs.add(Math.nextUp(x));
            xs.add(Math.nextDown(x));
        }
        xs.forEach(TrendTextFormatTest::sameDecimal2);
    }

    @Test
    void decimal2OfSpecialValuesAndExtremes() {
        for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                Math.nextDown(1e-3), Math.nextDown(1e7), Math.nextUp(1e7), 1e7 + 0.5, 1e15 + 0.25, -0.004, -0.005,
                -0.996, 0.996, 9999999.996}) {
            sameDecimal2(x);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void decimal2OfRandomDoublesOfEveryScale(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 5) {
                case 0 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 6);
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> Math.round(random.nextGaussian() * 1e6) / 1000.0 + (random.nextBoolean() ? 0.0005 : 0);
                case 3 -> (20 + random.nextInt(200)) / (double) (40 + random.nextInt(200)); // shock indices
                default -> random.nextInt(400) + random.nextInt(100) / 100.0 + random.nextInt(2) * 0.005;
            };
            sameDecimal2(x);
        }
    }

    @Test
    void clockTimeAtDayAndSecondEdges() {
        long day = 86_400_000L;
        for (long base : new long[] {0, day, -day, 1_796_000_000_000L, -62_135_596_800_000L, 253_402_300_800_000L}) {
            for (long d = -2_000; d <= 2_000; d++) {
                sameClock(base + d);
                sameClock(base + d * 997);
            }
        }
        for (long ts : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 999,
                -1, -999, -1000, -1001, day - 1}) {
            sameClock(ts);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void clockTimeOfRandomTimes(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            sameClock(i % 2 == 0 ? random.nextLong() : 1_700_000_000_000L + (long) (random.nextDouble() * 4e11));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void messagesOfRandomArguments(long seed) {
        Random random = new Random(seed);
        Vital[] vitals = Vital.values();
        for (int i = 0; i < 50_000; i++) {
            String vital = vitals[random.nextInt(vitals.length)].name();
            double slope = (random.nextDouble() - 0.5) * (i % 3 == 0 ? 40 : 4000) / 100;
            double span = random.nextDouble() * 400;
            double start = 30 + random.nextGaussian() * 10 + random.nextInt(3) * 0.05;
            double end = 30 + random.nextGaussian() * 10;
            assertThat(TrendFunctions.trendMessage(vital, slope, span, start, end))
                    .isEqualTo(TrendFunctionsBefore.trendMessage(vital, slope, span, start, end));
            Object[] args = new Object[9];
            for (int k = 0; k < 9; k += 3) {
                args[k] = vitals[random.nextInt(vitals.length)].name();
                args[k + 1] = random.nextInt(5) == 0 ? null : (Object) (random.nextInt(4000) / 100.0);
                args[k + 2] = 1_796_000_000_000L + random.nextInt(1_000_000_000);
            }
            assertThat(TrendFunctions.readings(args)).isEqualTo(TrendFunctionsBefore.readings(args));
        }
    }
}
