package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact representations at their limits: the gate's packed minute (a short value and a 16-bit time offset
 * in one int, sorted: a span of 65,535 ms kept, 65,536 not; the whole range of shorts, negative ones sorting below
 * the others; a minute of 600 readings); the trend line's packed points (a
 * value as a fraction, a lag from 32,768 ms ahead to 98,303 ms behind, arrivals within 4.66 h of the base). Each
 * against the plain class it replaced, every result compared bit for bit.
 */
class CompactArraysTest {
    private static final long T0 = 1_764_000_000_000L;

    @Test
    void shortsAreTheValuesThatSurviveTheRoundTripBitForBit() {
        assertThat(ArtefactGate.isShort(97)).isTrue();
        assertThat(ArtefactGate.isShort(0)).isTrue();
        assertThat(ArtefactGate.isShort(32_767)).isTrue();
        assertThat(ArtefactGate.isShort(-32_768)).isTrue();
        assertThat(ArtefactGate.isShort(32_768)).isFalse();
        assertThat(ArtefactGate.isShort(-32_769)).isFalse();
        assertThat(ArtefactGate.isShort(65_633)).isFalse(); // 97 + 2^16: the same short as 97
        assertThat(ArtefactGate.isShort(-0.0)).isFalse(); // 0 as a short comes back +0.0
        assertThat(ArtefactGate.isShort(36.5)).isFalse();
        assertThat(ArtefactGate.isShort(97.000_000_000_1)).isFalse();
        assertThat(ArtefactGate.isShort(Double.NaN)).isFalse();
        assertThat(ArtefactGate.isShort(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(ArtefactGate.isShort(1e10)).isFalse();
    }

    @Test
    void theGatesTimesAreOffsetsWhileTheRingSpansAtMost65535Ms() {
        ArtefactGate gate = new ArtefactGate(ArtefactGateMedianTest.NO_JUMPS);
        gate.screen(70.0, null, null, T0);
        gate.screen(71.0, null, null, T0 + 65_535); // no median yet: the first reading is still in the ring
        assertThat(gate.compactTimes(ArtefactGate.HR)).isTrue();
        gate.screen(72.0, null, null, T0 + 65_536);
        assertThat(gate.compactTimes(ArtefactGate.HR)).isFalse();
        assertThat(gate.median(ArtefactGate.HR, T0 + 65_536)).isEqualTo(71.5); // the first left the minute
        gate.screen(73.0, null, null, T0 + 65_537);
        assertThat(gate.compactTimes(ArtefactGate.HR)).isTrue();
        assertThat(gate.median(ArtefactGate.HR, T0 + 65_537)).isEqualTo(72.0);
        assertThat(gate.median(ArtefactGate.HR, T0 + 125_535)).isEqualTo(72.5); // 71 left, 72 and 73 remain
    }

    @Test
    void theGateDecidesAsThePlainOneWithTimesNearTheOffsetsLimitAndMediansNowAndThen() {
        int wide = 0;
        int compactAgain = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            // A SpO2 window longer than the minute half the time: the readings a full ring has not dropped count then.
            ArtefactGate.Settings settings = seed % 2 == 0 ? ArtefactGate.Settings.DEFAULTS
                    : new ArtefactGate.Settings(40, 15, 15, 2000, 8000, 120_000);
            ArtefactGate gate = new ArtefactGate(settings);
            PlainArtefactGate plain = new PlainArtefactGate(new PlainArtefactGate.Settings(settings.hrJump(),
                    settings.spo2Drop(), settings.rrJump(), settings.jumpWindowMs(), settings.settleMs(),
                    settings.spo2WindowMs()));
            long ts = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 4_000; k++) {
                int kind = random.nextInt(100);
                // Steps that put the ring's span just inside or just outside a char of ms, as the medians (which drop
                // what left the minute) come only now and then.
                ts += kind < 60 ? random.nextInt(2_000) : kind < 70 ? 65_535 : kind < 80 ? 65_536
                        : kind < 85 ? 65_534 : kind < 95 ? random.nextInt(70_000) : -random.nextInt(3_000);
                Double hr = 60.0 + random.nextInt(30);
                Double spo2 = random.nextInt(10) == 0 ? 95.5 : 90.0 + random.nextInt(10);
                Double rr = random.nextInt(10) == 0 ? null : 12.0 + random.nextInt(8);
                String where = "seed " + seed + ", observation " + k + " at " + ts;
                assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(plain.screen(hr, spo2, rr, ts));
                for (int c = 0; c < 3; c++) {
                    if (!gate.compactTimes(c)) {
                        wide++;
                    } else if (wide > 0) {
                        compactAgain++;
                    }
                    if (random.nextInt(3) == 0) {
                        assertThat(gate.median(c, ts)).as("%s, channel %d", where, c).isEqualTo(plain.median(c, ts));
                    }
                }
            }
        }
        assertThat(wide).isGreaterThan(1_000);
        assertThat(compactAgain).isGreaterThan(10_000);
    }

