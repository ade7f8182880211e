package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: a monitor killed mid-incident (no clean close) and rebuilt on its journal file resumes
 * its open alerts, incident, acknowledgement and silence, without raising any of them again.
 *
 * <p>The kill is simulated by copying the journal file while the first monitor still runs: that copy
 * is exactly what a {@code kill -9} at that moment leaves on disk (every append was fsynced), and the
 * first monitor never gets to close. Cutting bytes off the copy's end simulates a crash mid-append.
 */
class JournalRestartTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;

    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    VitalMonitor monitorOn(Path journal, RecordingListener listener, List<IncidentEvent> incidents) {
        VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "correlation")).build())
                .journal(FileJournal.open(journal))
                .listener(listener).incidentListener(incidents::add).listenerExecutor(Runnable::run)
                .build();
        toClose.add(m);
        return m;
    }

    /** Shock on bed-4 (SBP 75, HR 125: three alerts, one incident), a silence on bed-9, an acknowledgement. */
    VitalMonitor crashedMidIncident(Path journal) {
        RecordingListener listener = new RecordingListener();
        VitalMonitor first = monitorOn(journal, listener, new ArrayList<>());
        first.submit(Observation.builder("bed-4", T0).systolicBp(75).build());
        for (int s = 0; s <= 10; s++) {
            first.submit(Observation.builder("bed-4", T0.plusSeconds(s)).heartRate(125).build());
        }
        first.silence(Silence.builder().patient("bed-9").until(T0.plusSeconds(3600)).by("nurse.ana")
                .because("in transport").build());
        Alert shock = first.openAlerts().stream().filter(a -> a.ruleId().equals("shock-pattern")).findFirst().orElseThrow();
        first.acknowledge(shock.alertId(), "dr.silva", "fluids running");
        assertThat(first.openAlerts()).hasSize(3);
        return first;
    }

    @Test
    void aKilledMonitorResumesItsAlertsIncidentAcknowledgementAndSilenceWithoutRaisingThemAgain() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        VitalMonitor first = crashedMidIncident(journal);
        List<Alert> before = first.openAlerts();
        List<Incident> incidentsBefore = first.incidents();
        Path crashImage = Files.copy(journal, dir.resolve("after-kill.jsonl"));

        RecordingListener listener = new RecordingListener();
        List<IncidentEvent> incidentEvents = new ArrayList<>();
        VitalMonitor second = monitorOn(crashImage, listener, incidentEvents);
        listener.alreadyOpen(second.openAlerts()); // raised before the kill, announced to the first run's listener
        assertThat(second.journalProblems()).isEmpty();
        // Restored as of each alert's last recorded transition: identity, state, severity, incident,
        // acknowledgement, suppression. Signals since then (count, last seen, latest message) are not
        // journalled one by one; the rules' next signals bring them up to date.
        assertThat(second.openAlerts()).usingRecursiveFieldByFieldElementComparatorOnFields("alertId", "patientId",
                "ruleId", "key", "severity", "category", "state", "raisedAt", "incidentId", "worstValue",
                "acknowledgement", "suppression").isEqualTo(before);
        assertThat(second.incidents()).isEqualTo(incidentsBefore);
        assertThat(second.silences()).singleElement().satisfies(s -> {
            assertThat(s.silenceId()).isEqualTo("silence-000001");
            assertThat(s.comment()).isEqualTo("in transport");
        });
        assertThat(second.openAlerts()).filteredOn(a -> a.ruleId().equals("shock-pattern")).singleElement()
                .satisfies(a -> {
                    assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
                    assertThat(a.acknowledgement().actor()).isEqualTo("dr.silva");
                });
        assertThat(listener.events).as("nothing is announced again at start-up").isEmpty();
        assertThat(incidentEvents).isEmpty();

        // The host comes back 5 minutes later and the condition still holds: the restored alerts are
        // updated (the rules' delays start over, within the restored alerts' ttl), none is raised again.
        Instant back = T0.plusSeconds(300);
        second.submit(Observation.builder("bed-4", back).systolicBp(76).build());
        for (int s = 0; s <= 30; s++) {
            second.submit(Observation.builder("bed-4", back.plusSeconds(s)).heartRate(126).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).isEmpty();
        assertThat(listener.of(AlertEventType.RESOLVED)).isEmpty();
        assertThat(incidentEvents).extracting(IncidentEvent::type).doesNotContain(IncidentEvent.Type.OPENED);
        assertThat(second.openAlerts()).extracting(Alert::alertId)
                .containsExactlyElementsOf(before.stream().map(Alert::alertId).toList());

        // A new alert continues the id sequence instead of reusing an id.
        for (int s = 31; s <= 60; s++) {
            second.submit(Observation.builder("bed-4", back.plusSeconds(s)).heartRate(126).spo2(89).build());
        }
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().alertId()).contains("alert-000004");

        // The acknowledgement made before the crash still times out on schedule (30 min after it was made).
        Instant ackAt = T0.plusSeconds(10);
        second.advanceTo(ackAt.plus(MonitorConfig.DEFAULT_ACK_TIMEOUT).minusSeconds(1));
        assertThat(listener.of(AlertEventType.ACK_EXPIRED)).isEmpty();
    }

    @Test
    void aRecordHalfWrittenByTheCrashIsReportedAndEverythingBeforeItIsRestored() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        VitalMonitor first = crashedMidIncident(journal);
        List<Alert> before = first.openAlerts();
        byte[] bytes = Files.readAllBytes(journal);
        long lines = new String(bytes).lines().count();
        // Cut the last record (the acknowledgement) in the middle, as a crash during its write would.
        int lastLineStart = new String(bytes).lastIndexOf('\n', bytes.length - 2) + 1;
        Path crashImage = Files.write(dir.resolve("torn.jsonl"), Arrays.copyOf(bytes, lastLineStart + 20));

        VitalMonitor second = monitorOn(crashImage, new RecordingListener(), new ArrayList<>());
        // The torn line is the acknowledgement step's commit: the step's records before it are whole on
        // disk but uncommitted, so the whole step is left out and reported too.
        assertThat(second.journalProblems()).hasSize(2);
        assertThat(second.journalProblems().get(0)).satisfies(p -> {
            assertThat(p.line()).isEqualTo(lines);
            assertThat(p.offset()).isEqualTo(lastLineStart);
        });
        assertThat(second.journalProblems().get(1).message()).contains("was never committed", "alert.acknowledged");
        // Everything before the torn record: the three alerts and the silence, but not the acknowledgement.
        assertThat(second.openAlerts()).extracting(Alert::alertId)
                .containsExactlyElementsOf(before.stream().map(Alert::alertId).toList());
        assertThat(second.openAlerts()).allSatisfy(a -> assertThat(a.state()).isEqualTo(AlertState.OPEN));
        assertThat(second.silences()).hasSize(1);
    }

    @Test
    void listenersHearOfATransitionOnlyAfterTheJournalHoldsIt() {
        InMemoryJournal journal = new InMemoryJournal();
        List<String> seen = new ArrayList<>();
        VitalMonitor[] self = new VitalMonitor[1];
        VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(journal)
                .listener(e -> {
                    List<JournalRecord> recorded = self[0].history(JournalQuery.builder().alertId(e.alert().alertId())
                            .types("alert." + e.type().wireName()).build());
                    seen.add(e.type().wireName() + ":" + recorded.size());
                })
                .build(); // listeners on the monitor's own thread, as in production
        toClose.add(m);
        self[0] = m;
        for (int s = 0; s <= 20; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        m.acknowledge(m.openAlerts().get(0).alertId(), "nurse.ana", "");
        m.close();
        assertThat(seen).containsExactly("raised:1", "acknowledged:1");
    }

    @Test
    void historyAnswersByPatientAlertIncidentTypeAndTime() {
        InMemoryJournal journal = new InMemoryJournal();
        // The 0.1 alarm timing (HR 10 s to medium): the queries below were written for an alert raised at 10 s.
        VitalMonitor m = VitalMonitor.builder()
                .config(TestConfigs.withTimingOf01().packs(Set.of("threshold")).build())
                .journal(journal).listenerExecutor(Runnable::run).build();
        toClose.add(m);
        for (int s = 0; s <= 20; s++) {
            m.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).heartRate(80).build());
        }
        String alertId = m.openAlerts().get(0).alertId();
        m.acknowledge(alertId, "nurse.ana", "on my way");
        m.resolve(alertId, "dr.silva", "reviewed");

        List<JournalRecord> ofAlert = m.history(JournalQuery.builder().alertId(alertId).types("alert.raised",
                "alert.acknowledged", "alert.resolved").build());
        assertThat(ofAlert).extracting(JournalRecord::type, JournalRecord::actor, JournalRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alert.raised", "monitor", ""),
                org.assertj.core.groups.Tuple.tuple("alert.acknowledged", "nurse.ana", "on my way"),
                org.assertj.core.groups.Tuple.tuple("alert.resolved", "dr.silva", "reviewed"));
        String incidentId = ofAlert.get(0).incidentId();
        assertThat(m.history(JournalQuery.builder().incidentId(incidentId).types("incident.opened", "incident.resolved")
                .build())).extracting(JournalRecord::type).containsExactly("incident.opened", "incident.resolved");
        assertThat(m.history(JournalQuery.builder().patientId("bed-2").build())).isEmpty();
        // The person's actions happen at the monitor clock (the last observation, T0 + 20 s); to is exclusive.
        assertThat(m.history(JournalQuery.builder().patientId("bed-1").from(T0.plusSeconds(20))
                .types("alert.resolved", "incident.resolved").build()))
                .extracting(JournalRecord::type).containsExactly("alert.resolved", "incident.resolved");
        assertThat(m.history(JournalQuery.builder().patientId("bed-1").to(T0.plusSeconds(20)).build()))
                .extracting(JournalRecord::type).containsExactly("alert.raised", "incident.opened");
        assertThat(m.history(JournalQuery.all())).allSatisfy(r -> assertThat(r.data()).isNotEmpty());
    }
}
