package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alert lifecycle on deterministic replays: dedupe, acknowledgement, manual resolution, the state
 * machine's illegal transitions, flapping. The rule is a test rule file: heart rate above 130 signals
 * {@code hr-high} (critical above 160), at or below 130 clears it, so each test drives the condition
 * exactly.
 */
class AlertLifecycleTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String HR_RULE = """
            @Name('test-hr-high')
            insert into AlertSignal
            select patientId, 'hr-high' as ruleId, case when value > 160 then 'critical' else 'high' end as severity,
                   'physiological' as category, 'heart rate ' || cast(cast(value, int), string) as message,
                   evidence('value', value, 'limit', 130.0) as evidence
            from VitalSign(vital = 'HEART_RATE', value > 130);

            @Name('test-hr-clear')
            insert into AlertClear
            select patientId, 'hr-high' as ruleId, cast(null, string) as key, ts, 'back to 130 or below' as reason
            from VitalSign(vital = 'HEART_RATE', value <= 130);
            """;

    final RecordingListener listener = new RecordingListener();
    final List<IncidentEvent> incidentEvents = new ArrayList<>();
    VitalMonitor monitor = build(MonitorConfig.builder().packs(Set.of()).build());

    VitalMonitor build(MonitorConfig config) {
        VitalMonitor m = VitalMonitor.builder().config(config).listener(listener).incidentListener(incidentEvents::add)
                .listenerExecutor(Runnable::run).build();
        m.loadRules("hr-rule", HR_RULE);
        return m;
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    void hr(long second, double bpm) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).heartRate(bpm).build());
    }

    String raisedId() {
        return listener.of(AlertEventType.RAISED).get(0).alert().alertId();
    }

    @Test
    void repeatedSignalsUpdateOneAlertWithCountWorstValueAndRisingSeverity() {
        hr(0, 140);
        hr(1, 150);
        hr(2, 145);
        hr(3, 170); // critical: severity changes in place
        hr(4, 135);
        assertThat(listener.events).extracting(AlertEvent::type)
                .containsExactly(AlertEventType.RAISED, AlertEventType.SEVERITY_CHANGED);
        Alert a = monitor.openAlerts().get(0);
        assertThat(a.signalCount()).isEqualTo(5);
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.worstValue()).isEqualTo(170.0);
        assertThat(a.message()).isEqualTo("heart rate 135");
        assertThat(a.lastSeenAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void acknowledgementStopsAtOnceAndExpiresIntoAReAlert() {
        hr(0, 140);
        String id = raisedId();
        monitor.advanceTo(T0.plusSeconds(60));
        Alert acked = monitor.acknowledge(id, "nurse.ana", "at the bedside");
        assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acked.acknowledgement()).isEqualTo(new Acknowledgement("nurse.ana", "at the bedside",
                T0.plusSeconds(60), T0.plusSeconds(60).plus(MonitorConfig.DEFAULT_ACK_TIMEOUT)));
        assertThat(listener.events.get(1)).satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.ACKNOWLEDGED);
            assertThat(e.actor()).isEqualTo("nurse.ana");
            assertThat(e.reason()).isEqualTo("at the bedside");
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(60));
        });
        // Still tachycardic 30 min after the acknowledgement: it alerts again, exactly then.
        for (long s = 61; s <= 60 + 30 * 60 + 5; s += 5) {
            hr(s, 140);
        }
        assertThat(listener.of(AlertEventType.ACK_EXPIRED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(60 + 30 * 60));
            assertThat(e.alert().state()).isEqualTo(AlertState.OPEN);
            assertThat(e.alert().acknowledgement()).isNull();
            assertThat(e.reason()).contains("nurse.ana");
        });
    }

    @Test
    void aRisingSeverityOverridesTheAcknowledgement() {
        hr(0, 140);
        monitor.acknowledge(raisedId(), "nurse.ana", "");
        hr(1, 175);
        assertThat(listener.events.get(listener.events.size() - 1)).satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.SEVERITY_CHANGED);
            assertThat(e.alert().state()).isEqualTo(AlertState.OPEN);
            assertThat(e.reason()).isEqualTo("severity rose from high to critical; the acknowledgement by nurse.ana no"
                    + " longer holds");
        });
    }

    @Test
    void acknowledgementTimeoutZeroNeverReAlerts() {
        monitor.close();
        monitor = build(MonitorConfig.builder().packs(Set.of()).ackTimeout(Duration.ZERO).build());
        hr(0, 140);
        assertThat(monitor.acknowledge(raisedId(), "nurse.ana", "").acknowledgement().expiresAt()).isNull();
        for (long s = 10; s <= 4 * 3600; s += 10) {
            hr(s, 140);
        }
        assertThat(listener.of(AlertEventType.ACK_EXPIRED)).isEmpty();
        assertThat(monitor.openAlerts().get(0).state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void manualResolutionRecordsWhoAndWhyAndAPersistingConditionAlertsAnew() {
        hr(0, 140);
        String id = raisedId();
        Alert resolved = monitor.resolve(id, "dr.silva", "rate control started");
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolution()).isEqualTo("manual");
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("dr.silva");
            assertThat(e.reason()).isEqualTo("rate control started");
        });
        hr(1, 140);
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(2);
        assertThat(listener.of(AlertEventType.RAISED).get(1).alert().alertId()).isNotEqualTo(id);
    }

    @Test
    void illegalTransitionsNameTheAlertAndBothStatesAndChangeNothing() {
        hr(0, 140);
        String id = raisedId();
        monitor.acknowledge(id, "nurse.ana", "");
        // A second acknowledgement is a no-op since 0.3 (it threw before): the first one stands.
        Alert again = monitor.acknowledge(id, "nurse.bia", "");
        assertThat(again.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(again.acknowledgement().actor()).isEqualTo("nurse.ana");
        assertThat(monitor.alert(id).acknowledgement().actor()).isEqualTo("nurse.ana");

        monitor.resolve(id, "dr.silva", "seen");
        assertThatThrownBy(() -> monitor.acknowledge(id, "nurse.ana", ""))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("alert " + id + " cannot move from RESOLVED to ACKNOWLEDGED; from RESOLVED it may move to"
                        + " nothing (final)");
        assertThatThrownBy(() -> monitor.resolve(id, "dr.silva", "again"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("from RESOLVED to RESOLVED");
        assertThatThrownBy(() -> monitor.acknowledge("alert-999999", "nurse.ana", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no alert 'alert-999999' in this monitor");
        assertThatThrownBy(() -> monitor.acknowledge(id, " ", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor is required");
        assertThat(listener.events).extracting(AlertEvent::type).containsExactly(AlertEventType.RAISED,
                AlertEventType.ACKNOWLEDGED, AlertEventType.RESOLVED);
    }

    @Test
    void theTransitionTableIsTheDocumentedOne() {
        assertThat(AlertState.OPEN.next()).containsExactlyInAnyOrder(AlertState.ACKNOWLEDGED, AlertState.RESOLVED);
        assertThat(AlertState.FLAPPING.next()).containsExactlyInAnyOrder(AlertState.ACKNOWLEDGED, AlertState.RESOLVED);
        assertThat(AlertState.ACKNOWLEDGED.next()).containsExactlyInAnyOrder(AlertState.OPEN, AlertState.FLAPPING,
                AlertState.RESOLVED);
        assertThat(AlertState.RESOLVED.next()).isEmpty();
    }

    @Test
    void clearingWithHysteresisResolvesOnlyAfterTheHoldAndABriefReturnKeepsItOpen() {
        hr(0, 140);
        hr(10, 120); // clear
        hr(20, 140); // back within the 30 s hold: same alert, still open
        hr(30, 120);
        assertThat(monitor.openAlerts()).singleElement()
                .satisfies(a -> assertThat(a.clearingSince()).isEqualTo(T0.plusSeconds(30)));
        monitor.advanceTo(T0.plusSeconds(59));
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        monitor.advanceTo(T0.plusSeconds(60));
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement().satisfies(e -> {
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(60));
            assertThat(e.alert().resolution()).isEqualTo("cleared");
        });
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(1);
    }

    @Test
    void flappingAlertNotifiesOnceAndStaysOpenUntilItSettles() {
        // A heart rate hovering at the limit: 140 for 5 s, then 120 for 60 s (longer than the 30 s hold), repeated.
        long t = 0;
        for (int cycle = 0; cycle < 8; cycle++) {
            hr(t, 140);
            hr(t + 5, 120);
            hr(t + 40, 120);
            t += 65;
        }
        List<AlertEvent> raised = listener.of(AlertEventType.RAISED);
        // Raises 1-3 open and resolve; the 4th within 15 min is flapping and absorbs the rest of the cycles.
        assertThat(raised).hasSize(4);
        assertThat(raised).extracting(e -> e.alert().state()).containsExactly(AlertState.OPEN, AlertState.OPEN,
                AlertState.OPEN, AlertState.FLAPPING);
        assertThat(raised.get(3).reason()).isEqualTo("flapping: raised 4 times within 15 min");
        assertThat(listener.of(AlertEventType.RESOLVED)).hasSize(3);
        AlertEvent flapping = raised.get(3);
        // It settles 10 min after the last clear (at t - 65 + 5), not 30 s after.
        long lastClear = t - 65 + 5;
        monitor.advanceTo(T0.plusSeconds(lastClear + 599));
        assertThat(monitor.alert(flapping.alert().alertId())).isNotNull();
        monitor.advanceTo(T0.plusSeconds(lastClear + 600));
        assertThat(listener.of(AlertEventType.RESOLVED)).last().satisfies(e -> {
            assertThat(e.alert().alertId()).isEqualTo(flapping.alert().alertId());
            assertThat(e.alert().resolution()).isEqualTo("settled");
        });
    }

    @Test
    void flappingIsConfigurable() {
        monitor.close();
        monitor = build(MonitorConfig.builder().packs(Set.of()).flapping(2, Duration.ofMinutes(5), Duration.ofMinutes(1))
                .build());
        hr(0, 140);
        hr(5, 120);
        hr(40, 140); // resolved at 35 s; the second raise within 5 min is flapping
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().state())
                .containsExactly(AlertState.OPEN, AlertState.FLAPPING);
        assertThatThrownBy(() -> MonitorConfig.builder().flapping(1, Duration.ofMinutes(1), Duration.ZERO))
                .hasMessage("flapThreshold must be at least 2 raises, but was 1");
    }

    @Test
    void dischargeResolvesAndForgetsTheFlappingHistory() {
        hr(0, 140);
        monitor.discharge("p1");
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("discharged"));
        assertThat(incidentEvents).extracting(IncidentEvent::type).containsExactly(IncidentEvent.Type.OPENED,
                IncidentEvent.Type.RESOLVED);
        assertThat(monitor.incidents()).isEmpty();
    }
}