    @Test
    void aMinuteOf600ReadingsGrowsTo1024Slots() {
        ArtefactGate gate = new ArtefactGate(ArtefactGateMedianTest.NO_JUMPS);
        PlainArtefactGate plain = new PlainArtefactGate(new PlainArtefactGate.Settings(1e9, 1e9, 1e9, 2_000, 60_000,
                10_000));
        SplittableRandom random = new SplittableRandom(7);
        long ts = T0;
        for (int k = 0; k < 3_000; k++) {
            ts += k % 1000 < 600 ? 50 : 1_000; // 20 Hz for 30 s (600 readings in the minute), then 1 Hz
            Double hr = random.nextInt(20) == 0 ? 70.25 : 50.0 + random.nextInt(50);
            assertThat(gate.screen(hr, null, null, ts)).containsExactly(plain.screen(hr, null, null, ts));
            assertThat(gate.median(ArtefactGate.HR, ts)).as("reading %d", k).isEqualTo(plain.median(ArtefactGate.HR, ts));
        }
        assertThat(gate.capacity(ArtefactGate.HR)).isEqualTo(1024);
    }

    @Test
    void theGateDecidesAsThePlainOneOverTheWholeRangeOfShortsAndValuesThatAreNot() {
        // Packed, a value is the int's high 16 bits, so the ints sort as signed shorts: negative readings, the
        // extremes of a short and values either side of zero are compared as the plain gate compares doubles; the
        // values that are not shorts (-0.0, NaN, infinities, 32,768, fractions) unpack the minute until they leave it.
        double[] edges = {-32_768, -32_767, -1, 0, 1, 97, 32_766, 32_767, 32_768, -32_769, -0.0, 0.5, -0.5,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e10, 95.5};
        long packed = 0;
        long unpacked = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ArtefactGate.Settings settings = switch (seed % 3) {
                case 0 -> ArtefactGate.Settings.DEFAULTS;
                case 1 -> new ArtefactGate.Settings(40, 15, 15, 2000, 8000, 120_000);
                default -> ArtefactGateMedianTest.NO_JUMPS;
            };
            ArtefactGate gate = new ArtefactGate(settings);
            PlainArtefactGate plain = new PlainArtefactGate(new PlainArtefactGate.Settings(settings.hrJump(),
                    settings.spo2Drop(), settings.rrJump(), settings.jumpWindowMs(), settings.settleMs(),
                    settings.spo2WindowMs()));
            long ts = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 3_000; k++) {
                int kind = random.nextInt(100);
                ts += kind < 80 ? random.nextInt(1_500) : kind < 90 ? 65_535 - random.nextInt(2) : random.nextInt(70_000);
                Double hr = value(random, edges, 200);
                Double spo2 = value(random, edges, 100);
                Double rr = random.nextInt(8) == 0 ? null : value(random, edges, 40);
                String where = "seed " + seed + ", observation " + k + " at " + ts;
                assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(plain.screen(hr, spo2, rr, ts));
                for (int c = 0; c < 3; c++) {
                    if (gate.compact(c)) {
                        packed++;
                    } else {
                        unpacked++;
                    }
                    if (random.nextInt(4) == 0) {
                        Double median = gate.median(c, ts);
                        Double expected = plain.median(c, ts);
                        assertThat(median == null ? null : Double.doubleToRawLongBits(median)).as("%s, channel %d", where, c)
                                .isEqualTo(expected == null ? null : Double.doubleToRawLongBits(expected));
                    }
                }
            }
        }
        assertThat(packed).isGreaterThan(10_000);
        assertThat(unpacked).isGreaterThan(10_000);
    }

    /** Mostly a whole reading of a signed range around zero, now and then one of the edges. */
    private static Double value(SplittableRandom random, double[] edges, int range) {
        int kind = random.nextInt(100);
        return kind < 3 ? edges[random.nextInt(edges.length)] : kind < 60 ? (double) (random.nextInt(2 * range) - range / 4)
                : (double) (range / 2 + random.nextInt(5));
    }

    @Test
    void aTrendValueIsPackedAsTheFractionWhoseDivisionGivesItBack() {
        assertThat(TrendLine.fraction(97)).isEqualTo(97L << 8 | 1);
        assertThat(TrendLine.fraction(0)).isEqualTo(1);
        assertThat(TrendLine.fraction(36.7)).isEqualTo(367L << 8 | 10);
        assertThat(TrendLine.fraction(145 / 2.0)).isEqualTo(145L << 8 | 2);
        assertThat(TrendLine.fraction(4341 / 60.0)).isEqualTo(1447L << 8 | 20); // a minute's mean, reduced
        assertThat(TrendLine.fraction(32_767)).isEqualTo(32_767L << 8 | 1);
        assertThat(TrendLine.fraction(32_768)).isEqualTo(-1);
        assertThat(TrendLine.fraction(40_000 / 7.0)).isEqualTo(-1); // its numerator needs more than 15 bits
        assertThat(TrendLine.fraction(1 / 255.0)).isEqualTo(1L << 8 | 255);
        assertThat(TrendLine.fraction(1 / 256.0)).isEqualTo(-1);
        assertThat(TrendLine.fraction(0.1 + 0.2)).isEqualTo(-1); // not 3/10 bit for bit
        assertThat(TrendLine.fraction(-1)).isEqualTo(-1);
        assertThat(TrendLine.fraction(-0.0)).isEqualTo(-1); // 0/1 comes back +0.0
        assertThat(TrendLine.fraction(Double.NaN)).isEqualTo(-1);
        assertThat(TrendLine.fraction(Double.POSITIVE_INFINITY)).isEqualTo(-1);
    }

    @Test
    void theTrendLineFitsAsThePlainOneWithLagsArrivalsAndValuesNearThePackedLimits() {
        int wide = 0;
        int packedAgain = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            // A window longer than the packed arrivals' 4.66 h half the time, so that their span can pass it too.
            long window = seed % 2 == 0 ? 4 * 3_600_000L : 6 * 3_600_000L;
            TrendLine line = new TrendLine(window);
            PlainTrendLine plain = new PlainTrendLine(window);
            long now = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 3_000; k++) {
                int kind = random.nextInt(100);
                now += kind < 80 ? random.nextInt(1_800_000) : kind < 90 ? 16_777_215 - random.nextInt(2)
                        : kind < 95 ? 60_000 : 0;
                int at = random.nextInt(100);
                // Lags just inside and just outside the packed range (32,768 ms ahead of the arrival to 98,303 behind).
                long pointTs = at < 70 ? now - random.nextInt(65_000) : at < 75 ? now + 32_768 : at < 77 ? now + 32_769
                        : at < 82 ? now - 98_303 : at < 84 ? now - 98_304 : now - random.nextLong(2 * window);
                int v = random.nextInt(100);
                double value = v < 50 ? random.nextInt(300) : v < 80 ? random.nextInt(3_000) / 10.0
                        : v < 98 ? random.nextInt(9_000) / (1.0 + random.nextInt(60)) : 36 + random.nextDouble() * 4;
                line.add(now, pointTs, value);
                plain.add(now, pointTs, value);
                assertThat(CompactRingsTest.fields(line.trend("p", "w", "TEMPERATURE"))).as("seed %d, point %d", seed, k)
                        .containsExactly(CompactRingsTest.fields(plain.trend("p", "w", "TEMPERATURE")));
                if (!line.compact()) {
                    wide++;
                } else if (wide > 0) {
                    packedAgain++;
                }
            }
        }
        assertThat(wide).isGreaterThan(10_000);
        assertThat(packedAgain).isGreaterThan(10_000);
    }

    @Test
    void aTrendLineRunningForMonthsKeepsItsOffsets() {
        TrendLine line = new TrendLine(30 * 60_000L);
        PlainTrendLine plain = new PlainTrendLine(30 * 60_000L);
        long now = T0;
        for (int k = 0; k < 200_000; k++) {
            now += 60_000; // a point a minute for 139 days: the base moves about five times
            line.add(now, now - 30_000, 70 + k % 7);
            plain.add(now, now - 30_000, 70 + k % 7);
            assertThat(line.compact()).isTrue();
        }
        assertThat(CompactRingsTest.fields(line.trend("p", "w", "HEART_RATE")))
                .containsExactly(CompactRingsTest.fields(plain.trend("p", "w", "HEART_RATE")));
    }

    @Test
    void aTrendLinesRingHoldsNoMoreSlotsThanItsWindowHeldPointsUpTo64() {
        int packed = 0;
        int wide = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            long window = seed % 2 == 0 ? 30 * 60_000L : 3 * 3_600_000L;
            TrendLine line = new TrendLine(window);
            PlainTrendLine plain = new PlainTrendLine(window);
            java.util.ArrayDeque<Long> live = new java.util.ArrayDeque<>();
            int most = 0;
            long now = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 4_000; k++) {
                int kind = random.nextInt(1000);
                // A point a minute with jitter (31 live now and then), bursts of points at one time (a ring grown past 64
                // by halves), and gaps that empty the window; both forms (a random double is no fraction p/q).
                now += kind < 80 ? 0 : kind < 990 ? 59_000 + random.nextInt(2_001) : random.nextLong(2 * window);
                int burst = kind < 5 ? 1 + random.nextInt(120) : 1;
                for (int b = 0; b < burst; b++) {
                    double value = random.nextInt(40) == 0 ? random.nextDouble() * 100 : 60 + random.nextInt(60);
                    long pointTs = now - random.nextInt(65_000);
                    line.add(now, pointTs, value);
                    plain.add(now, pointTs, value);
                    while (!live.isEmpty() && live.peekFirst() + window <= now) {
                        live.removeFirst();
                    }
                    live.addLast(now);
                    most = Math.max(most, live.size());
                    assertThat(CompactRingsTest.fields(line.trend("p", "w", "HEART_RATE"))).as("seed %d, point %d", seed, k)
                            .containsExactly(CompactRingsTest.fields(plain.trend("p", "w", "HEART_RATE")));
                    assertThat(line.slots()).as("seed %d, point %d", seed, k)
                            .isEqualTo(most <= 64 ? most : line.slots()).isLessThanOrEqualTo(Math.max(64, most * 3 / 2 + 1));
                    if (line.compact()) {
                        packed++;
                    } else {
                        wide++;
                    }
                }
            }
        }
        assertThat(packed).isGreaterThan(20_000);
        assertThat(wide).isGreaterThan(20_000);
    }

    @Test
    void aMinuteLineAtOneHertzEndsAtItsThirtyPointsNotThirtyTwo() {
        TrendLine line = new TrendLine(TrendLine.WINDOW_MS[com.nexussaude.monitor.Vital.HEART_RATE.ordinal()]);
        long now = T0;
        for (int k = 0; k < 600; k++) {
            now += 60_000; // published at the first reading of the next minute, a minute after the last
            line.add(now, now - 30_500, 70 + k % 5);
        }
        assertThat(line.slots()).isEqualTo(30);
        assertThat(line.compact()).isTrue();
    }
}
