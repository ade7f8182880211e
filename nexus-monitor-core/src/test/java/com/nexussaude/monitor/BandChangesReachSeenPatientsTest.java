package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps each patient's registration and bands between observations; every change made while the patient is
 * monitored applies from their next reading: global bands, ward bands (set and removed), a new registration with the
 * patient's own bands or another ward, and a discharge. A temperature of 37.0 is normal by default and critical (it
 * alerts at once) in {@link #CRITICAL_AT_37}.
 */
class BandChangesReachSeenPatientsTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final Bands CRITICAL_AT_37 = Bands.of(38.0, 39.0, 37.8, 39.5, 37.5, 40.0);
    final RecordingListener listener = new RecordingListener();
    final VitalMonitor monitor = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(listener)
            .listenerExecutor(Runnable::run).clock(MonitorClock.eventTime()).build();
    int second;

    @AfterEach
    void close() {
        monitor.close();
    }

    /** Submits a temperature of 37.0 for the patient a minute after the last reading; whether it raised an alert. */
    boolean raisedAt37(String pid) {
        int before = listener.of(AlertEventType.RAISED).size();
        second += 60;
        monitor.submit(Observation.builder(pid, T0.plusSeconds(second)).temperature(37.0).build());
        return listener.of(AlertEventType.RAISED).size() > before;
    }

    @Test
    void globalBandsChangedAfterThePatientWasSeenApplyToTheNextReading() {
        assertThat(raisedAt37("p1")).isFalse();
        monitor.setBands(Vital.TEMPERATURE, CRITICAL_AT_37);
        assertThat(raisedAt37("p1")).isTrue();
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.alert().severity()).isEqualTo(com.nexussaude.monitor.notify.Severity.CRITICAL));
    }

    @Test
    void wardBandsSetAndRemovedAfterThePatientWasSeenApplyToTheNextReading() {
        monitor.register(PatientContext.of("p1").withWard("icu"));
        monitor.register(PatientContext.of("p2").withWard("ward-7"));
        assertThat(raisedAt37("p1")).isFalse();
        assertThat(raisedAt37("p2")).isFalse();
        monitor.setWardBands("icu", Vital.TEMPERATURE, CRITICAL_AT_37);
        assertThat(raisedAt37("p2")).as("another ward").isFalse();
        assertThat(raisedAt37("p1")).isTrue();
    }

    @Test
    void wardBandsRemovedAfterThePatientWasSeenLeaveTheGlobalOnesFromTheNextReading() {
        monitor.setBands(Vital.TEMPERATURE, CRITICAL_AT_37);
        monitor.setWardBands("icu", Vital.TEMPERATURE, MonitorConfig.DEFAULT_BANDS.get(Vital.TEMPERATURE));
        monitor.register(PatientContext.of("p1").withWard("icu"));
        assertThat(raisedAt37("p1")).isFalse();
        monitor.setWardBands("icu", Vital.TEMPERATURE, null);
        assertThat(raisedAt37("p1")).as("the ward's bands removed: the global ones").isTrue();
    }

    @Test
    void aNewRegistrationAfterThePatientWasSeenAppliesToTheNextReading() {
        monitor.setWardBands("icu", Vital.TEMPERATURE, CRITICAL_AT_37);
        assertThat(raisedAt37("p1")).isFalse();
        monitor.register(PatientContext.of("p1").withWard("icu"));
        assertThat(raisedAt37("p1")).as("moved to the icu").isTrue();

        assertThat(raisedAt37("p2")).isFalse();
        monitor.register(PatientContext.of("p2").withBands(Vital.TEMPERATURE, CRITICAL_AT_37));
        assertThat(raisedAt37("p2")).as("the patient's own bands").isTrue();

        monitor.register(PatientContext.of("p3").withWard("icu"));
        assertThat(raisedAt37("p3")).isTrue();
        monitor.discharge("p3");
        assertThat(raisedAt37("p3")).as("discharged, then seen unregistered: the global bands").isFalse();
    }
}
