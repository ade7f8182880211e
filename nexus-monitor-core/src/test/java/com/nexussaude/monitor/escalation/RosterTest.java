package com.nexussaude.monitor.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RosterTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    static EscalationSubject on(String ward) {
        return EscalationSubject.builder().incidentId("i").alertId("a").patientId("p").ruleId("r")
                .severity(Severity.HIGH).ward(ward).openedAt(NOON).build();
    }

    final OnCallSchedule physician3b = OnCallSchedule.builder("ward-physician", LONDON)
            .rotation(Rotation.daily("3b", LocalDate.of(2026, 3, 1), LocalTime.of(8, 0), List.of("dr-ana"))).build();
    final OnCallSchedule physicianAny = OnCallSchedule.builder("ward-physician", LONDON)
            .rotation(Rotation.daily("any", LocalDate.of(2026, 3, 1), LocalTime.of(8, 0), List.of("dr-ben"))).build();

    final Roster roster = Roster.builder()
            .person("dr-ana", "Dr Ana", ContactPoint.of("push", "tok-ana"), ContactPoint.of("sms", "+4470001"))
            .person("dr-ben", "Dr Ben", ContactPoint.of("sms", "+4470002"))
            .wardRole("charge-nurse", "3B", "Charge nurse 3B", ContactPoint.of("sms", "+4470100"))
            .role("charge-nurse", "Site charge nurse", ContactPoint.of("sms", "+4470199"))
            .role("rapid-response-team", "RRT", ContactPoint.of("push", "tok-rrt"))
            .wardSchedule("3B", physician3b)
            .schedule(physicianAny)
            .build();

    @Test
    @DisplayName("a person resolves to one recipient per contact point, in order")
    void person() {
        assertThat(roster.resolve(EscalationTarget.person("dr-ana"), on("3B"), NOON)).containsExactly(
                new Recipient("dr-ana", "Dr Ana", ContactPoint.of("push", "tok-ana")),
                new Recipient("dr-ana", "Dr Ana", ContactPoint.of("sms", "+4470001")));
        assertThat(roster.resolve(EscalationTarget.person("nobody"), on("3B"), NOON)).isEmpty();
    }

    @Test
    @DisplayName("a role is the ward's own first (id role@ward), else the hospital-wide one")
    void roles() {
        assertThat(roster.resolve(EscalationTarget.role("charge-nurse"), on("3B"), NOON))
                .extracting(Recipient::id).containsExactly("charge-nurse@3B");
        assertThat(roster.resolve(EscalationTarget.role("charge-nurse"), on("4A"), NOON))
                .extracting(Recipient::id).containsExactly("charge-nurse");
        assertThat(roster.resolve(EscalationTarget.role("charge-nurse"), on(null), NOON))
                .extracting(Recipient::id).containsExactly("charge-nurse");
        assertThat(roster.resolve(EscalationTarget.role("bedside-nurse"), on("3B"), NOON)).isEmpty();
    }

    @Test
    @DisplayName("a schedule resolves to whoever is on call at the instant, on the ward's schedule first")
    void schedules() {
        assertThat(roster.resolve(EscalationTarget.schedule("ward-physician"), on("3B"), NOON))
                .extracting(Recipient::id).containsExactly("dr-ana", "dr-ana");
        assertThat(roster.resolve(EscalationTarget.schedule("ward-physician"), on("4A"), NOON))
                .extracting(Recipient::id).containsExactly("dr-ben");
        // Before the rotations start nobody is on call.
        assertThat(roster.resolve(EscalationTarget.schedule("ward-physician"), on("3B"),
                Instant.parse("2026-02-01T12:00:00Z"))).isEmpty();
        assertThat(roster.schedule("ward-physician", "3B")).contains(physician3b);
        assertThat(roster.schedule("ward-physician", null)).contains(physicianAny);
    }

    @Test
    @DisplayName("build refuses a schedule naming someone not in the roster")
    void unknownPerson() {
        assertThatThrownBy(() -> roster.toBuilder().schedule(OnCallSchedule.builder("icu", LONDON)
                        .override("dr-zed", NOON, NOON.plusSeconds(3600)).build()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schedule icu names person 'dr-zed', who is not in the roster");
    }
}
