package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate's packed insert finds its place in two steps (every 16th entry, then halving within a step): every screen
 * answer and every median bit for bit against the plain gate ({@link PlainArtefactGate}, the ring and sort it was),
 * with minutes of every size from empty to a few hundred readings (rates from one a second to four, bursts at one
 * time), many equal values (equal entries when the time is equal too), whole values across the shorts' range
 * (negative ones sort first), and now and then a value that sends the minute to its wide form and back.
 */
class GateInsertSearchTest {
    private static final long T0 = 1_700_000_000_000L;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyAnswerIsThePlainGatesWhateverTheMinutesSize(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ArtefactGate gate = new ArtefactGate(ArtefactGate.Settings.DEFAULTS);
        PlainArtefactGate plain = new PlainArtefactGate(new PlainArtefactGate.Settings(40, 15, 15, 2000, 8000, 10_000));
        long ts = T0 + random.nextLong(1_000_000);
        int[] step = {1000, 1000, 500, 250, 0, 333};
        int largest = 0;
        for (int k = 0; k < 20_000; k++) {
            // The rate changes now and then, so the minute grows, shrinks and settles at many sizes.
            int rate = step[(k / 700) % step.length];
            int kind = random.nextInt(100);
            ts += kind < 97 ? rate + (rate == 0 ? 0 : random.nextInt(3)) : 20_000 + random.nextInt(50_000);
            Double hr = random.nextInt(10) == 0 ? null : value(random, 70, seed);
            Double spo2 = random.nextInt(10) == 0 ? null : value(random, 95, seed);
            Double rr = random.nextInt(10) == 0 ? null : value(random, 16, seed);
            String where = "seed " + seed + ", observation " + k + " at " + ts;
            assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(plain.screen(hr, spo2, rr, ts));
            for (int c = 0; c < 3; c++) {
                Double expected = plain.median(c, ts);
                double m = gate.medianOrNaN(c, ts);
                assertThat(Double.doubleToRawLongBits(m)).as("%s, channel %d", where, c)
                        .isEqualTo(Double.doubleToRawLongBits(expected == null ? Double.NaN : expected));
                largest = Math.max(largest, gate.capacity(c));
            }
        }
        assertThat(largest).as("minutes of more than 64 slots").isGreaterThan(64);
    }

    /** Whole values near {@code centre} (few distinct ones: many equal), far and negative ones, rarely a fraction. */
    private static double value(SplittableRandom random, int centre, int seed) {
        int kind = random.nextInt(1000);
        if (kind < 985) {
            return centre + random.nextInt(1 + seed % 4 * 3) - seed % 4;
        }
        if (kind < 993) {
            return random.nextInt(65_536) - 32_768;
        }
        if (kind < 997) {
            return -centre;
        }
        return centre + 0.5;
    }
}
