package com.nexussaude.monitor;

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

/**
 * A scripted ward on a journal, for the journal-compatibility check: the same script (public API only) ran
 * on the monitor of commit c9a3f17 to write the fixture under {@code src/test/resources/journal-compat/}
 * (the journal as a kill left it, the state a monitor of that commit restored from it, and the records it
 * appended after the restart), and runs on the current monitor in {@code JournalCompatibilityTest}.
 *
 * <p>The script writes most record kinds: alert transitions, incident changes, a silence created and
 * expired, pages submitted, delivered, dead-lettered, pending at the kill and resubmitted after it,
 * escalation states and ends, step commits. The pager's answers depend on the patient only (no random
 * retry jitter: a retry waits the receiver's {@code retryAfter}), so the records are the same on every run.
 */
public final class JournalCompatScenario {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    /** The kill: the journal is copied as it is at this moment, with pages pending. */
    static final Instant KILL = T0.plusSeconds(40 * 60);
    /** The restarted monitor runs until then. */
    static final Instant AFTER_RESTART = KILL.plusSeconds(5 * 60);
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    /** Pages to bed-6 fail for good (dead letters); the gateway is down for bed-7 until the restart. */
    static final class Pager implements NotificationChannel {
        final boolean gatewayBack;

        Pager(boolean gatewayBack) {
            this.gatewayBack = gatewayBack;
        }

        @Override
        public String name() {
            return "push";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            if (n.patientId().equals("bed-6")) {
                return DeliveryResult.failed("device token unregistered");
            }
            if (n.patientId().equals("bed-7") && !gatewayBack) {
                return DeliveryResult.retryLater("503 from the gateway", Duration.ofMinutes(10));
            }
            return DeliveryResult.delivered("ok");
        }
    }

    private JournalCompatScenario() {
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
                .schedule(physician)
                .schedule(icu)
                .build();
    }

    static VitalMonitor monitor(Path journal, boolean gatewayBack) {
        return VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(FileJournal.open(journal))
                .paging(Paging.builder().channel(new Pager(gatewayBack))
                        .escalation(EscalationChain.defaults(), roster()).build())
                .listenerExecutor(Runnable::run)
                .build();
    }

    private static void every10s(VitalMonitor m, String patient, long fromSecond, long toSecond,
                                 java.util.function.UnaryOperator<Observation.Builder> values) {
        for (long s = fromSecond; s <= toSecond; s += 10) {
            m.submit(values.apply(Observation.builder(patient, T0.plusSeconds(s))).build());
        }
    }

    /**
     * Runs the ward until {@link #KILL} and returns the journal as a kill at that moment leaves it (a copy
     * taken while the monitor runs: every append was fsynced), in {@code dir}.
     */
    public static Path runUntilKill(Path dir) throws IOException {
        Path journal = dir.resolve("ward.journal");
        Path killed = dir.resolve("killed.journal");
        try (VitalMonitor m = monitor(journal, false)) {
            m.advanceTo(T0);
            Silence transfer = null;
            for (long s = 0; s <= KILL.getEpochSecond() - T0.getEpochSecond(); s += 10) {
                Instant t = T0.plusSeconds(s);
                // bed-2: SpO2 90, then 84 (its incident escalates); acknowledged at level 2 and still low, so the
                // acknowledgement expires after 30 min and the incident reopens.
                m.submit(Observation.builder("bed-2", t).spo2(s <= 60 ? 90 : 84).build());
                if (s == 150) {
                    m.acknowledgeIncident(m.incidents().stream().filter(i -> i.patientId().equals("bed-2")).findFirst()
                            .orElseThrow().incidentId(), "charge.nurse", "at the bedside");
                }
                // bed-4: hypotensive and tachycardic, silenced for a transfer, then back in band: it resolves.
                if (s >= 160 && s <= 900) {
                    boolean low = s <= 400;
                    m.submit(Observation.builder("bed-4", t).systolicBp(low ? 75 : 118).heartRate(low ? 125 : 80).build());
                }
                if (s == 300) {
                    transfer = m.silence(Silence.builder().patient("bed-4").until(T0.plusSeconds(3600)).by("nurse.ana")
                            .because("transfer to CT").build());
                }
                if (s == 400) {
                    m.expireSilence(transfer.silenceId(), "nurse.ana", "back from CT");
                }
                // bed-6: every page to it fails for good (dead letters and the notification-failed alert).
                if (s >= 910 && s <= 960) {
                    m.submit(Observation.builder("bed-6", t).spo2(84).build());
                }
                // bed-9: a silence that simply stays.
                if (s == 960) {
                    m.silence(Silence.builder().patient("bed-9").until(T0.plusSeconds(6 * 3600)).by("nurse.ana")
                            .because("palliative care").build());
                }
                // bed-7: desaturates just before the kill; the gateway is down for it, so its page is pending.
                if (s >= 2350) {
                    m.submit(Observation.builder("bed-7", t).spo2(84).build());
                }
            }
            Files.copy(journal, killed);
        }
        return killed;
    }

    /** What a restored monitor holds: open alerts, incidents, silences and pending pages, one per line. */
    public static List<String> state(VitalMonitor m) {
        List<String> out = new ArrayList<>();
        m.openAlerts().forEach(a -> out.add("alert " + a));
        m.incidents().forEach(i -> out.add("incident " + i));
        m.silences().forEach(s -> out.add("silence " + s));
        out.add("pending pages " + m.pendingNotifications());
        out.add("journal problems " + m.journalProblems());
        return out;
    }

    /** The restart: a monitor on the killed journal, its state, then five minutes of ward with the gateway back. */
    public static List<String> restart(Path killed) {
        try (VitalMonitor m = monitor(killed, true)) {
            List<String> state = state(m);
            every10s(m, "bed-2", KILL.getEpochSecond() - T0.getEpochSecond() + 10,
                    AFTER_RESTART.getEpochSecond() - T0.getEpochSecond(), b -> b.spo2(84));
            return state;
        }
    }
}
