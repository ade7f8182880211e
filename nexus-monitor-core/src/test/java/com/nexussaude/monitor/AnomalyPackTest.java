package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bundled anomaly pack: deviation from the patient's own EWMA baseline. Event-time replays at 1 Hz. */
class AnomalyPackTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final int MIN = 60;
    final RecordingListener listener = new RecordingListener();
    VitalMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    void start(UnaryOperator<MonitorConfig.Builder> tune) {
        monitor = VitalMonitor.builder().config(tune.apply(MonitorConfig.builder().packs(Set.of("anomaly"))).build())
                .listener(listener).listenerExecutor(Runnable::run).build();
    }

    /** Deterministic noise around 55: 53, 55, 57, 54, 56, ... (SD 1.4, under the 3 /min floor). */
    static double noisy55(int s) {
        return 53 + (s * 7) % 5;
    }

    void hr(int from, int to, IntToDoubleFunction value) {
        for (int s = from; s < to; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(value.applyAsDouble(s)).build());
        }
    }

    @Test
    void stableHeartRateJumpingTo95IsNoticedAfterWarmUpAndPersistence() {
        start(b -> b);
        hr(0, 40 * MIN, AnomalyPackTest::noisy55);
        hr(40 * MIN, 40 * MIN + 60, s -> 95);
        assertThat(listener.events).isEmpty(); // 60 s persistence: not yet
        hr(40 * MIN + 60, 40 * MIN + 90, s -> 95);
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(40 * MIN + 60));
            assertThat(e.alert().ruleId()).isEqualTo("baseline-deviation");
            assertThat(e.alert().key()).isEqualTo("HEART_RATE");
            assertThat(e.alert().severity()).isEqualTo(Severity.LOW);
            assertThat(e.alert().category()).isEqualTo(Category.PHYSIOLOGICAL);
            assertThat(e.alert().message())
                    .isEqualTo("heart rate 95 /min is 40 above this patient's baseline 55 ± 3 (41 min)");
        });
        // back to baseline: cleared after 30 s inside, resolved after the 30 s hold
        hr(40 * MIN + 90, 40 * MIN + 150, AnomalyPackTest::noisy55);
        monitor.advanceTo(T0.plusSeconds(40 * MIN + 160));
        assertThat(listener.of(AlertEventType.RESOLVED)).hasSize(1);
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
    }

    @Test
    void noAlertDuringTheWarmUp() {
        start(b -> b);
        hr(0, 20 * MIN, AnomalyPackTest::noisy55);
        hr(20 * MIN, 23 * MIN, s -> 95); // 3 min at 95, but only 20 min of baseline
        assertThat(listener.events).isEmpty();
    }

    @Test
    void warmUpIsAPackSetting() {
        start(b -> b.packSetting("anomaly_warmup_ms", 10 * MIN * 1000L));
        hr(0, 15 * MIN, AnomalyPackTest::noisy55);
        hr(15 * MIN, 15 * MIN + 70, s -> 95);
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(15 * MIN + 60)));
    }

    @Test
    void sensitivityIsAPackSetting() {
        start(b -> b.packSetting("anomaly_k", 15.0)); // 15 x 3 = 45 > 40
        hr(0, 40 * MIN, AnomalyPackTest::noisy55);
        hr(40 * MIN, 45 * MIN, s -> 95);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void normalNoiseAndBriefExcursionsDoNotAlert() {
        start(b -> b);
        // an hour of noise with a 20-s excursion to 75 every 10 min (shorter than the 60 s persistence)
        hr(0, 60 * MIN, s -> s > 30 * MIN && s % (10 * MIN) < 20 ? 75 : noisy55(s));
        assertThat(listener.events).isEmpty();
    }

    @Test
    void sigmaFloorKeepsAFlatSignalFromAlertingOnSmallChanges() {
        start(b -> b);
        hr(0, 40 * MIN, s -> 55);                       // sigma 0: the floor (3 /min) applies
        hr(40 * MIN, 43 * MIN, s -> 62);                 // +7 < 3 x 3
        assertThat(listener.events).isEmpty();
        hr(43 * MIN, 45 * MIN, s -> 66);                 // +11 > 9
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(43 * MIN + 60)));
    }

    @Test
    void dischargeForgetsTheBaseline() {
        start(b -> b);
        hr(0, 40 * MIN, AnomalyPackTest::noisy55);
        monitor.discharge("p1");
        hr(40 * MIN, 45 * MIN, s -> 95); // a new stay: warming up again
        assertThat(listener.events).isEmpty();
    }

    @Test
    void spo2AndRespiratoryRateHaveTheirOwnBaselines() {
        start(b -> b);
        for (int s = 0; s < 40 * MIN + 90; s++) {
            boolean late = s >= 40 * MIN;
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s))
                    .spo2(late ? 91 : 98).respiratoryRate(late ? 24 : 14).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().key() + ": " + e.alert().message())
                .containsExactlyInAnyOrder(
                        "SPO2: SpO2 91 % is 7 below this patient's baseline 98 ± 1 (41 min)",
                        "RESPIRATORY_RATE: respiratory rate 24 /min is 10 above this patient's baseline 14 ± 2 (41 min)");
    }
}
