package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bundled correlation pack: shock index, respiratory deterioration, sepsis screen from fresh values. */
class CorrelationPackTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    RecordingListener listener = new RecordingListener();
    VitalMonitor monitor = build(MonitorConfig.builder().packs(Set.of("correlation")).build());

    VitalMonitor build(MonitorConfig config) {
        return VitalMonitor.builder().config(config).listener(listener).listenerExecutor(Runnable::run).build();
    }

    void rebuild(MonitorConfig config) {
        monitor.close();
        listener = new RecordingListener(); // alert ids restart per monitor
        monitor = build(config);
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    static Instant at(int minute, int second) {
        return T0.plusSeconds(60L * minute + second);
    }

    void submit(Instant t, Vital vital, double value) {
        monitor.submit(Observation.builder("p1", t).value(vital, value).build());
    }

    List<AlertEvent> raised(String ruleId) {
        return listener.of(AlertEventType.RAISED).stream().filter(e -> e.alert().ruleId().equals(ruleId)).toList();
    }

    @Test
    void shockIndexNamesTheObservationsThatFormedIt() {
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(14, 5), Vital.HEART_RATE, 123);
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
            assertThat(e.timestamp()).isEqualTo(at(14, 5));
            Alert a = e.alert();
            assertThat(a.ruleId()).isEqualTo("shock-pattern");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.category()).isEqualTo(Category.PHYSIOLOGICAL);
            assertThat(a.message())
                    .isEqualTo("shock index 1.12: heart rate 123 /min at 08:14:05, systolic BP 110 mmHg at 08:10:00");
            assertThat(a.evidence()).containsEntry("heartRate", 123.0)
                    .containsEntry("heartRateTs", at(14, 5).toEpochMilli())
                    .containsEntry("systolicBp", 110.0)
                    .containsEntry("systolicBpTs", at(10, 0).toEpochMilli())
                    .containsEntry("threshold", 1.0);
            assertThat((Double) a.evidence().get("shockIndex")).isCloseTo(123.0 / 110.0, within(1e-12));
        });
    }

    @Test
    void shockIndexBelowTheThresholdDoesNotAlert() {
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(14, 5), Vital.HEART_RATE, 109); // 0.99
        assertThat(listener.events).isEmpty();
    }

    @Test
    void staleSystolicPressureDoesNotCount() {
        submit(at(0, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(76, 0), Vital.HEART_RATE, 130); // SBP 76 min old > 75
        assertThat(listener.events).isEmpty();
        submit(at(76, 30), Vital.SYSTOLIC_BP, 112); // fresh again
        assertThat(raised("shock-pattern")).hasSize(1);
    }

    @Test
    void staleHeartRateDoesNotCount() {
        submit(at(0, 0), Vital.HEART_RATE, 130);
        submit(at(6, 0), Vital.SYSTOLIC_BP, 110); // HR 6 min old > 5
        assertThat(listener.events).isEmpty();
    }

    @Test
    void shockAlertClearsAndResolvesWhenTheIndexFalls() {
        // Issue 13 changed this test's times: the rule reads the median heart rate of the last minute, so the
        // readings are more than a minute apart (each one is then its own median).
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(14, 0), Vital.HEART_RATE, 123);
        submit(at(15, 10), Vital.HEART_RATE, 95);
        submit(at(16, 20), Vital.HEART_RATE, 118); // back above within 2 min: same episode, no clear
        submit(at(17, 30), Vital.HEART_RATE, 95);
        submit(at(19, 20), Vital.HEART_RATE, 95); // 110 s below: not yet
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        submit(at(19, 30), Vital.HEART_RATE, 95); // 2 min below: clears
        submit(at(20, 0), Vital.HEART_RATE, 95); // then the lifecycle's 30 s resolve hold
        assertThat(listener.events).extracting(AlertEvent::type)
                .containsExactly(AlertEventType.RAISED, AlertEventType.RESOLVED);
        assertThat(listener.events.get(1).alert().resolution()).isEqualTo("cleared");
        assertThat(listener.events.get(1).timestamp()).isEqualTo(at(20, 0));
    }

    @Test
    void packSettingsChangeThresholdAndStaleness() {
        rebuild(MonitorConfig.builder().packs(Set.of("correlation")).packSetting("shock_index_threshold", 0.9).build());
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(14, 5), Vital.HEART_RATE, 100); // 0.91 >= 0.9
        assertThat(raised("shock-pattern")).hasSize(1);

        rebuild(MonitorConfig.builder().packs(Set.of("correlation")).packSetting("corr_sbp_stale_min", 3).build());
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(14, 5), Vital.HEART_RATE, 123); // SBP 4 min old > 3
        assertThat(listener.events).isEmpty();
    }

    @Test
    void disablingThePackRemovesIt() {
        rebuild(MonitorConfig.builder().packs(Set.of("threshold")).build());
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        submit(at(14, 5), Vital.HEART_RATE, 123);
        submit(at(14, 6), Vital.RESPIRATORY_RATE, 24);
        submit(at(14, 7), Vital.SPO2, 91);
        assertThat(listener.events).noneMatch(e -> !e.alert().ruleId().equals("threshold"));
    }

    @Test
    void dischargeDeletesTheLatestValues() {
        submit(at(10, 0), Vital.SYSTOLIC_BP, 110);
        monitor.discharge("p1");
        submit(at(11, 0), Vital.HEART_RATE, 123); // the SBP before discharge no longer counts
        assertThat(listener.events).isEmpty();
    }

    /** NIBP 130 with HR 78, an hour later NIBP 105 with HR 100: shock index 0.95, but diverging. */
    void heartRateUpWhileSystolicFalls(int hrBefore, int sbpBefore, int hrAfter, int sbpAfter, int minutesApart) {
        heartRateUpWhileSystolicFalls(0, hrBefore, sbpBefore, hrAfter, sbpAfter, minutesApart);
    }

    void heartRateUpWhileSystolicFalls(int start, int hrBefore, int sbpBefore, int hrAfter, int sbpAfter,
            int minutesApart) {
        submit(at(start - 1, 0), Vital.HEART_RATE, hrBefore);
        submit(at(start, 0), Vital.SYSTOLIC_BP, sbpBefore);
        submit(at(start + minutesApart - 1, 0), Vital.HEART_RATE, hrAfter);
        submit(at(start + minutesApart, 0), Vital.SYSTOLIC_BP, sbpAfter);
    }

    @Test
    void heartRateRisingWhileSystolicFallsIsAShockPatternBelowIndexOne() {
        heartRateUpWhileSystolicFalls(78, 130, 100, 105, 60);
        assertThat(raised("shock-pattern")).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(at(60, 0));
            Alert a = e.alert();
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.message()).isEqualTo("shock pattern: heart rate up 22 /min while systolic BP fell 25 mmHg, "
                    + "shock index 0.95: heart rate 78 /min at 07:59:00, systolic BP 130 mmHg at 08:00:00, "
                    + "heart rate 100 /min at 08:59:00, systolic BP 105 mmHg at 09:00:00");
            assertThat(a.evidence()).containsEntry("diverging", true)
                    .containsEntry("previousHeartRate", 78.0).containsEntry("previousSystolicBp", 130.0)
                    .containsEntry("previousSystolicBpTs", at(0, 0).toEpochMilli())
                    .containsEntry("heartRate", 100.0).containsEntry("systolicBp", 105.0);
        });
    }

    @Test
    void divergenceNeedsBothChangesAndARecentPreviousReading() {
        heartRateUpWhileSystolicFalls(0, 78, 130, 95, 105, 60); // HR up only 17
        heartRateUpWhileSystolicFalls(120, 78, 130, 100, 115, 60); // SBP down only 15
        assertThat(raised("shock-pattern")).isEmpty();

        rebuild(MonitorConfig.builder().packs(Set.of("correlation")).build());
        heartRateUpWhileSystolicFalls(78, 130, 100, 105, 150); // previous NIBP 2.5 h old
        assertThat(raised("shock-pattern")).isEmpty();

        rebuild(MonitorConfig.builder().packs(Set.of("correlation")).packSetting("shock_hr_rise", 15)
                .packSetting("shock_sbp_fall", 10).build());
        heartRateUpWhileSystolicFalls(78, 130, 95, 115, 60);
        assertThat(raised("shock-pattern")).hasSize(1);
    }

    @Test
    void dischargeForgetsThePreviousPressure() {
        submit(at(-1, 0), Vital.HEART_RATE, 78);
        submit(at(0, 0), Vital.SYSTOLIC_BP, 130);
        monitor.discharge("p1");
        submit(at(59, 0), Vital.HEART_RATE, 100);
        submit(at(60, 0), Vital.SYSTOLIC_BP, 105);
        assertThat(raised("shock-pattern")).isEmpty();
    }

    @Test
    void respiratoryDeterioration() {
        monitor.submit(Observation.builder("p1", at(14, 5)).respiratoryRate(24).spo2(91).build());
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("respiratory-deterioration");
            assertThat(e.alert().severity()).isEqualTo(Severity.HIGH);
            assertThat(e.alert().message()).isEqualTo(
                    "respiratory deterioration: respiratory rate 24 /min at 08:14:05, SpO2 91 % at 08:14:05");
            assertThat(e.alert().evidence()).containsEntry("respiratoryRate", 24.0).containsEntry("spo2", 91.0)
                    .containsEntry("spo2Ts", at(14, 5).toEpochMilli());
        });
    }

    @Test
    void respiratoryDeteriorationNeedsBothLimitsAndFreshValues() {
        monitor.submit(Observation.builder("p1", at(0, 0)).respiratoryRate(20).spo2(91).build()); // RR < 21
        submit(at(1, 0), Vital.SPO2, 94);
        submit(at(2, 0), Vital.RESPIRATORY_RATE, 24); // SpO2 94 > 93
        submit(at(8, 0), Vital.SPO2, 90); // RR 6 min old > 5
        assertThat(listener.events).isEmpty();
    }

    @Test
    void sepsisScreenByQsofa() {
        monitor.submit(Observation.builder("p1", at(0, 0)).consciousness(Consciousness.VOICE).build());
        submit(at(10, 0), Vital.SYSTOLIC_BP, 98); // altered mentation + SBP <= 100: qSOFA 2
        assertThat(listener.events).singleElement().satisfies(e -> assertThat(e.alert().message())
                .isEqualTo("sepsis screen: qSOFA 2: consciousness V at 08:00:00, systolic BP 98 mmHg at 08:10:00"));
    }

    @Test
    void sepsisScreenByQsofaNamesItsObservations() {
        monitor.submit(Observation.builder("p1", at(0, 0)).consciousness(Consciousness.ALERT).build());
        submit(at(10, 0), Vital.SYSTOLIC_BP, 98);
        assertThat(listener.events).isEmpty(); // qSOFA 1
        submit(at(12, 30), Vital.RESPIRATORY_RATE, 23);
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("sepsis-screen");
            assertThat(e.alert().message()).isEqualTo("sepsis screen: qSOFA 2: respiratory rate 23 /min at 08:12:30, "
                    + "consciousness A at 08:00:00, systolic BP 98 mmHg at 08:10:00");
            assertThat(e.alert().evidence()).containsEntry("qsofa", 2).containsEntry("systolicBp", 98.0)
                    .containsEntry("consciousness", 0.0).containsEntry("temperature", null);
        });
    }

    @Test
    void sepsisScreenBySirsNeedsFeverOrHypothermia() {
        monitor.submit(Observation.builder("p1", at(0, 0)).heartRate(95).respiratoryRate(21).build());
        assertThat(listener.events).isEmpty(); // SIRS 2 without a temperature criterion
        submit(at(1, 0), Vital.TEMPERATURE, 38.6);
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("sepsis-screen");
            assertThat(e.alert().message()).isEqualTo("sepsis screen: SIRS 3: temperature 38.6 °C at 08:01:00, "
                    + "heart rate 95 /min at 08:00:00, respiratory rate 21 /min at 08:00:00");
            assertThat(e.alert().evidence()).containsEntry("sirs", 3).containsEntry("temperature", 38.6);
        });
    }

    @Test
    void sepsisScreenIgnoresStaleConsciousness() {
        monitor.submit(Observation.builder("p1", at(0, 0)).consciousness(Consciousness.VOICE).build());
        submit(at(12 * 60 + 1, 0), Vital.SYSTOLIC_BP, 95); // consciousness 12 h 1 min old
        assertThat(listener.events).isEmpty();
    }
}
