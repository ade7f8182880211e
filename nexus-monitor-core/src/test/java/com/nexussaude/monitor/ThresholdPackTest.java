package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bundled threshold pack: bands, persistence staircase, immediate critical, clear and resolve. */
class ThresholdPackTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    VitalMonitor monitor = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(listener).listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    void spo2(int second, double value) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).spo2(value).build());
    }

    // Issue 13 changed this test: it was briefReturnToNormalDoesNotRestartTheDelay, which counted the delay
    // from the first low reading through a 5 s return to normal (alerting at 15 s on 15 s of low readings
    // that were never continuous). Persistence now means continuous time outside the band: a return longer
    // than threshold_tolerance_ms (1 s) restarts it.
    @Test
    void returnToNormalLongerThanTheToleranceRestartsTheDelay() {
        for (int s = 0; s < 10; s++) {
            spo2(s, 92);
        }
        for (int s = 10; s < 15; s++) {
            spo2(s, 96);
        }
        for (int s = 15; s < 29; s++) {
            spo2(s, 92);
        }
        assertThat(listener.events).as("10 s and 14 s below 94, never 15 s in a row").isEmpty();
        spo2(29, 92);
        spo2(30, 92);
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(30)));
    }

    @Test
    void oneInBandSampleIsToleratedAndDoesNotRestartTheDelay() {
        for (int s = 0; s <= 15; s++) {
            spo2(s, s == 5 || s == 9 ? 95 : 92); // one in-band sample at 1 Hz, twice
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(15)));
    }

    @Test
    void twoIsolatedOutOfBandReadingsTwentyFiveSecondsApartDoNotAlert() {
        // The example: HR 102 at 09:10:00 and again at 09:10:25, in band in between.
        for (int s = 0; s <= 120; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(s == 0 || s == 25 ? 102 : 80).build());
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void intermittentSamplesOutsideTheBandNeverAlertHowEverLongTheyGoOn() {
        // Every third reading outside normal for 10 minutes: about 200 out-of-band samples, never 10 s in a row.
        for (int s = 0; s < 600; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(s % 3 == 0 ? 108 : 92).build());
        }
        assertThat(listener.events).isEmpty();
    }

    /** The level (1 medium .. 3 critical) of the threshold pack's latest signal for the open SpO2 alert. */
    Object signalledLevel() {
        return monitor.openAlerts().stream().filter(a -> a.ruleId().equals("threshold")).findFirst().orElseThrow()
                .evidence().get("level");
    }

    @Test
    void severityFallsWithHysteresisWhileTheAlertIsOpen() {
        for (int s = 0; s < 5; s++) {
            spo2(s, 84); // critical at once
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL));
        for (int s = 5; s <= 63; s++) {
            spo2(s, 92); // still below 94 (medium), but critical was met less than 60 s ago
        }
        assertThat(signalledLevel()).isEqualTo(3);
        spo2(64, 92); // 60 s since the last critical reading: the rule now signals medium
        assertThat(signalledLevel()).isEqualTo(1);
        spo2(65, 88); // below 90 again: high needs its 10 s delay, medium goes on meanwhile
        assertThat(signalledLevel()).isEqualTo(1);
        // Since 0.2 a critical reading of a 1 Hz vital needs the next one below 85 too (it was critical at once at 66).
        spo2(66, 84); // one reading below 85: not yet critical
        assertThat(signalledLevel()).isEqualTo(1);
        spo2(67, 84); // the second: critical again
        assertThat(signalledLevel()).isEqualTo(3);
    }

    @Test
    void shallowSpo2DipShorterThanTheDelayDoesNotAlert() {
        for (int s = 0; s < 14; s++) {
            spo2(s, 92); // outside normal (94), inside warning (90): needs 15 s
        }
        spo2(14, 97);
        monitor.advanceTo(T0.plusSeconds(600));
        assertThat(listener.events).isEmpty();
    }

    @Test
    void sustainedShallowSpo2AlertsMediumOnceAtTheDelay() {
        for (int s = 0; s <= 60; s++) {
            spo2(s, 92);
        }
        assertThat(listener.events).hasSize(1);
        AlertEvent raised = listener.events.get(0);
        assertThat(raised.type()).isEqualTo(AlertEventType.RAISED);
        assertThat(raised.timestamp()).isEqualTo(T0.plusSeconds(15));
        assertThat(raised.alert().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(raised.alert().ruleId()).isEqualTo("threshold");
        assertThat(raised.alert().key()).isEqualTo("SPO2");
        assertThat(raised.alert().message()).isEqualTo("SpO2 92 % below 94 for 15 s");
        assertThat(raised.alert().evidence()).containsEntry("value", 92.0).containsEntry("limit", 94.0);
    }

    @Test
    void deeperViolationAlertsSoonerAndRaisesSeverityInPlace() {
        for (int s = 0; s <= 30; s++) {
            spo2(s, s < 5 ? 93 : 88); // below warning (90) from s=5: high after 10 s
        }
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
        AlertEvent first = listener.events.get(0);
        assertThat(first.alert().severity()).isEqualTo(Severity.HIGH);
        assertThat(first.timestamp()).isEqualTo(T0.plusSeconds(15));
    }

    // Since 0.2 a critical reading of a 1 Hz vital needs the next reading outside the critical band too
    // (threshold_critical_confirm_ms): this test's critical was at 21 on one reading of 80; it is at 22 now.
    @Test
    void severityRisesInPlace() {
        for (int s = 0; s <= 20; s++) {
            spo2(s, 92);
        }
        spo2(21, 80); // below critical 85: one reading is not yet critical
        spo2(22, 80); // the second in a row is
        assertThat(listener.events).extracting(AlertEvent::type)
                .containsExactly(AlertEventType.RAISED, AlertEventType.SEVERITY_CHANGED);
        assertThat(listener.events.get(1).alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(listener.events.get(1).timestamp()).isEqualTo(T0.plusSeconds(22));
    }

    @Test
    void aLoneCriticalReadingBetweenNormalOnesIsNeverCritical() {
        for (int s = 0; s < 120; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(s % 30 == 15 ? 38 : 72).build());
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void settingTheConfirmationToZeroMakesOneReadingCriticalAgain() {
        monitor.close();
        monitor = VitalMonitor.builder().config(TestConfigs.thresholdOnly().packSetting("threshold_critical_confirm_ms", 0L)
                .build()).listener(listener).listenerExecutor(Runnable::run).build();
        for (int s = 0; s < 10; s++) {
            spo2(s, 97);
        }
        spo2(10, 84); // a fall of 13: plausible (16 would be an artefact)
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(10));
        });
    }

    @Test
    void criticalValueAlertsAtOnce() {
        monitor.submit(Observation.builder("p1", T0).heartRate(160).build());
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
            assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(e.alert().key()).isEqualTo("HEART_RATE");
            assertThat(e.alert().message()).isEqualTo("heart rate 160 /min above 150");
        });
    }

    @Test
    void discreteMeasurementsAlertAtOnce() {
        monitor.submit(Observation.builder("p1", T0).bloodPressure(85, 65).temperature(38.4).build());
        assertThat(listener.events).extracting(e -> e.alert().key() + ":" + e.alert().severity())
                .containsExactlyInAnyOrder("SYSTOLIC_BP:MEDIUM", "TEMPERATURE:HIGH");
    }

    @Test
    void clearedAlertResolvesAfterTheHoldAndNotBefore() {
        for (int s = 0; s <= 20; s++) {
            spo2(s, 92);
        }
        for (int s = 21; s <= 110; s++) {
            spo2(s, 97);
        }
        // normal from 21, episode ends at 81 (clearAfter 60 s), resolve hold 30 s: still open at 110
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        spo2(111, 97);
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(111));
            assertThat(e.alert().resolution()).isEqualTo("cleared");
            assertThat(e.alert().state()).isEqualTo(AlertState.RESOLVED);
        });
    }

    @Test
    void valueHoveringAtTheLimitDoesNotOpenAndCloseAlerts() {
        // 20 s below, then alternating in/out every 5 s for 10 minutes
        for (int s = 0; s <= 20; s++) {
            spo2(s, 92);
        }
        for (int s = 21; s < 600; s++) {
            spo2(s, (s / 5) % 2 == 0 ? 93 : 95);
        }
        // Returns to normal shorter than clearAfter (60 s) do not end the episode: one alert in ten
        // minutes that stays open, instead of one per crossing.
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        // Normal since 595 (the last 95 % stretch): after 60 s the episode ends; 30 s later it resolves.
        for (int s = 600; s <= 690; s++) {
            spo2(s, 97);
        }
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(595 + 60 + 30)));
    }

    @Test
    void gapLongerThanMaxGapRestartsTheDelay() {
        for (int s = 0; s < 10; s++) {
            spo2(s, 92);
        }
        for (int s = 50; s < 60; s++) { // 41 s gap > 10 s maxGap: 10 s + 10 s never reaches 15 s
            spo2(s, 92);
        }
        assertThat(listener.events).isEmpty();
        spo2(65, 92);
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(65)));
    }

    // The silence is measured from the vital's previous reading, whatever its band (docs/alarm-semantics.md §1): a
    // reading back in band after a silence is a return like any other, and a reading outside again within the
    // tolerance continues the count from before the silence. This pins what the pack decides (and decided before
    // issue 21); restarting at every silence instead would alert later here (at 66 s).
    @Test
    void aReadingBackInBandAfterASilenceIsAReturnWithinTheTolerance() {
        for (int s = 0; s < 10; s++) {
            spo2(s, 92);
        }
        spo2(50, 96); // 41 s of silence, then one reading in band
        assertThat(listener.events).isEmpty();
        spo2(51, 92); // outside again 1 s later: 51 s since the episode's first reading, past the 15-s delay
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(51));
            assertThat(e.alert().severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    // The outside-warning count restarts after a silence only at a reading outside warning that follows the silence
    // directly: when the first reading after it is between the warning and normal bands, that reading restarts the
    // outside-normal count and starts the tolerance for the warning band, and a reading outside warning within the
    // tolerance continues the outside-warning count from before the silence. Restarting both at every silence
    // would alert high later here (at 61 s).
    @Test
    void aSilenceEndingBetweenTheWarningAndNormalBandsKeepsTheOutsideWarningCountWithinTheTolerance() {
        for (int s = 0; s < 8; s++) {
            spo2(s, 88); // outside warning (90) for 7 s: short of the 10-s high delay
        }
        spo2(50, 92); // 43 s of silence, then one reading outside normal, inside warning
        assertThat(listener.events).isEmpty();
        spo2(51, 88);
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(51));
            assertThat(e.alert().severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void alertGoesStaleWhenTheVitalStopsArriving() {
        for (int s = 0; s <= 20; s++) {
            spo2(s, 92);
        }
        monitor.advanceTo(T0.plusSeconds(20 + 119));
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        monitor.advanceTo(T0.plusSeconds(20 + 120));
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).startsWith("stale"));
    }

    @Test
    void updatedIsSentAtMostOncePerUpdateInterval() {
        for (int s = 0; s <= 15 + 600; s++) {
            spo2(s, 92);
        }
        // raised at 15; updates at 315 and 615
        assertThat(listener.of(AlertEventType.UPDATED)).extracting(AlertEvent::timestamp)
                .containsExactly(T0.plusSeconds(315), T0.plusSeconds(615));
        assertThat(listener.of(AlertEventType.UPDATED).get(1).alert().signalCount()).isEqualTo(601);
    }

    @Test
    void perPatientOverrideAndWardBandsApply() {
        monitor.register(PatientContext.of("copd").withBands(Vital.SPO2, Bands.of(88, 100, 85, 100, 80, 100)));
        monitor.setWardBands("icu", Vital.HEART_RATE, Bands.of(50, 130, 45, 140, 40, 160));
        monitor.register(PatientContext.of("icu-1").withWard("icu"));
        monitor.submit(Observation.builder("copd", T0).spo2(89).build());
        monitor.submit(Observation.builder("icu-1", T0).heartRate(125).build());
        monitor.submit(Observation.builder("p1", T0).spo2(84).build());
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().patientId())
                .containsExactly("p1");
        assertThat(monitor.bandsFor("copd", Vital.SPO2).normalLow()).isEqualTo(88);
        assertThat(monitor.bandsFor("icu-1", Vital.HEART_RATE).normalHigh()).isEqualTo(130);
        assertThat(monitor.bandsFor("someone", Vital.HEART_RATE)).isEqualTo(MonitorConfig.DEFAULT_BANDS.get(Vital.HEART_RATE));
    }

    @Test
    void globalBandsChangeAtRuntime() {
        monitor.submit(Observation.builder("p1", T0).heartRate(155).build());
        monitor.setBands(Vital.HEART_RATE, Bands.of(60, 100, 50, 120, 40, 170));
        monitor.submit(Observation.builder("p2", T0).heartRate(155).build());
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().patientId() + ":" + e.alert().severity())
                .containsExactly("p1:CRITICAL");
    }

    @Test
    void configuredPersistenceApplies() {
        monitor.close();
        monitor = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run)
                .config(TestConfigs.thresholdOnly()
                        .persistence(Vital.SPO2, PersistencePolicy.continuous(Duration.ofSeconds(30), Duration.ofSeconds(20)))
                        .build())
                .build();
        for (int s = 0; s <= 40; s++) {
            spo2(s, 92);
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(30)));
    }

    @Test
    void dischargeResolvesAlertsAndFreesPackState() {
        for (int s = 0; s < 10; s++) {
            spo2(s, 92);
        }
        monitor.submit(Observation.builder("p1", T0.plusSeconds(10)).heartRate(170).build());
        monitor.discharge("p1");
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("discharged"));
        assertThat(monitor.openAlerts()).isEmpty();
        // The SpO2 episode state went with the discharge: 6 more seconds do not complete the old 15 s.
        for (int s = 11; s < 17; s++) {
            spo2(s, 92);
        }
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
    }

    @Test
    void flatZeroRespirationWithNormalSpo2IsAnArtefactNotApnoea() {
        for (int s = 0; s < 120; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(97).respiratoryRate(0).build());
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void zeroRespirationAlertsOnceSpo2FallsOrIsUnknown() {
        monitor.submit(Observation.builder("p1", T0).spo2(97).respiratoryRate(0).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(1)).spo2(88).respiratoryRate(0).build());
        monitor.submit(Observation.builder("p2", T0.plusSeconds(1)).respiratoryRate(0).build());
        assertThat(listener.raised("RESPIRATORY_RATE")).extracting(e -> e.alert().patientId() + ":" + e.alert().severity())
                .containsExactly("p1:CRITICAL", "p2:CRITICAL");
    }
}
