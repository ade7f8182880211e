package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default five-level escalation driven by the monitor: levels at the default policy's times on the
 * monitor clock, acknowledgement stops it, resolution stops it, the ack timeout re-escalates, a gap in
 * the rota raises a technical alert, and a restart resumes the escalation at its level and time.
 */
class EscalationPagingTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    /** An SPI channel that keeps what it is given. */
    static final class Recorder implements NotificationChannel {
        final String name;
        final List<Notification> received = new CopyOnWriteArrayList<>();

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            received.add(n);
            return DeliveryResult.delivered("ok");
        }
    }

    static Roster roster(boolean physicianOnCall) {
        OnCallSchedule physician = OnCallSchedule.builder("ward-physician", SAO_PAULO)
                .rotation(Rotation.daily("wp", LocalDate.of(2026, 1, 1), LocalTime.of(7, 0),
                        physicianOnCall ? List.of("dr-silva") : List.of()))
                .build();
        OnCallSchedule icu = OnCallSchedule.builder("intensive-care", SAO_PAULO)
                .rotation(Rotation.daily("icu", LocalDate.of(2026, 1, 1), LocalTime.of(7, 0), List.of("dr-costa")))
                .build();
        return Roster.builder()
                .person("dr-silva", "Dr Silva", ContactPoint.of("push", "tok-silva"))
                .person("dr-costa", "Dr Costa", ContactPoint.of("push", "tok-costa"))
                .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "tok-bn"))
                .role("charge-nurse", "Charge nurse", ContactPoint.of("push", "tok-cn"))
                .role("rapid-response-team", "RRT", ContactPoint.of("push", "tok-rrt"))
                .schedule(physician)
                .schedule(icu)
                .build();
    }

    @TempDir
    Path dir;
    final Recorder push = new Recorder("push");
    final Recorder sms = new Recorder("sms");
    final RecordingListener listener = new RecordingListener();
    final List<VitalMonitor> monitors = new ArrayList<>();

    VitalMonitor monitor(Roster roster, FileJournal journal) {
        VitalMonitor.Builder b = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .paging(Paging.builder().channel(push).channel(sms).escalation(EscalationChain.defaults(), roster).build())
                .listener(listener).listenerExecutor(Runnable::run);
        if (journal != null) {
            b.journal(journal);
        }
        VitalMonitor m = b.build();
        monitors.add(m);
        return m;
    }

    @AfterEach
    void close() {
        monitors.forEach(VitalMonitor::close);
    }

    /** SpO2 84: critical at once; kept up every 10 s until {@code toSecond}. */
    static void hypoxic(VitalMonitor m, long fromSecond, long toSecond) {
        for (long s = fromSecond; s <= toSecond; s += 10) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).build());
        }
    }

    List<String> levels() {
        return push.received.stream().map(n -> "L" + n.escalationLevel() + " " + n.recipient().id() + " +"
                + Duration.between(T0, n.timestamp()).toSeconds() + "s").toList();
    }

    @Test
    void aCriticalIncidentClimbsTheFiveLevelsAtTheDefaultPolicysTimes() {
        VitalMonitor m = monitor(roster(true), null);
        hypoxic(m, 0, 11 * 60);
        assertThat(levels()).containsExactly("L1 bedside-nurse +0s", "L2 charge-nurse +120s", "L3 dr-silva +240s",
                "L4 rapid-response-team +420s", "L5 dr-costa +600s");
        assertThat(push.received).extracting(Notification::incidentId).containsOnly("incident-000001");
    }

    @Test
    void anAcknowledgementAtLevelTwoStopsEverythingUntilItExpires() {
        VitalMonitor m = monitor(roster(true), null);
        hypoxic(m, 0, 150);
        m.acknowledgeIncident(m.incidents().get(0).incidentId(), "charge.nurse", "on it");
        hypoxic(m, 160, 29 * 60);
        assertThat(levels()).containsExactly("L1 bedside-nurse +0s", "L2 charge-nurse +120s");
        // The lifecycle's acknowledgement timeout (30 min) reopens the incident: paging resumes at L2.
        hypoxic(m, 29 * 60 + 10, 33 * 60);
        assertThat(levels()).hasSize(3).last().isEqualTo("L2 charge-nurse +" + (150 + 30 * 60) + "s");
    }

    @Test
    void resolutionStopsTheEscalationAndTellsWhoWasPaged() {
        VitalMonitor m = monitor(roster(true), null);
        hypoxic(m, 0, 130);
        m.discharge("bed-2");
        m.advanceTo(T0.plusSeconds(3600));
        assertThat(levels()).containsExactly("L1 bedside-nurse +0s", "L2 charge-nurse +120s",
                "L0 bedside-nurse +130s", "L0 charge-nurse +130s");
        assertThat(push.received.subList(2, 4)).allSatisfy(n -> assertThat(n.event().wireName()).isEqualTo("resolved"));
    }

    @Test
    void nobodyOnCallAtALevelSkipsToTheNextAndRaisesATechnicalAlert() {
        VitalMonitor m = monitor(roster(false), null);
        hypoxic(m, 0, 300);
        // L3 (ward physician) has nobody on call: L4 is paged at once, at L3's time.
        assertThat(levels()).containsExactly("L1 bedside-nurse +0s", "L2 charge-nurse +120s",
                "L4 rapid-response-team +240s");
        assertThat(listener.of(AlertEventType.RAISED)).filteredOn(e -> e.alert().ruleId().equals("on-call-gap"))
                .singleElement().satisfies(e -> {
                    assertThat(e.alert().category()).isEqualTo(com.nexussaude.monitor.notify.Category.TECHNICAL);
                    assertThat(e.alert().message()).contains("escalation level 3").contains("ward-physician");
                });
    }

    @Test
    void aRestartMidEscalationResumesAtTheSameLevelAndTime() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        VitalMonitor first = monitor(roster(true), FileJournal.open(file));
        hypoxic(first, 0, 200); // L1 at 0, L2 at 120 s; L3 due at 240 s
        Path crashImage = Files.copy(file, dir.resolve("after-kill.jsonl"));
        assertThat(levels()).hasSize(2);
        push.received.clear();

        VitalMonitor second = monitor(roster(true), FileJournal.open(crashImage));
        hypoxic(second, 230, 430);
        assertThat(levels()).containsExactly("L3 dr-silva +240s", "L4 rapid-response-team +420s");
    }

    @Test
    void theAuditorReportsAnEscalationLeftOverdueByAStalledLiveMonitor() {
        // Live clock that only moves when the test moves it; the ticker is set to a day so it never runs.
        LateDataTest.MutableClock clock = new LateDataTest.MutableClock(T0);
        VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of()).build())
                .clock(MonitorClock.live(clock, Duration.ofDays(1)))
                .paging(Paging.builder().channel(push).channel(sms).escalation(EscalationChain.defaults(), roster(true))
                        .build())
                .listener(listener).listenerExecutor(Runnable::run).build();
        monitors.add(m);
        // A rule whose alert stays open for an hour without new signals, so the stall does not resolve it.
        m.loadRules("hypoxia", """
                @Name('hypoxia') insert into AlertSignal
                select patientId, 'hypoxia' as ruleId, 'critical' as severity, 'physiological' as category,
                       'SpO2 ' || cast(value, string) as message, 3600000L as ttlMs
                from VitalSign(vital = 'SPO2', value < 85);
                """);
        m.submit(Observation.builder("bed-2", T0).spo2(84).build()); // critical: L1 now, L2 due at +2 min
        clock.now = T0.plusSeconds(60);
        m.submit(Observation.builder("bed-2", clock.now).spo2(84).build());
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId()).containsExactly("hypoxia");
        // The host stalls for 4 minutes: L2 is 3 minutes late when the monitor runs again.
        clock.now = T0.plusSeconds(300);
        m.submit(Observation.builder("bed-2", clock.now).spo2(84).build());
        assertThat(listener.of(AlertEventType.RAISED)).filteredOn(e -> e.alert().ruleId().equals("escalation-overdue"))
                .singleElement().satisfies(e -> {
                    assertThat(e.alert().category()).isEqualTo(com.nexussaude.monitor.notify.Category.TECHNICAL);
                    assertThat(e.alert().message()).isEqualTo("escalation of incident-000001 at level 1: its next step was 180 s"
                            + " late (due 2026-11-25T08:02:00Z): the monitor was stalled");
                });
    }
}
