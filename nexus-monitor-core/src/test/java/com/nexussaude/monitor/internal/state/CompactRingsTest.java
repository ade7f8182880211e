package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The artefact gate and the trend lines keep their windows in compact arrays (shorts while the readings are
 * whole numbers, int time offsets while the times fit): they must decide exactly, bit for bit, what the plain
 * classes they replaced decide ({@link PlainArtefactGate}, {@link PlainTrendLine}, kept as they were), for
 * readings that are whole numbers and readings that are not (and the switches between the two), times near the
 * offsets' limits, late readings, bursts and gaps. Seeds × observations, every result compared.
 */
class CompactRingsTest {
    /** Days of ms: an int of ms is about 24.8 days, so gaps this long move the offsets' base or overflow it. */
    private static final long DAY_MS = 86_400_000L;

    @Test
    void theGateScreensAndMediansExactlyAsThePlainGate() {
        long compactAgain = 0;
        long notShort = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            // Default limits (jumps, zeros, motion: every branch of the gate), and a SpO2 window longer than the minute
            // (readings the ring drops when full are then still in it).
            boolean longWindow = seed % 4 == 3;
            ArtefactGate.Settings settings = longWindow ? new ArtefactGate.Settings(40, 15, 15, 2000, 8000, 120_000)
                    : ArtefactGate.Settings.DEFAULTS;
            ArtefactGate gate = new ArtefactGate(settings);
            PlainArtefactGate plain = new PlainArtefactGate(new PlainArtefactGate.Settings(settings.hrJump(),
                    settings.spo2Drop(), settings.rrJump(), settings.jumpWindowMs(), settings.settleMs(),
                    settings.spo2WindowMs()));
            long ts = 1_764_000_000_000L + random.nextLong(1_000_000);
            boolean decimals = false;
            for (int k = 0; k < 6_000; k++) {
                ts += step(random);
                if (random.nextInt(500) == 0) {
                    decimals = !decimals; // stretches of a monitor that sends tenths, then whole numbers again
                }
                Double hr = reading(random, 75, 40, decimals);
                Double spo2 = reading(random, 95, 20, decimals);
                Double rr = reading(random, 16, 14, decimals);
                String where = "seed " + seed + ", observation " + k + " at " + ts;
                assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(plain.screen(hr, spo2, rr, ts));
                for (int c = 0; c < 3; c++) {
                    long at = random.nextInt(20) == 0 ? ts - random.nextInt(120_000) : ts; // sometimes a late median
                    assertThat(gate.median(c, at)).as("%s, channel %d", where, c).isEqualTo(plain.median(c, at));
                    if (gate.compact(c)) {
                        compactAgain++;
                    } else {
                        notShort++;
                    }
                }
            }
        }
        // Both representations were exercised, and the gate narrowed again after readings that were not shorts.
        assertThat(notShort).isGreaterThan(10_000);
        assertThat(compactAgain).isGreaterThan(100_000);
    }

    @Test
    void aMinuteOfIntegerReadingsIsCompactAgainAfterOneThatIsNot() {
        ArtefactGate gate = new ArtefactGate(ArtefactGateMedianTest.NO_JUMPS);
        long ts = 1_764_000_000_000L;
        gate.screen(72.5 + 0.01, null, null, ts);
        assertThat(gate.compact(ArtefactGate.HR)).isFalse();
        for (int s = 1; s < 60; s++) {
            gate.screen(72.0, null, null, ts + s * 1000L);
            assertThat(gate.median(ArtefactGate.HR, ts + s * 1000L)).isEqualTo(s == 1 ? 72.255 : 72.0);
            assertThat(gate.compact(ArtefactGate.HR)).isFalse(); // 72.51 is still in the minute
        }
        gate.screen(72.0, null, null, ts + 60_000);
        assertThat(gate.median(ArtefactGate.HR, ts + 60_000)).isEqualTo(72.0);
        assertThat(gate.compact(ArtefactGate.HR)).isTrue();
    }

    @Test
    void theTrendLineFitsExactlyAsThePlainOne() {
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            long window = switch (seed % 3) {
                case 0 -> TrendLine.WINDOW_MS[com.nexussaude.monitor.Vital.HEART_RATE.ordinal()];
                case 1 -> TrendLine.WINDOW_MS[com.nexussaude.monitor.Vital.SYSTOLIC_BP.ordinal()];
                default -> TrendLine.WINDOW_MS[com.nexussaude.monitor.Vital.TEMPERATURE.ordinal()];
            };
            TrendLine line = new TrendLine(window);
            PlainTrendLine plain = new PlainTrendLine(window);
            long now = 1_764_000_000_000L + random.nextLong(1_000_000);
            for (int k = 0; k < 3_000; k++) {
                int kind = random.nextInt(1000);
                // Mostly a point a minute; sometimes several at once, gaps beyond the window, and gaps of weeks (the
                // arrival offsets move their base or, with a point's time weeks away from the others, overflow it).
                now += kind < 50 ? 0 : kind < 900 ? 60_000 + random.nextInt(5_000)
                        : kind < 990 ? random.nextLong(window * 2) : random.nextLong(40 * DAY_MS);
                int late = random.nextInt(100);
                long pointTs = late < 90 ? now - random.nextInt(65_000)
                        : late < 98 ? now - random.nextLong(2 * DAY_MS) : now - random.nextLong(60 * DAY_MS);
                double value = random.nextBoolean() ? random.nextInt(200) : 36 + random.nextDouble() * 4;
                line.add(now, pointTs, value);
                plain.add(now, pointTs, value);
                assertThat(fields(line.trend("p", "w", "HEART_RATE"))).as("seed %d, point %d", seed, k)
                        .containsExactly(fields(plain.trend("p", "w", "HEART_RATE")));
            }
        }
    }

    /** Every field of the event, the doubles as their bits. */
    static Object[] fields(VitalTrend t) {
        return new Object[] {t.getPatientId(), t.getWard(), t.getVital(), t.getWindowMin(), t.getTs(),
            bits(t.getValue()), t.getDataPoints(), bits(t.getSlope()), bits(t.getSpanMin()), bits(t.getStartValue()),
            bits(t.getEndValue())};
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static long step(SplittableRandom random) {
        int kind = random.nextInt(1000);
        if (kind < 30) {
            return 0; // the same millisecond
        }
        if (kind < 120) {
            return 100; // 10 Hz bursts: more than 64 readings in a minute
        }
        if (kind < 960) {
            return 1_000;
        }
        if (kind < 985) {
            return -random.nextInt(5_000); // a late observation
        }
        if (kind < 998) {
            return 61_000 + random.nextInt(30_000); // longer than the minute
        }
        return random.nextLong(30 * DAY_MS); // longer than an int of ms: the time offsets move their base
    }

    /** A reading near {@code level} (null, zero or a jump sometimes), in tenths when {@code decimals}. */
    private static Double reading(SplittableRandom random, double level, int spread, boolean decimals) {
        int kind = random.nextInt(100);
        if (kind < 5) {
            return null;
        }
        if (kind < 7) {
            return 0.0;
        }
        double x = level + random.nextInt(kind < 12 ? 4 * spread : spread) - spread / 2.0;
        return decimals && random.nextBoolean() ? x + random.nextInt(10) / 10.0 : Math.rint(x);
    }
}
