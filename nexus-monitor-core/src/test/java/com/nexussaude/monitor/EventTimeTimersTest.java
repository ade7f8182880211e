package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.notify.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Event time: a timer fires at its due time and its event carries that time, whatever else is in the
 * input. The same patient replayed alone and beside another patient yields the same alerts and pages
 * with the same timestamps (once both replays end at the same time: see {@link VitalMonitor#advanceTo}).
 */
class EventTimeTimersTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** HR 80, SpO2 97, RR 16 once a second from {@code from} to {@code to} seconds after T0. */
    static List<Observation> normal(String patient, int from, int to) {
        List<Observation> obs = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            obs.add(Observation.builder(patient, T0.plusSeconds(s)).heartRate(80).spo2(97).respiratoryRate(16).build());
        }
        return obs;
    }

    @SafeVarargs
    static List<Observation> merged(List<Observation>... inputs) {
        return Stream.of(inputs).flatMap(List::stream).sorted(Comparator.comparing(Observation::timestamp)).toList();
    }

    /** The alert events of {@code patient} as "type rule key +seconds", after replaying and advancing to {@code end}. */
    static List<String> alertsOf(String patient, List<Observation> input, Instant end) {
        RecordingListener listener = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "technical")).build())
                .listener(listener).listenerExecutor(Runnable::run).build()) {
            input.forEach(m::submit);
            if (end != null) {
                m.advanceTo(end);
            }
        }
        return listener.events.stream().filter(e -> e.alert().patientId().equals(patient))
                .map(e -> e.type().wireName() + " " + e.alert().ruleId() + " " + e.alert().key() + " +"
                        + Duration.between(T0, e.timestamp()).toSeconds() + "s").toList();
    }

    @Test
    void aSignalLossInAGapIsStampedWithItsDueTimeAloneAndBesideAnotherPatient() {
        // Patient a: 10 s of data, 10 min without, 10 s of data. Patient b: every second throughout.
        List<Observation> a = merged(normal("a", 0, 10), normal("a", 600, 610));
        List<Observation> b = normal("b", 0, 610);

        List<String> alone = alertsOf("a", a, null);
        List<String> beside = alertsOf("a", merged(a, b), null);

        // Lost 60 s after the last reading, on the technical pack's 5-s sweep: 10:01:10, not 10:10:00 (the
        // time of a's next reading, when the clock moved next in the replay of a alone).
        assertThat(alone).contains("raised signal-loss HEART_RATE +70s", "raised signal-loss SPO2 +70s",
                "raised signal-loss RESPIRATORY_RATE +70s");
        assertThat(beside).isEqualTo(alone);
    }

    @Test
    void advancingAReplayToTheOtherInputsEndFiresWhatThatInputWouldHaveFired() {
        List<Observation> a = merged(normal("a", 0, 10), normal("a", 600, 610));
        List<Observation> b = normal("b", 0, 800); // ends 190 s after a

        List<String> aloneDrained = alertsOf("a", a, T0.plusSeconds(800));
        List<String> beside = alertsOf("a", merged(a, b), T0.plusSeconds(800));

        // The first loss clears with a's readings at +600 and resolves after the 30 s hold; the second is
        // lost 60 s after a's last reading at +610.
        assertThat(aloneDrained).contains("resolved signal-loss HEART_RATE +630s", "raised signal-loss HEART_RATE +670s");
        assertThat(beside).isEqualTo(aloneDrained);
    }

    @Test
    void anEscalationStepDueInAGapPagesAtItsDueTime() {
        // bed-2: SpO2 84 (critical, pages level 1 at once) every 10 s for 100 s, then nothing until +200 s.
        List<Observation> bed2 = new ArrayList<>();
        for (int s = 0; s <= 100; s += 10) {
            bed2.add(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).build());
        }
        bed2.add(Observation.builder("bed-2", T0.plusSeconds(200)).spo2(84).build());

        List<String> alone = pagesOf(bed2);
        List<String> beside = pagesOf(merged(bed2, normal("bed-7", 0, 200)));

        // Level 2 is due 2 min after level 1 for a critical incident: +120 s, in bed-2's gap.
        assertThat(alone).startsWith("L1 bedside-nurse +0s", "L2 charge-nurse +120s");
        assertThat(beside).isEqualTo(alone);
    }

    static List<String> pagesOf(List<Observation> input) {
        EscalationPagingTest.Recorder push = new EscalationPagingTest.Recorder("push");
        EscalationPagingTest.Recorder sms = new EscalationPagingTest.Recorder("sms");
        try (VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .paging(Paging.builder().channel(push).channel(sms)
                        .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                .listenerExecutor(Runnable::run).build()) {
            input.forEach(m::submit);
        }
        return push.received.stream().filter(n -> n.patientId().equals("bed-2")).map(EventTimeTimersTest::page).toList();
    }

    static String page(Notification n) {
        return "L" + n.escalationLevel() + " " + n.recipient().id() + " +" + Duration.between(T0, n.timestamp()).toSeconds()
                + "s";
    }

    /**
     * Recordings years apart replayed together: the timers of the gap's first day fire at their due
     * times, and the rest of the gap is one jump, instead of millions of 5-s scan steps that
     * re-signalled the same alerts until the heap ran out (found replaying interop examples spanning
     * 1999-2021).
     */
    @Test
    void aGapOfYearsIsSteppedThroughItsFirstDayOnlyThenJumped() {
        RecordingListener listener = new RecordingListener();
        Instant later = T0.plus(Duration.ofDays(365L * 20));
        try (VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "technical")).build())
                // A replay of separate recordings: the future tolerance is off, as the command line's replay has it.
                .eventTimeFutureTolerance(null)
                .listener(listener).listenerExecutor(Runnable::run).build()) {
            normal("bed-1", 0, 10).forEach(m::submit);
            m.submit(Observation.builder("bed-2", later).heartRate(80).spo2(97).respiratoryRate(16).build());
            assertThat(m.now()).isEqualTo(later);
        }
        // bed-1's signal loss is stamped at its due time in the first day, not 20 years later...
        assertThat(listener.events).filteredOn(e -> e.alert().patientId().equals("bed-1")
                        && e.alert().ruleId().equals("signal-loss") && e.type() == AlertEventType.RAISED)
                .isNotEmpty().allMatch(e -> e.timestamp().isBefore(T0.plus(Duration.ofMinutes(5))));
        // ...and a day of 5-s scans re-signalling it is a bounded number of events.
        assertThat(listener.events.size()).isLessThan(100_000);
    }
}
