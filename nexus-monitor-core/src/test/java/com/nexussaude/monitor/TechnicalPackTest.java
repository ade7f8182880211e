package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled technical pack: signal loss, sensor dropout, artefacts, and that an artefact does not
 * reach the threshold pack. Event-time replays; T0 is on a 5-s boundary (the signal-loss sweep).
 */
class TechnicalPackTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    VitalMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    VitalMonitor start(Set<String> packs, UnaryOperator<MonitorConfig.Builder> tune) {
        monitor = VitalMonitor.builder().config(tune.apply(MonitorConfig.builder().packs(packs)).build())
                .listener(listener).listenerExecutor(Runnable::run).build();
        return monitor;
    }

    VitalMonitor technicalOnly() {
        return start(Set.of("technical"), b -> b);
    }

    VitalMonitor withThreshold() {
        return start(Set.of("threshold", "technical"), b -> b);
    }

    void hr(int second, double value) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).heartRate(value).build());
    }

    void spo2(int second, double value) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).spo2(value).build());
    }

    void rr(int second, double value) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).respiratoryRate(value).build());
    }

    // ---- signal loss --------------------------------------------------------------------------

    @Test
    void signalLossFiresAfterTheTimeoutNotBeforeAndClearsWhenTheSignalReturns() {
        technicalOnly();
        for (int s = 0; s <= 10; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(72).spo2(97).build());
        }
        for (int s = 11; s < 70; s++) {
            spo2(s, 97); // SpO2 keeps coming, heart rate has stopped after s = 10
        }
        assertThat(listener.events).isEmpty();
        spo2(70, 97); // 60 s after the last heart rate
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(70));
            assertThat(e.alert().ruleId()).isEqualTo("signal-loss");
            assertThat(e.alert().key()).isEqualTo("HEART_RATE");
            assertThat(e.alert().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(e.alert().category()).isEqualTo(Category.TECHNICAL);
            assertThat(e.alert().message()).isEqualTo("heart rate signal lost: no reading for 60 s");
        });
        for (int s = 71; s < 100; s++) {
            spo2(s, 97);
        }
        monitor.submit(Observation.builder("p1", T0.plusSeconds(100)).heartRate(72).spo2(97).build());
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty(); // cleared, resolves after the 30 s hold
        monitor.advanceTo(T0.plusSeconds(131));
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().key()).isEqualTo("HEART_RATE"));
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
    }

    @Test
    void advanceToAloneTriggersSignalLossForEveryParameterThatStopped() {
        technicalOnly();
        for (int s = 0; s <= 10; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(72).spo2(97).respiratoryRate(14).build());
        }
        monitor.advanceTo(T0.plusSeconds(69));
        assertThat(listener.events).isEmpty();
        monitor.advanceTo(T0.plusSeconds(70));
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key())
                .containsExactlyInAnyOrder("signal-loss:HEART_RATE", "signal-loss:SPO2", "signal-loss:RESPIRATORY_RATE");
    }

    @Test
    void signalLossTimeoutIsAPackSetting() {
        start(Set.of("technical"), b -> b.packSetting("signal_loss_hr_ms", 120_000));
        hr(0, 72);
        monitor.advanceTo(T0.plusSeconds(115));
        assertThat(listener.events).isEmpty();
        monitor.advanceTo(T0.plusSeconds(120));
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.alert().message()).isEqualTo("heart rate signal lost: no reading for 120 s"));
    }

    @Test
    void nibpIsPeriodicAndOnlyLostAfter75Minutes() {
        technicalOnly();
        monitor.submit(Observation.builder("p1", T0).bloodPressure(120, 80).build());
        monitor.advanceTo(T0.plusSeconds(75 * 60 - 5));
        assertThat(listener.events).isEmpty();
        monitor.advanceTo(T0.plusSeconds(75 * 60));
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().key()).isEqualTo("SYSTOLIC_BP");
            assertThat(e.alert().message()).isEqualTo("NIBP signal lost: no reading for 4500 s");
        });
    }

    @Test
    void dischargeStopsSignalLoss() {
        technicalOnly();
        for (int s = 0; s <= 10; s++) {
            hr(s, 72);
        }
        monitor.discharge("p1");
        monitor.advanceTo(T0.plusSeconds(600));
        assertThat(listener.events).isEmpty();
    }

    // ---- sensor dropout -----------------------------------------------------------------------

    @Test
    void repeatedShortGapsAreASensorDropout() {
        technicalOnly();
        for (int s = 0; s <= 10; s++) {
            hr(s, 72);
        }
        hr(15, 72); // gap 5 s
        hr(16, 72);
        hr(20, 72); // gap 4 s
        hr(21, 72);
        hr(23, 72); // gap 2 s: not a dropout gap
        assertThat(listener.events).isEmpty();
        hr(27, 72); // third gap over 3 s within 2 min
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(27));
            assertThat(e.alert().ruleId()).isEqualTo("sensor-dropout");
            assertThat(e.alert().key()).isEqualTo("HEART_RATE");
            assertThat(e.alert().severity()).isEqualTo(Severity.LOW);
            assertThat(e.alert().message()).isEqualTo("heart rate signal intermittent: 3 gaps over 3 s in 2 min");
        });
    }

    @Test
    void gapsSpreadOverMoreThanTwoMinutesAreNoDropout() {
        technicalOnly();
        int s = 0;
        for (int gap = 0; gap < 4; gap++) {
            for (int i = 0; i < 60; i++) {
                hr(s++, 72);
            }
            s += 4; // one 5-s gap per 64 s: at most 2 in any 2 min
        }
        assertThat(listener.events).isEmpty();
    }

    // ---- artefacts ----------------------------------------------------------------------------

    @Test
    void singleHeartRateSpikeIsAnArtefactAndNoThresholdAlert() {
        withThreshold();
        for (int s = 0; s < 10; s++) {
            hr(s, 70);
        }
        hr(10, 160); // above the critical 150: would alert critical at once
        for (int s = 11; s < 40; s++) {
            hr(s, 70);
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(10));
            assertThat(e.alert().ruleId()).isEqualTo("artefact");
            assertThat(e.alert().key()).isEqualTo("HEART_RATE");
            assertThat(e.alert().severity()).isEqualTo(Severity.LOW);
            assertThat(e.alert().category()).isEqualTo(Category.TECHNICAL);
            assertThat(e.alert().message())
                    .isEqualTo("heart rate jumped from 70 to 160 in 1 s: implausible, likely artefact (check the sensor)");
        });
        assertThat(listener.events).noneMatch(e -> e.alert().ruleId().equals("threshold"));
    }

    // Issue 13 changed this test: it was sustainedStepIsOnlyOneReadingLateForTheThresholdPack (the old filter
    // hid only the first sample of a jump, so a 2-s spike alerted critical on its second sample). A jump now
    // hides the whole disturbance; a new level that lasts artefact_settle_ms (8 s) is taken as real.
    @Test
    void sustainedStepReachesTheThresholdPackOnceItHasLastedTheSettleTime() {
        withThreshold();
        for (int s = 0; s < 10; s++) {
            hr(s, 70);
        }
        for (int s = 10; s <= 20; s++) {
            hr(s, 160);
        }
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId() + ":" + e.timestamp())
                .containsExactly("artefact:" + T0.plusSeconds(10), "threshold:" + T0.plusSeconds(18));
    }

    @Test
    void theDeprecatedThresholdArtefactSettingIsAnErrorWhileTheTechnicalPackDecides() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(Set.of("threshold", "technical"),
                        b -> b.packSetting("threshold_artefact_window_ms", 3000L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'threshold_artefact_window_ms' is deprecated")
                .hasMessageContaining("'artefact_jump_window_ms'");
        // Without the technical pack the threshold pack's settings are the gate's limits.
        start(Set.of("threshold"), b -> b.packSetting("threshold_artefact_hr_jump", 100.0));
        hr(0, 70);
        hr(1, 160); // a jump of 90 is plausible with a limit of 100
        hr(2, 160); // critical on the second reading (since 0.2: threshold_critical_confirm_ms)
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId() + ":" + e.alert().severity())
                .containsExactly("threshold:CRITICAL");
    }

    @Test
    void aTwoSecondSpikeWhileWalkingRaisesNoClinicalAlert() {
        withThreshold();
        double[] walk = {72, 75, 156, 158, 74, 76, 73, 150, 149, 71, 70};
        for (int s = 0; s < walk.length; s++) {
            hr(s, walk[s]);
        }
        for (int s = walk.length; s < 60; s++) {
            hr(s, 72);
        }
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId())
                .containsExactly("artefact");
    }

    @Test
    void suddenSpo2DropIsAnArtefactAndNoThresholdAlert() {
        withThreshold();
        for (int s = 0; s < 10; s++) {
            spo2(s, 97);
        }
        spo2(10, 80); // 17 points in 1 s: below critical 85
        for (int s = 11; s < 30; s++) {
            spo2(s, 97);
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("artefact");
            assertThat(e.alert().key()).isEqualTo("SPO2");
        });
    }

    @Test
    void respiratoryRateJumpIsAnArtefactAndNoThresholdAlert() {
        withThreshold();
        for (int s = 0; s < 10; s++) {
            rr(s, 14);
        }
        rr(11, 35); // +21 in 2 s, above critical 30
        for (int s = 12; s < 30; s++) {
            rr(s, 14);
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("artefact");
            assertThat(e.alert().key()).isEqualTo("RESPIRATORY_RATE");
            assertThat(e.alert().message())
                    .isEqualTo("respiratory rate jumped from 14 to 35 in 2 s: implausible, likely artefact (check the sensor)");
        });
    }

    @Test
    void aSlowerChangeIsNoArtefact() {
        withThreshold();
        for (int s = 0; s < 10; s++) {
            hr(s, 70);
        }
        hr(13, 160); // 3 s later: beyond the 2-s window, a real reading
        hr(14, 160); // since 0.2 critical on the second reading outside the critical band (threshold_critical_confirm_ms)
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.alert().ruleId()).isEqualTo("threshold"));
    }

    @Test
    void flatZeroRespiratoryRateWithNormalSpo2IsAnArtefactAndNoThresholdAlert() {
        withThreshold();
        for (int s = 0; s < 30; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(98).respiratoryRate(s < 5 ? 14 : 0).build());
        }
        // zeros from s = 5 (a fall of 14: no jump); flat for 10 s at s = 15
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("artefact");
            assertThat(e.alert().key()).isEqualTo("RESPIRATORY_RATE");
        });
        assertThat(listener.events).filteredOn(e -> e.type() == AlertEventType.UPDATED || e.type() == AlertEventType.RAISED)
                .allMatch(e -> e.alert().ruleId().equals("artefact"));
        for (int s = 30; s < 90; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(98).respiratoryRate(14).build());
        }
        monitor.advanceTo(T0.plusSeconds(125));
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty(); // clears only after 60 s without zeros
        monitor.submit(Observation.builder("p1", T0.plusSeconds(126)).spo2(98).respiratoryRate(14).build());
        monitor.advanceTo(T0.plusSeconds(156));
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().ruleId()).isEqualTo("artefact"));
    }

    @Test
    void intermittentFlatZeroWithGapsAndBriefValuesIsOneArtefactAndNoDropout() {
        technicalOnly();
        // the BIDMC 13 pattern: zero runs, missing stretches and brief real values, for minutes
        int s = 0;
        for (int cycle = 0; cycle < 5; cycle++) {
            for (int i = 0; i < 15; i++, s++) {
                monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(99).heartRate(80).respiratoryRate(0).build());
            }
            for (int i = 0; i < 8; i++, s++) {
                monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(99).heartRate(80).build()); // RR missing
            }
            for (int i = 0; i < 20; i++, s++) {
                monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(99).heartRate(80).respiratoryRate(14).build());
            }
            for (int i = 0; i < 5; i++, s++) {
                monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(99).heartRate(80).build());
            }
        }
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId() + ":" + e.alert().key())
                .containsExactly("artefact:RESPIRATORY_RATE");
    }

    @Test
    void aParameterSampledEvery5SecondsIsNoDropout() {
        technicalOnly();
        for (int s = 0; s < 600; s += 5) {
            hr(s, 72);
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void flatZeroRespiratoryRateAloneAlertsAfterTenSeconds() {
        technicalOnly();
        for (int s = 0; s < 30; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(98).respiratoryRate(0).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(10));
            assertThat(e.alert().message())
                    .isEqualTo("respiratory rate 0 for 10 s while SpO2 is 98 %: likely a sensor artefact (lead off?), check the sensor");
        });
    }

    @Test
    void zeroRespiratoryRateWithLowSpo2IsNoArtefact() {
        technicalOnly();
        for (int s = 0; s < 30; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(86).respiratoryRate(0).build());
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void artefactLimitsArePackSettings() {
        start(Set.of("technical"), b -> b.packSetting("artefact_hr_jump", 100.0));
        for (int s = 0; s < 10; s++) {
            hr(s, 70);
        }
        hr(10, 160);
        hr(11, 70);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void dischargeForgetsThePreviousReading() {
        technicalOnly();
        hr(0, 70);
        monitor.discharge("p1");
        hr(1, 160); // a new stay: no previous reading to jump from
        assertThat(listener.events).isEmpty();
    }
}
