package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.score.News2Parameter;
import com.nexussaude.monitor.score.News2Risk;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The streaming NEWS2 pack: latest fresh values, partial scores, change events and risk alerts. */
class News2PackTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener alerts = new RecordingListener();
    final List<ScoreEvent> scores = new CopyOnWriteArrayList<>();
    // Charted-observation behaviour (alert at once) unless a test says otherwise.
    VitalMonitor monitor = build(MonitorConfig.builder().packs(Set.of("news2")).packSetting("news2_alert_delay_ms", 0).build());

    VitalMonitor build(MonitorConfig config) {
        return VitalMonitor.builder().config(config).listener(alerts).scoreListener(scores::add)
                .listenerExecutor(Runnable::run).build();
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    static Observation.Builder full(Instant t) {
        return Observation.builder("p1", t).respiratoryRate(16).spo2(97).supplementalOxygen(false).bloodPressure(120, 80)
                .heartRate(75).consciousness(Consciousness.ALERT).temperature(36.8);
    }

    @Test
    void completeNormalSetScoresZeroOnceAndRaisesNothing() {
        monitor.submit(full(T0).build());
        monitor.submit(full(T0.plusSeconds(1)).build());
        assertThat(scores).hasSize(1);  // one observation = 8 readings; events only on change
        ScoreEvent last = scores.get(scores.size() - 1);
        assertThat(last.news2().total()).isZero();
        assertThat(last.news2().partial()).isFalse();
        assertThat(last.news2().risk()).isEqualTo(News2Risk.LOW);
        assertThat(alerts.events).isEmpty();
    }

    @Test
    void partialScoresAreMarkedAndEmittedOnChange() {
        monitor.submit(Observation.builder("p1", T0).spo2(97).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(1)).spo2(97).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(2)).spo2(95).build());
        assertThat(scores).extracting(e -> e.news2().total() + "/" + e.news2().partial())
                .containsExactly("0/true", "1/true");
        assertThat(scores.get(1).previous().total()).isZero();
        assertThat(scores.get(1).timestamp()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void singleRedParameterRaisesMediumAndMediumAndHighRiskEscalate() {
        monitor.submit(full(T0).spo2(91).build());               // SpO2 3 -> low-medium
        assertThat(alerts.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("news2");
            assertThat(e.alert().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(e.alert().message()).isEqualTo("NEWS2 3 (low-medium risk): urgent ward-based response; oxygen_saturation 3");
        });
        monitor.submit(full(T0.plusSeconds(60)).spo2(91).heartRate(115).build());  // +2 -> 5 medium
        monitor.submit(full(T0.plusSeconds(120)).spo2(91).heartRate(115).respiratoryRate(22).build()); // +2 -> 7 high
        assertThat(alerts.of(AlertEventType.SEVERITY_CHANGED)).extracting(e -> e.alert().severity())
                .containsExactly(Severity.HIGH, Severity.CRITICAL);
        assertThat(alerts.events.get(alerts.events.size() - 1).alert().message())
                .startsWith("NEWS2 7 (high risk): emergency response");
        assertThat(alerts.events.get(alerts.events.size() - 1).alert().evidence())
                .containsEntry("total", 7).containsEntry("risk", "high");
        assertThat(scores.get(scores.size() - 1).news2().points(News2Parameter.HEART_RATE)).isEqualTo(2);
    }

    @Test
    void backToLowRiskClearsAndResolvesAfterTheHold() {
        monitor.submit(full(T0).spo2(91).build());
        monitor.submit(full(T0.plusSeconds(1)).build());
        monitor.advanceTo(T0.plusSeconds(31));
        assertThat(alerts.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("cleared"));
    }

    @Test
    void staleParametersStopCounting() {
        monitor.submit(Observation.builder("p1", T0).bloodPressure(85, 60).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(10)).heartRate(75).build());
        assertThat(scores.get(scores.size() - 1).news2().points(News2Parameter.BLOOD_PRESSURE_SYSTOLIC)).isEqualTo(3);
        // NIBP is stale after 75 min: the next reading scores without it
        monitor.submit(Observation.builder("p1", T0.plusSeconds(75 * 60 + 1)).heartRate(75).build());
        assertThat(scores.get(scores.size() - 1).news2().points(News2Parameter.BLOOD_PRESSURE_SYSTOLIC)).isZero();
        assertThat(scores.get(scores.size() - 1).news2().absentParameters()).contains(News2Parameter.BLOOD_PRESSURE_SYSTOLIC);
    }

    @Test
    void stalenessIsTunableAndScaleTwoComesFromThePatient() {
        monitor.close();
        monitor = build(MonitorConfig.builder().packs(Set.of("news2")).packSetting("news2_stale_sbp_ms", 60_000)
                .packSetting("news2_alert_delay_ms", 0).build());
        monitor.register(PatientContext.of("p1").withSpo2Scale(2));
        monitor.submit(Observation.builder("p1", T0).bloodPressure(85, 60).spo2(90).supplementalOxygen(false).build());
        assertThat(scores.get(scores.size() - 1).news2().points(News2Parameter.OXYGEN_SATURATION)).isZero(); // 88-92 on scale 2
        monitor.submit(Observation.builder("p1", T0.plusSeconds(61)).heartRate(75).build());
        assertThat(scores.get(scores.size() - 1).news2().points(News2Parameter.BLOOD_PRESSURE_SYSTOLIC)).isZero();
    }

    @Test
    void dischargeForgetsTheLatestValues() {
        monitor.submit(Observation.builder("p1", T0).bloodPressure(85, 60).build());
        monitor.discharge("p1");
        scores.clear();
        monitor.submit(Observation.builder("p1", T0.plusSeconds(1)).heartRate(75).build());
        assertThat(scores).singleElement().satisfies(e -> {
            assertThat(e.previous()).isNull();
            assertThat(e.news2().total()).isZero();
        });
    }

    @Test
    void onContinuousDataARiskMustPersistBeforeItAlertsButHighRiskAlertsAtOnce() {
        monitor.close();
        monitor = build(MonitorConfig.builder().packs(Set.of("news2")).build()); // default delay 30 s
        for (int s = 0; s < 10; s++) { // a 10 s probe artefact: SpO2 91 scores 3
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(91).build());
        }
        monitor.submit(Observation.builder("p1", T0.plusSeconds(10)).spo2(97).build());
        assertThat(alerts.events).isEmpty();
        for (int s = 20; s <= 50; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(91).build());
        }
        assertThat(alerts.raised("")).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(50));
            assertThat(e.alert().severity()).isEqualTo(Severity.MEDIUM);
        });
        monitor.submit(full(T0.plusSeconds(51)).spo2(91).heartRate(135).respiratoryRate(26).build()); // 3+3+3 = 9
        assertThat(alerts.of(AlertEventType.SEVERITY_CHANGED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(51));
            assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL);
        });
    }
}
