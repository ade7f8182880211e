package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShockIndexTest {

    @Test
    void valueIsHeartRateOverSystolic() {
        ShockIndex si = ShockIndex.of(70, 120);
        assertThat(si.value()).isCloseTo(0.5833, within(1e-4));
        assertThat(si.elevated()).isFalse();
        assertThat(si.alert()).isFalse();
        assertThat(si.heartRate()).isEqualTo(70);
        assertThat(si.systolicBp()).isEqualTo(120);
    }

    @Test
    void elevatedAboveZeroPointNine() {
        assertThat(ShockIndex.of(90, 100).value()).isEqualTo(0.9);
        assertThat(ShockIndex.of(90, 100).elevated()).as("0.9 is not above 0.9").isFalse();
        assertThat(ShockIndex.of(91, 100).elevated()).isTrue();
    }

    @Test
    void alertThreshold() {
        assertThat(ShockIndex.DEFAULT_ALERT_THRESHOLD).isEqualTo(1.0);
        assertThat(ShockIndex.of(99, 100).isAtLeast(ShockIndex.DEFAULT_ALERT_THRESHOLD)).isFalse();
        assertThat(ShockIndex.of(100, 100).isAtLeast(ShockIndex.DEFAULT_ALERT_THRESHOLD)).isTrue();
        assertThat(ShockIndex.of(100, 100).alert()).isTrue();
        assertThat(ShockIndex.of(130, 90).isAtLeast(1.4)).isTrue();
        assertThat(ShockIndex.of(130, 90).isAtLeast(1.5)).isFalse();
        assertThat(ShockIndex.of(0, 100).value()).isZero();
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> ShockIndex.of(80, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("systolicBp must be a finite number > 0, but was 0.0");
        assertThatThrownBy(() -> ShockIndex.of(80, -10)).hasMessage("systolicBp must be a finite number > 0, but was -10.0");
        assertThatThrownBy(() -> ShockIndex.of(80, Double.NaN))
                .hasMessage("systolicBp must be a finite number > 0, but was NaN");
        assertThatThrownBy(() -> ShockIndex.of(-1, 100)).hasMessage("heartRate must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> ShockIndex.of(80, 100).isAtLeast(Double.NaN))
                .hasMessage("threshold must be a finite number >= 0, but was NaN");
        assertThatThrownBy(() -> new ShockIndex(80, 100, 0.5))
                .hasMessage("value must be heartRate / systolicBp = 0.8, but was 0.5");
    }
}
