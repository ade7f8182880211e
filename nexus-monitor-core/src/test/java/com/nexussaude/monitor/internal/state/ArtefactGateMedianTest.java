package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gate keeps each channel's minute of plausible readings in ascending order as they enter and leave the window,
 * instead of sorting it at every observation: its median must be exactly (bit for bit) the median of the window
 * sorted from scratch, with repeated values, readings in the same millisecond, gaps longer than the window and a
 * window larger than the gate's initial capacity.
 */
class ArtefactGateMedianTest {
    /** No reading is an artefact: every one enters the median. */
    static final ArtefactGate.Settings NO_JUMPS = new ArtefactGate.Settings(1e9, 1e9, 1e9, 2_000, 60_000, 10_000);

    record Reading(long ts, double value) {
    }

    @Test
    void theMaintainedMedianIsTheSortedWindowsMedian() {
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ArtefactGate gate = new ArtefactGate(NO_JUMPS);
            List<Reading> all = new ArrayList<>();
            long ts = 1_000_000;
            int checked = 0;
            for (int k = 0; k < 5_000; k++) {
                int gap = random.nextInt(100);
                // Mostly 1 Hz; some in the same millisecond, some 10 Hz bursts (more than 64 in a minute), some gaps
                // longer than the window.
                ts += gap < 5 ? 0 : gap < 20 ? 100 : gap < 98 ? 1_000 : 61_000 + random.nextInt(30_000);
                double value = 40 + random.nextInt(40) * 0.5; // few distinct values: many ties
                gate.screen(value, null, null, ts);
                all.add(new Reading(ts, value));
                long now = ts;
                double[] window = all.stream().filter(r -> r.ts() > now - ArtefactGate.MEDIAN_WINDOW_MS)
                        .mapToDouble(Reading::value).toArray();
                Arrays.sort(window);
                int n = window.length;
                double expected = n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
                assertThat(gate.median(ArtefactGate.HR, ts)).as("seed %d, reading %d at %d", seed, k, ts)
                        .isEqualTo(expected);
                checked++;
            }
            assertThat(checked).isEqualTo(5_000);
        }
    }
}
