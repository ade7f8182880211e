package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What each bad observation gets: an exception naming field, value and range; a count; no harm. */
class ValidationTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    final VitalMonitor monitor = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(listener).listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    static Stream<Arguments> badObservations() {
        return Stream.of(
                bad(new Observation(null, T0, 80.0, null, null, null, null, null, null, null), "patient_id", "null",
                        "patient_id is missing: every observation needs a patient id"),
                bad(new Observation(" ", T0, 80.0, null, null, null, null, null, null, null), "patient_id", " ",
                        "patient_id is missing: every observation needs a patient id"),
                bad(new Observation("p1", null, 80.0, null, null, null, null, null, null, null), "timestamp", "null",
                        "timestamp of patient p1 is missing: every observation needs an event time"),
                bad(o(b -> b.heartRate(Double.NaN)), "heart_rate", "NaN",
                        "heart_rate of patient p1 must be a finite number within 0..300 /min, but was NaN"),
                bad(o(b -> b.spo2(Double.POSITIVE_INFINITY)), "oxygen_saturation", "Infinity",
                        "oxygen_saturation of patient p1 must be a finite number within 0..100 %, but was Infinity"),
                bad(o(b -> b.heartRate(301)), "heart_rate", "301.0",
                        "heart_rate of patient p1 must be within 0..300 /min (physiologically possible), but was 301"),
                bad(o(b -> b.heartRate(-1)), "heart_rate", "-1.0",
                        "heart_rate of patient p1 must be within 0..300 /min (physiologically possible), but was -1"),
                bad(o(b -> b.spo2(100.5)), "oxygen_saturation", "100.5",
                        "oxygen_saturation of patient p1 must be within 0..100 % (physiologically possible), but was 100.5"),
                bad(o(b -> b.temperature(24.9)), "temperature", "24.9",
                        "temperature of patient p1 must be within 25..45 °C (physiologically possible), but was 24.9"),
                bad(o(b -> b.temperature(45.1)), "temperature", "45.1",
                        "temperature of patient p1 must be within 25..45 °C (physiologically possible), but was 45.1"),
                bad(o(b -> b.respiratoryRate(81)), "respiratory_rate", "81.0",
                        "respiratory_rate of patient p1 must be within 0..80 /min (physiologically possible), but was 81"),
                bad(o(b -> b.bloodPressure(70, 80)), "blood_pressure_systolic", "70.0",
                        "blood_pressure_systolic of patient p1 must not be below blood_pressure_diastolic (80 mmHg), but was 70"),
                bad(o(b -> b), "vitals", "none",
                        "observation of patient p1 at 2026-11-25T08:00:00Z carries no vital sign"));
    }

    static Observation o(UnaryOperator<Observation.Builder> f) {
        return f.apply(Observation.builder("p1", T0)).build();
    }

    static Arguments bad(Observation o, String field, String value, String message) {
        return Arguments.of(o, field, value, message);
    }

    @ParameterizedTest
    @MethodSource("badObservations")
    void isRejectedNamingFieldValueAndRangeAndCounted(Observation o, String field, String value, String message) {
        assertThatThrownBy(() -> monitor.submit(o))
                .isInstanceOfSatisfying(InvalidObservationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
        assertThat(monitor.stats().rejected()).isEqualTo(1);
        // The engine keeps running and valid data keeps flowing.
        monitor.submit(Observation.builder("p2", T0).heartRate(170).build());
        assertThat(monitor.stats().accepted()).isEqualTo(1);
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
    }

    @Test
    void boundaryValuesOfPhysiologicalPossibilityAreAccepted() {
        monitor.submit(Observation.builder("p1", T0).heartRate(0).spo2(100).temperature(25).respiratoryRate(80)
                .bloodPressure(120, 120).consciousness(Consciousness.UNRESPONSIVE).supplementalOxygen(true).build());
        monitor.submit(Observation.builder("p1", T0).heartRate(300).spo2(0).temperature(45).respiratoryRate(0).build());
        assertThat(monitor.stats().accepted()).isEqualTo(2);
        assertThat(monitor.stats().rejected()).isZero();
    }

    @Test
    void invalidBandsAndConfigAreRejectedWithTheSettingNamed() {
        assertThatThrownBy(() -> Bands.of(60, 100, 65, 120, 40, 150))
                .hasMessage("bands must nest (criticalLow <= warningLow <= normalLow <= normalHigh <= warningHigh"
                        + " <= criticalHigh), but warningLow 65.0 > normalLow 60.0");
        assertThatThrownBy(() -> MonitorConfig.builder().resolveHold(java.time.Duration.ofSeconds(-1)))
                .hasMessage("resolveHold must not be negative, but was PT-1S");
        assertThatThrownBy(() -> MonitorConfig.builder().packs(java.util.Set.of("nope")).build())
                .hasMessageStartingWith("packs: unknown pack 'nope', the bundled packs are [")
                .hasMessageContaining("news2").hasMessageContaining("threshold");
        assertThatThrownBy(() -> new PatientContext("p", null, 3, java.util.Map.of()))
                .hasMessage("spo2Scale must be 1 or 2, but was 3");
        assertThatThrownBy(() -> VitalMonitor.builder()
                .config(TestConfigs.thresholdOnly().packSetting("no_such_setting", 1).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("packSettings: unknown setting 'no_such_setting'; the deployed packs declare");
        assertThatThrownBy(() -> VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).clock(MonitorClock.eventTime()).clock(MonitorClock.live()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("clock was already set to");
    }
}
