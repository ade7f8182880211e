package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The medians the engine reads per observation without a box ({@link ArtefactGate#medianOrNaN}, NaN for none) against
 * the plain gate's boxed answer ({@link PlainArtefactGate#median}, null for none), bit for bit: finite readings only
 * (what the validator lets through), whole and fractional, negative, zero and {@code -0.0}, both forms of the minute
 * (packed and wide), steps that empty the minute.
 */
class MedianWithoutBoxTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void theUnboxedMedianIsThePlainGatesBitForBit() {
        int none = 0;
        int some = 0;
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ArtefactGate gate = new ArtefactGate(ArtefactGate.Settings.DEFAULTS);
            PlainArtefactGate plain = new PlainArtefactGate(new PlainArtefactGate.Settings(40, 15, 15, 2000, 8000,
                    10_000));
            long ts = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 3_000; k++) {
                int kind = random.nextInt(100);
                ts += kind < 85 ? 1_000 : kind < 95 ? random.nextInt(5_000) : kind < 98 ? 61_000 + random.nextInt(70_000)
                        : -random.nextInt(2_000);
                Double hr = random.nextInt(8) == 0 ? null : value(random, 70);
                Double spo2 = random.nextInt(8) == 0 ? null : value(random, 95);
                Double rr = random.nextInt(8) == 0 ? null : value(random, 16);
                String where = "seed " + seed + ", observation " + k + " at " + ts;
                assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(plain.screen(hr, spo2, rr, ts));
                for (int c = 0; c < 3; c++) {
                    Double expected = plain.median(c, ts);
                    double m = gate.medianOrNaN(c, ts);
                    if (expected == null) {
                        assertThat(m).as("%s, channel %d", where, c).isNaN();
                        none++;
                    } else {
                        assertThat(Double.doubleToRawLongBits(m)).as("%s, channel %d", where, c)
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                        some++;
                    }
                }
            }
        }
        assertThat(none).isGreaterThan(500);
        assertThat(some).isGreaterThan(100_000);
    }

    /** Mostly whole numbers near {@code centre} (the packed minute), sometimes fractions, -0.0, 0 or far values. */
    private static double value(SplittableRandom random, int centre) {
        int kind = random.nextInt(100);
        if (kind < 80) {
            return centre + random.nextInt(7) - 3;
        }
        if (kind < 90) {
            return centre + random.nextInt(100) / 7.0;
        }
        if (kind < 93) {
            return -0.0;
        }
        if (kind < 96) {
            return 0.0;
        }
        return kind < 98 ? -centre : 1e7 + random.nextInt(1000);
    }
}
