package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Consciousness;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class QsofaTest {

    @ParameterizedTest(name = "RR {0} met={1}")
    @CsvSource({"21, false", "21.49, false", "21.5, true", "22, true", "40, true"})
    void respiratoryRateEdge(double rr, boolean met) {
        QsofaScore s = Qsofa.score(rr, Consciousness.ALERT, 120.0);
        assertThat(s.met(QsofaCriterion.RESPIRATORY_RATE)).isEqualTo(met);
        assertThat(s.points()).isEqualTo(met ? 1 : 0);
    }

    @ParameterizedTest(name = "SBP {0} met={1}")
    @CsvSource({"100, true", "100.49, true", "100.5, false", "101, false", "60, true"})
    void systolicEdge(double sbp, boolean met) {
        assertThat(Qsofa.score(16.0, Consciousness.ALERT, sbp).met(QsofaCriterion.SYSTOLIC_BP)).isEqualTo(met);
    }

    @ParameterizedTest
    @EnumSource(Consciousness.class)
    void alteredMentationIsAnythingButAlert(Consciousness c) {
        assertThat(Qsofa.score(16.0, c, 120.0).met(QsofaCriterion.ALTERED_MENTATION))
                .isEqualTo(c != Consciousness.ALERT);
    }

    @Test
    void highRiskAtTwo() {
        QsofaScore one = Qsofa.score(22.0, Consciousness.ALERT, 120.0);
        assertThat(one.highRisk()).isFalse();
        QsofaScore two = Qsofa.score(22.0, Consciousness.VOICE, 120.0);
        assertThat(two.points()).isEqualTo(2);
        assertThat(two.highRisk()).isTrue();
        assertThat(two.criteriaMet()).containsExactly(QsofaCriterion.RESPIRATORY_RATE,
                QsofaCriterion.ALTERED_MENTATION);
        QsofaScore three = Qsofa.score(30.0, Consciousness.CONFUSION, 90.0);
        assertThat(three.points()).isEqualTo(3);
        assertThat(three.partial()).isFalse();
        assertThat(Qsofa.points(30.0, Consciousness.CONFUSION, 90.0)).isEqualTo(3);
    }

    @Test
    void absentInputsArePartialAndNotMet() {
        QsofaScore s = Qsofa.score(null, null, 95.0);
        assertThat(s.partial()).isTrue();
        assertThat(s.points()).isEqualTo(1);
        assertThat(s.criteriaMet()).containsExactly(QsofaCriterion.SYSTOLIC_BP);
        assertThat(Qsofa.score(null, null, null).points()).isZero();
        assertThat(Qsofa.score(null, null, null).criteriaMet()).isEmpty();
        assertThat(Qsofa.score(20.0, Consciousness.ALERT, null).partial()).isTrue();
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> Qsofa.score(-1.0, Consciousness.ALERT, 120.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("respiratoryRate must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> Qsofa.score(16.0, Consciousness.ALERT, Double.NaN))
                .hasMessage("systolicBp must be a finite number >= 0, but was NaN");
        assertThatThrownBy(() -> new QsofaScore(2, Set.of(QsofaCriterion.SYSTOLIC_BP), false))
                .hasMessage("points must equal the number of criteria met (1), but was 2");
    }
}
