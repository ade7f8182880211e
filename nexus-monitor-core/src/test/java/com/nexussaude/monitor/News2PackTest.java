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

    // Issue 13 changed this test: its readings were 1 s apart, and the streaming score now scores the median
    // of the last minute's readings (one SpO2 95 among 97s is not the robust value), so they are charted
    // observations a minute apart here, where the median is the reading itself.
    @Test
    void partialScoresAreMarkedAndEmittedOnChange() {
        monitor.submit(Observation.builder("p1", T0).spo2(97).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(60)).spo2(97).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(120)).spo2(95).build());
        assertThat(scores).extracting(e -> e.news2().total() + "/" + e.news2().partial())
                .containsExactly("0/true", "1/true");
        assertThat(scores.get(1).previous().total()).isZero();
        assertThat(scores.get(1).timestamp()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void theStreamingScoreIsTheMedianOfTheLastMinuteNotOneSample() {
        for (int s = 0; s < 60; s++) {
            monitor.submit(full(T0.plusSeconds(s)).build());
        }
        // One second of SpO2 91, HR 135 and RR 26 (9 points on their own) among normal 1 Hz readings.
        monitor.submit(full(T0.plusSeconds(60)).spo2(91).heartRate(135).respiratoryRate(26).build());
        for (int s = 61; s < 120; s++) {
            monitor.submit(full(T0.plusSeconds(s)).build());
        }
        assertThat(scores).extracting(e -> e.news2().total()).containsOnly(0);
        assertThat(alerts.events).isEmpty();
    }

    @Test
    void severityFallsWithHysteresisWhileTheAlertIsOpen() {
        monitor.close();
        monitor = build(MonitorConfig.builder().packs(Set.of("news2")).build()); // delay 30 s, fall 60 s
        monitor.loadRules("copy.epl", "insert into AlertSignal select patientId, 'signal-copy' as ruleId, 'low' as severity,"
                + " 'technical' as category, severity as message from AlertSignal(ruleId = 'news2')");
        for (int s = 0; s < 60; s++) { // NEWS2 9: emergency response, critical at once (on the minute's medians)
            monitor.submit(full(T0.plusSeconds(s)).spo2(91).heartRate(135).respiratoryRate(26).build());
        }
        assertThat(alerts.of(AlertEventType.RAISED)).filteredOn(e -> e.alert().ruleId().equals("news2")).singleElement()
                .satisfies(e -> assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL));
        for (int s = 60; s < 120; s++) { // treated: only SpO2 91 (3, low-medium) remains
            monitor.submit(full(T0.plusSeconds(s)).spo2(91).build());
        }
        Instant lowMedium = scores.stream().filter(e -> e.news2().risk() == News2Risk.LOW_MEDIUM).findFirst()
                .orElseThrow().timestamp();
        assertThat(signalled()).as("the current risk since " + lowMedium + ", critical met less than 60 s ago")
                .isEqualTo("critical");
        int fallAt = (int) java.time.Duration.between(T0, lowMedium).toSeconds() + 60;
        for (int s = 120; s <= fallAt; s++) {
            monitor.submit(full(T0.plusSeconds(s)).spo2(91).build());
        }
        assertThat(signalled()).as("60 s after critical was last met").isEqualTo("medium");
    }

    /** The severity of the news2 pack's latest signal, copied by a rule (the lifecycle decides the alert's own). */
    String signalled() {
        return monitor.openAlerts().stream().filter(a -> a.ruleId().equals("signal-copy")).findFirst().orElseThrow()
                .message();
    }

    @Test
    void aBriefReturnToLowRiskDoesNotResolveAndReRaise() {
        monitor.close();
        monitor = build(MonitorConfig.builder().packs(Set.of("news2")).build()); // default delay 30 s, clear 60 s
        // SpO2 91 (3 points: low-medium) for 2 min, 97 for 50 s (the median is back to low for about 20 s),
        // then 91 again: one alert throughout, not a resolve and a re-raise.
        for (int s = 0; s < 400; s++) {
            double spo2 = s >= 120 && s < 170 ? 97 : 91;
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(spo2).build());
        }
        assertThat(scores).extracting(e -> e.news2().total()).containsSubsequence(3, 0, 3);
        assertThat(alerts.of(AlertEventType.RAISED)).hasSize(1);
        assertThat(alerts.of(AlertEventType.RESOLVED)).isEmpty();
    }

    // Issue 13 changed this test: NEWS2 now clears only after news2_clear_after_ms (60 s) at low risk
    // (hysteresis against resolving and re-raising a second later), and the observations are a minute apart
    // (charted: the median of a minute is the reading itself).
    @Test
    void backToLowRiskClearsAndResolvesAfterTheHold() {
        for (int s = 0; s < 60; s++) {
            monitor.submit(full(T0.plusSeconds(s)).spo2(91).build());
        }
        for (int s = 60; s < 300; s++) {
            monitor.submit(full(T0.plusSeconds(s)).build());
        }
        assertThat(scores.get(scores.size() - 1).news2().total()).isZero();
        // Low risk from the first score of the return (SpO2 median 94: 1 point, then 97: 0).
        Instant low = scores.stream().filter(e -> e.news2().risk() == News2Risk.LOW && e.timestamp().isAfter(T0))
                .findFirst().orElseThrow().timestamp();
        assertThat(alerts.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).as("low at " + low + ", cleared 60 s later, then the 30 s hold")
                        .isEqualTo(low.plusSeconds(90)));
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
        // Issue 13 changed this test: the score is the median of the last minute, so the return to 97 is now
        // ten readings long (one reading of 97 after ten of 91 leaves the median at 91).
        for (int s = 0; s < 10; s++) { // a 10 s dip: SpO2 91 scores 3
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(91).build());
        }
        for (int s = 10; s < 20; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(97).build());
        }
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
