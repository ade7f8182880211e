package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a host asks a running monitor: one patient's alerts and readings, typed history, acknowledging twice. */
class HostQueriesTest {
    static final Instant T0 = AlertLifecycleTest.T0;

    final RecordingListener listener = new RecordingListener();
    final InMemoryJournal journal = new InMemoryJournal();
    final VitalMonitor monitor = VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of()).build())
            .journal(journal).listener(listener).listenerExecutor(Runnable::run).build();

    HostQueriesTest() {
        monitor.loadRules("hr-rule", AlertLifecycleTest.HR_RULE);
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    private void hr(String patient, long second, double bpm) {
        monitor.submit(Observation.builder(patient, T0.plusSeconds(second)).heartRate(bpm).build());
    }

    @Test
    void acknowledgingTwiceIsANoOpReportedAsSuch() {
        hr("p1", 0, 140);
        String id = monitor.openAlerts().get(0).alertId();
        Acknowledged first = monitor.acknowledgeAndReport(id, "nurse.ana", "at the bedside");
        int records = journal.records().size();
        Acknowledged second = monitor.acknowledgeAndReport(id, "nurse.bia", "me too");

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(second.alert().acknowledgement()).isEqualTo(first.alert().acknowledgement());
        assertThat(second.alert().acknowledgement().actor()).isEqualTo("nurse.ana");
        assertThat(journal.records()).as("nothing recorded for the no-op").hasSize(records);
        assertThat(listener.of(AlertEventType.ACKNOWLEDGED)).hasSize(1);

        monitor.resolve(id, "dr.silva", "seen");
        assertThatThrownBy(() -> monitor.acknowledgeAndReport(id, "nurse.ana", ""))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("from RESOLVED to ACKNOWLEDGED");
    }

    @Test
    void oneAcknowledgedAlertThatRisesIsAcknowledgedAnewNotANoOp() {
        hr("p1", 0, 140);
        String id = monitor.openAlerts().get(0).alertId();
        monitor.acknowledge(id, "nurse.ana", "");
        hr("p1", 1, 170); // critical: back to OPEN, worse than what was acknowledged
        assertThat(monitor.alert(id).state()).isEqualTo(AlertState.OPEN);
        assertThat(monitor.acknowledgeAndReport(id, "nurse.bia", "").changed()).isTrue();
        assertThat(monitor.alert(id).acknowledgement().actor()).isEqualTo("nurse.bia");
    }

    @Test
    void onePatientsOpenAlertsAndLatestReadings() {
        hr("p1", 0, 140);
        hr("p2", 0, 150);
        monitor.submit(Observation.builder("p2", T0.plusSeconds(5)).spo2(96).respiratoryRate(18).build());

        assertThat(monitor.openAlertsOf("p1")).extracting(Alert::patientId).containsExactly("p1");
        assertThat(monitor.openAlertsOf("p2")).extracting(Alert::patientId).containsExactly("p2");
        assertThat(monitor.openAlertsOf("nobody")).isEmpty();

        assertThat(monitor.latestReadings("p2")).containsOnlyKeys(Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE);
        assertThat(monitor.latestReadings("p2").get(Vital.HEART_RATE))
                .isEqualTo(new VitalReading(Vital.HEART_RATE, 150, T0));
        assertThat(monitor.latestReadings("p2").get(Vital.SPO2)).isEqualTo(new VitalReading(Vital.SPO2, 96, T0.plusSeconds(5)));
        assertThat(monitor.latestReadings("nobody")).isEmpty();

        monitor.discharge("p2");
        assertThat(monitor.latestReadings("p2")).isEmpty();
    }

    @Test
    void askingForAPatientsReadingsDoesNotKeepAnIdlePatientFromBeingReleased() {
        try (VitalMonitor m = VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of()).build())
                .idlePatientRelease(java.time.Duration.ofHours(1)).listenerExecutor(Runnable::run).build()) {
            m.submit(Observation.builder("quiet", T0).heartRate(80).build());
            // Another patient goes on sending; a dashboard asks for the quiet one's readings after every reading.
            for (int minute = 0; minute <= 70; minute++) {
                m.submit(Observation.builder("busy", T0.plusSeconds(60L * minute)).heartRate(80).build());
                assertThat(m.latestReadings("quiet").isEmpty()).as("minute %d", minute).isEqualTo(minute >= 60);
            }
            assertThat(m.latestReadings("busy")).containsKey(Vital.HEART_RATE);
        }
    }

    @Test
    void alertHistoryIsTypedEventsInJournalOrder() {
        hr("p1", 0, 140);
        String id = monitor.openAlerts().get(0).alertId();
        hr("p1", 1, 170);
        monitor.acknowledge(id, "nurse.ana", "on it");
        monitor.resolve(id, "dr.silva", "treated");
        hr("p2", 2, 140);

        var history = monitor.alertHistory(JournalQuery.builder().alertId(id).build());
        assertThat(history).extracting(AlertEvent::type).containsExactly(AlertEventType.RAISED,
                AlertEventType.SEVERITY_CHANGED, AlertEventType.ACKNOWLEDGED, AlertEventType.RESOLVED);
        assertThat(history.get(1).alert().severity()).isEqualTo(com.nexussaude.monitor.notify.Severity.CRITICAL);
        assertThat(history.get(2).actor()).isEqualTo("nurse.ana");
        assertThat(history.get(2).reason()).isEqualTo("on it");
        assertThat(history.get(3).alert().state()).isEqualTo(AlertState.RESOLVED);
        // The same events the listener heard, as they were then.
        assertThat(history).extracting(AlertEvent::type, e -> e.alert().severity(), e -> e.alert().state())
                .containsExactlyElementsOf(listener.events.stream().filter(e -> e.alert().alertId().equals(id))
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.type(), e.alert().severity(), e.alert().state()))
                        .toList());
        assertThat(monitor.alertHistory(JournalQuery.builder().patientId("p2").build()))
                .extracting(AlertEvent::type).containsExactly(AlertEventType.RAISED);
    }

    @Test
    void aFromWireNameThatIsNoTypeIsNamed() {
        assertThat(AlertEventType.fromWireName("severity_changed")).isEqualTo(AlertEventType.SEVERITY_CHANGED);
        assertThatThrownBy(() -> AlertEventType.fromWireName("paged")).hasMessage("not an alert event type: 'paged'");
    }
}
