package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class News2Test {

    @ParameterizedTest(name = "RR {0} -> {1}")
    @CsvSource({
        "0, 3", "8, 3", "8.49, 3", "8.5, 1", "9, 1",
        "11, 1", "11.49, 1", "11.5, 0", "12, 0",
        "20, 0", "20.49, 0", "20.5, 2", "21, 2",
        "24, 2", "24.49, 2", "24.5, 3", "25, 3", "60, 3"})
    void respiratoryRateBands(double rr, int points) {
        assertThat(News2.respiratoryRatePoints(rr)).isEqualTo(points);
        assertThat(News2.score(News2Input.builder().respiratoryRate(rr).build())
                .points(News2Parameter.RESPIRATORY_RATE)).isEqualTo(points);
    }

    @ParameterizedTest(name = "SpO2 scale 1 {0} -> {1}")
    @CsvSource({
        "0, 3", "91, 3", "91.49, 3", "91.5, 2", "92, 2",
        "93, 2", "93.49, 2", "93.5, 1", "94, 1",
        "95, 1", "95.49, 1", "95.5, 0", "96, 0", "100, 0"})
    void spo2Scale1Bands(double spo2, int points) {
        assertThat(News2.spo2Scale1Points(spo2)).isEqualTo(points);
        assertThat(News2.spo2Points(spo2, 1, true)).as("oxygen does not change scale 1 SpO2 points")
                .isEqualTo(points);
        assertThat(News2.spo2Points(spo2, 1, false)).isEqualTo(points);
    }

    @ParameterizedTest(name = "SpO2 scale 2 {0} air -> {1}, oxygen -> {2}")
    @CsvSource({
        "0, 3, 3", "83, 3, 3", "83.49, 3, 3", "83.5, 2, 2", "84, 2, 2",
        "85, 2, 2", "85.49, 2, 2", "85.5, 1, 1", "86, 1, 1",
        "87, 1, 1", "87.49, 1, 1", "87.5, 0, 0", "88, 0, 0",
        "92, 0, 0", "92.49, 0, 0", "92.5, 0, 1", "93, 0, 1",
        "94, 0, 1", "94.49, 0, 1", "94.5, 0, 2", "95, 0, 2",
        "96, 0, 2", "96.49, 0, 2", "96.5, 0, 3", "97, 0, 3", "100, 0, 3"})
    void spo2Scale2Bands(double spo2, int onAir, int onOxygen) {
        assertThat(News2.spo2Scale2Points(spo2, false)).isEqualTo(onAir);
        assertThat(News2.spo2Scale2Points(spo2, true)).isEqualTo(onOxygen);
        assertThat(News2.spo2Points(spo2, 2, false)).isEqualTo(onAir);
        assertThat(News2.spo2Points(spo2, 2, true)).isEqualTo(onOxygen);
        News2Score withOxygen = News2.score(News2Input.builder().spo2(spo2).spo2Scale(2).supplementalOxygen(true).build());
        assertThat(withOxygen.points(News2Parameter.OXYGEN_SATURATION)).isEqualTo(onOxygen);
        assertThat(withOxygen.total()).as("oxygen adds 2 on scale 2").isEqualTo(onOxygen + 2);
        News2Score unknownOxygen = News2.score(News2Input.builder().spo2(spo2).spo2Scale(2).build());
        assertThat(unknownOxygen.points(News2Parameter.OXYGEN_SATURATION)).as("unknown oxygen scored as air")
                .isEqualTo(onAir);
    }

    @ParameterizedTest(name = "SBP {0} -> {1}")
    @CsvSource({
        "0, 3", "90, 3", "90.49, 3", "90.5, 2", "91, 2",
        "100, 2", "100.49, 2", "100.5, 1", "101, 1",
        "110, 1", "110.49, 1", "110.5, 0", "111, 0",
        "219, 0", "219.49, 0", "219.5, 3", "220, 3", "300, 3"})
    void systolicBpBands(double sbp, int points) {
        assertThat(News2.systolicBpPoints(sbp)).isEqualTo(points);
    }

    @ParameterizedTest(name = "HR {0} -> {1}")
    @CsvSource({
        "0, 3", "40, 3", "40.49, 3", "40.5, 1", "41, 1",
        "50, 1", "50.49, 1", "50.5, 0", "51, 0",
        "90, 0", "90.49, 0", "90.5, 1", "91, 1",
        "110, 1", "110.49, 1", "110.5, 2", "111, 2",
        "130, 2", "130.49, 2", "130.5, 3", "131, 3", "250, 3"})
    void heartRateBands(double hr, int points) {
        assertThat(News2.heartRatePoints(hr)).isEqualTo(points);
    }

    @ParameterizedTest(name = "T {0} -> {1}")
    @CsvSource({
        "0, 3", "35.0, 3", "35.04, 3", "35.05, 1", "35.1, 1",
        "36.0, 1", "36.04, 1", "36.05, 0", "36.1, 0",
        "38.0, 0", "38.04, 0", "38.05, 1", "38.1, 1",
        "39.0, 1", "39.04, 1", "39.05, 2", "39.1, 2", "42, 2"})
    void temperatureBands(double t, int points) {
        assertThat(News2.temperaturePoints(t)).isEqualTo(points);
    }

    @ParameterizedTest
    @EnumSource(Consciousness.class)
    void consciousness(Consciousness c) {
        assertThat(News2.consciousnessPoints(c)).isEqualTo(c == Consciousness.ALERT ? 0 : 3);
    }

    @Test
    void supplementalOxygenAddsTwo() {
        assertThat(News2.supplementalOxygenPoints(true)).isEqualTo(2);
        assertThat(News2.supplementalOxygenPoints(false)).isZero();
        assertThat(News2.score(News2Input.builder().supplementalOxygen(true).build()).total()).isEqualTo(2);
    }

    @Test
    void roundingIsRecorded() {
        News2Score s = News2.score(News2Input.builder().respiratoryRate(8.5).spo2(95.5).systolicBp(219.5)
                .heartRate(90.5).temperature(36.05).supplementalOxygen(false).consciousness(Consciousness.ALERT)
                .build());
        assertThat(s.scored().respiratoryRate()).isEqualTo(9.0);
        assertThat(s.scored().spo2()).isEqualTo(96.0);
        assertThat(s.scored().systolicBp()).isEqualTo(220.0);
        assertThat(s.scored().heartRate()).isEqualTo(91.0);
        assertThat(s.scored().temperature()).isEqualTo(36.1);
        assertThat(s.roundedParameters()).containsExactlyInAnyOrder(News2Parameter.RESPIRATORY_RATE,
                News2Parameter.OXYGEN_SATURATION, News2Parameter.BLOOD_PRESSURE_SYSTOLIC, News2Parameter.HEART_RATE,
                News2Parameter.TEMPERATURE);
        // RR 9 -> 1, SpO2 96 -> 0, SBP 220 -> 3, HR 91 -> 1, T 36.1 -> 0
        assertThat(s.total()).isEqualTo(5);
        assertThat(s.partial()).isFalse();

        News2Score down = News2.score(News2Input.builder().temperature(36.04).heartRate(90).build());
        assertThat(down.scored().temperature()).isEqualTo(36.0);
        assertThat(down.points(News2Parameter.TEMPERATURE)).isEqualTo(1);
        assertThat(down.roundedParameters()).containsExactly(News2Parameter.TEMPERATURE);
        assertThat(down.scored().respiratoryRate()).isNull();
    }

    @Test
    void totalFourWithASingleThreeIsLowMedium() {
        // RR 25 -> 3, HR 91 -> 1
        News2Score s = News2.score(full().respiratoryRate(25).heartRate(91).build());
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.risk()).isEqualTo(News2Risk.LOW_MEDIUM);
        assertThat(s.anySingleParameterScored3()).isTrue();
        assertThat(s.monitoring()).isEqualTo(News2Monitoring.HOURLY);
    }

    @Test
    void totalFourWithoutAThreeIsLow() {
        News2Score s = News2.score(full().respiratoryRate(22).heartRate(111).build());
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.risk()).isEqualTo(News2Risk.LOW);
        assertThat(s.monitoring()).isEqualTo(News2Monitoring.FOUR_TO_SIX_HOURLY);
    }

    @Test
    void totalFiveIsMediumEvenWithAThree() {
        // RR 25 -> 3, HR 111 -> 2
        News2Score s = News2.score(full().respiratoryRate(25).heartRate(111).build());
        assertThat(s.total()).isEqualTo(5);
        assertThat(s.risk()).isEqualTo(News2Risk.MEDIUM);
        assertThat(s.monitoring()).isEqualTo(News2Monitoring.HOURLY);
        assertThat(News2.score(full().respiratoryRate(25).heartRate(111).temperature(38.5).build()).risk())
                .as("total 6").isEqualTo(News2Risk.MEDIUM);
    }

    @Test
    void totalSevenIsHigh() {
        // RR 25 -> 3, HR 111 -> 2, T 39.1 -> 2
        News2Score s = News2.score(full().respiratoryRate(25).heartRate(111).temperature(39.1).build());
        assertThat(s.total()).isEqualTo(7);
        assertThat(s.risk()).isEqualTo(News2Risk.HIGH);
        assertThat(s.monitoring()).isEqualTo(News2Monitoring.CONTINUOUS);
    }

    @Test
    void zeroIsLowTwelveHourly() {
        News2Score s = News2.score(full().build());
        assertThat(s.total()).isZero();
        assertThat(s.risk()).isEqualTo(News2Risk.LOW);
        assertThat(s.partial()).isFalse();
        assertThat(s.absentParameters()).isEmpty();
        assertThat(s.roundedParameters()).isEmpty();
        assertThat(s.monitoring()).isEqualTo(News2Monitoring.TWELVE_HOURLY);
        assertThat(s.monitoring().maxInterval()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void maximumTotalIsTwenty() {
        News2Score s = News2.score(News2Input.builder().respiratoryRate(30).spo2(100).spo2Scale(2)
                .supplementalOxygen(true).systolicBp(80).heartRate(140).consciousness(Consciousness.UNRESPONSIVE)
                .temperature(34).build());
        assertThat(s.total()).isEqualTo(News2.MAX_TOTAL).isEqualTo(20);
        assertThat(s.subscores().values()).containsExactly(3, 3, 2, 3, 3, 3, 3);
        assertThat(s.risk()).isEqualTo(News2Risk.HIGH);
        // scale 1 maximum is also 20 (SpO2 <=91 -> 3)
        assertThat(News2.score(90.0, 85.0, 1, true, 90.0, 40.0, Consciousness.CONFUSION, 35.0).total()).isEqualTo(20);
    }

    @Test
    void partialFlagAndAbsentParametersContributeZero() {
        News2Score s = News2.score(News2Input.builder().respiratoryRate(25).build());
        assertThat(s.partial()).isTrue();
        assertThat(s.total()).isEqualTo(3);
        assertThat(s.absentParameters()).hasSize(6).doesNotContain(News2Parameter.RESPIRATORY_RATE);
        assertThat(s.subscores()).hasSize(7).containsEntry(News2Parameter.HEART_RATE, 0);
        assertThat(s.risk()).isEqualTo(News2Risk.LOW_MEDIUM);

        News2Score empty = News2.score(News2Input.builder().build());
        assertThat(empty.partial()).isTrue();
        assertThat(empty.total()).isZero();
        assertThat(empty.absentParameters()).isEqualTo(EnumSet.allOf(News2Parameter.class));

        News2Score onlyOxygenMissing = News2.score(new News2Input(16.0, 97.0, 1, null, 120.0, 70.0,
                Consciousness.ALERT, 37.0));
        assertThat(onlyOxygenMissing.partial()).isTrue();
        assertThat(onlyOxygenMissing.absentParameters()).containsExactly(News2Parameter.SUPPLEMENTAL_OXYGEN);
    }

    @Test
    void subscoresAreImmutable() {
        News2Score s = News2.score(full().build());
        assertThatThrownBy(() -> s.subscores().put(News2Parameter.HEART_RATE, 3))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fromObservation() {
        Observation o = Observation.builder("bed-1", Instant.parse("2026-11-25T08:00:00Z"))
                .respiratoryRate(22).spo2(95).supplementalOxygen(true).bloodPressure(105, 60).heartRate(112)
                .consciousness(Consciousness.ALERT).temperature(38.2).build();
        News2Input in = News2Input.from(o, 1);
        assertThat(in).isEqualTo(new News2Input(22.0, 95.0, 1, true, 105.0, 112.0, Consciousness.ALERT, 38.2));
        News2Score s = News2.score(in);
        // 2 + 1 + 2 + 1 + 2 + 0 + 1
        assertThat(s.total()).isEqualTo(9);
        assertThat(News2.score(News2Input.from(o, 2)).points(News2Parameter.OXYGEN_SATURATION)).isEqualTo(2);
        assertThatThrownBy(() -> News2Input.from(null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("observation must not be null");
        assertThatThrownBy(() -> News2Input.from(o, 3)).hasMessage("spo2Scale must be 1 or 2, but was 3");
    }

    @Test
    void wireNames() {
        assertThat(News2Risk.LOW.wireName()).isEqualTo("low");
        assertThat(News2Risk.LOW_MEDIUM.wireName()).isEqualTo("low-medium");
        assertThat(News2Risk.MEDIUM.wireName()).isEqualTo("medium");
        assertThat(News2Risk.HIGH.wireName()).isEqualTo("high");
        assertThat(News2Parameter.RESPIRATORY_RATE.wireName()).isEqualTo("respiratory_rate");
        assertThat(News2Parameter.OXYGEN_SATURATION.wireName()).isEqualTo("oxygen_saturation");
        assertThat(News2Parameter.SUPPLEMENTAL_OXYGEN.wireName()).isEqualTo("supplemental_oxygen");
        assertThat(News2Parameter.BLOOD_PRESSURE_SYSTOLIC.wireName()).isEqualTo("blood_pressure_systolic");
        assertThat(News2Parameter.HEART_RATE.wireName()).isEqualTo("heart_rate");
        assertThat(News2Parameter.CONSCIOUSNESS.wireName()).isEqualTo("consciousness");
        assertThat(News2Parameter.TEMPERATURE.wireName()).isEqualTo("temperature");
        assertThat(News2Monitoring.FOUR_TO_SIX_HOURLY.wireName()).isEqualTo("4-6-hourly");
        assertThat(News2Monitoring.FOUR_TO_SIX_HOURLY.minInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(News2Monitoring.FOUR_TO_SIX_HOURLY.maxInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(News2Monitoring.CONTINUOUS.maxInterval()).isEqualTo(Duration.ZERO);
    }

    @Test
    void riskFunction() {
        assertThat(News2.risk(0, false)).isEqualTo(News2Risk.LOW);
        assertThat(News2.risk(3, true)).isEqualTo(News2Risk.LOW_MEDIUM);
        assertThat(News2.risk(4, false)).isEqualTo(News2Risk.LOW);
        assertThat(News2.risk(6, true)).isEqualTo(News2Risk.MEDIUM);
        assertThat(News2.risk(7, false)).isEqualTo(News2Risk.HIGH);
        assertThat(News2.risk(20, true)).isEqualTo(News2Risk.HIGH);
        assertThat(News2Monitoring.forScore(0, News2Risk.LOW)).isEqualTo(News2Monitoring.TWELVE_HOURLY);
        assertThat(News2Monitoring.forScore(1, News2Risk.LOW)).isEqualTo(News2Monitoring.FOUR_TO_SIX_HOURLY);
    }

    @Test
    void invalidArgumentsNameTheArgumentTheValueAndTheRange() {
        assertThatThrownBy(() -> News2Input.builder().spo2Scale(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("spo2Scale must be 1 or 2, but was 3");
        assertThatThrownBy(() -> News2.spo2Points(95, 0, false)).hasMessage("spo2Scale must be 1 or 2, but was 0");
        assertThatThrownBy(() -> News2.respiratoryRatePoints(-1))
                .hasMessage("respiratoryRate must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> News2.respiratoryRatePoints(Double.NaN))
                .hasMessage("respiratoryRate must be a finite number >= 0, but was NaN");
        assertThatThrownBy(() -> News2.spo2Scale1Points(101))
                .hasMessage("spo2 must be between 0 and 100, but was 101.0");
        assertThatThrownBy(() -> News2.spo2Scale2Points(-0.5, true))
                .hasMessage("spo2 must be between 0 and 100, but was -0.5");
        assertThatThrownBy(() -> News2.systolicBpPoints(Double.POSITIVE_INFINITY))
                .hasMessage("systolicBp must be a finite number >= 0, but was Infinity");
        assertThatThrownBy(() -> News2.heartRatePoints(-3))
                .hasMessage("heartRate must be a finite number >= 0, but was -3.0");
        assertThatThrownBy(() -> News2.temperaturePoints(-1))
                .hasMessage("temperature must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> News2.consciousnessPoints(null)).hasMessage("consciousness must not be null");
        assertThatThrownBy(() -> News2.score((News2Input) null)).hasMessage("in must not be null");
        assertThatThrownBy(() -> News2.risk(21, false)).hasMessage("total must be between 0 and 20, but was 21");
        assertThatThrownBy(() -> News2.risk(-1, false)).hasMessage("total must be between 0 and 20, but was -1");
        assertThatThrownBy(() -> News2Input.builder().respiratoryRate(-2).build())
                .hasMessage("respiratoryRate must be a finite number >= 0, but was -2.0");
        assertThatThrownBy(() -> News2Input.builder().spo2(120).build())
                .hasMessage("spo2 must be between 0 and 100, but was 120.0");
        assertThatThrownBy(() -> News2Input.builder().systolicBp(-1).build())
                .hasMessage("systolicBp must be a finite number >= 0, but was -1.0");
        assertThatThrownBy(() -> News2Input.builder().heartRate(Double.NaN).build())
                .hasMessage("heartRate must be a finite number >= 0, but was NaN");
        assertThatThrownBy(() -> News2Input.builder().temperature(-40).build())
                .hasMessage("temperature must be a finite number >= 0, but was -40.0");
        assertThatThrownBy(() -> News2Monitoring.forScore(3, null)).hasMessage("risk must not be null");
    }

    /** A complete normal set: every parameter scores 0. */
    private static News2Input.Builder full() {
        return News2Input.builder().respiratoryRate(16).spo2(97).supplementalOxygen(false).systolicBp(120)
                .heartRate(70).consciousness(Consciousness.ALERT).temperature(37.0);
    }
}
