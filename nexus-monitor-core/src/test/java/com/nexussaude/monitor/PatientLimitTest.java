package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documented patient limit: a new patient beyond {@code maxPatients} is rejected with an exception
 * naming the limit, the patients already monitored keep flowing, and a slot frees when a patient is
 * discharged or released for being idle.
 */
class PatientLimitTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    final RecordingListener listener = new RecordingListener();
    VitalMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    static Observation reading(String patient, Instant t, double spo2) {
        return Observation.builder(patient, t).heartRate(80).spo2(spo2).respiratoryRate(16).build();
    }

    @Test
    void aNewPatientBeyondTheLimitIsRejectedNamingItAndTheOthersKeepFlowing() {
        monitor = VitalMonitor.builder().maxPatients(3).idlePatientRelease(Duration.ofHours(1))
                .unknownPatients(UnknownPatientPolicy.ACCEPT).listener(listener).listenerExecutor(Runnable::run).build();
        for (String p : new String[] {"bed-1", "bed-2", "bed-3"}) {
            monitor.submit(reading(p, T0, 97));
        }
        assertThatThrownBy(() -> monitor.submit(reading("bed-4", T0.plusSeconds(1), 80)))
                .isInstanceOfSatisfying(PatientLimitException.class, e -> {
                    assertThat(e.field()).isEqualTo("patient_id");
                    assertThat(e.value()).isEqualTo("bed-4");
                    assertThat(e.limit()).isEqualTo(3);
                })
                .isInstanceOf(InvalidObservationException.class)
                .hasMessage("patient_id 'bed-4' is not monitored: the monitor already monitors 3 patients, its maxPatients"
                        + " limit (VitalMonitor.Builder.maxPatients); discharge patients whose monitoring ended, or raise the limit");
        assertThat(monitor.stats().rejected()).isEqualTo(1);
        assertThat(monitor.monitoredPatients()).isEqualTo(3);

        // The monitored patients keep flowing: bed-3 desaturates and alerts.
        for (int s = 1; s <= 30; s++) {
            for (String p : new String[] {"bed-1", "bed-2"}) {
                monitor.submit(reading(p, T0.plusSeconds(s), 97));
            }
            monitor.submit(reading("bed-3", T0.plusSeconds(s), 80));
        }
        assertThat(monitor.openAlerts()).extracting(Alert::patientId).contains("bed-3");

        // A discharge frees a slot.
        monitor.discharge("bed-1");
        monitor.submit(reading("bed-4", T0.plusSeconds(31), 97));
        assertThat(monitor.monitoredPatients()).isEqualTo(3);

        // So does the release of an idle patient: bed-2 sends nothing for an hour while the others go on.
        assertThatThrownBy(() -> monitor.submit(reading("bed-5", T0.plusSeconds(32), 97)))
                .isInstanceOf(PatientLimitException.class);
        for (int s = 60; s <= 3660; s += 30) {
            monitor.submit(reading("bed-3", T0.plusSeconds(s), 97));
            monitor.submit(reading("bed-4", T0.plusSeconds(s), 97));
        }
        assertThat(monitor.releasedPatients()).isEqualTo(1);
        monitor.submit(reading("bed-5", T0.plusSeconds(3661), 97));
        assertThat(monitor.monitoredPatients()).isEqualTo(3);
    }

    @Test
    void theSettingsAreCheckedAndDocumentedDefaultsHold() {
        assertThatThrownBy(() -> VitalMonitor.builder().maxPatients(0))
                .hasMessage("maxPatients must be at least 1, but was 0");
        assertThatThrownBy(() -> VitalMonitor.builder().idlePatientRelease(Duration.ZERO))
                .hasMessage("idlePatientRelease must be greater than 0, but was PT0S");
        assertThat(VitalMonitor.DEFAULT_MAX_PATIENTS).isEqualTo(100_000);
        assertThat(VitalMonitor.DEFAULT_IDLE_PATIENT_RELEASE).isEqualTo(Duration.ofHours(16));
    }
}
