package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SpO2 bands follow the patient's NEWS2 scale: a COPD patient on scale 2 at the prescribed 88–92 % raises
 * nothing in any bundled pack (all deployed, event time, 1 Hz for an hour), while the same data on scale 1
 * alarms; below the target the scale-2 bands still alarm; a patient's own SpO2 bands win.
 */
class Spo2ScaleTwoTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    final VitalMonitor monitor = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    /** A stable COPD patient on air for {@code seconds}: SpO2 88–92, HR 78–88, RR 16–20; NIBP every 30 min, temperature hourly. */
    void copd(String patient, int seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 0; s < seconds; s++) {
            Observation.Builder o = Observation.builder(patient, T0.plusSeconds(s)).spo2(88 + r.nextInt(5))
                    .heartRate(78 + r.nextInt(11)).respiratoryRate(16 + r.nextInt(5));
            if (s % 1800 == 0) {
                o.bloodPressure(132, 82).supplementalOxygen(false).consciousness(Consciousness.ALERT);
            }
            if (s % 3600 == 0) {
                o.temperature(36.9);
            }
            monitor.submit(o.build());
        }
    }

    @Test
    void aCopdPatientOnScaleTwoAtTheTargetRaisesNothingInAnyPack() {
        monitor.register(PatientContext.of("bed-3").withWard("respiratory").withSpo2Scale(2));
        copd("bed-3", 3600, 13);
        assertThat(listener.events).isEmpty();
        assertThat(monitor.bandsFor("bed-3", Vital.SPO2)).isEqualTo(Bands.SPO2_SCALE_2);
    }

    @Test
    void theSameDataOnScaleOneAlarms() {
        monitor.register(PatientContext.of("bed-4").withWard("respiratory"));
        copd("bed-4", 600, 13);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key())
                .contains("threshold:SPO2");
    }

    @Test
    void belowTheTargetTheScaleTwoBandsStillAlarm() {
        monitor.register(PatientContext.of("bed-3").withSpo2Scale(2));
        for (int s = 0; s <= 30; s++) {
            monitor.submit(Observation.builder("bed-3", T0.plusSeconds(s)).spo2(s < 10 ? 90 : 84).build());
        }
        assertThat(listener.raised("SPO2")).singleElement().satisfies(e -> {
            assertThat(e.alert().severity()).isEqualTo(Severity.HIGH); // 84 %: below 85, for 10 s
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(20));
            assertThat(e.alert().message()).isEqualTo("SpO2 84 % below 85 for 10 s");
        });
    }

    @Test
    void aPatientsOwnSpo2BandsWinOverTheScale() {
        Bands own = Bands.of(90, 100, 86, 100, 82, 100);
        monitor.register(PatientContext.of("bed-3").withSpo2Scale(2).withBands(Vital.SPO2, own));
        assertThat(monitor.bandsFor("bed-3", Vital.SPO2)).isEqualTo(own);
        monitor.setWardBands("respiratory", Vital.SPO2, Bands.of(95, 100, 92, 100, 88, 100));
        monitor.register(PatientContext.of("bed-5").withWard("respiratory").withSpo2Scale(2));
        assertThat(monitor.bandsFor("bed-5", Vital.SPO2)).as("the scale before the ward").isEqualTo(Bands.SPO2_SCALE_2);
    }
}
