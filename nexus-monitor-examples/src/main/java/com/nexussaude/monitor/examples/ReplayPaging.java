package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.channels.LogChannel;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Paging for the command line: the escalation policy (the default five levels, or a JSON file) over a
 * stand-in roster whose every post has one person, reached through log channels named like the
 * policy's channels ({@code push}, {@code sms}). So a replay writes the {@code notification} record of
 * every page the policy would send, with its level, at its monitor time.
 */
final class ReplayPaging {
    /** The stand-in roster: each role of the default policy, and one person always on call per schedule. */
    static final Roster ROSTER = Roster.builder()
            .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "bedside-nurse"))
            .role("charge-nurse", "Charge nurse", ContactPoint.of("push", "charge-nurse"))
            .role("rapid-response-team", "Rapid response team", ContactPoint.of("push", "rapid-response-team"))
            .person("ward-physician-on-call", "Ward physician on call", ContactPoint.of("push", "ward-physician"))
            .person("intensive-care-on-call", "Intensive care on call", ContactPoint.of("push", "intensive-care"))
            .schedule(alwaysOnCall("ward-physician", "ward-physician-on-call"))
            .schedule(alwaysOnCall("intensive-care", "intensive-care-on-call"))
            .build();

    private ReplayPaging() {
    }

    private static OnCallSchedule alwaysOnCall(String id, String person) {
        return OnCallSchedule.builder(id, ZoneOffset.UTC)
                .rotation(Rotation.daily(id, LocalDate.of(2000, 1, 1), LocalTime.MIDNIGHT, List.of(person)))
                .build();
    }

    static Paging paging(EscalationChain chain, Writer out, DeliveryListener counter) {
        return Paging.builder()
                .channel(LogChannel.named("push", out))
                .channel(LogChannel.named("sms", out))
                .escalation(chain, ROSTER)
                .deliveryListener(counter)
                .build();
    }
}
