package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trend line as its array ({@link TrendLine}'s static methods, what the patient's record keeps) against the line as
 * it was, an object around the ring ({@link ObjectTrendLine}), and against {@link PlainTrendLine} (every point as its
 * three values): random points a minute apart with jitter, bursts at one time (rings grown past 64 by halves), gaps that
 * empty the window or pass the packed arrivals' 4.66 h, lags and values in and out of the packed ranges; after every
 * point the event's every field as bits, the form and the ring's slots must be the object's, and the array exactly
 * its two header longs and the ring.
 */
class TrendLineArrayTest {
    static final long T0 = 1_795_000_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void theArrayLineIsTheObjectLine(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long window = switch ((int) (seed % 3)) {
            case 0 -> 30 * 60_000L;
            case 1 -> 3 * 3_600_000L;
            default -> 6 * 3_600_000L;
        };
        long[] line = TrendLine.newLine();
        ObjectTrendLine object = new ObjectTrendLine(window);
        PlainTrendLine plain = new PlainTrendLine(window);
        int packed = 0;
        int wide = 0;
        long now = T0 + random.nextLong(1_000_000);
        for (int k = 0; k < 4_000; k++) {
            int kind = random.nextInt(1000);
            now += kind < 80 ? 0 : kind < 960 ? 59_000 + random.nextInt(2_001)
                    : kind < 980 ? 16_777_215 - random.nextInt(2) : random.nextLong(2 * window);
            int burst = kind < 5 ? 1 + random.nextInt(120) : 1;
            for (int b = 0; b < burst; b++) {
                int at = random.nextInt(100);
                long pointTs = at < 85 ? now - random.nextInt(65_000) : at < 88 ? now + 32_768 : at < 90 ? now + 32_769
                        : at < 94 ? now - 98_303 : at < 96 ? now - 98_304 : now - random.nextLong(2 * window);
                int v = random.nextInt(100);
                double value = v < 60 ? 60 + random.nextInt(60) : v < 80 ? random.nextInt(3_000) / 10.0
                        : v < 97 ? random.nextInt(9_000) / (1.0 + random.nextInt(60)) : random.nextDouble() * 100;
                line = TrendLine.add(line, window, now, pointTs, value);
                object.add(now, pointTs, value);
                plain.add(now, pointTs, value);
                Object[] expected = CompactRingsTest.fields(object.trend("p", "w", "HEART_RATE"));
                assertThat(CompactRingsTest.fields(TrendLine.trend(line, window, "p", "w", "HEART_RATE")))
                        .as("seed %d, point %d", seed, k).containsExactly(expected)
                        .containsExactly(CompactRingsTest.fields(plain.trend("p", "w", "HEART_RATE")));
                assertThat(TrendLine.compact(line)).as("seed %d, point %d: the form", seed, k).isEqualTo(object.compact());
                assertThat(TrendLine.slots(line)).as("seed %d, point %d: the slots", seed, k).isEqualTo(object.slots());
                assertThat(line).as("seed %d, point %d: header and ring", seed, k)
                        .hasSize(2 + (object.compact() ? 1 : 3) * object.slots());
                if (object.compact()) {
                    packed++;
                } else {
                    wide++;
                }
            }
        }
        assertThat(packed).as("points added while packed").isGreaterThan(150);
        assertThat(wide).as("points added while wide").isGreaterThan(100);
    }
}
