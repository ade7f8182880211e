package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The record warms the artefact gate's channels from its own references to them ({@link PatientReadings.Patient#warmGate})
 * instead of through the gate: its answer must be the one the gate's path gives (the gate's line, then each channel's
 * minute reached through the gate, as {@code warm} read them before), after every observation of random patients whose
 * minutes grow, unpack to the wide form (values that are not shorts, gaps beyond 65,535 ms) and pack again. A record
 * holding any other channel objects, or one that went stale, warms other lines and answers otherwise.
 */
class ChannelsWarmedFromTheRecordTest {
    private static final long T0 = 1_765_000_000_000L;
    private static final double[] ODD = {95.5, 32_768, -32_769, 1e10, 36.6};

    @Test
    void warmsTheLinesTheGatesChannelsHold() {
        PatientReadings readings = new PatientReadings(null);
        long compared = 0;
        long wide = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            PatientReadings.Patient p = readings.patient("p" + seed);
            ArtefactGate gate = p.gate();
            long ts = T0 + random.nextLong(1_000_000);
            for (int k = 0; k < 2_000; k++) {
                int kind = random.nextInt(100);
                ts += kind < 85 ? 900 + random.nextInt(200) : kind < 95 ? random.nextInt(3) : 60_000 + random.nextInt(10_000);
                Double hr = reading(random, 75, 12);
                Double spo2 = reading(random, 95, 4);
                Double rr = reading(random, 16, 4);
                p.screen(hr, spo2, rr, ts);
                if (random.nextInt(3) == 0) {
                    for (int c = 0; c < 3; c++) {
                        gate.medianOrNaN(c, ts); // as the engine does: reads (and settles) the minutes
                    }
                }
                assertThat(p.warmGate()).as("seed %d, observation %d", seed, k).isEqualTo(throughTheGate(gate));
                compared++;
                for (int c = 0; c < 3; c++) {
                    if (!gate.compact(c)) {
                        wide++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(40 * 2_000);
        assertThat(wide).isGreaterThan(1_000);
    }

    /** What {@code warm} read for the gate before the record held the channels: each reached through the gate. */
    private static int throughTheGate(ArtefactGate gate) {
        return gate.channel(ArtefactGate.HR).warm() + gate.channel(ArtefactGate.SPO2).warm()
                + gate.channel(ArtefactGate.RR).warm() + gate.warm();
    }

    /** A whole reading near {@code mean}, now and then absent or a value that is not a short. */
    private static Double reading(SplittableRandom random, int mean, int spread) {
        int kind = random.nextInt(1_000);
        if (kind < 8) {
            return ODD[random.nextInt(ODD.length)];
        }
        if (kind < 50) {
            return null;
        }
        return (double) (mean - spread + random.nextInt(2 * spread + 1));
    }
}
