package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SirsTest {

    @ParameterizedTest(name = "T {0}: fever={1} hypothermia={2}")
    @CsvSource({
        "35.9, false, true", "35.94, false, true", "35.95, false, false", "36.0, false, false",
        "38.0, false, false", "38.04, false, false", "38.05, true, false", "38.1, true, false"})
    void temperatureEdges(double t, boolean fever, boolean hypothermia) {
        SirsScore s = Sirs.score(t, 80.0, 16.0);
        assertThat(s.fever()).isEqualTo(fever);
        assertThat(s.hypothermia()).isEqualTo(hypothermia);
        assertThat(s.criteriaMet().contains(SirsCriterion.TEMPERATURE)).isEqualTo(fever || hypothermia);
    }

    @ParameterizedTest(name = "HR {0} met={1}")
    @CsvSource({"90, false", "90.49, false", "90.5, true", "91, true"})
    void heartRateEdge(double hr, boolean met) {
        assertThat(Sirs.score(37.0, hr, 16.0).criteriaMet().contains(SirsCriterion.HEART_RATE)).isEqualTo(met);
    }

    @ParameterizedTest(name = "RR {0} met={1}")
    @CsvSource({"20, false", "20.49, false", "20.5, true", "21, true"})
    void respiratoryRateEdge(double rr, boolean met) {
        assertThat(Sirs.score(37.0, 80.0, rr).criteriaMet().contains(SirsCriterion.RESPIRATORY_RATE))
                .isEqualTo(met);
    }

    @Test
    void metAtTwo() {
        SirsScore one = Sirs.score(37.0, 100.0, 16.0);
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.met()).isFalse();
        SirsScore two = Sirs.score(37.0, 100.0, 24.0);
        assertThat(two.met()).isTrue();
        assertThat(two.withFeverOrHypothermia()).isFalse();
        SirsScore feverish = Sirs.score(38.5, 100.0, 16.0);
        assertThat(feverish.met()).isTrue();
        assertThat(feverish.withFeverOrHypothermia()).isTrue();
        SirsScore cold = Sirs.score(35.0, 100.0, 24.0);
        assertThat(cold.count()).isEqualTo(3);
        assertThat(cold.criteriaMet()).containsExactly(SirsCriterion.TEMPERATURE, SirsCriterion.HEART_RATE,
                SirsCriterion.RESPIRATORY_RATE);
        assertThat(cold.withFeverOrHypothermia()).isTrue();
        assertThat(cold.partial()).isFalse();
        assertThat(Sirs.score(39.0, 60.0, 16.0).withFeverOrHypothermia()).as("fever alone is not SIRS").isFalse();
        assertThat(Sirs.count(35.0, 100.0, 24.0)).isEqualTo(3);
    }

    @Test
    void absentInputsArePartialAndNotMet() {
        SirsScore s = Sirs.score(null, 120.0, null);
        assertThat(s.partial()).isTrue();
        assertThat(s.count()).isEqualTo(1);
        assertThat(s.fever()).isFalse();
        assertThat(Sirs.score(null, null, null).count()).isZero();
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> Sirs.score(-1.0, 80.0, 16.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> Sirs.score(37.0, Double.NEGATIVE_INFINITY, 16.0))
                .hasMessage("heartRate must be a finite number >= 0, but was -Infinity");
        assertThatThrownBy(() -> Sirs.score(37.0, 80.0, -5.0))
                .hasMessage("respiratoryRate must be a finite number >= 0, but was -5.0");
        assertThatThrownBy(() -> new SirsScore(1, Set.of(SirsCriterion.HEART_RATE, SirsCriterion.RESPIRATORY_RATE),
                false, false, false)).hasMessage("count must equal the number of criteria met (2), but was 1");
    }
}
