package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents, inhibition and silences on the bundled packs, replayed deterministically.
 */
class IncidentsAndSuppressionTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    RecordingListener listener = new RecordingListener();
    List<IncidentEvent> incidentEvents = new ArrayList<>();
    VitalMonitor monitor;

    VitalMonitor build(MonitorConfig config) {
        return VitalMonitor.builder().config(config).listener(listener).incidentListener(incidentEvents::add)
                .listenerExecutor(Runnable::run).build();
    }

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    static Instant at(long second) {
        return T0.plusSeconds(second);
    }

    List<AlertEvent> events(String ruleId, AlertEventType type) {
        return listener.events.stream().filter(e -> e.alert().ruleId().equals(ruleId) && e.type() == type).toList();
    }

    @Test
    void aShockPatternHeadsTheIncidentOfTheAlertsItExplainsAndThePatientPagesOnce() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold", "correlation")).build());
        monitor.submit(Observation.builder("bed-4", at(0)).systolicBp(75).build()); // below 80: high at once
        for (int s = 0; s <= 10; s++) {
            monitor.submit(Observation.builder("bed-4", at(s)).heartRate(125).build()); // above 120: high after 5 s
        }
        List<String> rules = listener.of(AlertEventType.RAISED).stream().map(e -> e.alert().ruleId()).toList();
        assertThat(rules).containsExactlyInAnyOrder("threshold", "threshold", "shock-pattern");
        assertThat(monitor.incidents()).singleElement().satisfies(i -> {
            assertThat(i.patientId()).isEqualTo("bed-4");
            assertThat(i.activeAlertIds()).hasSize(3);
            assertThat(i.severity()).isEqualTo(Severity.HIGH);
            assertThat(monitor.alert(i.headlineAlertId()).ruleId()).isEqualTo("shock-pattern");
            assertThat(i.headline()).startsWith("shock index 1.67");
        });
        // Every alert names the incident; one OPENED for the patient, whatever the number of alerts.
        String incidentId = monitor.incidents().get(0).incidentId();
        assertThat(monitor.openAlerts()).extracting(Alert::incidentId).containsOnly(incidentId);
        assertThat(incidentEvents).filteredOn(e -> e.type() == IncidentEvent.Type.OPENED).hasSize(1);
        assertThat(incidentEvents).last().satisfies(e -> assertThat(e.incident().headlineAlertId())
                .isEqualTo(monitor.incidents().get(0).headlineAlertId()));
    }

    @Test
    void anotherPatientHasAnotherIncidentAndACriticalAlertEscalatesIt() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build());
        for (int s = 0; s <= 12; s++) {
            monitor.submit(Observation.builder("bed-1", at(s)).heartRate(110).build()); // medium after 10 s
            monitor.submit(Observation.builder("bed-2", at(s)).heartRate(110).build());
        }
        // Critical at once (a rise of more than 40 /min within 2 s would be an artefact: step up).
        monitor.submit(Observation.builder("bed-1", at(13)).heartRate(130).build());
        monitor.submit(Observation.builder("bed-1", at(14)).heartRate(155).build());
        assertThat(monitor.incidents()).hasSize(2);
        assertThat(incidentEvents).extracting(e -> e.type() + " " + e.incident().patientId() + " " + e.incident().severity())
                .containsExactly("OPENED bed-1 MEDIUM", "OPENED bed-2 MEDIUM", "ESCALATED bed-1 CRITICAL");
    }

    @Test
    void acknowledgingTheIncidentAcknowledgesItsAlertsAndANewAlertReopensIt() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build());
        for (int s = 0; s <= 12; s++) {
            monitor.submit(Observation.builder("bed-1", at(s)).heartRate(110).respiratoryRate(16).build());
        }
        String incidentId = monitor.incidents().get(0).incidentId();
        List<Alert> acked = monitor.acknowledgeIncident(incidentId, "nurse.ana", "with the patient");
        assertThat(acked).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED));
        assertThat(incidentEvents).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IncidentEvent.Type.ACKNOWLEDGED);
            assertThat(e.incident().state()).isEqualTo(Incident.State.ACKNOWLEDGED);
        });
        for (int s = 13; s <= 40; s++) { // respiratory rate 22: medium after 20 s
            monitor.submit(Observation.builder("bed-1", at(s)).heartRate(110).respiratoryRate(22).build());
        }
        assertThat(incidentEvents).extracting(IncidentEvent::type).contains(IncidentEvent.Type.REOPENED);
        assertThat(monitor.incidents()).singleElement().satisfies(i -> {
            assertThat(i.incidentId()).isEqualTo(incidentId);
            assertThat(i.state()).isEqualTo(Incident.State.OPEN);
        });
        assertThatThrownBy(() -> monitor.acknowledgeIncident("incident-999999", "nurse.ana", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no open incident 'incident-999999' in this monitor");
    }

    @Test
    void signalLossInhibitsClinicalAlertsOnThatParameterUntilTheSignalReturns() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold", "technical")).build());
        for (int s = 0; s <= 12; s++) {
            monitor.submit(Observation.builder("bed-1", at(s)).heartRate(110).spo2(97).build());
        }
        Alert hr = monitor.openAlerts().get(0);
        assertThat(hr.ruleId()).isEqualTo("threshold");
        assertThat(hr.isSuppressed()).isFalse();
        // The heart-rate lead comes off; SpO2 keeps coming. After 60 s the technical pack reports signal loss.
        for (int s = 13; s <= 80; s++) {
            monitor.submit(Observation.builder("bed-1", at(s)).spo2(97).build());
        }
        AlertEvent loss = events("signal-loss", AlertEventType.RAISED).get(0);
        assertThat(loss.alert().key()).isEqualTo("HEART_RATE");
        assertThat(loss.alert().category()).isEqualTo(Category.TECHNICAL);
        assertThat(events("threshold", AlertEventType.SUPPRESSED)).singleElement().satisfies(e -> {
            assertThat(e.alert().alertId()).isEqualTo(hr.alertId());
            assertThat(e.alert().suppression().kind()).isEqualTo(Suppression.Kind.INHIBITION);
            assertThat(e.alert().suppression().id()).isEqualTo("signal-loss-inhibits-clinical");
            assertThat(e.alert().suppression().sourceAlertId()).isEqualTo(loss.alert().alertId());
            assertThat(e.reason()).isEqualTo("inhibited by " + loss.alert().alertId()
                    + " (signal-loss medium) under signal-loss-inhibits-clinical");
        });
    }

    @Test
    void aNews2EmergencyInhibitsTheLessSevereSingleParameterAlertsAndReleasesThemWhenItResolves() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold", "news2")).build());
        // RR 25 (3), SpO2 91 (2), HR 115 (2), temperature 38.5 (1), SBP 105 (1): NEWS2 9, high risk -> critical.
        monitor.submit(Observation.builder("bed-9", at(0)).systolicBp(105).temperature(38.5).build());
        for (int s = 1; s <= 30; s++) {
            monitor.submit(Observation.builder("bed-9", at(s)).respiratoryRate(25).spo2(91).heartRate(115).build());
        }
        Alert news2 = monitor.openAlerts().stream().filter(a -> a.ruleId().equals("news2")).findFirst().orElseThrow();
        assertThat(news2.severity()).isEqualTo(Severity.CRITICAL);
        List<Alert> thresholds = monitor.openAlerts().stream().filter(a -> a.ruleId().equals("threshold")).toList();
        assertThat(thresholds).isNotEmpty().allSatisfy(a -> {
            assertThat(a.severity()).isLessThan(Severity.CRITICAL);
            assertThat(a.suppression()).isNotNull();
            assertThat(a.suppression().id()).isEqualTo("news2-inhibits-lower-single-parameter");
        });
        // The suppressed alerts are still recorded: raised, with the reason on the event or a SUPPRESSED event.
        assertThat(events("threshold", AlertEventType.RAISED)).hasSize(thresholds.size());
        // The incident's headline is the NEWS2 alert.
        assertThat(monitor.incidents().get(0).headlineAlertId()).isEqualTo(news2.alertId());
        // Discharge-free release: the NEWS2 alert resolved by hand releases the threshold alerts still active.
        monitor.resolve(news2.alertId(), "dr.silva", "reviewed");
        assertThat(listener.events.stream().filter(e -> e.type() == AlertEventType.UNSUPPRESSED).count())
                .isEqualTo(thresholds.size());
    }

    @Test
    void inhibitionRulesAreConfigurable() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold", "technical")).inhibitions(List.of()).build());
        for (int s = 0; s <= 12; s++) {
            monitor.submit(Observation.builder("bed-1", at(s)).heartRate(110).spo2(97).build());
        }
        for (int s = 13; s <= 80; s++) {
            monitor.submit(Observation.builder("bed-1", at(s)).spo2(97).build());
        }
        assertThat(events("signal-loss", AlertEventType.RAISED)).hasSize(1);
        assertThat(listener.of(AlertEventType.SUPPRESSED)).isEmpty();
    }

    @Test
    void aTimeBoundedSilenceRecordsButHoldsBackAndEndsOnTime() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build());
        monitor.submit(Observation.builder("bed-3", at(0)).heartRate(80).build());
        Silence s = monitor.silence(Silence.builder().patient("bed-3").until(at(600)).by("nurse.ana")
                .because("in transport to CT").build());
        assertThat(s.silenceId()).isEqualTo("silence-000001");
        assertThat(s.startsAt()).isEqualTo(at(0));
        for (int t = 1; t <= 20; t++) {
            monitor.submit(Observation.builder("bed-3", at(t)).heartRate(110).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement().satisfies(e -> {
            assertThat(e.alert().suppression().kind()).isEqualTo(Suppression.Kind.SILENCE);
            assertThat(e.alert().suppression().reason()).isEqualTo("silenced by silence-000001 (nurse.ana: in transport to CT)");
        });
        for (int t = 21; t <= 620; t += 5) {
            monitor.submit(Observation.builder("bed-3", at(t)).heartRate(110).build());
        }
        assertThat(listener.of(AlertEventType.UNSUPPRESSED)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(at(600)));
        assertThat(monitor.silences()).isEmpty();
    }

    @Test
    void silencesMatchByWardRuleAndSeverity() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build());
        monitor.register(PatientContext.of("bed-5").withWard("theatre"));
        monitor.register(PatientContext.of("bed-6").withWard("cardiology"));
        monitor.submit(Observation.builder("bed-5", at(0)).heartRate(80).build());
        monitor.silence(Silence.builder().ward("theatre").matching(AlertMatcher.rules("threshold").atMost(Severity.HIGH))
                .until(at(3600)).by("dr.costa").because("patient in surgery").build());
        for (int t = 1; t <= 20; t++) {
            monitor.submit(Observation.builder("bed-5", at(t)).heartRate(110).build());
            monitor.submit(Observation.builder("bed-6", at(t)).heartRate(110).build());
        }
        assertThat(listener.raised("HEART_RATE")).hasSize(2).allSatisfy(e -> assertThat(e.alert().isSuppressed())
                .isEqualTo(e.alert().patientId().equals("bed-5")));
        monitor.submit(Observation.builder("bed-5", at(21)).heartRate(130).build());
        monitor.submit(Observation.builder("bed-5", at(22)).heartRate(160).build()); // critical: above atMost(HIGH)
        assertThat(listener.events).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.UNSUPPRESSED);
            assertThat(e.alert().severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void aSilenceUntilResolvedEndsWithItsAlertAndTheRecurrenceAlerts() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build());
        for (int t = 0; t <= 20; t++) {
            monitor.submit(Observation.builder("bed-7", at(t)).heartRate(110).build());
        }
        String first = listener.of(AlertEventType.RAISED).get(0).alert().alertId();
        monitor.silence(Silence.builder().untilResolved(first).by("nurse.ana").because("known AF, rate control started")
                .build());
        assertThat(listener.events).last().satisfies(e -> assertThat(e.type()).isEqualTo(AlertEventType.SUPPRESSED));
        for (int t = 21; t <= 120; t++) { // back to normal: clears after 60 s normal, resolves after the 30 s hold
            monitor.submit(Observation.builder("bed-7", at(t)).heartRate(80).build());
        }
        assertThat(listener.of(AlertEventType.RESOLVED)).hasSize(1);
        assertThat(monitor.silences()).isEmpty();
        for (int t = 121; t <= 140; t++) {
            monitor.submit(Observation.builder("bed-7", at(t)).heartRate(110).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(2).last()
                .satisfies(e -> assertThat(e.alert().isSuppressed()).isFalse());
    }

    @Test
    void badSilencesAreRejectedNamingWhatIsMissing() {
        monitor = build(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build());
        monitor.submit(Observation.builder("bed-1", at(100)).heartRate(80).build());
        assertThatThrownBy(() -> Silence.builder().patient("bed-1").until(at(200)).because("x").build())
                .hasMessage("a silence needs createdBy: who silences");
        assertThatThrownBy(() -> Silence.builder().patient("bed-1").until(at(200)).by("a").build())
                .hasMessage("a silence needs a comment: why it is silenced");
        assertThatThrownBy(() -> Silence.builder().patient("bed-1").by("a").because("b").build())
                .hasMessage("a silence needs an end: endsAt, or untilResolved(alertId)");
        assertThatThrownBy(() -> monitor.silence(Silence.builder().until(at(50)).by("a").because("b").build()))
                .hasMessageContaining("is not after the monitor clock");
        assertThatThrownBy(() -> monitor.silence(Silence.builder().untilResolved("alert-000042").by("a").because("b")
                .build())).hasMessageContaining("'alert-000042' until resolved: it is not an active alert");
        assertThat(monitor.silences()).isEmpty();
    }
}
