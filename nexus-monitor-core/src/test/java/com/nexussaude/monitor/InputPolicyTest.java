package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input that must not silently stop monitoring: an invalid value rejects that value only, an unknown
 * field is reported (or rejected, strict), and an unregistered patient follows the unknown-patient policy.
 */
class InputPolicyTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();

    VitalMonitor monitor(VitalMonitor.Builder b) {
        return b.config(TestConfigs.thresholdOnly().build()).listener(listener).listenerExecutor(Runnable::run).build();
    }

    @Test
    void anInvalidHeartRateIsRejectedAloneAndTheSpo2OfTheSameObservationIsStillMonitored() {
        try (VitalMonitor m = monitor(VitalMonitor.builder())) {
            SubmitResult r = m.submitAndReport(Observation.builder("bed-12", T0).heartRate(999).spo2(84).build());

            assertThat(r.rejectedValues()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("heart_rate");
                assertThat(v.value()).isEqualTo("999.0");
                assertThat(v.allowed()).isEqualTo("0..300 /min");
                assertThat(v.message()).isEqualTo(
                        "heart_rate of patient bed-12 must be within 0..300 /min (physiologically possible), but was 999");
            });
            assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
                assertThat(e.alert().key()).isEqualTo("SPO2");
                assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL);
            });
            MonitorStats s = m.stats();
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.rejected()).isZero();
            assertThat(s.rejectedValues()).isEqualTo(1);

            // The plain submit keeps the valid part too, and counts.
            m.submit(Observation.builder("bed-12", T0.plusSeconds(1)).heartRate(999).spo2(84).build());
            assertThat(m.stats().rejectedValues()).isEqualTo(2);
            assertThat(m.stats().accepted()).isEqualTo(2);
        }
    }

    @Test
    void anInvertedBloodPressureRejectsThePairAndKeepsTheRest() {
        try (VitalMonitor m = monitor(VitalMonitor.builder())) {
            SubmitResult r = m.submitAndReport(Observation.builder("bed-12", T0).bloodPressure(70, 80).heartRate(190).build());
            assertThat(r.rejectedValues()).extracting(RejectedValue::field).containsExactly("blood_pressure_systolic");
            assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().key()).containsExactly("HEART_RATE");
        }
    }

    @Test
    void strictInputRejectsTheWholeObservationAsBefore() {
        try (VitalMonitor m = monitor(VitalMonitor.builder().strictInput(true))) {
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-12", T0).heartRate(999).spo2(84).build()))
                    .isInstanceOfSatisfying(InvalidObservationException.class, e -> {
                        assertThat(e.field()).isEqualTo("heart_rate");
                        assertThat(e.allowed()).isEqualTo("0..300 /min");
                    });
            assertThat(m.stats().rejected()).isEqualTo(1);
            assertThat(listener.events).isEmpty();
        }
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aMisspeltFieldIsReportedCountedAndTheKnownFieldsAreMonitored() {
        try (VitalMonitor m = monitor(VitalMonitor.builder())) {
            SubmitResult r = m.submitFields(fields("patient_id", "bed-12", "timestamp", "2026-11-25T08:00:00Z",
                    "heart_rat", 130, "oxygen_saturation", "84"));
            assertThat(r.unknownFields()).singleElement().satisfies(u -> {
                assertThat(u.field()).isEqualTo("heart_rat");
                assertThat(u.message()).isEqualTo("unknown field 'heart_rat' of patient bed-12: not monitored");
            });
            assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().key()).containsExactly("SPO2");
            assertThat(m.stats().unknownFields()).isEqualTo(1);
        }
    }

    @Test
    void strictInputRejectsAnObservationWithAnUnknownFieldNamingIt() {
        try (VitalMonitor m = monitor(VitalMonitor.builder().strictInput(true))) {
            assertThatThrownBy(() -> m.submitFields(fields("patient_id", "bed-12", "timestamp", T0, "spo2", 84)))
                    .isInstanceOfSatisfying(InvalidObservationException.class,
                            e -> assertThat(e.field()).isEqualTo("spo2"))
                    .hasMessageStartingWith("unknown field 'spo2' of patient bed-12");
            assertThat(m.stats().rejected()).isEqualTo(1);
        }
        assertThatThrownBy(() -> Observation.fromFields(fields("patient_id", "p", "timestamp", T0, "heart_rat", 80)))
                .isInstanceOf(InvalidObservationException.class).hasMessageContaining("unknown field 'heart_rat'");
        assertThat(Observation.fromFields(fields("patient_id", "p", "timestamp", "2026-11-25T08:00:00Z",
                "heart_rate", "80", "consciousness", "V", "supplemental_oxygen", true)))
                .isEqualTo(Observation.builder("p", T0).heartRate(80).consciousness(Consciousness.VOICE)
                        .supplementalOxygen(true).build());
    }

    @Test
    void anUnregisteredPatientIsMonitoredAndCountedOnceUnderTheDefaultPolicy() {
        try (VitalMonitor m = monitor(VitalMonitor.builder())) {
            m.register(PatientContext.of("bed-12"));
            assertThat(m.submitAndReport(Observation.builder("bed-12", T0).heartRate(80).build()).knownPatient()).isTrue();
            for (int s = 0; s < 3; s++) {
                SubmitResult r = m.submitAndReport(Observation.builder("bed-404", T0.plusSeconds(s)).heartRate(190).build());
                assertThat(r.knownPatient()).isFalse();
            }
            assertThat(m.stats().unknownPatients()).isEqualTo(1);
            assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().patientId()).containsExactly("bed-404");
        }
    }

    @Test
    void rejectRefusesAnUnregisteredPatientAndAcceptSaysNothing() {
        try (VitalMonitor m = monitor(VitalMonitor.builder().unknownPatients(UnknownPatientPolicy.REJECT))) {
            assertThatThrownBy(() -> m.submit(Observation.builder("bed-404", T0).heartRate(190).build()))
                    .isInstanceOfSatisfying(UnknownPatientException.class, e -> {
                        assertThat(e.field()).isEqualTo("patient_id");
                        assertThat(e.value()).isEqualTo("bed-404");
                    });
            assertThat(m.stats().rejected()).isEqualTo(1);
            assertThat(m.stats().unknownPatients()).isEqualTo(1);
            assertThat(listener.events).isEmpty();
            m.register(PatientContext.of("bed-12"));
            m.submit(Observation.builder("bed-12", T0).heartRate(190).build());
            assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
        }
        try (VitalMonitor m = monitor(VitalMonitor.builder().unknownPatients(UnknownPatientPolicy.ACCEPT))) {
            m.submit(Observation.builder("bed-404", T0.plusSeconds(5)).heartRate(80).build());
            assertThat(m.stats().unknownPatients()).isZero();
            assertThat(m.stats().accepted()).isEqualTo(1);
        }
    }
}
