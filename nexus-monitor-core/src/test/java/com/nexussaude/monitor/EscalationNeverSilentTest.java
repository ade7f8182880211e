package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's paging half, on the real engine (bundled threshold pack, event time) and the bundled
 * default policy: a rise in severity reaches the bedside nurse at once, an exhausted chain never means
 * silence, an unacknowledged critical keeps reminding, and medium stops at the charge nurse. Pages are
 * what a recording channel received, read on the test thread.
 */
class EscalationNeverSilentTest {
    static final Instant T0 = EscalationPagingTest.T0;

    final EscalationPagingTest.Recorder push = new EscalationPagingTest.Recorder("push");
    final EscalationPagingTest.Recorder sms = new EscalationPagingTest.Recorder("sms");
    final List<VitalMonitor> monitors = new ArrayList<>();

    VitalMonitor monitor() {
        VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .paging(Paging.builder().channel(push).channel(sms)
                        .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                .listenerExecutor(Runnable::run)
                .build();
        monitors.add(m);
        return m;
    }

    @AfterEach
    void close() {
        monitors.forEach(VitalMonitor::close);
    }

    /** SpO2 at {@code value} every 10 s from {@code fromSecond} to {@code toSecond} (inclusive). */
    static void spo2(VitalMonitor m, int value, long fromSecond, long toSecond) {
        for (long s = fromSecond; s <= toSecond; s += 10) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(value).build());
        }
    }

    /** Each push page as "L<level> <recipient> <severity> +<seconds>s". */
    List<String> pages() {
        return push.received.stream().filter(n -> !n.event().wireName().equals("resolved"))
                .map(n -> "L" + n.escalationLevel() + " " + n.recipient().id() + " " + n.severity().wireName() + " +"
                        + Duration.between(T0, n.timestamp()).toSeconds() + "s")
                .toList();
    }

    List<String> pagesFrom(long second) {
        return push.received.stream().filter(n -> !n.timestamp().isBefore(T0.plusSeconds(second)))
                .filter(n -> !n.event().wireName().equals("resolved"))
                .map(n -> "L" + n.escalationLevel() + " " + n.recipient().id() + " " + n.severity().wireName() + " +"
                        + Duration.between(T0, n.timestamp()).toSeconds() + "s")
                .toList();
    }

    @Test
    void aCriticalAfterALesserAlertPagesTheBedsideNurseAtOnceAndRestartsTheChainFromThere() {
        VitalMonitor m = monitor();
        // Diastolic 58 mmHg: medium, at once (a discrete measurement): the bedside nurse hears "medium".
        m.submit(Observation.builder("bed-2", T0).heartRate(80).bloodPressure(112, 58).build());
        // 5 s later SpO2 84 %: critical. Before the fix this went to level 2 after level 2's wait (and level 1 heard
        // "critical" only on the next walk of the chain, minutes later). Now level 1 hears it in the same second and
        // the critical chain runs from there, level 2 no later than the old chain would have paged it (2 min after
        // level 1's first page: the restart delays nobody).
        // Every 5 s, so that the monitor clock passes each due time exactly (pages go out when the clock moves).
        for (long s = 5; s <= 11 * 60; s += 5) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).build());
        }
        assertThat(pages()).containsExactly(
                "L1 bedside-nurse medium +0s",
                "L1 bedside-nurse critical +5s",
                "L2 charge-nurse critical +120s",
                "L3 dr-silva critical +240s",
                "L4 rapid-response-team critical +420s",
                "L5 dr-costa critical +600s");
        // The critical page names the critical alert, not the diastolic one.
        Notification critical = push.received.get(1);
        assertThat(critical.message()).contains("SpO2 84");
        assertThat(critical.alertId()).isNotEqualTo(push.received.get(0).alertId());
    }

    /** SpO2 88 %: high (below the warning band's 90) from 0 to 2 h 10 min, nobody acknowledging. */
    VitalMonitor exhaustedHighIncident() {
        VitalMonitor m = monitor();
        spo2(m, 88, 0, 130 * 60);
        // The high chain: L1 at 0 (after the 10 s high delay), L2-L5 at 5, 10, 20, 30 min, twice more from 45 and
        // 90 min; its last level 5 at 120 min ends it.
        List<String> chain = pages();
        assertThat(chain).hasSize(15).allSatisfy(p -> assertThat(p).contains(" high "));
        assertThat(chain.get(14)).startsWith("L5 dr-costa high +72");
        return m;
    }

    @Test
    void aCriticalAfterTheHighChainRanOutPagesTheBedsideNurseAtOnceAndTheCriticalChainFromThere() {
        VitalMonitor m = exhaustedHighIncident();
        // Before the fix: silence. The exhausted high chain had no step left for critical either.
        spo2(m, 84, 130 * 60 + 10, 142 * 60);
        long at = 130 * 60 + 10;
        assertThat(pagesFrom(at)).containsExactly(
                "L1 bedside-nurse critical +" + at + "s",
                "L2 charge-nurse critical +" + (at + 120) + "s",
                "L3 dr-silva critical +" + (at + 240) + "s",
                "L4 rapid-response-team critical +" + (at + 420) + "s",
                "L5 dr-costa critical +" + (at + 600) + "s");
    }

    @Test
    void aCriticalRiseCatchesTheLevelsAboveUpOnceAndDoesNotPageTheBedsideNurseTwice() {
        VitalMonitor m = monitor();
        // High (SpO2 88 %) for 25 min, nobody acknowledging: the high chain has reached level 4 (20 min).
        spo2(m, 88, 0, 25 * 60);
        assertThat(pages()).last().asString().startsWith("L4 rapid-response-team high");
        // Then critical: level 1 at once in a new round, and levels 2 to 5, whose critical due times have passed,
        // at once too. The chain's next pass starts 5 min after level 5, not in the same second: before the fix
        // the catch-up ran on into the next pass and paged the bedside nurse (and the levels after) a second time.
        long at = 25 * 60 + 10;
        spo2(m, 84, at, at + 4 * 60);
        assertThat(pagesFrom(at)).containsExactly(
                "L1 bedside-nurse critical +" + at + "s",
                "L2 charge-nurse critical +" + at + "s",
                "L3 dr-silva critical +" + at + "s",
                "L4 rapid-response-team critical +" + at + "s",
                "L5 dr-costa critical +" + at + "s");
    }

    @Test
    void aNewConditionAfterTheChainRanOutPagesTheBedsideNurse() {
        VitalMonitor m = exhaustedHighIncident();
        long at = 130 * 60 + 10;
        // Heart rate 125 /min (above the warning band's 120): a new high alert of the same patient, the
        // same severity as the exhausted incident. Before the fix it joined the incident without a page.
        for (long s = at; s <= at + 6 * 60; s += 2) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).heartRate(125).spo2(88).build());
        }
        List<String> after = pagesFrom(at);
        assertThat(after).isNotEmpty();
        assertThat(after.get(0)).startsWith("L1 bedside-nurse high +");
        long pagedAt = Long.parseLong(after.get(0).replaceAll(".*\\+(\\d+)s$", "$1"));
        assertThat(pagedAt - at).as("seconds from the first HR 125 to the page").isLessThanOrEqualTo(10);
        // And the high chain runs again from there.
        assertThat(after).contains("L2 charge-nurse high +" + (pagedAt + 300) + "s");
    }

    @Test
    void anUnacknowledgedCriticalKeepsRemindingTheLastLevelAfterTheChainRanOut() {
        VitalMonitor m = monitor();
        spo2(m, 84, 0, 80 * 60);
        // Critical: L1-L5 at 0, 2, 4, 7, 10 min, again from 15 and 30 min: the last L5 at 40 min. Then reminders to
        // L5 every 15 min (55 and 70 min). Before the fix, nothing after 40 min.
        List<String> p = pages();
        assertThat(p).hasSize(17);
        assertThat(p.subList(14, 17)).containsExactly(
                "L5 dr-costa critical +2400s",
                "L5 dr-costa critical +3300s",
                "L5 dr-costa critical +4200s");
        // Each reminder is a new page to the receiver: a new idempotency key.
        assertThat(push.received.subList(14, 17)).extracting(Notification::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    void aMediumIncidentStopsAtTheChargeNurse() {
        VitalMonitor m = monitor();
        spo2(m, 92, 0, 3 * 3600);
        // SpO2 92 %: medium after its 30 s delay (15 s before 0.2: level 1 was paged at +20 s, the first reading
        // after it). Level 1, level 2 after 15 min, and no rapid response team or intensive care however long it
        // lasts (the old default reached level 5 at 90 min).
        assertThat(pages()).containsExactly("L1 bedside-nurse medium +30s", "L2 charge-nurse medium +930s");
    }
}
