package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The correlation pack evaluates its rules once per observation, on the observation's ObservationEnd, with
 * all of the observation's readings, and only the rules the observation has an input of.
 */
class CorrelationPerObservationTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    final VitalMonitor monitor = VitalMonitor.builder()
            .config(MonitorConfig.builder().packs(Set.of("correlation")).build())
            .listener(listener).listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    static Instant at(int minute, int second) {
        return T0.plusSeconds(60L * minute + second);
    }

    void submit(Observation.Builder o) {
        monitor.submit(o.build());
    }

    static Observation.Builder obs(Instant t) {
        return Observation.builder("p1", t);
    }

    List<AlertEvent> events(String ruleId, AlertEventType type) {
        return listener.of(type).stream().filter(e -> e.alert().ruleId().equals(ruleId)).toList();
    }

    @Test
    void aNibpReadingInTheObservationIsInTheBaselineBeforeTheShockRuleRuns() {
        submit(obs(at(-1, 0)).heartRate(78));
        submit(obs(at(0, 0)).systolicBp(130));
        submit(obs(at(60, 0)).heartRate(100).systolicBp(105)); // HR and NIBP in one observation
        assertThat(events("shock-pattern", AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(at(60, 0));
            assertThat(e.alert().message()).isEqualTo("shock pattern: heart rate up 22 /min while systolic BP fell "
                    + "25 mmHg, shock index 0.95: heart rate 78 /min at 07:59:00, systolic BP 130 mmHg at 08:00:00, "
                    + "heart rate 100 /min at 09:00:00, systolic BP 105 mmHg at 09:00:00");
        });
    }

    @Test
    void aRuleSeesAllOfTheObservationsReadings() {
        // RR 24 then, in one observation, SpO2 91 with RR 18: the RR of that observation replaces 24, so
        // RR >= 21 with SpO2 <= 93 never held at any observation.
        submit(obs(at(0, 0)).respiratoryRate(24).spo2(95));
        submit(obs(at(0, 1)).respiratoryRate(18).spo2(91));
        // SBP 90, then HR 100 with a new NIBP of 120 in one observation: shock index 0.83, not 100 / 90.
        submit(obs(at(1, 0)).systolicBp(90));
        submit(obs(at(10, 0)).heartRate(100).systolicBp(120));
        assertThat(listener.events).isEmpty();
    }

    @Test
    void onlyAnObservationWithAnInputOfARuleReEvaluatesIt() {
        submit(obs(at(0, 0)).respiratoryRate(24).spo2(91));
        assertThat(events("respiratory-deterioration", AlertEventType.RAISED)).hasSize(1);
        submit(obs(at(0, 30)).respiratoryRate(15).spo2(97)); // no longer holds: clears 2 min after 00:30
        submit(obs(at(2, 40)).heartRate(80)); // heart rate is no input of the respiratory rule
        submit(obs(at(3, 10)).heartRate(80));
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        submit(obs(at(3, 20)).spo2(97)); // an input: re-evaluated, 2 min 50 s false, clears
        submit(obs(at(3, 50)).heartRate(80)); // then the lifecycle's 30 s resolve hold
        assertThat(events("respiratory-deterioration", AlertEventType.RESOLVED)).singleElement().satisfies(e -> {
            assertThat(e.alert().resolution()).isEqualTo("cleared");
            assertThat(e.timestamp()).isEqualTo(at(3, 50));
        });
    }
}
