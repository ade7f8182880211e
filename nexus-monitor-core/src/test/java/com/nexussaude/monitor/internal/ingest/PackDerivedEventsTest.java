package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.UnknownPatientPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.nexussaude.monitor.internal.journal.Journaling;

/**
 * The correlation pack's per-observation state in plain Java (CorrelationInputs) and the trend pack's context on its
 * trend points (VitalTrend's spo2Scale and motionTs): what they send the packs, and that they forget a patient. The
 * real engine on the real Esper runtime; probe rules (an integrator's rules on the derived events, as any integrator
 * may write) count the derived events per patient, and keep the context of each patient's latest trend point.
 * Whether the packs decide as before is the packs' own tests and benchmarks/equivalence.sh.
 */
class PackDerivedEventsTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    final Engine engine = new Engine(MonitorConfig.builder().packs(Set.of("trend", "correlation")).build(),
            MonitorClock.eventTime(), List.<com.nexussaude.monitor.AlertListener>of(events::add), List.of(), List.of(),
            Runnable::run, Duration.ofMinutes(2), Journaling.none(), null);

    PackDerivedEventsTest() {
        engine.inputPolicy(false, UnknownPatientPolicy.ACCEPT);
        engine.deployRules("probe", "probe", probe("CorrelationState") + trendProbe("SPO2") + trendProbe("HEART_RATE"));
    }

    /** A rule that keeps, per patient, an alert whose evidence is the context of the latest trend point of {@code vital}. */
    static String trendProbe(String vital) {
        return "insert into AlertSignal select patientId, 'probe-trend-" + vital + "' as ruleId, 'low' as severity,"
                + " 'technical' as category, 'trend context' as message,"
                + " evidence('spo2Scale', spo2Scale, 'motionTs', motionTs, 'pointTs', ts) as evidence,"
                + " cast(null, string) as key, cast(null, Long) as ts, 86400000L as ttlMs"
                + " from VitalTrend(vital = '" + vital + "');\n";
    }

    /** The evidence {@code name} of the latest trend point of {@code vital} of the patient (null: no point yet). */
    Object trendContext(String vital, String patientId, String name) {
        return engine.openAlerts().stream()
                .filter(a -> a.ruleId().equals("probe-trend-" + vital) && a.patientId().equals(patientId))
                .map(a -> a.evidence().get(name)).findFirst().orElse(null);
    }

    /** A rule that keeps, per patient, an alert whose evidence counts the patient's events of {@code type}. */
    static String probe(String type) {
        return "insert into AlertSignal select e.patientId as patientId, 'probe-" + type + "' as ruleId, 'low' as severity,"
                + " 'technical' as category, 'derived events' as message, evidence('count', count(*)) as evidence,"
                + " cast(null, string) as key, cast(null, Long) as ts, 86400000L as ttlMs"
                + " from " + type + " as e group by e.patientId;\n";
    }

    @AfterEach
    void close() {
        engine.close();
    }

    long count(String type, String patientId) {
        return engine.openAlerts().stream()
                .filter(a -> a.ruleId().equals("probe-" + type) && a.patientId().equals(patientId))
                .map(a -> ((Number) a.evidence().get("count")).longValue()).findFirst().orElse(0L);
    }

    static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    Map<String, Integer> sizes() {
        return engine.stateSizes();
    }

    @Test
    void aStablePatientSendsTheRulesOnlyTheNibpReadings() {
        // Half an hour at 1 Hz, a NIBP reading every 15 min, nothing abnormal.
        for (int s = 0; s < 1800; s++) {
            Observation.Builder o = Observation.builder("stable", at(s)).heartRate(75 + s % 3).spo2(97).respiratoryRate(16);
            if (s % 900 == 0) {
                o.systolicBp(122).temperature(36.8);
            }
            engine.submit(o.build());
        }
        assertThat(events).filteredOn(e -> !e.alert().ruleId().startsWith("probe-")).isEmpty();
        // An observation with a NIBP reading moves it into the shock baseline and re-evaluates the shock pattern;
        // no other one can change what the pack decides.
        assertThat(count("CorrelationState", "stable")).isEqualTo(2);
        assertThat(sizes()).containsEntry("CorrelationInputs", 1);
        // The SpO2 scale is known at the first SpO2 reading and never changes; no movement.
        assertThat(trendContext("SPO2", "stable", "spo2Scale")).isEqualTo(1);
        assertThat(trendContext("SPO2", "stable", "motionTs")).isEqualTo(-1L);
    }

    @Test
    void aNewSpo2ScaleReachesTheTrendPointsFromTheNextSpo2ReadingOn() {
        for (int s = 0; s < 120; s += 5) {
            engine.submit(Observation.builder("copd", at(s)).spo2(95).heartRate(80).build());
        }
        assertThat(trendContext("SPO2", "copd", "spo2Scale")).isEqualTo(1);
        engine.register(new PatientContext("copd", null, 2, Map.of()));
        engine.submit(Observation.builder("copd", at(120)).heartRate(80).build());
        assertThat(trendContext("HEART_RATE", "copd", "spo2Scale")).as("no SpO2 reading yet").isEqualTo(1);
        // The reading at 122 s (within the minute's 5 s of grace, so the reading publishes it, not the clock) closes
        // SpO2's minute of 60-115 s: that point was read at scale 1, and carries it.
        engine.submit(Observation.builder("copd", at(122)).spo2(90).heartRate(80).build());
        assertThat(trendContext("SPO2", "copd", "pointTs")).isEqualTo(at(90).toEpochMilli() - 2_500);
        assertThat(trendContext("SPO2", "copd", "spo2Scale")).isEqualTo(1);
        for (int s = 127; s <= 182; s += 5) {
            engine.submit(Observation.builder("copd", at(s)).spo2(90).heartRate(80).build());
        }
        assertThat(trendContext("SPO2", "copd", "spo2Scale")).isEqualTo(2);
        assertThat(trendContext("HEART_RATE", "copd", "spo2Scale")).isEqualTo(2);
    }

    @Test
    void aMovementReachesTheTrendPointsPublishedAfterIt() {
        // Heart rate at 1 Hz, steady but for a one-second jolt of +60 /min at 100 s (the gate calls it a movement).
        engine.register(new PatientContext("walker", null, 2, Map.of()));
        for (int s = 0; s < 100; s++) {
            engine.submit(Observation.builder("walker", at(s)).heartRate(76).build());
        }
        assertThat(trendContext("HEART_RATE", "walker", "motionTs")).isEqualTo(-1L);
        engine.submit(Observation.builder("walker", at(100)).heartRate(136).build());
        for (int s = 101; s <= 120; s++) {
            engine.submit(Observation.builder("walker", at(s)).heartRate(76).build());
        }
        // The point of 60-119 s, published by the reading at 120 s.
        assertThat(trendContext("HEART_RATE", "walker", "motionTs")).isEqualTo(at(100).toEpochMilli());
        assertThat(trendContext("HEART_RATE", "walker", "spo2Scale")).as("no SpO2 reading: the scale at the movement")
                .isEqualTo(2);
    }

    @Test
    void anOpenEpisodeReachesTheRulesUntilItClearsThenNothingDoes() {
        // Respiratory deterioration for a minute (every 10 s), then normal values.
        for (int s = 0; s <= 60; s += 10) {
            engine.submit(Observation.builder("resp", at(s)).respiratoryRate(25).spo2(90).build());
        }
        assertThat(events).filteredOn(e -> e.alert().ruleId().equals("respiratory-deterioration"))
                .extracting(AlertEvent::type).containsExactly(AlertEventType.RAISED);
        assertThat(sizes()).containsEntry("CorrelationInputs", 1);
        long whileHolding = count("CorrelationState", "resp");
        Instant cleared = null;
        long atClear = 0;
        for (int s = 70; s <= 900; s += 10) {
            engine.submit(Observation.builder("resp", at(s)).respiratoryRate(16).spo2(97).build());
            if (cleared == null && sizes().get("CorrelationInputs") == 0) {
                cleared = at(s);
                atClear = count("CorrelationState", "resp");
            }
        }
        // The condition stopped holding, yet the observations reached the rules while the episode was open, so
        // that its hysteresis could run out and clear the alert (the pre-check alone would have sent nothing).
        assertThat(cleared).as("the episode closed").isNotNull();
        assertThat(atClear).isGreaterThan(whileHolding);
        Alert alert = events.stream().filter(e -> e.alert().ruleId().equals("respiratory-deterioration")
                && e.type() == AlertEventType.RESOLVED).map(AlertEvent::alert).findFirst().orElseThrow();
        assertThat(alert.resolution()).isEqualTo("cleared");
        // Closed: nothing more reaches the rules for this patient.
        assertThat(count("CorrelationState", "resp")).isEqualTo(atClear);
    }

    @Test
    void dischargeForgetsTheBaselineEpisodesAndTrendContext() {
        engine.register(new PatientContext("p1", null, 2, Map.of()));
        engine.submit(Observation.builder("p1", at(0)).systolicBp(85).heartRate(120).spo2(96).build());
        assertThat(events).filteredOn(e -> e.alert().ruleId().equals("shock-pattern")).hasSize(1);
        assertThat(sizes()).containsEntry("CorrelationInputs", 1);
        engine.submit(Observation.builder("p1", at(60)).heartRate(120).spo2(96).build());
        assertThat(trendContext("SPO2", "p1", "spo2Scale")).isEqualTo(2);
        engine.discharge("p1");
        assertThat(sizes()).containsEntry("CorrelationInputs", 0);
        // Monitored afresh, unregistered: no previous pressure, no open episode, no scale 2 from before.
        engine.submit(Observation.builder("p1", at(120)).heartRate(80).spo2(96).build());
        engine.submit(Observation.builder("p1", at(180)).heartRate(80).spo2(96).build());
        assertThat(sizes()).containsEntry("CorrelationInputs", 0);
        assertThat(trendContext("SPO2", "p1", "spo2Scale")).isEqualTo(1);
    }
}
