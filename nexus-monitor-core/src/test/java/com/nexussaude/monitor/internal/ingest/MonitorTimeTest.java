package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MonitorTimeTest {

    @Test
    void anEventTimeClockHasNoTimeUntilItsFirstMoveAndRefusesToMakeOneUp() {
        MonitorTime time = new MonitorTime(OptionalLong.empty());

        assertThat(time.hasStarted()).isFalse();
        assertThat(time.canStamp()).isFalse();
        assertThat(time.isAhead(Long.MIN_VALUE)).isTrue();
        assertThatThrownBy(time::now).isInstanceOf(IllegalStateException.class).hasMessageContaining("no time yet");
        assertThat(time.stamp()).isEqualTo(MonitorTime.NO_TIME_YET);
    }

    @Test
    void theClockOnlyMovesForward() {
        MonitorTime time = new MonitorTime(OptionalLong.empty());

        assertThat(time.moveTo(-5_000)).isTrue(); // a time before the epoch is a time like any other
        assertThat(time.hasStarted()).isTrue();
        assertThat(time.now()).isEqualTo(-5_000);
        assertThat(time.moveTo(-6_000)).isFalse();
        assertThat(time.moveTo(-5_000)).isFalse();
        assertThat(time.now()).isEqualTo(-5_000);
        assertThat(time.isAhead(-4_999)).isTrue();
        assertThat(time.isAhead(-5_000)).isFalse();
        assertThat(time.stamp()).isEqualTo(-5_000);
    }

    @Test
    void aRestoredMonitorStampsWithTheJournalsLastTimeUntilItsClockStarts() {
        MonitorTime time = new MonitorTime(OptionalLong.of(1_700_000_000_000L));

        assertThat(time.hasStarted()).isFalse();
        assertThat(time.canStamp()).isTrue();
        assertThat(time.stamp()).isEqualTo(1_700_000_000_000L);
        time.moveTo(1_700_000_060_000L);
        assertThat(time.stamp()).isEqualTo(1_700_000_060_000L);
    }
}
