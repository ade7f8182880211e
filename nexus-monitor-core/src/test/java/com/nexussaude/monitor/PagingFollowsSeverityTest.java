package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: severity falls as well as rises (with hysteresis), paging follows the current severity and
 * the alerts still active, every page says patient and location, and a resolved alert can still be looked
 * up. Real Esper, event time, integrator rules that signal the current severity of each reading (so the
 * tests do not depend on how the bundled packs grade a vital), the bundled default escalation policy, and
 * a recording channel read on the test thread.
 */
class PagingFollowsSeverityTest {
    static final Instant T0 = EscalationPagingTest.T0;

    /** SpO2 graded per reading: below 85 critical, below 90 high, below 94 medium; keyed so it is one alert. */
    static final String SPO2_RULE = """
            @Name('spo2-graded') insert into AlertSignal
            select patientId, 'spo2-graded' as ruleId, 'SPO2' as key,
                   case when value < 85 then 'critical' when value < 90 then 'high' else 'medium' end as severity,
                   'physiological' as category, 'SpO2 ' || cast(cast(value, int), string) || ' %' as message,
                   20000L as ttlMs
            from VitalSign(vital = 'SPO2', value < 94);
            """;
    /** Heart rate above 120: high. */
    static final String HR_RULE = """
            @Name('hr-high') insert into AlertSignal
            select patientId, 'hr-high' as ruleId, 'HEART_RATE' as key, 'high' as severity,
                   'physiological' as category, 'heart rate ' || cast(cast(value, int), string) || ' /min' as message,
                   20000L as ttlMs
            from VitalSign(vital = 'HEART_RATE', value > 120);
            """;

    final EscalationPagingTest.Recorder push = new EscalationPagingTest.Recorder("push");
    final EscalationPagingTest.Recorder sms = new EscalationPagingTest.Recorder("sms");
    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    final List<VitalMonitor> monitors = new ArrayList<>();

    @TempDir
    Path dir;

