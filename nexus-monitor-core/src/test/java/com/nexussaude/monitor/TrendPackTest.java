package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled trend pack: per-patient regression slopes over a time window, event-time replays. Most tests
 * here calibrate slopes, points, spans and timing, so they run with the clinical-change floor off
 * ({@link #trendOnly()}); the floor's own tests at the end use the defaults.
 */
class TrendPackTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    RecordingListener listener = new RecordingListener();
    VitalMonitor monitor = build(trendOnly().build());

    /** The trend pack alone, with every trend_*_min_change at 0. */
    static MonitorConfig.Builder trendOnly() {
        MonitorConfig.Builder b = MonitorConfig.builder().packs(Set.of("trend"));
        for (String v : new String[] {"hr", "spo2", "rr", "sbp", "temp"}) {
            b.packSetting("trend_" + v + "_min_change", 0.0);
        }
        return b;
    }

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

    /** One reading of {@code vital} every {@code everyMin} minutes from minute {@code from} to {@code to}. */
    void series(String patient, Vital vital, int from, int to, int everyMin, DoubleUnaryOperator valueAtMinute) {
        for (int m = from; m <= to; m += everyMin) {
            monitor.submit(Observation.builder(patient, T0.plusSeconds(60L * m))
                    .value(vital, valueAtMinute.applyAsDouble(m)).build());
        }
    }

    @Test
    void risingHeartRateAlertsOnceEnoughReadingsSpanFifteenMinutes() {
        series("p1", Vital.HEART_RATE, 0, 30, 2, m -> 72 + 0.4 * m); // +24 /min per hour
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            // 10 points (minimum) first with the reading at minute 18; their span (18 min) is past the 15 min
            // minimum. A minute's point is published when the minute has ended and its 5 s grace for late
            // readings has passed, at that time even with no reading then (event time fires the timer at its
            // due time): the alert is raised at 08:19:05 with the regression up to minute 18.
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(19 * 60 + 5));
            Alert a = e.alert();
            assertThat(a.ruleId()).isEqualTo("trend-hr-rising");
            assertThat(a.key()).isEqualTo("HEART_RATE-trend");
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.category()).isEqualTo(Category.PHYSIOLOGICAL);
            assertThat(a.message()).isEqualTo("heart rate rising 24 /min per hour over the last 18 min (72 → 79)");
            Map<String, Object> ev = a.evidence();
            assertThat(ev).containsEntry("vital", "HEART_RATE").containsEntry("dataPoints", 10L)
                    .containsEntry("windowMin", 30).containsEntry("lastTs", T0.plusSeconds(18 * 60).toEpochMilli());
            // #linest keeps running sums: a few significant digits go to cancellation (see trend.epl)
            assertThat((Double) ev.get("slopePerHour")).isCloseTo(24.0, within(1e-3));
            assertThat((Double) ev.get("spanMin")).isCloseTo(18.0, within(1e-3));
            assertThat((Double) ev.get("startValue")).isCloseTo(72.0, within(1e-3));
            assertThat((Double) ev.get("endValue")).isCloseTo(79.2, within(1e-3));
            assertThat((Double) ev.get("lastValue")).isCloseTo(79.2, within(1e-9));
        });
    }

    /** 1 Hz heart rate: {@code base + perHour * t} plus Gaussian noise (SD 3 /min, seeded). */
    void heartRateAt1Hz(int minutes, double perHour, long seed) {
        java.util.Random noise = new java.util.Random(seed);
        for (int s = 0; s < minutes * 60; s++) {
            double hr = 80 + perHour * s / 3600.0 + 3 * noise.nextGaussian();
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(hr).build());
        }
    }

    @Test
    void continuousNoisyHeartRateAlertsOnItsDriftFromMinuteMeans() {
        heartRateAt1Hz(25, 30, 7); // +30 /min per hour under 1 Hz noise
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            // 16 minute points span 15 min: the 16th minute (15:00-15:59) is published by the first
            // reading of minute 16
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(16 * 60));
            assertThat(e.alert().evidence()).containsEntry("dataPoints", 16L)
                    .containsEntry("lastTs", T0.plusSeconds(15 * 60).plusMillis(29_500).toEpochMilli());
            assertThat((Double) e.alert().evidence().get("slopePerHour")).isCloseTo(30.0, within(6.0));
        });
    }

    @Test
    void continuousNoisyButFlatHeartRateDoesNotAlert() {
        for (long seed = 1; seed <= 5; seed++) {
            rebuild(trendOnly().build());
            heartRateAt1Hz(60, 0, seed);
            assertThat(listener.events).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void slopeBelowTheThresholdDoesNotAlert() {
        series("p1", Vital.HEART_RATE, 0, 60, 1, m -> 72 + 0.3 * m); // +18 /min per hour < 20
        assertThat(listener.events).isEmpty();
    }

    @Test
    void tooFewReadingsDoNotAlert() {
        series("p1", Vital.HEART_RATE, 0, 28, 4, m -> 72 + 0.6 * m); // 8 readings in the window < 10
        assertThat(listener.events).isEmpty();
    }

    @Test
    void aSteepClimbOverAShortSpanDoesNotAlert() {
        // 8 minutes at 1 Hz (a BIDMC recording): +60 /min per hour, 480 readings, but only 8 min of span
        for (int s = 0; s < 480; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(80 + s / 60.0).build());
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void packSettingsChangeThresholdAndMinimumPoints() {
        rebuild(trendOnly().packSetting("trend_hr_rise_per_hour", 15.0).build());
        series("p1", Vital.HEART_RATE, 0, 30, 2, m -> 72 + 0.3 * m); // +18 /min per hour
        assertThat(listener.raised("HEART_RATE-trend")).hasSize(1);

        rebuild(trendOnly().packSetting("trend_hr_min_points", 6).build());
        series("p2", Vital.HEART_RATE, 0, 28, 4, m -> 72 + 0.6 * m); // 8 readings >= 6
        assertThat(listener.raised("HEART_RATE-trend")).singleElement() // 6th point, minute 20, published at 21:05
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(21 * 60 + 5)));
    }

    @Test
    void disablingThePackRemovesIt() {
        rebuild(MonitorConfig.builder().packs(Set.of("threshold")).build());
        series("p1", Vital.HEART_RATE, 0, 30, 2, m -> 72 + 0.4 * m);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void flatteningTrendClearsAndResolves() {
        series("p1", Vital.HEART_RATE, 0, 30, 2, m -> 72 + 0.4 * m);
        series("p1", Vital.HEART_RATE, 32, 60, 2, m -> 84);
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("cleared"));
    }

    @Test
    void regressionIsPerPatient() {
        // interleaved: p1 rises, p2 is flat; a shared regression would see neither cleanly
        for (int m = 0; m <= 30; m += 2) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(60L * m)).heartRate(72 + 0.4 * m).build());
            monitor.submit(Observation.builder("p2", T0.plusSeconds(60L * m + 1)).heartRate(100).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.alert().patientId()).isEqualTo("p1"));
    }

    @Test
    void fallingSpo2() {
        series("p1", Vital.SPO2, 0, 20, 2, m -> 97 - 0.1 * m); // -6 % per hour
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("trend-spo2-falling");
            assertThat(e.alert().key()).isEqualTo("SPO2-trend");
            assertThat(e.alert().message()).isEqualTo("SpO2 falling 6.0 % per hour over the last 18 min (97 → 95)");
        });
    }

    @Test
    void risingRespiratoryRate() {
        series("p1", Vital.RESPIRATORY_RATE, 0, 20, 2, m -> 16 + 0.2 * m); // +12 /min per hour
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("trend-rr-rising");
            assertThat(e.alert().key()).isEqualTo("RESPIRATORY_RATE-trend");
            assertThat(e.alert().message())
                    .isEqualTo("respiratory rate rising 12 /min per hour over the last 18 min (16 → 20)");
        });
    }

    @Test
    void fallingSystolicPressureFromThreeSparseReadings() {
        monitor.submit(Observation.builder("p1", T0).systolicBp(130).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(20 * 60)).systolicBp(120).build());
        assertThat(listener.events).isEmpty(); // two readings < 3
        monitor.submit(Observation.builder("p1", T0.plusSeconds(40 * 60)).systolicBp(110).build());
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("trend-sbp-falling");
            assertThat(e.alert().message())
                    .isEqualTo("systolic BP falling 30 mmHg per hour over the last 40 min (130 → 110)");
        });
        // NIBP is sparse: the alert stays open between readings (ttl = the 3 h window), not 2 min
        monitor.advanceTo(T0.plusSeconds(100 * 60));
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
    }

    @Test
    void risingTemperature() {
        monitor.submit(Observation.builder("p1", T0).temperature(37.0).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(35 * 60)).temperature(37.9).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(70 * 60)).temperature(38.8).build());
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().ruleId()).isEqualTo("trend-temp-rising");
            assertThat(e.alert().message())
                    .isEqualTo("temperature rising 1.5 °C per hour over the last 70 min (37.0 → 38.8)");
        });
    }

    @Test
    void oldReadingsAgeOutOfTheWindow() {
        // a climb, a 40-minute gap (longer than the 30 min window), then flat readings: no trend left
        series("p1", Vital.HEART_RATE, 0, 30, 2, m -> 72 + 0.4 * m);
        listener.events.clear();
        series("p1", Vital.HEART_RATE, 70, 100, 2, m -> 84);
        assertThat(listener.of(AlertEventType.RAISED)).isEmpty();
    }

    @Test
    void dischargeResolvesTheTrendAlert() {
        series("p1", Vital.HEART_RATE, 0, 30, 2, m -> 72 + 0.4 * m);
        monitor.discharge("p1");
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("discharged"));
    }

    // ---- the clinical-change floor (defaults) ----------------------------------------------------

    @Test
    void aSteepDriftOfAFewPointsIsNotATrend() {
        rebuild(MonitorConfig.builder().packs(Set.of("trend")).build());
        // +24 /min per hour, but only 72 -> 79 over 18 min; SpO2 -6 % per hour, 97 -> 95.2: natural drift
        for (int m = 0; m <= 18; m += 2) {
            Instant t = T0.plusSeconds(60L * m);
            monitor.submit(Observation.builder("p1", t).heartRate(72 + 0.4 * m).build());
            monitor.submit(Observation.builder("p2", t).spo2(97 - 0.1 * m).build());
            monitor.submit(Observation.builder("p3", t).respiratoryRate(16 + 0.15 * m).build());
        }
        assertThat(listener.events).isEmpty();
    }

    @Test
    void aClimbOfAClinicalSizeAlertsWhenItGetsThere() {
        rebuild(MonitorConfig.builder().packs(Set.of("trend")).build());
        // +36 /min per hour from 72: the fitted line has risen 15 /min when its span reaches 25 min
        // and -12 % per hour from 97: 3 points lost when the span reaches 15 min
        for (int m = 0; m <= 30; m++) {
            Instant t = T0.plusSeconds(60L * m);
            monitor.submit(Observation.builder("p1", t).heartRate(72 + 0.6 * m).build());
            monitor.submit(Observation.builder("p2", t).spo2(97 - 0.2 * m).build());
        }
        assertThat(listener.raised("HEART_RATE-trend")).singleElement().satisfies(e ->
                assertThat((Double) e.alert().evidence().get("endValue") - (Double) e.alert().evidence().get("startValue"))
                        .isGreaterThanOrEqualTo(15.0));
        assertThat(listener.raised("SPO2-trend")).singleElement().satisfies(e ->
                assertThat((Double) e.alert().evidence().get("startValue") - (Double) e.alert().evidence().get("endValue"))
                        .isGreaterThanOrEqualTo(3.0));
    }
}
