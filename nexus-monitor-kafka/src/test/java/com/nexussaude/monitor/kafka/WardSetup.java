package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.notify.ContactPoint;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The tests' monitor: the default configuration and packs, the bundled five-level escalation over a roster
 * whose every post has one person (as the command line's replay), the ward's beds registered. Public with a
 * no-argument constructor: the failover test's child JVM loads it by name.
 */
public final class WardSetup implements MonitorSetup {
    static final Roster ROSTER = Roster.builder()
            .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "bedside-nurse"))
            .role("charge-nurse", "Charge nurse", ContactPoint.of("push", "charge-nurse"))
            .role("rapid-response-team", "Rapid response team", ContactPoint.of("push", "rapid-response-team"))
            .person("ward-physician-on-call", "Ward physician on call", ContactPoint.of("push", "ward-physician"))
            .person("intensive-care-on-call", "Intensive care on call", ContactPoint.of("push", "intensive-care"))
            .schedule(alwaysOnCall("ward-physician", "ward-physician-on-call"))
            .schedule(alwaysOnCall("intensive-care", "intensive-care-on-call"))
            .build();

    public WardSetup() {
    }

    private static OnCallSchedule alwaysOnCall(String id, String person) {
        return OnCallSchedule.builder(id, ZoneOffset.UTC)
                .rotation(Rotation.daily(id, LocalDate.of(2000, 1, 1), LocalTime.MIDNIGHT, List.of(person)))
                .build();
    }

    @Override
    public VitalMonitor.Builder monitor() {
        return VitalMonitor.builder();
    }

    @Override
    public Paging.Builder paging() {
        return Paging.builder().escalation(EscalationChain.defaults(), ROSTER);
    }

    @Override
    public Set<String> pageChannels() {
        return Set.of("push", "sms");
    }

    @Override
    public void prepare(VitalMonitor monitor) {
        for (String bed : Ward.BEDS) {
            monitor.register(PatientContext.of(bed).withWard("ward-7"));
        }
    }
}
