package com.nexussaude.monitor.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link ColdRaise} times what it says: every timed raise raised one alert (the run checks each and fails otherwise),
 * every plain submit none, and a case it cannot read is refused, naming it, before any run.
 */
class ColdRaiseTest {
    @Test
    void timesOneRaiseAndOnePlainSubmitPerMeasuredPatient() {
        ColdRaise.Run hot = ColdRaise.run(0, 0, false, 100, 2_000);
        ColdRaise.Run evicted = ColdRaise.run(1, 0, false, 50, 1_000);

        assertThat(hot.raising()).hasSize(100).isSorted();
        assertThat(hot.raising()[0]).isPositive();
        assertThat(hot.plain()).hasSize(100).isSorted();
        assertThat(hot.plain()[0]).isPositive();
        assertThat(evicted.raising()).hasSize(50);
        assertThat(evicted.plain()).hasSize(50);
    }

    @Test
    void refusesACaseItCannotReadBeforeRunning() {
        assertThatThrownBy(() -> ColdRaise.main(new String[] {"0,warm5", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'warm5'");
        assertThatThrownBy(() -> ColdRaise.main(new String[] {"-3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-3'");
    }
}
