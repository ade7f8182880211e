package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Consciousness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MewsTest {

    private static final MewsVariant SUBBE = MewsVariant.subbe2001();

    @ParameterizedTest(name = "SBP {0} -> {1}")
    @CsvSource({
        "0, 3", "70, 3", "70.49, 3", "70.5, 2", "71, 2",
        "80, 2", "80.49, 2", "80.5, 1", "81, 1",
        "100, 1", "100.49, 1", "100.5, 0", "101, 0",
        "199, 0", "199.49, 0", "199.5, 2", "200, 2", "260, 2"})
    void systolicBands(double sbp, int points) {
        assertThat(Mews.points(SUBBE, MewsParameter.SYSTOLIC_BP, sbp)).isEqualTo(points);
        assertThat(Mews.score(sbp, null, null, null, null).points(MewsParameter.SYSTOLIC_BP)).isEqualTo(points);
    }

    @ParameterizedTest(name = "HR {0} -> {1}")
    @CsvSource({
        "0, 2", "40, 2", "40.49, 2", "40.5, 1", "41, 1",
        "50, 1", "50.49, 1", "50.5, 0", "51, 0",
        "100, 0", "100.49, 0", "100.5, 1", "101, 1",
        "110, 1", "110.49, 1", "110.5, 2", "111, 2",
        "129, 2", "129.49, 2", "129.5, 3", "130, 3", "200, 3"})
    void heartRateBands(double hr, int points) {
        assertThat(Mews.points(SUBBE, MewsParameter.HEART_RATE, hr)).isEqualTo(points);
    }

    @ParameterizedTest(name = "RR {0} -> {1}")
    @CsvSource({
        "0, 2", "8, 2", "8.49, 2", "8.5, 0", "9, 0",
        "14, 0", "14.49, 0", "14.5, 1", "15, 1",
        "20, 1", "20.49, 1", "20.5, 2", "21, 2",
        "29, 2", "29.49, 2", "29.5, 3", "30, 3", "50, 3"})
    void respiratoryRateBands(double rr, int points) {
        assertThat(Mews.points(SUBBE, MewsParameter.RESPIRATORY_RATE, rr)).isEqualTo(points);
    }

    @ParameterizedTest(name = "T {0} -> {1}")
    @CsvSource({
        "30, 2", "34.9, 2", "34.94, 2", "34.95, 0", "35.0, 0",
        "38.4, 0", "38.44, 0", "38.45, 2", "38.5, 2", "41, 2"})
    void temperatureBands(double t, int points) {
        assertThat(Mews.points(SUBBE, MewsParameter.TEMPERATURE, t)).isEqualTo(points);
    }

    @Test
    void consciousnessTableWithConfusionAsVoice() {
        assertThat(SUBBE.consciousness()).containsExactly(Map.entry(Consciousness.ALERT, 0),
                Map.entry(Consciousness.CONFUSION, 1), Map.entry(Consciousness.VOICE, 1),
                Map.entry(Consciousness.PAIN, 2), Map.entry(Consciousness.UNRESPONSIVE, 3));
        assertThat(Mews.score(null, null, null, null, Consciousness.CONFUSION).total()).isEqualTo(1);
        assertThat(Mews.score(null, null, null, null, Consciousness.UNRESPONSIVE).total()).isEqualTo(3);
    }

    @Test
    void totalPartialAndAtRisk() {
        MewsScore normal = Mews.score(120.0, 70.0, 12.0, 37.0, Consciousness.ALERT);
        assertThat(normal.total()).isZero();
        assertThat(normal.partial()).isFalse();
        assertThat(normal.atRisk()).isFalse();
        assertThat(normal.variant()).isEqualTo("subbe-2001");

        // SBP 95 -> 1, HR 115 -> 2, RR 16 -> 1, T 37 -> 0, V -> 1 = 5
        MewsScore five = Mews.score(95.0, 115.0, 16.0, 37.0, Consciousness.VOICE);
        assertThat(five.total()).isEqualTo(5);
        assertThat(five.atRisk()).isTrue();
        assertThat(five.subscores()).containsEntry(MewsParameter.HEART_RATE, 2).hasSize(5);

        MewsScore four = Mews.score(95.0, 115.0, 16.0, 37.0, Consciousness.ALERT);
        assertThat(four.total()).isEqualTo(4);
        assertThat(four.atRisk()).isFalse();

        MewsScore partial = Mews.score(null, 135.0, 32.0, null, null);
        assertThat(partial.partial()).isTrue();
        assertThat(partial.total()).isEqualTo(6);
        assertThat(partial.atRisk()).isTrue();
        assertThat(partial.points(MewsParameter.SYSTOLIC_BP)).isZero();
        assertThat(Mews.total(95.0, 115.0, 16.0, 37.0, Consciousness.VOICE)).isEqualTo(5);
        assertThat(SUBBE.atRiskThreshold()).isEqualTo(MewsVariant.DEFAULT_AT_RISK_THRESHOLD).isEqualTo(5);
    }

    @Test
    void customVariantViaBuilder() {
        MewsVariant local = MewsVariant.builder("local-2026")
                .systolicBp(MewsBand.upTo(80, 3), MewsBand.upTo(90, 2), MewsBand.upTo(100, 1), MewsBand.upTo(179, 0),
                        MewsBand.above(1))
                .heartRate(MewsBand.upTo(39, 3), MewsBand.upTo(100, 0), MewsBand.above(2))
                .respiratoryRate(MewsBand.upTo(9, 2), MewsBand.upTo(20, 0), MewsBand.above(3))
                .temperature(MewsBand.upTo(35.9, 1), MewsBand.upTo(37.9, 0), MewsBand.above(1))
                .consciousness(Consciousness.ALERT, 0).consciousness(Consciousness.CONFUSION, 3)
                .consciousness(Consciousness.VOICE, 3).consciousness(Consciousness.PAIN, 3)
                .consciousness(Consciousness.UNRESPONSIVE, 3)
                .atRiskThreshold(3)
                .build();
        assertThat(Mews.points(local, MewsParameter.SYSTOLIC_BP, 180)).isEqualTo(1);
        assertThat(Mews.points(local, MewsParameter.SYSTOLIC_BP, 179.49)).isZero();
        assertThat(Mews.points(local, MewsParameter.HEART_RATE, 39.5)).isZero();
        assertThat(Mews.points(local, MewsParameter.TEMPERATURE, 37.95)).isEqualTo(1);
        MewsScore s = Mews.score(local, 120.0, 70.0, 16.0, 37.0, Consciousness.CONFUSION);
        assertThat(s.total()).isEqualTo(3);
        assertThat(s.atRisk()).isTrue();
        assertThat(s.variant()).isEqualTo("local-2026");

        MewsVariant stricter = SUBBE.toBuilder("subbe-threshold-4").atRiskThreshold(4).build();
        assertThat(stricter.heartRate()).isEqualTo(SUBBE.heartRate());
        assertThat(Mews.score(stricter, 95.0, 115.0, 16.0, 37.0, Consciousness.ALERT).atRisk()).isTrue();
        assertThat(SUBBE.bands(MewsParameter.RESPIRATORY_RATE)).isEqualTo(SUBBE.respiratoryRate());
        assertThat(SUBBE.temperature()).containsExactly(MewsBand.upTo(34.9, 2), MewsBand.upTo(38.4, 0),
                MewsBand.above(2));
    }

    @Test
    void tablesAreImmutable() {
        assertThatThrownBy(() -> SUBBE.heartRate().add(MewsBand.above(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SUBBE.consciousness().put(Consciousness.ALERT, 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> Mews.points(SUBBE, MewsParameter.HEART_RATE, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartRate must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> Mews.score(Double.NaN, null, null, null, null))
                .hasMessage("systolicBp must be a finite number >= 0, but was NaN");
        assertThatThrownBy(() -> Mews.score(null, null, -2.0, null, null))
                .hasMessage("respiratoryRate must be a finite number >= 0, but was -2.0");
        assertThatThrownBy(() -> Mews.score(null, null, null, -1.0, null))
                .hasMessage("temperature must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> Mews.score(null, 1.0, 1.0, 1.0, 1.0, null)).hasMessage("variant must not be null");
        assertThatThrownBy(() -> Mews.points(SUBBE, MewsParameter.CONSCIOUSNESS, 1))
                .hasMessage("parameter must be a banded (numeric) parameter, but was CONSCIOUSNESS");
        assertThatThrownBy(() -> SUBBE.toBuilder("x").heartRate(MewsBand.upTo(50, 1), MewsBand.upTo(50, 0),
                MewsBand.above(1)).build())
                .hasMessage("heartRate bands must have strictly increasing upper bounds, but 50.0 follows 50.0");
        assertThatThrownBy(() -> SUBBE.toBuilder("x").temperature(MewsBand.upTo(35, 1), MewsBand.upTo(38, 0)).build())
                .hasMessage("temperature bands must end with an open-ended band (MewsBand.above), "
                        + "but the last upper bound was 38.0");
        assertThatThrownBy(() -> SUBBE.toBuilder("x").systolicBp().build())
                .hasMessage("systolicBp bands must not be empty, but was []");
        assertThatThrownBy(() -> MewsVariant.builder("x").build())
                .hasMessage("systolicBp bands must not be empty, but was null");
        assertThatThrownBy(() -> SUBBE.toBuilder(" ").build()).hasMessage("name must not be blank, but was ' '");
        assertThatThrownBy(() -> SUBBE.toBuilder("x").atRiskThreshold(-1).build())
                .hasMessage("atRiskThreshold must be >= 0, but was -1");
        assertThatThrownBy(() -> SUBBE.toBuilder("x").consciousness(Consciousness.PAIN, -2).build())
                .hasMessage("consciousness points for PAIN must be >= 0, but was -2");
        assertThatThrownBy(() -> new MewsVariant("x", SUBBE.systolicBp(), SUBBE.heartRate(), SUBBE.respiratoryRate(),
                SUBBE.temperature(), Map.of(Consciousness.ALERT, 0), 5))
                .hasMessage("consciousness points for CONFUSION must be >= 0, but was null");
        assertThatThrownBy(() -> MewsBand.upTo(Double.NaN, 1)).hasMessage("upTo must be a number or +Infinity, but was NaN");
        assertThatThrownBy(() -> MewsBand.upTo(10, -1)).hasMessage("points must be >= 0, but was -1");
        assertThatThrownBy(() -> new MewsScore("x", 3, Map.of(), false, false))
                .hasMessageStartingWith("subscores[systolic_bp] must not be null");
        assertThat(List.of(MewsParameter.values())).extracting(MewsParameter::wireName)
                .containsExactly("systolic_bp", "heart_rate", "respiratory_rate", "temperature", "consciousness");
    }
}
