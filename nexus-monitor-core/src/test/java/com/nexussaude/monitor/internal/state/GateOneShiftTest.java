package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gate's packed minute with the newest reading appended last and put in place by the next read (the median's drop
 * doing the leave and the insert as one shift) against {@link PackedArtefactGate}, main's gate that sorted every reading
 * in at once: every reason, median (bit for bit), packed or wide form, capacity and the whole minute in its order (values'
 * bits and times) compared after every observation,
 * over random seeds with late readings, equal times and values, values that are not shorts, gaps beyond 65,535 ms,
 * bursts of several readings a second, and the medians asked after every observation (as the engine does), now and
 * then, or almost never (so that full minutes drop, SpO2 questions and new readings meet an unsettled newest).
 */
class GateOneShiftTest {
    private static final long T0 = 1_764_000_000_000L;
    private static final double[] ODD = {-0.0, 95.5, 32_768, -32_769, 1e10, Double.NaN, Double.POSITIVE_INFINITY,
        -32_768, 32_767, 0};

    @Test
    void answersAsTheGateThatSortedEveryReadingInAtOnce() {
        long observations = 0;
        long packedChecks = 0;
        long wideChecks = 0;
        for (int seed = 0; seed < 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ArtefactGate.Settings settings = switch (seed % 4) {
                case 0 -> ArtefactGate.Settings.DEFAULTS;
                case 1 -> new ArtefactGate.Settings(40, 15, 15, 2000, 8000, 120_000); // SpO2 window past the minute
                case 2 -> ArtefactGateMedianTest.NO_JUMPS;
                default -> new ArtefactGate.Settings(25, 6, 8, 3000, 5000, 30_000);
            };
            ArtefactGate gate = new ArtefactGate(settings);
            PackedArtefactGate old = new PackedArtefactGate(new PackedArtefactGate.Settings(settings.hrJump(),
                    settings.spo2Drop(), settings.rrJump(), settings.jumpWindowMs(), settings.settleMs(),
                    settings.spo2WindowMs()));
            int medianEvery = seed % 3 == 0 ? 1 : seed % 3 == 1 ? 4 : 200;
            int oddPerMille = seed % 5 == 0 ? 0 : 5 + seed % 20;
            long ts = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 6_000; k++) {
                ts += step(random);
                Double hr = reading(random, 75, 12, oddPerMille, 3);
                Double spo2 = reading(random, 95, 4, oddPerMille, 5);
                Double rr = reading(random, 16, 4, oddPerMille, 8);
                String where = "seed " + seed + ", observation " + k + " at " + ts;
                assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(old.screen(hr, spo2, rr, ts));
                observations++;
                boolean medians = random.nextInt(medianEvery) == 0;
                for (int c = 0; c < 3; c++) {
                    assertThat(gate.compact(c)).as("%s, channel %d packed", where, c).isEqualTo(old.compact(c));
                    assertThat(gate.capacity(c)).as("%s, channel %d capacity", where, c).isEqualTo(old.capacity(c));
                    if (gate.compact(c)) {
                        packedChecks++;
                    } else {
                        wideChecks++;
                    }
                    if (medians) {
                        assertThat(bits(gate.median(c, ts))).as("%s, channel %d median", where, c)
                                .isEqualTo(bits(old.median(c, ts)));
                        // Only with the medians: reading the minute puts the newest in place, which the others must meet
                        // unsettled too.
                        assertThat(gate.minute(c)).as("%s, channel %d minute", where, c).containsExactly(old.minute(c));
                    }
                }
            }
        }
        assertThat(observations).isEqualTo(60 * 6_000);
        assertThat(packedChecks).isGreaterThan(500_000);
        assertThat(wideChecks).isGreaterThan(20_000);
    }

    @Test
    void aOneHertzWardMinuteAnswersAsTheOldOneEverySecondForAnHour() {
        // The engine's steady state: one reading a second per vital, its medians right after; one leaves, one enters.
        for (int seed = 0; seed < 8; seed++) {
            SplittableRandom random = new SplittableRandom(100 + seed);
            ArtefactGate gate = new ArtefactGate(ArtefactGate.Settings.DEFAULTS);
            PackedArtefactGate old = new PackedArtefactGate(PackedArtefactGate.Settings.DEFAULTS);
            long ts = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 3_600; k++) {
                ts += 1_000 + (random.nextInt(10) == 0 ? random.nextInt(41) - 20 : 0);
                Double hr = 70.0 + random.nextInt(9);
                Double spo2 = 94.0 + random.nextInt(5);
                Double rr = 14.0 + random.nextInt(5);
                String where = "seed " + seed + ", second " + k;
                assertThat(gate.screen(hr, spo2, rr, ts)).as(where).containsExactly(old.screen(hr, spo2, rr, ts));
                for (int c = 0; c < 3; c++) {
                    assertThat(bits(gate.median(c, ts))).as("%s, channel %d", where, c).isEqualTo(bits(old.median(c, ts)));
                    assertThat(gate.capacity(c)).isEqualTo(old.capacity(c));
                    assertThat(gate.minute(c)).as("%s, channel %d minute", where, c).containsExactly(old.minute(c));
                    assertThat(gate.compact(c)).isTrue();
                }
            }
        }
    }

    /** Mostly about a second, now and then a burst (same or next ms), a gap around the offsets' limit, or a late one. */
    private static long step(SplittableRandom random) {
        int kind = random.nextInt(1_000);
        return kind < 700 ? 950 + random.nextInt(101)
                : kind < 800 ? random.nextInt(2)
                : kind < 880 ? random.nextInt(400)
                : kind < 900 ? 65_535 - 60_000 + random.nextInt(3) - 1
                : kind < 910 ? 65_536 + random.nextInt(3) - 1
                : kind < 920 ? random.nextInt(200_000)
                : kind < 960 ? -random.nextInt(5_000)
                : 2_000 + random.nextInt(8_000);
    }

    /** A whole reading near {@code mean}, now and then absent, zero, a jump, or a value that is not a short. */
    private static Double reading(SplittableRandom random, int mean, int spread, int oddPerMille, int absentPercent) {
        int kind = random.nextInt(1_000);
        if (kind < oddPerMille) {
            return ODD[random.nextInt(ODD.length)];
        }
        if (kind < oddPerMille + 10 * absentPercent) {
            return null;
        }
        if (kind < oddPerMille + 10 * absentPercent + 15) {
            return 0.0;
        }
        if (kind < oddPerMille + 10 * absentPercent + 40) {
            return (double) (mean + (random.nextBoolean() ? 3 : -3) * spread + random.nextInt(spread));
        }
        return (double) (mean - spread + random.nextInt(2 * spread + 1));
    }

    private static Long bits(Double x) {
        return x == null ? null : Double.doubleToRawLongBits(x);
    }
}
