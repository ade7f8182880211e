package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: a timestamp far from the monitor clock neither poisons nor bricks an event-time
 * monitor, and {@code submit} throws only its documented exceptions whatever an observation holds.
 */
class ClockPoisoningTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private static VitalMonitor monitor(RecordingListener l) {
        return VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(l)
                .listenerExecutor(Runnable::run).build();
    }

    @Test
    void aReadingAYearAheadIsRejectedAndALaterValidCriticalSpo2OfAnotherPatientStillAlerts() {
        RecordingListener l = new RecordingListener();
        try (VitalMonitor m = monitor(l)) {
            m.submit(Observation.builder("bed-1", T0).heartRate(80).spo2(97).build());
            Instant yearAhead = T0.plus(Duration.ofDays(365));
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-1", yearAhead).heartRate(80).build()))
                    .isInstanceOfSatisfying(InvalidObservationException.class, e -> {
                        assertThat(e.field()).isEqualTo("timestamp");
                        assertThat(e.value()).isEqualTo("2027-11-25T08:00:00Z");
                        assertThat(e.getMessage()).contains("2027-11-25T08:00:00Z").contains("PT24H")
                                .contains("ahead of the monitor clock 2026-11-25T08:00:00Z");
                    });
            assertThat(m.now()).isEqualTo(T0); // the clock did not move
            m.submit(Observation.builder("bed-2", T0.plusSeconds(1)).spo2(84).build());
            assertThat(l.raised("SPO2")).singleElement()
                    .satisfies(e -> assertThat(e.alert().patientId()).isEqualTo("bed-2"));
            assertThat(m.stats().rejected()).isEqualTo(1);
        }
    }

    @Test
    void twoConsecutiveObservationsThatAgreeAreTheDataMovingOnAfterAGap() {
        RecordingListener l = new RecordingListener();
        try (VitalMonitor m = monitor(l)) {
            m.submit(Observation.builder("bed-1", T0).heartRate(80).build());
            Instant afterGap = T0.plus(Duration.ofDays(3));
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-1", afterGap).heartRate(80).build()))
                    .isInstanceOf(LateObservationException.class);
            m.submit(Observation.builder("bed-2", afterGap.plusSeconds(1)).spo2(84).build());
            assertThat(m.now()).isEqualTo(afterGap.plusSeconds(1));
            assertThat(l.raised("SPO2")).hasSize(1);
        }
    }

    @Test
    void aValidObservationBetweenTwoFarAheadOnesKeepsTheClock() {
        try (VitalMonitor m = monitor(new RecordingListener())) {
            m.submit(Observation.builder("bed-1", T0).heartRate(80).build());
            Instant ahead = T0.plus(Duration.ofDays(30));
            assertThatThrownBy(() -> m.submit(Observation.builder("bad-clock", ahead).heartRate(80).build()))
                    .isInstanceOf(LateObservationException.class);
            m.submit(Observation.builder("bed-1", T0.plusSeconds(1)).heartRate(80).build());
            assertThatThrownBy(() -> m.submit(Observation.builder("bad-clock", ahead.plusSeconds(1)).heartRate(80).build()))
                    .isInstanceOf(LateObservationException.class);
            assertThat(m.now()).isEqualTo(T0.plusSeconds(1));
        }
    }

    @Test
    void theToleranceIsABuilderSettingAndAdvanceToStartsTheClockSoTheFirstObservationIsCheckedToo() {
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                .eventTimeFutureTolerance(Duration.ofMinutes(1)).build()) {
            m.advanceTo(T0);
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-1", T0.plusSeconds(61)).heartRate(80).build()))
                    .isInstanceOf(LateObservationException.class).hasMessageContaining("tolerance is PT1M");
            m.submit(Observation.builder("bed-1", T0.plusSeconds(60)).heartRate(80).build());
            assertThat(m.now()).isEqualTo(T0.plusSeconds(60));
        }
        assertThatThrownBy(() -> VitalMonitor.builder().eventTimeFutureTolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        try (VitalMonitor unlimited = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build())
                .eventTimeFutureTolerance(Duration.ofDays(1_000_000_000L)).build()) {
            unlimited.submit(Observation.builder("bed-1", T0).heartRate(80).build());
            unlimited.submit(Observation.builder("bed-1", T0.plus(Duration.ofDays(365))).heartRate(80).build());
        }
    }

    @Test
    void timestampsOutsideTheCountableRangeAreRejectedAtValidationAndTheMonitorKeepsWorking() {
        RecordingListener l = new RecordingListener();
        try (VitalMonitor m = monitor(l)) {
            List<Instant> extreme = List.of(Instant.parse("2262-04-12T00:00:00Z"), Instant.parse("2200-01-01T00:00:00.001Z"),
                    Instant.ofEpochSecond(Long.MAX_VALUE / 1000 + 1), Instant.MAX, Instant.MIN,
                    Instant.parse("1969-12-31T23:59:59.999Z"), Instant.ofEpochSecond(-300_000_000L * 365 * 86_400));
            for (Instant t : extreme) {
                assertThatThrownBy(() -> m.submit(Observation.builder("bed-1", t).spo2(97).build()))
                        .as("%s", t)
                        .isInstanceOfSatisfying(InvalidObservationException.class, e -> {
                            assertThat(e).isNotInstanceOf(LateObservationException.class);
                            assertThat(e.field()).isEqualTo("timestamp");
                            assertThat(e.getMessage()).contains(t.toString())
                                    .contains("1970-01-01T00:00:00Z..2200-01-01T00:00:00Z");
                        });
                // the first observation of an event-time monitor must not be one of these either
                assertThat(m.now()).isNull();
            }
            m.submit(Observation.builder("bed-2", T0).spo2(84).build());
            assertThat(l.raised("SPO2")).hasSize(1);
            assertThatThrownBy(() -> m.advanceTo(Instant.parse("2262-04-12T00:00:00Z")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2200-01-01T00:00:00Z");
        }
    }

    @Test
    void controlCharactersInAPatientIdAreRefusedAndReportedEscaped() {
        try (VitalMonitor m = monitor(new RecordingListener())) {
            for (String id : List.of("bed-1\nERROR forged line", "bed-1\r", "bed\u0000-1", "bed\u001b[31m", "bed\u0085x",
                    "bed\u007f")) {
                assertThatThrownBy(() -> m.submit(Observation.builder(id, T0).heartRate(80).build()))
                        .isInstanceOfSatisfying(InvalidObservationException.class, e -> {
                            assertThat(e.field()).isEqualTo("patient_id");
                            assertThat(e.getMessage()).contains("control character").doesNotContain("\n")
                                    .doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u001b");
                        });
            }
            assertThat(m.stats().rejected()).isEqualTo(6);
            m.submit(Observation.builder("bed-1 ünïcode", T0).heartRate(80).build());
            assertThatThrownBy(() -> m.raise("bed-1\r\nERROR forged", "manual", null,
                    com.nexussaude.monitor.notify.Severity.HIGH, com.nexussaude.monitor.notify.Category.PHYSIOLOGICAL,
                    "concern", java.util.Map.of(), Duration.ofHours(1), "nurse", "why"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("patientId must not contain control characters");
        }
        assertThatThrownBy(() -> PatientContext.of("bed-1\nERROR forged")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("patientId must not contain control characters, but has U+000A at index 5");
    }

    @Test
    void aHugeValueIsReportedAsItselfNotClampedToALong() {
        try (VitalMonitor m = monitor(new RecordingListener())) {
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-1", T0).heartRate(1e308).build()))
                    .isInstanceOf(InvalidObservationException.class).hasMessageContaining("but was 1.0E308")
                    .hasMessageNotContaining("9223372036854775807");
        }
    }

    @Test
    void fromFieldsRefusesNumberFormsThatAreNotDecimals() {
        for (String bad : List.of("0x1p6", "1d", "Infinity", "NaN", "1_000")) {
            assertThatThrownBy(() -> Observation.fromFields(java.util.Map.of("patient_id", "bed-1", "timestamp",
                    T0.toString(), "heart_rate", bad))).as(bad).isInstanceOfSatisfying(InvalidObservationException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("heart_rate must be a number, but was '" + bad + "'"));
        }
        assertThat(Observation.fromFields(java.util.Map.of("patient_id", "bed-1", "timestamp", T0.toString(),
                "heart_rate", "1.5e2")).heartRate()).isEqualTo(150.0);
    }

    /**
     * Fuzz: random observations with extreme instants and values. Only the documented exceptions escape,
     * and after each one the monitor still raises a critical SpO2 of a fresh patient.
     */
    @Test
    void submitThrowsOnlyDocumentedExceptionsForExtremeInstantsAndValues() {
        Random random = new Random(14);
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0, 84, 1e308, -1e308, 300, 301, Long.MAX_VALUE};
        Instant[] instants = {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("2262-04-11T23:47:16.854775807Z"),
                Instant.parse("2262-04-11T23:47:16.854775808Z"), Instant.ofEpochMilli(Long.MAX_VALUE),
                Instant.ofEpochMilli(Long.MIN_VALUE), Instant.parse("2199-12-31T23:59:59Z"), T0, T0.plusSeconds(1),
                T0.minusSeconds(3600), T0.plus(Duration.ofDays(365)), Instant.ofEpochSecond(-1)};
        RecordingListener l = new RecordingListener();
        int tried = 0;
        List<String> unexpected = new ArrayList<>();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(l)
                .listenerExecutor(Runnable::run).build()) {
            m.advanceTo(T0);
            for (int i = 0; i < 2_000; i++) {
                Instant t = instants[random.nextInt(instants.length)];
                Observation.Builder b = Observation.builder("fuzz-" + random.nextInt(5), t);
                for (Vital v : new Vital[] {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.TEMPERATURE,
                        Vital.SYSTOLIC_BP, Vital.DIASTOLIC_BP}) {
                    if (random.nextBoolean()) {
                        b.value(v, values[random.nextInt(values.length)]);
                    }
                }
                tried++;
                try {
                    m.submit(b.build());
                } catch (InvalidObservationException e) { // LateObservationException included
                    assertThat(e.getMessage()).isNotBlank();
                } catch (RuntimeException e) {
                    unexpected.add(t + ": " + e);
                }
            }
            assertThat(unexpected).as("undocumented exceptions out of %d submits", tried).isEmpty();
            Instant now = m.now();
            m.submit(Observation.builder("after-fuzz", now).spo2(84).build());
            assertThat(l.raised("SPO2")).anySatisfy(e -> assertThat(e.alert().patientId()).isEqualTo("after-fuzz"));
        }
    }
}
