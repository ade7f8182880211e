package com.nexussaude.monitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hand-written baseline does the threshold pack's work: on the ward workload it signals exactly as often as the
 * library with the threshold pack alone (event time), so that {@code PipelineBenchmark}'s ratio compares equal work.
 * Two seeds; each ward has deteriorating patients whose plateaus cross the warning and critical bands.
 */
class HandWrittenThresholdsTest {
    private static EquivalenceCheck.Counts compare(int patients, int seconds, long seed) {
        return EquivalenceCheck.compare(patients, seconds, seed, EquivalenceCheck.thresholdOnly(), o -> { });
    }

    @Test
    void signalsAsOftenAsTheThresholdPackOnTheWardWorkload() {
        EquivalenceCheck.Counts c = compare(50, 1800, EquivalenceCheck.SEED);
        assertThat(c.librarySignals()).isPositive();
        assertThat(c.handSignals()).as("hand-written signals").isEqualTo(c.librarySignals());
        assertThat(c.handEpisodesRaised()).as("hand-written episodes raised").isEqualTo(c.libraryAlertsRaised());
    }

    @Test
    void signalsAsOftenAsTheThresholdPackOnAnotherSeed() {
        EquivalenceCheck.Counts c = compare(50, 1800, 7);
        assertThat(c.librarySignals()).isPositive();
        assertThat(c.handSignals()).as("hand-written signals").isEqualTo(c.librarySignals());
        assertThat(c.handEpisodesRaised()).as("hand-written episodes raised").isEqualTo(c.libraryAlertsRaised());
    }
}
