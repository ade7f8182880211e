package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.score.Qsofa;
import com.nexussaude.monitor.score.Sirs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The correlation pack evaluates its rules once per observation, when the observation ends (its Java state,
 * CorrelationInputs, sends one CorrelationState then), with all of the observation's readings, and only the rules
 * the observation has an input of.
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
        // RR 24 then, in one observation, SpO2 91 with RR 16: the RR of that observation is read with its SpO2, so
        // RR >= 21 with SpO2 <= 93 never held at any observation. (Issue 13 changed RR 18 to 16: the rule now
        // reads the minute's medians, and the median of 24 and 18 is 21.)
        submit(obs(at(0, 0)).respiratoryRate(24).spo2(95));
        submit(obs(at(0, 1)).respiratoryRate(16).spo2(91));
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

    /**
     * 'correlation-state' only computes qSOFA and SIRS when the raw values could meet one of their criteria
     * (the scores round first). Around every limit, the sepsis screen must alert exactly when Qsofa and
     * Sirs say it should: if a limit in Qsofa or Sirs changes, the pre-check in correlation.epl must too.
     * qSOFA is swept with a threshold of 1, so that each criterion alone decides. (An observation with a NIBP
     * reading is always evaluated, so the SBP sweep checks the rule, not the pre-check.)
     */
    @Test
    void theSepsisScreenAgreesWithQsofaAndSirsAroundTheirLimits() {
        List<String> disagreements = new ArrayList<>();
        RecordingListener events = new RecordingListener();
        try (VitalMonitor qsofa1 = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("correlation")).packSetting("sepsis_qsofa_threshold", 1).build())
                .listener(events).listenerExecutor(Runnable::run).build()) {
            sweep(qsofa1, events, "rr", values(20, 23, 0.01, 21.5), rr -> Qsofa.points(rr, null, null) >= 1,
                    (o, rr) -> o.respiratoryRate(rr), disagreements);
            sweep(qsofa1, events, "sbp", values(98, 103, 0.01, 100.5), sbp -> Qsofa.points(null, null, sbp) >= 1,
                    (o, sbp) -> o.systolicBp(sbp), disagreements);
            for (Consciousness c : Consciousness.values()) {
                sweep(qsofa1, events, "acvpu", values(c.ordinal(), c.ordinal(), 1),
                        x -> Qsofa.points(null, c, null) >= 1, (o, x) -> o.consciousness(c), disagreements);
            }
        }
        // HR 95 and RR 21 (SIRS 2, qSOFA 0) with a temperature around 36 and 38: SIRS with hypothermia or fever.
        sweep(monitor, listener, "temp", values(35.5, 36.5, 0.005, 35.95, 36.0),
                t -> Sirs.score(t, 95.0, 21.0).withFeverOrHypothermia(),
                (o, t) -> o.heartRate(95).respiratoryRate(21).temperature(t), disagreements);
        sweep(monitor, listener, "temp", values(37.5, 38.5, 0.005, 38.0, 38.05),
                t -> Sirs.score(t, 95.0, 21.0).withFeverOrHypothermia(),
                (o, t) -> o.heartRate(95).respiratoryRate(21).temperature(t), disagreements);
        assertThat(disagreements).isEmpty();
    }

    interface Fill {
        Observation.Builder fill(Observation.Builder o, double value);
    }

    /** Each value on its own patient; collects the values where the pack and the score disagree. */
    static void sweep(VitalMonitor monitor, RecordingListener events, String name, TreeSet<Double> values,
            DoublePredicate expected, Fill fill, List<String> disagreements) {
        for (double x : values) {
            String pid = name + "-" + x;
            monitor.submit(fill.fill(Observation.builder(pid, at(0, 0)), x).build());
            boolean alerted = events.of(AlertEventType.RAISED).stream()
                    .anyMatch(e -> e.alert().patientId().equals(pid) && e.alert().ruleId().equals("sepsis-screen"));
            if (alerted != expected.test(x)) {
                disagreements.add(name + " " + x + ": pack " + alerted + ", score " + expected.test(x));
            }
        }
    }

    /** from..to by step, and each limit with its neighbouring doubles. */
    static TreeSet<Double> values(double from, double to, double step, double... limits) {
        TreeSet<Double> values = new TreeSet<>();
        for (int i = 0; from + i * step <= to; i++) {
            values.add(from + i * step);
        }
        for (double limit : limits) {
            values.add(Math.nextDown(limit));
            values.add(limit);
            values.add(Math.nextUp(limit));
        }
        return values;
    }
}