    VitalMonitor monitor(FileJournal journal) {
        VitalMonitor.Builder b = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of()).build())
                .paging(Paging.builder().channel(push).channel(sms)
                        .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                .listener(events::add)
                .listenerExecutor(Runnable::run);
        if (journal != null) {
            b.journal(journal);
        }
        VitalMonitor m = b.build();
        monitors.add(m);
        m.loadRules("graded", SPO2_RULE + "\n" + HR_RULE);
        m.register(PatientContext.of("bed-2").withWard("cardiology").withBed("12").withName("Maria Silva"));
        return m;
    }

    @AfterEach
    void close() {
        monitors.forEach(VitalMonitor::close);
    }

    static void spo2(VitalMonitor m, int value, long fromSecond, long toSecond) {
        for (long s = fromSecond; s <= toSecond; s += 10) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(value).build());
        }
    }

    List<String> pages() {
        return push.received.stream().filter(n -> !n.event().wireName().equals("resolved"))
                .map(n -> "L" + n.escalationLevel() + " " + n.severity().wireName() + " +"
                        + Duration.between(T0, n.timestamp()).toSeconds() + "s")
                .toList();
    }

    List<String> severityChanges() {
        return events.stream().filter(e -> e.type() == AlertEventType.SEVERITY_CHANGED)
                .map(e -> e.alert().severity().wireName() + " +" + Duration.between(T0, e.timestamp()).toSeconds() + "s")
                .toList();
    }

    @Test
    void aLowerSeverityHeldForAMinuteStepsTheAlertDownAndEscalationNoLongerPagesAtThePeak() {
        VitalMonitor m = monitor(null);
        spo2(m, 84, 0, 60);      // critical: L1 at once, L2 due at 2 min
        spo2(m, 91, 70, 90);     // a 30 s dip to medium: too short, the alert stays critical
        spo2(m, 84, 100, 110);
        spo2(m, 91, 120, 40 * 60); // medium from 120 s on: steps down at 180 s (60 s after the first lower reading)
        assertThat(severityChanges()).containsExactly("medium +180s");
        String id = events.get(0).alert().alertId();
        assertThat(m.alert(id).severity()).isEqualTo(Severity.MEDIUM);
        // The critical chain paged L2 at 120 s (still critical then); once medium, whose chain stops at the charge
        // nurse, nothing more. Before the fix the alert stayed critical and paged L3, L4, L5 at 4, 7, 10 min and on.
        assertThat(pages()).containsExactly("L1 critical +0s", "L2 critical +120s");
        // A rise is immediate. Level 1 and level 2 heard critical already, so the chain resumes where it stopped:
        // level 3 at once (its critical wait from level 2's page has long passed).
        spo2(m, 84, 40 * 60 + 10, 40 * 60 + 10);
        assertThat(severityChanges()).last().isEqualTo("critical +2410s");
        assertThat(pages()).last().isEqualTo("L3 critical +2410s");
    }

    @Test
    void whenTheCriticalAlertResolvesTheIncidentComesDownAndRePagesNameTheAlertStillActive() {
        VitalMonitor m = monitor(null);
        for (long s = 0; s <= 20 * 60; s += 10) {
            Observation.Builder o = Observation.builder("bed-2", T0.plusSeconds(s)).heartRate(130);
            // SpO2 84 % for the first 50 s only: that alert resolves 20 s after its last signal (its ttl).
            m.submit((s <= 50 ? o.spo2(84) : o.spo2(97)).build());
        }
        String spo2Alert = events.stream().filter(e -> e.alert().ruleId().equals("spo2-graded")).findFirst()
                .orElseThrow().alert().alertId();
        String hrAlert = events.stream().filter(e -> e.alert().ruleId().equals("hr-high")).findFirst()
                .orElseThrow().alert().alertId();
        // The heart-rate alert opens the incident (high, L1), the SpO2 alert of the same observation makes it critical
        // (L1 again at once). The critical alert resolved at 70 s; the incident is high: L2 at its critical due time (a
        // fall never delays a page) but as high, naming the heart-rate alert, then the high chain's waits (5, 10 min).
        // Before the fix: L2, L3, L4 at 2, 4, 7 min, critical, naming the resolved SpO2 alert.
        assertThat(pages()).containsExactly("L1 high +0s", "L1 critical +0s", "L2 high +120s", "L3 high +420s",
                "L4 high +1020s");
        List<Notification> rePages = push.received.subList(2, push.received.size());
        assertThat(rePages).extracting(Notification::alertId).containsOnly(hrAlert).doesNotContain(spo2Alert);
        assertThat(rePages).allSatisfy(n -> assertThat(n.message()).startsWith("heart rate"));
        assertThat(m.alert(spo2Alert).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void everyPageSaysTheBedWardAndPatientAndTheSmsTextDropsOnlyTheName() {
        VitalMonitor m = monitor(null);
        spo2(m, 84, 0, 150);
        assertThat(push.received).isNotEmpty().allSatisfy(n -> {
            assertThat(n.patientId()).isEqualTo("bed-2");
            assertThat(n.bed()).isEqualTo("12");
            assertThat(n.ward()).isEqualTo("cardiology");
        });
        // The charge nurse's page (level 2) as the default privacy policy leaves it: location kept, name dropped.
        Notification smsPage = push.received.stream().filter(n -> n.escalationLevel() == 2).findFirst().orElseThrow();
        Notification visible = com.nexussaude.monitor.notify.PrivacyPolicy.minimumNecessary().apply(smsPage);
        assertThat(smsPage.patientName()).isEqualTo("Maria Silva");
        assertThat(visible.patientName()).isNull();
        assertThat(visible.bed()).isEqualTo("12");
        assertThat(visible.ward()).isEqualTo("cardiology");
        assertThat(visible.patientId()).isEqualTo("bed-2");
    }

    @Test
    void aResolvedAlertIsStillFoundByIdFromMemoryAndFromTheJournalAfterARestart() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        VitalMonitor first = monitor(FileJournal.open(file));
        spo2(first, 84, 0, 30);
        first.advanceTo(T0.plusSeconds(600));
        String id = events.get(0).alert().alertId();
        Alert resolved = first.alert(id);
        // Before the fix: null.
        assertThat(resolved).isNotNull();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
        first.close();

        VitalMonitor second = monitor(FileJournal.open(file));
        Alert fromJournal = second.alert(id);
        assertThat(fromJournal).isNotNull();
        assertThat(fromJournal.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(fromJournal.message()).isEqualTo("SpO2 84 %");
        assertThat(second.alert("alert-999999")).isNull();
    }
}
