package com.nexussaude.monitor.escalation;

import static com.nexussaude.monitor.notify.escalation.EscalationTarget.role;
import static com.nexussaude.monitor.notify.escalation.EscalationTarget.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.CoverageGap;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.escalation.RecipientResolver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalatorTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A weekday at noon in London: everyone's day shift. */
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    /** The ward physician is on call 08:00-20:00 only: nights are a gap. */
    static final OnCallSchedule WARD_PHYSICIAN = OnCallSchedule.builder("ward-physician", LONDON)
            .rotation(Rotation.dayNight("wp", LocalDate.of(2026, 1, 1), LocalTime.of(8, 0), List.of("dr-ana"),
                    LocalTime.of(20, 0), List.of()))
            .build();
    static final OnCallSchedule ICU = OnCallSchedule.builder("intensive-care", LONDON)
            .rotation(Rotation.daily("icu", LocalDate.of(2026, 1, 1), LocalTime.of(8, 0), List.of("dr-icu"))).build();

    /** Per level: L1 one page (push), L2 to L5 two (push and sms). */
    static final Roster ROSTER = Roster.builder()
            .person("dr-ana", "Dr Ana", ContactPoint.of("push", "tok-ana"), ContactPoint.of("sms", "+447000001"))
            .person("dr-icu", "Dr Icu", ContactPoint.of("push", "tok-icu"), ContactPoint.of("sms", "+447000002"))
            .wardRole("bedside-nurse", "3B", "Bedside nurse", ContactPoint.of("push", "tok-bn"),
                    ContactPoint.of("email", "bn@example.org"))
            .wardRole("charge-nurse", "3B", "Charge nurse", ContactPoint.of("push", "tok-cn"),
                    ContactPoint.of("sms", "+447000100"))
            .role("rapid-response-team", "RRT", ContactPoint.of("push", "tok-rrt"), ContactPoint.of("sms", "+447000200"))
            .wardSchedule("3B", WARD_PHYSICIAN)
            .schedule(ICU)
            .build();

    static EscalationSubject subject(String incident, Severity severity) {
        return EscalationSubject.builder().incidentId(incident).alertId("alert-" + incident).patientId("p-17")
                .patientName("Maria Silva").ward("3B").bed("12").ruleId("news2").severity(severity)
                .headline("NEWS2 7, SpO2 88").openedAt(T0).build();
    }

    /**
     * The default chain without its critical reminders, for tests of the chain's own shape (which ends);
     * the reminders after it are tested in {@code Timing.reminders}.
     */
    static EscalationChain withoutReminders() {
        return EscalationChain.defaults().toBuilder().noReminder(Severity.CRITICAL).build();
    }

    static Instant plus(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** Runs the escalator as a host's timer would: advance at each nextDue until {@code end}. */
    static List<EscalationPage> runUntil(Escalator escalator, Instant end) {
        List<EscalationPage> all = new ArrayList<>();
        while (true) {
            Optional<Instant> due = escalator.nextDue();
            if (due.isEmpty() || due.get().isAfter(end)) {
                return all;
            }
            all.addAll(escalator.advance(due.get()).pages());
        }
    }

    /** Each step paged, once: {@code L<level>r<repeat>@<minutes after T0>} (plus {@code /<round>} after round 0). */
    static List<String> steps(List<EscalationPage> pages) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (EscalationPage p : pages) {
            long minutes = Duration.between(T0, p.notification().timestamp()).toMinutes();
            out.add("L" + p.level() + "r" + p.repeat() + "@" + minutes + (p.round() == 0 ? "" : "/" + p.round()));
        }
        return List.copyOf(out);
    }

    static List<String> timeline(Severity severity, EscalationPolicy policy) {
        Escalator e = new Escalator(ROSTER);
        List<EscalationPage> pages = new ArrayList<>(e.start(subject("inc-1", severity), policy, T0).pages());
        pages.addAll(runUntil(e, plus(7 * 24 * 60)));
        assertThat(e.nextDue()).isEmpty();
        assertThat(e.status("inc-1").orElseThrow().state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
        return steps(pages);
    }

    @Nested
    @DisplayName("timing")
    class Timing {

        @Test
        @DisplayName("critical: L1 to L5 in 10 minutes, the chain three times, then it stops")
        void critical() {
            assertThat(timeline(Severity.CRITICAL, withoutReminders())).containsExactly(
                    "L1r0@0", "L2r0@2", "L3r0@4", "L4r0@7", "L5r0@10",
                    "L1r1@15", "L2r1@17", "L3r1@19", "L4r1@22", "L5r1@25",
                    "L1r2@30", "L2r2@32", "L3r2@34", "L4r2@37", "L5r2@40");
        }

        @Test
        @DisplayName("critical, after the chain ran out: level 5 reminded every 15 minutes, each in a new round, until acknowledged")
        void reminders() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            List<String> t = steps(runUntil(e, plus(71)));
            assertThat(t).hasSize(16).endsWith("L5r2@40", "L5r2@55/1", "L5r2@70/2"); // L1 at 0 came from start
            EscalationStatus status = e.status("inc-1").orElseThrow();
            assertThat(status.state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
            assertThat(status.nextDue()).contains(plus(85));
            e.acknowledge("inc-1", plus(72));
            assertThat(e.nextDue()).contains(plus(72 + 15)); // the acknowledgement timeout, no more reminders before it
        }

        @Test
        @DisplayName("high: L5 at 30 minutes, a pass every 45")
        void high() {
            assertThat(timeline(Severity.HIGH, EscalationChain.defaults())).containsExactly(
                    "L1r0@0", "L2r0@5", "L3r0@10", "L4r0@20", "L5r0@30",
                    "L1r1@45", "L2r1@50", "L3r1@55", "L4r1@65", "L5r1@75",
                    "L1r2@90", "L2r2@95", "L3r2@100", "L4r2@110", "L5r2@120");
        }

        @Test
        @DisplayName("medium: stops at the charge nurse (L2 at 15 minutes); rapid response and intensive care are for high and critical")
        void medium() {
            // Issue 13: the old default paged the rapid response team and ICU for a single-parameter medium alert.
            assertThat(timeline(Severity.MEDIUM, EscalationChain.defaults())).containsExactly("L1r0@0", "L2r0@15");
        }

        @Test
        @DisplayName("low: level 1 once, never escalated")
        void low() {
            assertThat(timeline(Severity.LOW, EscalationChain.defaults())).containsExactly("L1r0@0");
        }

        @ParameterizedTest(name = "repeat {0}: {1} steps")
        @CsvSource({"0, 5", "1, 10", "4, 25"})
        @DisplayName("the chain runs 1 + repeat times, then stops")
        void repeats(int repeat, int steps) {
            List<String> t = timeline(Severity.CRITICAL, withoutReminders().toBuilder().repeat(repeat).build());
            assertThat(t).hasSize(steps).endsWith("L5r" + repeat + "@" + (15 * repeat + 10));
        }

        @Test
        @DisplayName("a zero wait pages the next level at the same instant")
        void zeroWait() {
            EscalationChain c = EscalationChain.builder("together")
                    .level(EscalationChain.Level.builder("nurses").target(role("bedside-nurse")).escalateAfter(Duration.ZERO).build())
                    .level(EscalationChain.Level.builder("charge").target(role("charge-nurse")).escalateAfter(Duration.ofMinutes(5)).build())
                    .level(EscalationChain.Level.builder("rrt").target(role("rapid-response-team")).build())
                    .build();
            assertThat(timeline(Severity.HIGH, c)).containsExactly("L1r0@0", "L2r0@0", "L3r0@5");
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {

        @Test
        @DisplayName("level 1 is raised, later levels escalated; recipients on the level's channels; nextDue for the timer")
        void content() {
            Escalator e = new Escalator(ROSTER);
            EscalationOutcome first = e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            assertThat(first.gaps()).isEmpty();
            // The bedside nurse also has e-mail, but level 1 pages on push only.
            assertThat(first.notifications()).singleElement().satisfies(n -> {
                assertThat(n.event()).isEqualTo(EventKind.RAISED);
                assertThat(n.escalationLevel()).isEqualTo(1);
                assertThat(n.recipient().id()).isEqualTo("bedside-nurse@3B");
                assertThat(n.channel()).isEqualTo("push");
                assertThat(n.alertId()).isEqualTo("alert-inc-1");
                assertThat(n.incidentId()).isEqualTo("inc-1");
                assertThat(n.patientName()).isEqualTo("Maria Silva");
                assertThat(n.ward()).isEqualTo("3B");
                assertThat(n.message()).isEqualTo("NEWS2 7, SpO2 88");
                assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(n.timestamp()).isEqualTo(T0);
                assertThat(n.idempotencyKey()).startsWith("esc_").hasSize(36);
            });
            assertThat(e.nextDue()).contains(plus(2));
            assertThat(e.advance(plus(2).minusSeconds(1)).isEmpty()).isTrue();
            EscalationOutcome second = e.advance(plus(2));
            assertThat(second.notifications()).extracting(Notification::event, Notification::escalationLevel,
                    n -> n.recipient().id(), Notification::channel).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(EventKind.ESCALATED, 2, "charge-nurse@3B", "push"),
                    org.assertj.core.groups.Tuple.tuple(EventKind.ESCALATED, 2, "charge-nurse@3B", "sms"));
            assertThat(second.pages()).allSatisfy(p -> assertThat(p.dueAt()).isEqualTo(plus(2)));
            EscalationStatus status = e.status("inc-1").orElseThrow();
            assertThat(status.state()).isEqualTo(EscalationStatus.State.ESCALATING);
            assertThat(status.level()).isEqualTo(2);
            assertThat(status.pagedAt()).isEqualTo(plus(2));
            assertThat(status.nextDue()).contains(plus(4));
            assertThat(status.policy()).isEqualTo("default");
        }

        @Test
        @DisplayName("idempotency keys: the same for the same incident, level, repeat, recipient and channel; different otherwise")
        void keys() {
            Escalator a = new Escalator(ROSTER);
            Escalator b = new Escalator(ROSTER);
            List<EscalationPage> pa = new ArrayList<>(a.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0).pages());
            pa.addAll(runUntil(a, plus(60)));
            List<EscalationPage> pb = new ArrayList<>(b.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0).pages());
            // b is advanced late, once: the keys do not depend on when a page is made.
            pb.addAll(b.advance(plus(3)).pages());
            assertThat(pb.get(1).notification().timestamp()).isEqualTo(plus(3));
            assertThat(pb.get(1).notification().idempotencyKey()).isEqualTo(pa.get(1).notification().idempotencyKey());
            List<String> keys = pa.stream().map(p -> p.notification().idempotencyKey()).toList();
            // 3 passes x (1 + 4 x 2), and the critical reminder at 55 min to level 5 (push and sms): new keys each
            assertThat(keys).doesNotHaveDuplicates().hasSize(29);
            Escalator other = new Escalator(ROSTER);
            String otherKey = other.start(subject("inc-2", Severity.CRITICAL), EscalationChain.defaults(), T0)
                    .notifications().get(0).idempotencyKey();
            assertThat(keys).doesNotContain(otherKey);
        }

        @Test
        @DisplayName("pages of several incidents come in order of due time; nextDue is the earliest")
        void timeOrder() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-a", Severity.HIGH), EscalationChain.defaults(), T0);             // L2 due at 5
            e.start(subject("inc-b", Severity.CRITICAL), EscalationChain.defaults(), plus(1));    // L2 due at 3
            assertThat(e.nextDue()).contains(plus(3));
            EscalationOutcome late = e.advance(plus(6));
            assertThat(late.pages()).extracting(EscalationPage::incidentId, EscalationPage::level, EscalationPage::dueAt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("inc-b", 2, plus(3)),
                            org.assertj.core.groups.Tuple.tuple("inc-b", 2, plus(3)),
                            org.assertj.core.groups.Tuple.tuple("inc-a", 2, plus(5)),
                            org.assertj.core.groups.Tuple.tuple("inc-a", 2, plus(5)));
            assertThat(e.incidentIds()).containsExactly("inc-a", "inc-b");
        }

        @Test
        @DisplayName("starting an incident twice pages once")
        void startTwice() {
            Escalator e = new Escalator(ROSTER);
            assertThat(e.start(subject("inc-1", Severity.HIGH), EscalationChain.defaults(), T0).pages()).hasSize(1);
            assertThat(e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), plus(1)).isEmpty()).isTrue();
            assertThat(e.status("inc-1").orElseThrow().nextDue()).contains(plus(5));
        }
    }

    @Nested
    @DisplayName("acknowledge and resolve")
    class AckResolve {

        final EscalationChain noAckTimeout = EscalationChain.defaults().toBuilder()
                .noAckTimeout(Severity.CRITICAL).noAckTimeout(Severity.HIGH).noAckTimeout(Severity.MEDIUM).build();

        @Test
        @DisplayName("an acknowledgement at L2 stops everything: no page at any later time")
        void ackStopsAll() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), noAckTimeout, T0);
            assertThat(e.advance(plus(2)).pages()).extracting(EscalationPage::level).containsOnly(2);
            assertThat(e.acknowledge("inc-1", plus(3))).isTrue();
            assertThat(e.nextDue()).isEmpty();
            assertThat(e.advance(plus(4)).isEmpty()).isTrue();
            assertThat(e.advance(plus(60L * 24 * 365)).isEmpty()).isTrue();
            assertThat(e.overdue(plus(60L * 24 * 365), Duration.ZERO)).isEmpty();
            EscalationStatus s = e.status("inc-1").orElseThrow();
            assertThat(s.state()).isEqualTo(EscalationStatus.State.ACKNOWLEDGED);
            assertThat(s.acknowledgedAt()).contains(plus(3));
            assertThat(s.level()).isEqualTo(2);
        }

        @Test
        @DisplayName("an acknowledgement at the very instant a level falls due stops that level too")
        void ackAtDueInstant() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            e.acknowledge("inc-1", plus(2));
            assertThat(e.advance(plus(2)).isEmpty()).isTrue();
            assertThat(e.nextDue()).contains(plus(17));
        }

        @Test
        @DisplayName("resolve stops and forgets the escalation")
        void resolveStops() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            runUntil(e, plus(5));
            assertThat(e.resolve("inc-1", plus(5))).isTrue();
            assertThat(e.nextDue()).isEmpty();
            assertThat(runUntil(e, plus(600))).isEmpty();
            assertThat(e.status("inc-1")).isEmpty();
            assertThat(e.exportState()).isEmpty();
            assertThat(e.resolve("inc-1", plus(6))).isFalse();
            assertThat(e.acknowledge("inc-1", plus(6))).isFalse();
        }

        @Test
        @DisplayName("an acknowledgement that times out escalates again at the level reached, in a new round with new keys")
        void ackTimeout() {
            Escalator e = new Escalator(ROSTER);
            List<EscalationPage> pages = new ArrayList<>(
                    e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0).pages());
            pages.addAll(runUntil(e, plus(3)));
            e.acknowledge("inc-1", plus(3));                       // at L2; critical holds 15 minutes
            assertThat(e.nextDue()).contains(plus(18));
            assertThat(e.advance(plus(17)).isEmpty()).isTrue();
            pages.addAll(runUntil(e, plus(24)));
            assertThat(steps(pages)).containsExactly("L1r0@0", "L2r0@2", "L2r0@18/1", "L3r0@20/1", "L4r0@23/1");
            assertThat(pages.get(3).notification().event()).isEqualTo(EventKind.ESCALATED);
            // Level 2 of repeat 0 again, but a new round: receivers must not drop it as a duplicate.
            assertThat(pages.get(3).notification().idempotencyKey()).isNotEqualTo(pages.get(1).notification().idempotencyKey());
            assertThat(e.status("inc-1").orElseThrow().round()).isEqualTo(1);
            assertThat(e.status("inc-1").orElseThrow().acknowledgedAt()).isEmpty();
        }

        @Test
        @DisplayName("acknowledging again restarts the timeout; reopen escalates again at once")
        void ackAgainAndReopen() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.HIGH), EscalationChain.defaults(), T0);
            e.acknowledge("inc-1", plus(1));
            e.acknowledge("inc-1", plus(20));
            assertThat(e.nextDue()).contains(plus(50));
            EscalationOutcome again = e.reopen("inc-1", plus(21));
            assertThat(steps(again.pages())).containsExactly("L1r0@21/1");
            assertThat(again.notifications()).allSatisfy(n -> assertThat(n.event()).isEqualTo(EventKind.ESCALATED));
            assertThat(e.nextDue()).contains(plus(26));
            assertThat(e.reopen("inc-1", plus(22)).isEmpty()).isTrue(); // not acknowledged: nothing to reopen
        }
    }

    @Nested
    @DisplayName("severity changes")
    class SeverityChanges {

        @Test
        @DisplayName("a rise above what level 1 heard pages level 1 at once, in a new round, and the new chain from there")
        void riseAboveLevelOnePagesLevelOne() {
            // Issue 13: this used to recompute the wait at L2 (L3 at 7), so the bedside nurse never heard "critical".
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.HIGH), EscalationChain.defaults(), T0);
            runUntil(e, plus(5));                                   // L2 at 5, L3 due at 10 (high)
            assertThat(e.nextDue()).contains(plus(10));
            assertThat(e.severityChanged(subject("inc-1", Severity.CRITICAL), plus(6))).contains(plus(6));
            List<EscalationPage> pages = runUntil(e, plus(12));
            // The old chain would have paged L3 at 5 + 2 (critical's wait at L2) = 7: the restarted one catches up
            // by then (L2 and L3 at 7), so the restart delays nobody; then critical's waits (L4 at 7 + 3).
            assertThat(steps(pages)).containsExactly("L1r0@6/1", "L2r0@7/1", "L3r0@7/1", "L4r0@10/1");
            assertThat(pages).allSatisfy(p -> assertThat(p.notification().severity()).isEqualTo(Severity.CRITICAL));
            assertThat(pages.get(0).notification().recipient().id()).isEqualTo("bedside-nurse@3B");
        }

        @Test
        @DisplayName("a rise back to a severity below critical that level 1 already heard picks the chain up where it was")
        void riseShortens() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.HIGH), EscalationChain.defaults(), T0);
            runUntil(e, plus(5));                                   // L2 at 5, L3 due at 10
            // Medium's chain ends at L2: exhausted, nothing due.
            assertThat(e.severityChanged(subject("inc-1", Severity.MEDIUM), plus(6))).isEmpty();
            // Back to high, which level 1 heard: L3 at high's wait from when L2 was paged.
            assertThat(e.severityChanged(subject("inc-1", Severity.HIGH), plus(7))).contains(plus(10));
            assertThat(steps(runUntil(e, plus(11)))).containsExactly("L3r0@10");
        }

        @Test
        @DisplayName("a rise back to critical that level 1 already heard resumes the chain where it was, without delay")
        void riseBackToCritical() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            runUntil(e, plus(2));                                   // L2 at 2, L3 due at 4
            e.severityChanged(subject("inc-1", Severity.HIGH), plus(3));
            // L3 was due at 4 (critical): at once, not level 1 again (which would put L3 off to 9).
            assertThat(e.severityChanged(subject("inc-1", Severity.CRITICAL), plus(5))).contains(plus(5));
            assertThat(steps(runUntil(e, plus(7)))).containsExactly("L3r0@5");
        }

        @Test
        @DisplayName("a rise from medium to critical pages level 1 at once, not level 2 after level 1's wait")
        void riseOverdue() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.MEDIUM), EscalationChain.defaults(), T0);  // L2 due at 15
            assertThat(e.severityChanged(subject("inc-1", Severity.CRITICAL), plus(9))).contains(plus(9));
            // L2 would have been due at 0 + 2 (critical's wait at L1), long past: it comes with L1, at once.
            assertThat(steps(e.advance(plus(9)).pages())).containsExactly("L1r0@9/1", "L2r0@9/1");
            assertThat(e.nextDue()).contains(plus(11));
        }

        @Test
        @DisplayName("medium stopped at the charge nurse, then critical: level 1 at once, and the levels up to the one critical would have reached by now")
        void riseAfterMediumStopped() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.MEDIUM), EscalationChain.defaults(), T0);
            runUntil(e, plus(60));                                   // L2 at 15, then medium stops
            assertThat(e.status("inc-1").orElseThrow().state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
            // Critical would have paged L3 2 minutes after L2 (17): long past, so L1, L2 and L3 now; L4 3 minutes on.
            assertThat(e.severityChanged(subject("inc-1", Severity.CRITICAL), plus(45))).contains(plus(45));
            assertThat(steps(runUntil(e, plus(49)))).containsExactly("L1r0@45/1", "L2r0@45/1", "L3r0@45/1", "L4r0@48/1");
        }

        @Test
        @DisplayName("a new condition pages level 1 again once the chain has run out, and only then")
        void newCondition() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.HIGH), EscalationChain.defaults(), T0);
            assertThat(e.newCondition(subject("inc-1", Severity.HIGH), plus(1)).isEmpty()).isTrue(); // still escalating
            runUntil(e, plus(180));
            assertThat(e.status("inc-1").orElseThrow().state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
            assertThat(e.nextDue()).isEmpty();
            EscalationOutcome again = e.newCondition(subject("inc-1", Severity.HIGH), plus(200));
            assertThat(steps(again.pages())).containsExactly("L1r0@200/1");
            assertThat(e.nextDue()).contains(plus(205));
        }

        @Test
        @DisplayName("a lesser new condition after the chain ran out pages level 1 once and leaves the escalation where it was")
        void lesserNewCondition() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            runUntil(e, plus(41));                                   // exhausted at 40, L5 reminder due at 55
            // A low technical alert joins: the bedside nurse hears of it; the critical chain is not walked again.
            EscalationOutcome low = e.newCondition(subject("inc-1", Severity.CRITICAL), Severity.LOW, plus(42));
            assertThat(steps(low.pages())).containsExactly("L1r0@42/1");
            assertThat(e.status("inc-1").orElseThrow().state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
            assertThat(e.nextDue()).contains(plus(55));
            assertThat(steps(runUntil(e, plus(56)))).containsExactly("L5r2@55/2");
        }

        @Test
        @DisplayName("a fall never delays the pending page; later levels use the new waits")
        void fallKeepsDue() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            runUntil(e, plus(2));                                   // L2 at 2, L3 due at 4
            assertThat(e.severityChanged(subject("inc-1", Severity.HIGH), plus(3))).contains(plus(4));
            assertThat(steps(runUntil(e, plus(15)))).containsExactly("L3r0@4", "L4r0@14");
        }

        @Test
        @DisplayName("a fall to low ends the escalation; a rise from low escalates again")
        void lowEndsAndRiseRevives() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            runUntil(e, plus(4));                                   // L3 at 4
            assertThat(e.severityChanged(subject("inc-1", Severity.LOW), plus(5))).isEmpty();
            assertThat(e.status("inc-1").orElseThrow().state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
            assertThat(runUntil(e, plus(600))).isEmpty();

            Escalator low = new Escalator(ROSTER);
            low.start(subject("inc-2", Severity.LOW), EscalationChain.defaults(), T0);
            assertThat(low.nextDue()).isEmpty();
            // Critical would have gone on 2 minutes after level 1: that has passed, so at once.
            // Issue 13: above what level 1 heard (low), so level 1 again at once; L2, which critical would have paged
            // 2 minutes after level 1, is past due and comes with it; then the critical chain (L3 2 minutes on).
            assertThat(low.severityChanged(subject("inc-2", Severity.CRITICAL), plus(10))).contains(plus(10));
            assertThat(steps(runUntil(low, plus(13)))).containsExactly("L1r0@10/1", "L2r0@10/1", "L3r0@12/1");
        }

        @Test
        @DisplayName("while acknowledged, a rise above what level 1 heard overrides the acknowledgement; a lesser rise shortens its timeout")
        void riseWhileAcked() {
            // Issue 13: a rise to critical used to wait out the (shortened) acknowledgement timeout, 15 minutes.
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.MEDIUM), EscalationChain.defaults(), T0);
            e.acknowledge("inc-1", plus(1));                          // medium holds 60 minutes
            assertThat(e.severityChanged(subject("inc-1", Severity.CRITICAL), plus(2))).contains(plus(2));
            assertThat(steps(e.advance(plus(2)).pages())).containsExactly("L1r0@2/1");

            Escalator f = new Escalator(ROSTER);
            f.start(subject("inc-2", Severity.HIGH), EscalationChain.defaults(), T0);
            f.severityChanged(subject("inc-2", Severity.MEDIUM), plus(1));
            f.acknowledge("inc-2", plus(1));                          // medium holds 60 minutes
            // Back to high, which level 1 heard: the acknowledgement holds, high's 30 minutes from when it was given.
            assertThat(f.severityChanged(subject("inc-2", Severity.HIGH), plus(2))).contains(plus(31));
        }
    }

    @Nested
    @DisplayName("snapshot")
    class Snapshot {

        @Test
        @DisplayName("a policy changed after an incident started applies only to new incidents")
        void isolation() {
            AtomicReference<EscalationChain> current = new AtomicReference<>(EscalationChain.defaults());
            Escalator e = new Escalator(ROSTER);
            e.start(subject("old", Severity.CRITICAL), current.get(), T0);
            current.set(EscalationChain.fromJson("""
                    {"name": "v2", "levels": [
                      {"name": "rrt first", "targets": [{"role": "rapid-response-team"}], "wait_minutes": 1},
                      {"name": "icu", "targets": [{"schedule": "intensive-care"}]}]}"""));
            e.start(subject("new", Severity.CRITICAL), current.get(), T0);
            List<EscalationPage> pages = runUntil(e, plus(60));
            assertThat(steps(pages.stream().filter(p -> p.incidentId().equals("old")).toList()))
                    .startsWith("L2r0@2", "L3r0@4", "L4r0@7", "L5r0@10", "L1r1@15");
            assertThat(steps(pages.stream().filter(p -> p.incidentId().equals("new")).toList()))
                    .containsExactly("L2r0@1");
            assertThat(e.status("old").orElseThrow().policy()).isEqualTo("default");
            assertThat(e.status("new").orElseThrow().policy()).isEqualTo("v2");
        }

        @Test
        @DisplayName("even a mutable policy object is read only at start")
        void mutablePolicy() {
            Duration[] wait = {Duration.ofMinutes(5)};
            EscalationPolicy mutable = (s, level, repeat) -> new EscalationStep(level, repeat, "l" + level,
                    List.of(role("charge-nurse")), List.of(), level < 3 ? Optional.of(wait[0]) : Optional.empty(),
                    level == 3);
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.HIGH), mutable, T0);
            wait[0] = Duration.ofMinutes(50);
            assertThat(steps(runUntil(e, plus(600)))).containsExactly("L2r0@5", "L3r0@10");
        }

        @Test
        @DisplayName("a policy that breaks the SPI contract is refused at start")
        void contract() {
            Escalator e = new Escalator(ROSTER);
            EscalationPolicy wrongLevel = (s, level, repeat) -> new EscalationStep(level + 1, repeat, "", List.of(),
                    List.of(), Optional.empty(), true);
            assertThatThrownBy(() -> e.start(subject("i", Severity.HIGH), wrongLevel, T0))
                    .hasMessageContaining("returned level 2 of repeat 0 when asked for level 1 of repeat 0");
            EscalationPolicy endless = (s, level, repeat) -> new EscalationStep(level, repeat, "", List.of(),
                    List.of(), Optional.of(Duration.ofMinutes(1)), true);
            assertThatThrownBy(() -> e.start(subject("i", Severity.HIGH), endless, T0))
                    .hasMessageContaining("does not end").hasMessageContaining("more than 1000 steps");
            EscalationPolicy blank = new EscalationPolicy() {
                @Override
                public String name() {
                    return " ";
                }

                @Override
                public EscalationStep step(EscalationSubject s, int level, int repeat) {
                    return EscalationPolicy.none().step(s, level, repeat);
                }
            };
            assertThatThrownBy(() -> e.start(subject("i", Severity.HIGH), blank, T0)).hasMessageContaining("blank name");
            assertThat(e.incidentIds()).isEmpty();
        }
    }

    @Nested
    @DisplayName("coverage gaps")
    class Gaps {

        @Test
        @DisplayName("nobody on call skips the level at once and reports the schedule and the instant")
        void scheduleGapSkips() {
            Instant night = Instant.parse("2026-03-10T22:00:00Z");     // the ward physician is on days only
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), night);
            e.advance(night.plusSeconds(120));                          // L2
            EscalationOutcome l3 = e.advance(night.plusSeconds(240));
            assertThat(l3.gaps()).containsExactly(new CoverageGap("inc-1", 3, 0, schedule("ward-physician"),
                    night.plusSeconds(240), CoverageGap.Reason.NOBODY));
            assertThat(l3.pages()).extracting(EscalationPage::level).containsOnly(4);
            assertThat(l3.notifications()).extracting(n -> n.recipient().id()).containsOnly("rapid-response-team");
            EscalationStatus s = e.status("inc-1").orElseThrow();
            assertThat(s.level()).isEqualTo(4);
            assertThat(s.nextDue()).contains(night.plusSeconds(240 + 180));  // L4 waits its own 3 minutes
        }

        @Test
        @DisplayName("a level with somebody reachable is not skipped, but its gap is reported")
        void partialGap() {
            EscalationChain c = EscalationChain.builder("two targets")
                    .level(EscalationChain.Level.builder("doctors").target(schedule("ward-physician"), schedule("intensive-care"))
                            .escalateAfter(Duration.ofMinutes(10)).build())
                    .level(EscalationChain.Level.builder("rrt").target(role("rapid-response-team")).build())
                    .build();
            Instant night = Instant.parse("2026-03-10T22:00:00Z");
            Escalator e = new Escalator(ROSTER);
            EscalationOutcome first = e.start(subject("inc-1", Severity.HIGH), c, night);
            assertThat(first.gaps()).extracting(CoverageGap::target).containsExactly(schedule("ward-physician"));
            assertThat(first.notifications()).extracting(n -> n.recipient().id()).containsOnly("dr-icu");
            assertThat(e.nextDue()).contains(night.plusSeconds(600));
        }

        @Test
        @DisplayName("somebody with no contact point on the level's channels is a gap too")
        void noContactOnChannels() {
            Roster smsOnlyNurse = ROSTER.toBuilder()
                    .wardRole("bedside-nurse", "3B", "Bedside nurse", ContactPoint.of("sms", "+447000300")).build();
            Escalator e = new Escalator(smsOnlyNurse);
            EscalationOutcome first = e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            assertThat(first.gaps()).singleElement().satisfies(g -> {
                assertThat(g.reason()).isEqualTo(CoverageGap.Reason.NO_CONTACT_ON_CHANNELS);
                assertThat(g.level()).isEqualTo(1);
            });
            // Level 2 was paged at once, as the first page of the incident, but as an escalation.
            assertThat(first.notifications()).extracting(Notification::escalationLevel, Notification::event)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(2, EventKind.ESCALATED));
        }

        @Test
        @DisplayName("if nobody can be paged anywhere every step is reported and the escalation ends, it does not spin")
        void nobodyAnywhere() {
            Escalator e = new Escalator(RecipientResolver.nobody());
            EscalationOutcome o = e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            assertThat(o.pages()).isEmpty();
            assertThat(o.gaps()).hasSize(15);
            assertThat(e.status("inc-1").orElseThrow().state()).isEqualTo(EscalationStatus.State.EXHAUSTED);
        }

        @Test
        @DisplayName("a resolver that throws is a gap for that target only; the chain goes on")
        void resolverFails() {
            Escalator e = new Escalator((t, s, at) -> {
                if (t.equals(role("charge-nurse"))) {
                    throw new IllegalStateException("directory down");
                }
                return ROSTER.resolve(t, s, at);
            });
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            EscalationOutcome l2 = e.advance(plus(2));
            assertThat(l2.gaps()).extracting(CoverageGap::level, CoverageGap::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2, CoverageGap.Reason.RESOLVER_FAILED));
            assertThat(l2.pages()).extracting(EscalationPage::level).containsOnly(3);
        }

        @Test
        @DisplayName("a rota changed while an escalation runs applies to its next page")
        void liveRoster() {
            AtomicReference<Roster> roster = new AtomicReference<>(ROSTER);
            Escalator e = new Escalator((t, s, at) -> roster.get().resolve(t, s, at));
            Instant night = Instant.parse("2026-03-10T22:00:00Z");
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), night);
            roster.set(ROSTER.toBuilder().wardSchedule("3B", WARD_PHYSICIAN.withOverride(
                    new ScheduleOverride("dr-ana", night, night.plusSeconds(8 * 3600)))).build());
            List<EscalationPage> pages = runUntil(e, night.plusSeconds(240));
            assertThat(pages).filteredOn(p -> p.level() == 3).extracting(p -> p.notification().recipient().id())
                    .containsOnly("dr-ana");
        }
    }

    @Nested
    @DisplayName("durability")
    class Durability {

        static final ObjectMapper JSON = new ObjectMapper();

        /** Through real JSON text, as a host would store it. */
        static List<Map<String, Object>> throughJson(List<Map<String, Object>> state) throws Exception {
            return JSON.readValue(JSON.writeValueAsString(state), new TypeReference<List<Map<String, Object>>>() { });
        }

        @Test
        @DisplayName("export then restore mid-escalation resumes at the same level and due time, with the same pages")
        void resume() throws Exception {
            Escalator before = new Escalator(ROSTER);
            before.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            before.start(subject("inc-2", Severity.HIGH), EscalationChain.defaults(), T0);
            before.acknowledge("inc-2", plus(1));
            runUntil(before, plus(5));                                  // inc-1 at L3 (paged 4), L4 due 7
            List<Map<String, Object>> state = throughJson(before.exportState());
            assertThat(state).extracting(m -> m.get("incident_id")).containsExactly("inc-1", "inc-2");
            assertThat(state.get(0)).containsEntry("level", 3).containsEntry("repeat", 0)
                    .containsEntry("next_due", plus(7).toString()).containsEntry("state", "escalating");
            assertThat(state.get(1)).containsEntry("state", "acknowledged")
                    .containsEntry("acknowledged_at", plus(1).toString());

            Escalator after = new Escalator(ROSTER);
            after.restore(state);
            assertThat(after.status("inc-1")).isEqualTo(before.status("inc-1"));
            assertThat(after.status("inc-2")).isEqualTo(before.status("inc-2"));
            assertThat(after.nextDue()).isEqualTo(before.nextDue()).contains(plus(7));
            assertThat(runUntil(after, plus(120))).isEqualTo(runUntil(before, plus(120)));
            assertThat(throughJson(after.exportState())).isEqualTo(throughJson(before.exportState()));
        }

        @Test
        @DisplayName("reminders, a pending restart at level 1 and its catch-up survive export and restore; an export from before they existed still restores")
        void remindersAndRestarts() throws Exception {
            Escalator before = new Escalator(ROSTER);
            before.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            runUntil(before, plus(41));                                 // exhausted at 40, reminder due at 55
            before.start(subject("inc-2", Severity.HIGH), EscalationChain.defaults(), T0);
            runUntil(before, plus(41));                                 // inc-2 at L4 (paged 20), L5 due at 30+...
            before.severityChanged(subject("inc-2", Severity.CRITICAL), plus(41)); // restart pending, not yet advanced
            List<Map<String, Object>> state = throughJson(before.exportState());
            assertThat(state.get(0)).containsEntry("state", "exhausted").containsEntry("next_due", plus(55).toString());
            assertThat(state.get(1)).containsEntry("restart_pending", true).containsEntry("level_1_severity", "high");

            Escalator after = new Escalator(ROSTER);
            after.restore(state);
            assertThat(throughJson(after.exportState())).isEqualTo(state);
            assertThat(runUntil(after, plus(60))).isEqualTo(runUntil(before, plus(60)));

            // Written before 0.2: no level_1_severity, restart_pending, catch-up, nor policy reminders.
            Escalator old = new Escalator(ROSTER);
            old.start(subject("inc-3", Severity.HIGH), EscalationChain.defaults(), T0);
            Map<String, Object> legacy = new LinkedHashMap<>(throughJson(old.exportState()).get(0));
            List.of("level_1_severity", "restart_pending", "catch_up_level", "catch_up_due").forEach(legacy::remove);
            @SuppressWarnings("unchecked")
            Map<String, Object> policy = new LinkedHashMap<>((Map<String, Object>) legacy.get("policy"));
            assertThat(policy.remove("reminders")).isNotNull();
            legacy.put("policy", policy);
            Escalator restored = new Escalator(ROSTER);
            restored.restore(List.of(legacy));
            assertThat(restored.nextDue()).contains(plus(5));
            // Level 1 is taken to have heard the current severity: a rise to critical pages it again.
            assertThat(restored.severityChanged(subject("inc-3", Severity.CRITICAL), plus(1))).contains(plus(1));
            assertThat(steps(restored.advance(plus(1)).pages())).containsExactly("L1r0@1/1");
        }

        @Test
        @DisplayName("the export restores as is too (no JSON in between), and keeps sub-second waits of any policy exactly")
        void exactWithoutJson() {
            EscalationPolicy quick = new EscalationPolicy() {
                @Override
                public EscalationStep step(EscalationSubject s, int level, int repeat) {
                    return new EscalationStep(level, repeat, "", List.of(role("charge-nurse")), List.of("sms"),
                            level == 1 ? Optional.of(Duration.ofMillis(1500)) : Optional.empty(), level == 2);
                }

                @Override
                public Optional<Duration> acknowledgementTimeout(EscalationSubject s) {
                    return Optional.of(Duration.ofMillis(250));
                }
            };
            assertThat(quick.name()).contains("EscalatorTest");           // anonymous: the full class name
            Escalator before = new Escalator(ROSTER);
            before.start(subject("inc-1", Severity.HIGH), quick, T0);
            Escalator after = new Escalator(ROSTER);
            after.restore(before.exportState());
            assertThat(after.nextDue()).contains(T0.plusMillis(1500));
            after.acknowledge("inc-1", T0);
            assertThat(after.nextDue()).contains(T0.plusMillis(250));
            assertThat(after.exportState().get(0).get("policy").toString()).contains("PT1.5S", "PT0.25S");
        }

        @Test
        @DisplayName("a restore after the due time pages once, at once, and the next level waits its full time from then")
        void restoreLate() throws Exception {
            Escalator before = new Escalator(ROSTER);
            before.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            List<EscalationPage> early = runUntil(before, plus(5));     // L3 paged at 4, L4 due at 7
            List<Map<String, Object>> state = throughJson(before.exportState());

            Escalator after = new Escalator(ROSTER);                    // down from 5 to 20
            after.restore(state);
            assertThat(after.overdue(plus(20), Duration.ofMinutes(1))).singleElement().satisfies(o -> {
                assertThat(o.incidentId()).isEqualTo("inc-1");
                assertThat(o.level()).isEqualTo(3);
                assertThat(o.dueAt()).isEqualTo(plus(7));
                assertThat(o.overdueBy()).isEqualTo(Duration.ofMinutes(13));
            });
            EscalationOutcome first = after.advance(plus(20));
            assertThat(steps(first.pages())).containsExactly("L4r0@20");
            assertThat(first.pages()).allSatisfy(p -> assertThat(p.dueAt()).isEqualTo(plus(7)));
            assertThat(after.advance(plus(20)).isEmpty()).isTrue();
            assertThat(after.nextDue()).contains(plus(23));
            assertThat(after.overdue(plus(20), Duration.ZERO)).isEmpty();
            // Same keys as the pages the escalator that stayed up makes.
            List<EscalationPage> stayedUp = before.advance(plus(7)).pages();
            assertThat(first.notifications()).extracting(Notification::idempotencyKey)
                    .isEqualTo(stayedUp.stream().map(p -> p.notification().idempotencyKey()).toList());
            assertThat(early).isNotEmpty();
        }

        @Test
        @DisplayName("restore is all or nothing and names each bad value by path")
        void restoreErrors() throws Exception {
            Escalator source = new Escalator(ROSTER);
            source.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);
            Map<String, Object> good = throughJson(source.exportState()).get(0);
            Map<String, Object> badDue = new LinkedHashMap<>(good);
            badDue.put("incident_id", "inc-2");
            @SuppressWarnings("unchecked")
            Map<String, Object> subject2 = new LinkedHashMap<>((Map<String, Object>) good.get("subject"));
            subject2.put("incident_id", "inc-2");
            badDue.put("subject", subject2);
            badDue.put("next_due", "soon");
            Map<String, Object> future = new LinkedHashMap<>(good);
            future.put("format", 2);

            Escalator target = new Escalator(ROSTER);
            assertThatThrownBy(() -> target.restore(List.of(good, badDue, good, future)))
                    .isInstanceOfSatisfying(EscalationConfigException.class, ex -> assertThat(ex.problems())
                            .extracting(Object::toString).containsExactly(
                                    "[1].next_due: must be an ISO-8601 instant such as \"2026-03-29T01:00:00Z\", "
                                            + "but was \"soon\"",
                                    "[2].incident_id: is already escalating here, but was \"inc-1\"",
                                    "[3].format: must be <= 1, but was 2"))
                    .hasMessageStartingWith("invalid escalation state, 3 problems");
            assertThat(target.incidentIds()).isEmpty();

            Map<String, Object> wrongLevel = new LinkedHashMap<>(good);
            wrongLevel.put("level", 4);
            assertThatThrownBy(() -> target.restore(List.of(wrongLevel)))
                    .hasMessageContaining("[0].level: must match step_index 0 (level 1, repeat 0), but was level 4, repeat 0");
        }

        @Test
        @DisplayName("the auditor lists escalations due more than the grace ago, most overdue first")
        void auditor() {
            Escalator e = new Escalator(ROSTER);
            e.start(subject("inc-1", Severity.CRITICAL), EscalationChain.defaults(), T0);   // due 2
            e.start(subject("inc-2", Severity.HIGH), EscalationChain.defaults(), T0);       // due 5
            assertThat(e.overdue(plus(2), Duration.ZERO)).isEmpty();
            assertThat(e.overdue(plus(3), Duration.ofMinutes(1))).isEmpty();             // exactly the grace
            assertThat(e.overdue(plus(7), Duration.ofMinutes(1))).extracting(OverdueEscalation::incidentId,
                    OverdueEscalation::overdueBy).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("inc-1", Duration.ofMinutes(5)),
                    org.assertj.core.groups.Tuple.tuple("inc-2", Duration.ofMinutes(2)));
            e.advance(plus(7));
            assertThat(e.overdue(plus(7), Duration.ZERO)).isEmpty();
            assertThatThrownBy(() -> e.overdue(plus(7), Duration.ofSeconds(-1))).hasMessageContaining("grace");
        }
    }
}
