package com.nexussaude.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.OnCallSchedule;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.escalation.Rotation;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture on the real engine and bundled packs: replays, assertions, pages, expectations, a restart. */
class MonitorFixtureTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final AlertMatcher SPO2_THRESHOLD = AlertMatcher.rules("threshold").withKeys("SPO2");

    static MonitorFixture.Builder thresholdWithANurse() {
        return MonitorFixture.builder().packs("threshold")
                .paging(p -> p.recipient(Recipient.of("nurse", ContactPoint.of("push", "tok-nurse"))), "push");
    }

    /** SpO2 97 for five minutes, then 84 (critical at once) for two. */
    static VitalsScenario desaturating(String patient) {
        return VitalsScenario.patient(patient, T0).every(Duration.ofSeconds(10))
                .set(Vital.HEART_RATE, 80).set(Vital.SPO2, 97).hold(Duration.ofMinutes(5))
                .set(Vital.SPO2, 84).hold(Duration.ofMinutes(2));
    }

    @Test
    void aDesaturationIsRaisedWhenItHappensAndPagesTheNurse() {
        try (MonitorFixture f = thresholdWithANurse().build()) {
            f.replay(desaturating("bed-4"));

            Alert raised = f.assertRaisedBy("bed-4", SPO2_THRESHOLD.atLeast(Severity.CRITICAL), T0.plus(Duration.ofMinutes(5)));
            assertThat(raised.raisedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            Notification page = f.assertPagedToLevelBy("bed-4", 1, T0.plus(Duration.ofMinutes(5)));
            assertThat(page.recipient().id()).isEqualTo("nurse");
            assertThat(f.channel("push").received()).containsExactly(page);
            f.assertNotPagedBeyond("bed-4", 1);
        }
    }

    @Test
    void raisedByFailsWhenTheAlertCameLateAndSaysWhen() {
        try (MonitorFixture f = thresholdWithANurse().build()) {
            f.replay(desaturating("bed-4"));

            assertThatThrownBy(() -> f.assertRaisedBy("bed-4", SPO2_THRESHOLD, T0.plus(Duration.ofMinutes(4))))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the first was raised only at 2026-11-25T08:05:00Z")
                    .hasMessageContaining("threshold/SPO2 CRITICAL at 2026-11-25T08:05:00Z");
        }
    }

    @Test
    void raisedByOnAClockThatHasNotGotThereSaysSo() {
        try (MonitorFixture f = MonitorFixture.builder().packs("threshold").build()) {
            f.submit(Observation.builder("bed-1", T0).spo2(97).build());

            assertThatThrownBy(() -> f.assertRaisedBy("bed-1", SPO2_THRESHOLD, T0.plus(Duration.ofHours(1))))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but none was")
                    .hasMessageContaining("the monitor clock is only at 2026-11-25T08:00:00Z");
        }
    }

    @Test
    void neverRaisedNamesTheAlertThatWas() {
        try (MonitorFixture f = MonitorFixture.builder().packs("threshold").build()) {
            f.replay(desaturating("bed-4"), VitalsScenario.patient("bed-5", T0).set(Vital.SPO2, 97).hold(Duration.ofMinutes(7)));

            f.assertNeverRaised("bed-5", AlertMatcher.any());
            assertThatThrownBy(() -> f.assertNeverRaised("bed-4", SPO2_THRESHOLD))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("RAISED alert-")
                    .hasMessageContaining("bed-4 threshold/SPO2 CRITICAL");
        }
    }

    @Test
    void aBrokenExpectationFailsTheSubmitThatBrokeItOnTheTestThread() {
        MonitorFixture f = MonitorFixture.builder().packs("threshold").build();
        f.alerts().never("a critical alert for bed-4", e -> e.alert().severity() == Severity.CRITICAL);
        f.submit(Observation.builder("bed-4", T0).spo2(97).build());

        assertThatThrownBy(() -> f.submit(Observation.builder("bed-4", T0.plusSeconds(10)).spo2(84).build()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected never a critical alert for bed-4, but got RAISED");
        // Thrown once: closing after the test already failed on it does not throw it again.
        f.close();
        assertThat(f.alerts().failures()).hasSize(1);
    }

    @Test
    void anAssertionFromAnyLibraryInsideTheListenerReachesTheTest() {
        MonitorFixture f = MonitorFixture.builder().packs("threshold").build();
        f.alerts().expectEach("every alert names its vital in the message",
                e -> assertThat(e.alert().message()).contains("heart rate"));

        assertThatThrownBy(() -> f.submit(Observation.builder("bed-4", T0).spo2(84).build()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("every alert names its vital in the message")
                .hasMessageContaining("bed-4 threshold/SPO2");
        f.close();
    }

    @Test
    void anEscalationClimbsToLevelTwoAndNoFurtherWhenAcknowledged() {
        try (MonitorFixture f = MonitorFixture.builder().packs("threshold")
                .paging(p -> p.escalation(EscalationChain.defaults(), roster()), "push").build()) {
            f.replay(VitalsScenario.patient("bed-2", T0).every(Duration.ofSeconds(10)).set(Vital.SPO2, 84)
                    .hold(Duration.ofSeconds(160)));
            f.monitor().acknowledgeIncident(f.monitor().incidents().get(0).incidentId(), "charge.nurse", "on it");
            f.replay(VitalsScenario.patient("bed-2", T0.plusSeconds(160)).every(Duration.ofSeconds(10))
                    .set(Vital.SPO2, 84).hold(Duration.ofMinutes(10)));

            f.assertPagedToLevelBy("bed-2", 2, T0.plusSeconds(120));
            f.assertNotPagedBeyond("bed-2", 2);
            assertThatThrownBy(() -> f.assertPagedToLevelBy("bed-2", 3, f.now()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("L1 raised to bedside-nurse at 2026-11-25T08:00:00Z")
                    .hasMessageContaining("L2 escalated to charge-nurse at 2026-11-25T08:02:00Z");
        }
    }

    @Test
    void aFixtureOnTheSameJournalExpectsTheRestoredAlertsEvents(@TempDir Path dir) throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        try (MonitorFixture first = MonitorFixture.builder().packs("threshold").journal(FileJournal.open(journal)).build()) {
            first.replay(desaturating("bed-4"));
            assertThat(first.monitor().openAlerts()).hasSize(1);
        }
        // Restored open: its resolution after the restart is no lifecycle violation.
        try (MonitorFixture second = MonitorFixture.builder().packs("threshold").journal(FileJournal.open(journal)).build()) {
            assertThatThrownBy(() -> second.advanceBy(Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("the monitor clock has not started yet");
            second.advanceTo(T0.plus(Duration.ofMinutes(8)));
            second.monitor().discharge("bed-4");
            second.advanceBy(Duration.ofMinutes(1));
            assertThat(second.alerts().events(AlertEventType.RESOLVED)).hasSize(1);
            assertThat(second.alerts().failures()).isEmpty();
        }
    }

    @Test
    void misconfigurationIsRefusedNamingIt() {
        assertThatThrownBy(() -> MonitorFixture.builder().packs("threshold").packs("news2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("config (or packs) was already set");
        assertThatThrownBy(() -> MonitorFixture.builder().paging(p -> p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one channel name");
        try (MonitorFixture f = MonitorFixture.builder().packs("threshold").build()) {
            assertThatThrownBy(() -> f.channel("sms"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no recording channel 'sms'");
        }
    }

    static Roster roster() {
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        return Roster.builder()
                .person("dr-silva", "Dr Silva", ContactPoint.of("push", "tok-silva"))
                .person("dr-costa", "Dr Costa", ContactPoint.of("push", "tok-costa"))
                .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "tok-bn"))
                .role("charge-nurse", "Charge nurse", ContactPoint.of("push", "tok-cn"))
                .role("rapid-response-team", "RRT", ContactPoint.of("push", "tok-rrt"))
                .schedule(OnCallSchedule.builder("ward-physician", zone)
                        .rotation(Rotation.daily("wp", LocalDate.of(2026, 1, 1), LocalTime.of(7, 0), List.of("dr-silva"))).build())
                .schedule(OnCallSchedule.builder("intensive-care", zone)
                        .rotation(Rotation.daily("icu", LocalDate.of(2026, 1, 1), LocalTime.of(7, 0), List.of("dr-costa"))).build())
                .build();
    }
}
