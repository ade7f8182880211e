package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.score.News2Parameter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Artefacts are invisible to every clinical rule (all bundled packs deployed, real Esper runtime, event
 * time): a walking spike, a probe that exports zeros; and the emergency exception, where a zero is
 * corroborated by another vital and alarms at once (docs/alarm-semantics.md).
 */
class ArtefactGatingTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    final List<ScoreEvent> scores = new CopyOnWriteArrayList<>();
    final VitalMonitor monitor = VitalMonitor.builder().listener(listener).scoreListener(scores::add)
            .listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    void obs(int second, double hr, double spo2, double rr) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).heartRate(hr).spo2(spo2).respiratoryRate(rr)
                .build());
    }

    /** A stable patient at 1 Hz for {@code seconds}, with a NIBP of 120/80 at the start. */
    void stable(int from, int to) {
        for (int s = from; s < to; s++) {
            obs(s, 74 + s % 3, 97, 16);
        }
    }

    List<AlertEvent> raisedIn(Category category) {
        return listener.of(AlertEventType.RAISED).stream().filter(e -> e.alert().category() == category).toList();
    }

    @Test
    void walkingSpikesReachNoClinicalRuleNotThresholdNews2OrCorrelation() {
        monitor.submit(Observation.builder("p1", T0).bloodPressure(120, 80).temperature(36.8).build());
        stable(1, 60);
        // Walking: 2-s ECG spikes to 156-158 every 10 s for 5 minutes (each alone would be HR 3 points in NEWS2,
        // "heart rate 156 above 150" critical, and a shock index of 1.3 over the NIBP of 120).
        for (int s = 60; s < 360; s++) {
            boolean spike = s % 10 == 3 || s % 10 == 4;
            obs(s, spike ? 156 + s % 3 : 75, 97, 16);
        }
        stable(360, 420);
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).isEmpty();
        assertThat(raisedIn(Category.TECHNICAL)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key())
                .containsOnly("artefact:HEART_RATE");
        assertThat(scores).allSatisfy(e -> assertThat(e.news2().points(News2Parameter.HEART_RATE)).isZero());
    }

    @Test
    void anOximeterDriftingLowAsTheFingerMovesIsAnArtefactNotACriticalDesaturation() {
        stable(0, 60);
        double[] drift = {95, 91, 86, 80, 77, 78, 82, 87, 92, 96};
        for (int i = 0; i < drift.length; i++) {
            obs(60 + i, 76, drift[i], 16);
        }
        stable(60 + drift.length, 180);
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).isEmpty();
        assertThat(raisedIn(Category.TECHNICAL)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key())
                .containsExactly("artefact:SPO2");
    }

    @Test
    void aRealDesaturationIsNoArtefactAndAlarmsCritical() {
        stable(0, 60);
        for (int s = 60; s < 240; s++) { // 97 -> 82 over two minutes, then stays
            obs(s, 88, Math.max(82, 97 - (s - 60) / 8.0), 22);
        }
        assertThat(raisedIn(Category.TECHNICAL)).isEmpty();
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).filteredOn(e -> e.alert().ruleId().equals("threshold")
                        && e.alert().key().equals("SPO2"))
                .singleElement().satisfies(e -> assertThat(e.timestamp()).isBefore(T0.plusSeconds(60 + 100)));
        assertThat(listener.events).anyMatch(e -> e.alert().key().equals("SPO2")
                && e.alert().severity() == Severity.CRITICAL);
    }

    @Test
    void aProbeExportingZerosIsATechnicalConditionForAsLongAsItLasts() {
        stable(0, 60);
        for (int s = 60; s < 300; s++) { // 4 minutes of SpO2 0 and HR 0 from the oximeter; RR from impedance
            obs(s, 0, 0, 16);
        }
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).as("no clinical alarm on the zeros").isEmpty();
        assertThat(raisedIn(Category.TECHNICAL)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key() + ":"
                        + e.alert().severity())
                .containsExactlyInAnyOrder("probe-off:SPO2:MEDIUM", "probe-off:HEART_RATE:MEDIUM");
        assertThat(listener.of(AlertEventType.RESOLVED)).as("still open after 4 minutes of zeros").isEmpty();
        assertThat(monitor.openAlerts()).extracting(Alert::message)
                .contains("SpO2 reads 0 for 239 s with no other vital showing a collapse: probe or lead off? "
                        + "Not monitored until it is fixed");
        stable(300, 400); // the probe is back: the technical alerts clear and resolve, nothing clinical
        assertThat(listener.of(AlertEventType.RESOLVED)).extracting(e -> e.alert().ruleId() + ":" + e.timestamp())
                .containsExactlyInAnyOrder("probe-off:" + T0.plusSeconds(330), "probe-off:" + T0.plusSeconds(330));
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).isEmpty();
    }

    @Test
    void probeOffZerosNeverReachTheAnomalyPacksBaseline() {
        try (VitalMonitor m = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run)
                .config(MonitorConfig.builder().packs(java.util.Set.of("anomaly", "technical"))
                        .packSetting("anomaly_warmup_ms", 180_000).packSetting("anomaly_min_readings", 100).build())
                .build()) {
            for (int s = 0; s < 600; s++) { // warm: 10 minutes of HR 74-76, SpO2 97
                m.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(74 + s % 3).spo2(97).respiratoryRate(16).build());
            }
            for (int s = 600; s < 780; s++) { // 3 minutes of zeros from a loose oximeter: 0 is far outside any baseline
                m.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(0).spo2(0).respiratoryRate(16).build());
            }
        }
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).isEmpty();
        assertThat(raisedIn(Category.TECHNICAL)).extracting(e -> e.alert().ruleId()).containsOnly("probe-off");
    }

    @Test
    void theMinuteMeansThatTheTrendPackRegressesLeaveArtefactsOut() {
        monitor.loadRules("minutes.epl", DerivedEventsTest.MINUTE_RULE);
        for (int s = 0; s < 61; s++) { // HR 75 with a 2-s spike to 157 (an artefact): the minute's mean is 75
            obs(s, s == 20 || s == 21 ? 157 : 75, 97, 16);
        }
        assertThat(listener.of(AlertEventType.RAISED)).filteredOn(e -> e.alert().ruleId().equals("minute")
                        && e.alert().evidence().get("vital").equals("HEART_RATE"))
                .singleElement().satisfies(e -> assertThat(e.alert().evidence())
                        .containsEntry("value", 75.0).containsEntry("readingCount", 58));
    }

    @Test
    void zerosCorroboratedByApnoeaAreAnEmergencyAndAlarmAtOnce() {
        stable(0, 60);
        obs(60, 0, 0, 0); // HR, SpO2 and respiration collapse together: arrest, not a loose probe
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key() + ":"
                        + e.alert().severity() + ":" + e.timestamp())
                .contains("threshold:SPO2:CRITICAL:" + T0.plusSeconds(60), "threshold:HEART_RATE:CRITICAL:" + T0.plusSeconds(60),
                        "threshold:RESPIRATORY_RATE:CRITICAL:" + T0.plusSeconds(60));
        assertThat(raisedIn(Category.TECHNICAL)).noneMatch(e -> e.alert().ruleId().equals("probe-off"));
    }

    @Test
    void anUnrecordableSpo2WithBradycardicCollapseIsAnEmergency() {
        stable(0, 60);
        obs(60, 52, 96, 14);
        obs(61, 44, 95, 12);
        obs(62, 36, 0, 10); // no pulse to read while the heart rate collapses
        // The SpO2 0 was corroborated by the bradycardia: critical at once. Since 0.2 a heart rate below 40 at 1 Hz
        // needs a second reading below 40 (threshold_critical_confirm_ms): it is critical one second later.
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).extracting(e -> e.alert().key() + ":" + e.alert().severity())
                .contains("SPO2:CRITICAL");
        obs(63, 35, 0, 9);
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).extracting(e -> e.alert().key() + ":" + e.alert().severity())
                .contains("SPO2:CRITICAL", "HEART_RATE:CRITICAL");
    }

    @Test
    void heartRateZeroWithAPulseOnTheOximeterIsALeadNotAsystole() {
        stable(0, 60);
        for (int s = 60; s < 120; s++) { // ECG leads off: HR 0 and impedance RR 0, the oximeter still reads a pulse
            obs(s, 0, 97, 0);
        }
        assertThat(raisedIn(Category.PHYSIOLOGICAL)).isEmpty();
        assertThat(raisedIn(Category.TECHNICAL)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key())
                .contains("probe-off:HEART_RATE", "artefact:RESPIRATORY_RATE");
    }

    @Test
    void oneSecondOfTachypnoeaNextToAnOldLowNibpIsNotQsofaTwo() {
        monitor.submit(Observation.builder("p1", T0).bloodPressure(98, 60).build()); // SBP <= 100: one qSOFA point
        stable(1, 2400); // 40 minutes later
        obs(2400, 76, 96, 22); // one second of RR 22: a second qSOFA point on its own
        obs(2401, 75, 93, 21); // and one second of RR 21 with SpO2 93
        stable(2402, 2460);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId())
                .doesNotContain("sepsis-screen", "respiratory-deterioration", "shock-pattern");
    }

    @Test
    void sustainedRespiratoryDeteriorationStillAlertsOnTheMedians() {
        stable(0, 60);
        for (int s = 60; s < 180; s++) {
            obs(s, 92, 92, 24);
        }
        assertThat(listener.raised("")).filteredOn(e -> e.alert().ruleId().equals("respiratory-deterioration"))
                .singleElement().satisfies(e -> {
                    assertThat(e.alert().severity()).isEqualTo(Severity.HIGH);
                    // the minute's medians cross when more than half of its readings are the new values
                    assertThat(e.timestamp()).isBetween(T0.plusSeconds(85), T0.plusSeconds(95));
                });
    }
}
