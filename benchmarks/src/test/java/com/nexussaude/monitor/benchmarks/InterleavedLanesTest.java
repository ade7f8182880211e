package com.nexussaude.monitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * How {@link InterleavedBenchmark} shares the turns: equal readings per lane by default, one ward second per
 * lane with {@code turn=wardSecond}, so two ward sizes are compared at the same ward time.
 */
class InterleavedLanesTest {
    private static InterleavedBenchmark benchmark(String lanes, int prefillSeconds, String turn) {
        InterleavedBenchmark b = new InterleavedBenchmark();
        b.lanes = lanes;
        b.prefillSeconds = prefillSeconds;
        b.turn = turn;
        b.setUp();
        b.startIteration();
        return b;
    }

    @Test
    void wardSecondTurnsKeepTwoWardSizesAtTheSameWardTime() {
        InterleavedBenchmark b = benchmark("library:threshold:30|library:threshold:300", 20, "wardSecond");
        try {
            InterleavedBenchmark.Times times = new InterleavedBenchmark.Times();
            times.reset();
            for (int i = 0; i < 15; i++) {
                b.bothLanes(times);
            }
            assertThat(times.lane0Observations).isEqualTo(15 * 30);
            assertThat(times.lane1Observations).isEqualTo(15 * 300);
            assertThat(b.wardSeconds()).containsExactly(35, 35);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void readingTurnsGiveBothLanesTheSameObservations() {
        InterleavedBenchmark b = benchmark("library:threshold:30|library:threshold:300", 20, "readings");
        try {
            InterleavedBenchmark.Times times = new InterleavedBenchmark.Times();
            times.reset();
            for (int i = 0; i < 3; i++) {
                b.bothLanes(times);
            }
            assertThat(times.lane0Observations).isEqualTo(3 * PipelineBenchmark.BATCH)
                    .isEqualTo(times.lane1Observations).isEqualTo(times.laneObservations);
            // 3,000 readings: 100 s of the 30-bed ward, 10 s of the 300-bed one, after 20 s of prefill each.
            assertThat(b.wardSeconds()).containsExactly(120, 30);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void anUnknownTurnOrLaneIsNamed() {
        assertThatThrownBy(() -> benchmark("library:threshold:30|library:threshold:30", 1, "minute"))
                .hasMessageContaining("turn must be readings or wardSecond, but was minute");
        assertThatThrownBy(() -> InterleavedBenchmark.lane("after:all:30"))
                .hasMessageContaining("IMPL must be library, libraryBatch, before, rawEsper or handWritten, but was after");
    }
}
