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
 * The correlation and trend packs' per-observation state in plain Java (CorrelationInputs, TrendState): what they
 * send the packs, and that they forget a patient. The real engine on the real Esper runtime; a probe rule (an
 * integrator's rule on the derived events, as any integrator may write) counts the derived events per patient.
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
        engine.deployRules("probe", "probe", probe("CorrelationState") + probe("TrendContextUpdate"));
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
    void aStablePatientSendsTheRulesOnlyTheNibpReadingsAndOneTrendContext() {
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
        // The SpO2 scale is known at the first SpO2 reading and never changes; no movement.
        assertThat(count("TrendContextUpdate", "stable")).isEqualTo(1);
        assertThat(sizes()).containsEntry("CorrelationInputs", 1).containsEntry("TrendState", 1);
    }

    @Test
    void aNewSpo2ScaleIsSentOnceAtTheNextSpo2Reading() {
        for (int s = 0; s < 120; s += 5) {
            engine.submit(Observation.builder("copd", at(s)).spo2(95).heartRate(80).build());
        }
        assertThat(count("TrendContextUpdate", "copd")).isEqualTo(1);
        engine.register(new PatientContext("copd", null, 2, Map.of()));
        engine.submit(Observation.builder("copd", at(120)).heartRate(80).build());
        assertThat(count("TrendContextUpdate", "copd")).as("no SpO2 reading yet").isEqualTo(1);
        for (int s = 125; s < 240; s += 5) {
            engine.submit(Observation.builder("copd", at(s)).spo2(90).heartRate(80).build());
        }
        assertThat(count("TrendContextUpdate", "copd")).isEqualTo(2);
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
        engine.submit(Observation.builder("p1", at(0)).systolicBp(85).heartRate(120).spo2(96).build());
        assertThat(events).filteredOn(e -> e.alert().ruleId().equals("shock-pattern")).hasSize(1);
        assertThat(sizes()).containsEntry("CorrelationInputs", 1).containsEntry("TrendState", 1);
        engine.discharge("p1");
        assertThat(sizes()).containsEntry("CorrelationInputs", 0).containsEntry("TrendState", 0);
        // Monitored afresh: no previous pressure, no open episode.
        engine.submit(Observation.builder("p1", at(60)).heartRate(80).spo2(96).build());
        assertThat(sizes()).containsEntry("CorrelationInputs", 0).containsEntry("TrendState", 1);
    }
}
