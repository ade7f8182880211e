package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small ward for the restart tests: a monitor with the threshold and correlation packs, paging with
 * the default five-level escalation to a channel that keeps what it is given, and listeners that
 * record every event. The scenario: shock on bed-4 (three alerts, one incident), hypoxia on bed-2
 * escalating, a silence on bed-9, and a doctor's acknowledgement of the shock alert.
 */
final class Ward implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    final List<Object> incidentEvents = new CopyOnWriteArrayList<>();
    final List<Notification> pages = new CopyOnWriteArrayList<>();
    final VitalMonitor monitor;

    Ward(AlertJournal journal) {
        NotificationChannel push = new NotificationChannel() {
            @Override
            public String name() {
                return "push";
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                pages.add(n);
                return DeliveryResult.delivered("ok");
            }
        };
        monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "correlation")).build())
                .paging(Paging.builder().channel(push).escalation(EscalationChain.defaults(), roster()).build())
                .journal(journal)
                .listener(events::add).incidentListener(incidentEvents::add).listenerExecutor(Runnable::run)
                .build();
    }

    static Roster roster() {
        OnCallSchedule physician = OnCallSchedule.builder("ward-physician", SAO_PAULO)
                .rotation(Rotation.daily("wp", LocalDate.of(2026, 1, 1), LocalTime.of(7, 0), List.of("dr-silva")))
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
                .schedule(physician).schedule(icu)
                .build();
    }

    /** Shock on bed-4 from T0 + {@code from} s for {@code seconds} s. */
    void shock(long from, long seconds) {
        monitor.submit(Observation.builder("bed-4", T0.plusSeconds(from)).systolicBp(75).build());
        for (long s = from; s <= from + seconds; s++) {
            monitor.submit(Observation.builder("bed-4", T0.plusSeconds(s)).heartRate(125).build());
        }
    }

    /** SpO2 84 on bed-2 every 10 s from {@code from} to {@code to} s: critical, escalating. */
    void hypoxic(long from, long to) {
        for (long s = from; s <= to; s += 10) {
            monitor.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).build());
        }
    }

    /** The scenario up to T0 + 210 s: L1 and L2 of bed-2's escalation paged, L3 due at 240 s. */
    void runScenario() {
        hypoxic(0, 200);
        shock(200, 10);
        monitor.silence(Silence.builder().patient("bed-9").until(T0.plusSeconds(3600)).by("nurse.ana")
                .because("in transport").build());
        Alert shock = monitor.openAlerts().stream().filter(a -> a.ruleId().equals("shock-pattern")).findFirst()
                .orElseThrow();
        monitor.acknowledge(shock.alertId(), "dr.silva", "fluids running");
        assertThat(levels()).startsWith("L1 bedside-nurse +0s", "L2 charge-nurse +120s");
    }

    List<String> levels() {
        return pages.stream().map(n -> "L" + n.escalationLevel() + " " + n.recipient().id() + " +"
                + Duration.between(T0, n.timestamp()).toSeconds() + "s").toList();
    }

    @Override
    public void close() {
        monitor.close();
    }
}
