package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up phase's contract ({@link VitalMonitor.Builder#warmUp(boolean)}): a warm-up alone raises,
 * journals, announces and pages nothing; people's actions during it throw; it ends once; and
 * {@link VitalMonitor#warmUpWindow()} covers the deployed packs' look-back. That a warmed-up monitor then
 * continues exactly like the one that wrote the journal is {@link WarmUpEquivalenceTest}.
 */
class WarmUpTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    final EscalationPagingTest.Recorder push = new EscalationPagingTest.Recorder("push");
    final EscalationPagingTest.Recorder sms = new EscalationPagingTest.Recorder("sms");
    final RecordingListener listener = new RecordingListener();
    final List<ScoreEvent> scores = new ArrayList<>();
    final List<IncidentEvent> incidentEvents = new ArrayList<>();
    final List<VitalMonitor> monitors = new ArrayList<>();

    VitalMonitor monitor(InMemoryJournal journal, boolean warmUp) {
        VitalMonitor m = VitalMonitor.builder()
                .paging(Paging.builder().channel(push).channel(sms)
                        .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                .journal(journal).warmUp(warmUp)
                .listener(listener).scoreListener(scores::add).incidentListener(incidentEvents::add)
                .listenerExecutor(Runnable::run).build();
        monitors.add(m);
        return m;
    }

    @AfterEach
    void close() {
        monitors.forEach(VitalMonitor::close);
    }

    /** A deteriorating patient: SpO2 84, HR 135, RR 28 every 5 s; NEWS2 charted once. */
    static void deteriorating(VitalMonitor m, long fromSecond, long toSecond) {
        for (long s = fromSecond; s <= toSecond; s += 5) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).heartRate(135).respiratoryRate(28)
                    .systolicBp(95).temperature(38.6).consciousness(Consciousness.ALERT).supplementalOxygen(false).build());
        }
    }

    @Test
    void aWarmUpAloneRaisesJournalsAnnouncesAndPagesNothing() {
        InMemoryJournal journal = new InMemoryJournal();
        VitalMonitor m = monitor(journal, true);
        assertThat(m.warmingUp()).isTrue();
        deteriorating(m, 0, 600);
        m.advanceTo(T0.plusSeconds(602)); // timers fire in the rules, not in the lifecycle

        assertThat(listener.events).isEmpty();
        assertThat(incidentEvents).isEmpty();
        assertThat(scores).isEmpty();
        assertThat(push.received).isEmpty();
        assertThat(sms.received).isEmpty();
        assertThat(journal.records()).isEmpty();
        assertThat(m.openAlerts()).isEmpty();
        assertThat(m.incidents()).isEmpty();
        assertThat(m.stats().accepted()).isEqualTo(121);

        // The rules were filled all the same: the first live observation finds the episode under way.
        m.endWarmUp();
        assertThat(m.warmingUp()).isFalse();
        deteriorating(m, 605, 605);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId())
                .contains("threshold", "news2");
        assertThat(listener.events).allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(605)));
        assertThat(push.received).isNotEmpty();
        assertThat(journal.records()).isNotEmpty();
    }

    @Test
    void aWarmUpOnARestoredJournalLeavesTheRestoredLifecycleAsItWas() {
        InMemoryJournal first = new InMemoryJournal();
        VitalMonitor a = monitor(first, false);
        deteriorating(a, 0, 200); // raised at 0 (L1), L2 paged at 120 s; L3 due at 240 s
        List<Alert> open = a.openAlerts();
        List<Incident> incidents = a.incidents();
        List<JournalRecord> asOfCut = first.records();
        int pagesBefore = push.received.size();
        listener.events.clear();

        InMemoryJournal second = new InMemoryJournal(asOfCut);
        VitalMonitor b = monitor(second, true);
        deteriorating(b, 0, 200);
        // Restored escalations do not step, restored alerts neither resolve nor change; nothing is journalled.
        assertThat(b.openAlerts()).extracting(Alert::alertId, Alert::severity, Alert::state)
                .containsExactlyElementsOf(open.stream().map(x -> org.assertj.core.groups.Tuple.tuple(x.alertId(),
                        x.severity(), x.state())).toList());
        assertThat(b.incidents()).extracting(Incident::incidentId)
                .containsExactlyElementsOf(incidents.stream().map(Incident::incidentId).toList());
        assertThat(listener.events).isEmpty();
        assertThat(push.received).hasSize(pagesBefore);
        assertThat(second.records()).hasSameSizeAs(asOfCut);
    }

    /**
     * A host that replays less than it should leaves a restored alert's signals after its last
     * record unreplayed, so its journalled deadline may have passed when the warm-up ends: it gets a full ttl
     * from then rather than resolving as stale because of the failover.
     */
    @Test
    void aRestoredAlertWhoseDeadlinePassedUnreplayedGetsAFullTtlAtTheEndOfTheWarmUp() {
        InMemoryJournal first = new InMemoryJournal();
        VitalMonitor a = monitor(first, false);
        deteriorating(a, 0, 200);
        Alert threshold = a.openAlerts().stream().filter(x -> x.ruleId().equals("threshold") && "SPO2".equals(x.key())).findFirst()
                .orElseThrow();
        assertThat(threshold.lastSeenAt()).isEqualTo(T0.plusSeconds(200)); // signalled to the end, journalled earlier

        VitalMonitor b = monitor(new InMemoryJournal(first.records()), true);
        listener.alreadyOpen(b.openAlerts());
        // The host replays only another patient's last reading: bed 2's signals after the alert's record are lost.
        b.submit(Observation.builder("bed-9", T0.plusSeconds(200)).heartRate(70).build());
        Alert restored = b.openAlerts().stream().filter(x -> x.alertId().equals(threshold.alertId())).findFirst()
                .orElseThrow();
        assertThat(restored.lastSeenAt()).isBefore(T0.plusSeconds(200).minus(Duration.ofMinutes(2)));
        listener.events.clear();
        b.endWarmUp();
        b.advanceTo(T0.plusSeconds(260));
        assertThat(listener.of(AlertEventType.RESOLVED)).extracting(e -> e.alert().alertId())
                .doesNotContain(threshold.alertId());
        assertThat(b.openAlerts()).extracting(Alert::alertId).contains(threshold.alertId());
        assertThat(b.openAlerts()).filteredOn(x -> x.alertId().equals(threshold.alertId())).singleElement()
                .satisfies(x -> assertThat(x.lastSeenAt()).isEqualTo(T0.plusSeconds(200)));
    }

    @Test
    void peoplesActionsDuringTheWarmUpThrowAndChangeNothing() {
        InMemoryJournal first = new InMemoryJournal();
        VitalMonitor a = monitor(first, false);
        deteriorating(a, 0, 60);
        String alertId = a.openAlerts().get(0).alertId();
        String incidentId = a.incidents().get(0).incidentId();
        InMemoryJournal second = new InMemoryJournal(first.records());
        VitalMonitor b = monitor(second, true);
        deteriorating(b, 0, 60);
        int records = second.records().size();

        List<Runnable> actions = List.of(
                () -> b.acknowledge(alertId, "nurse.ana", "on it"),
                () -> b.acknowledgeAndReport(alertId, "nurse.ana", "on it"),
                () -> b.acknowledgeIncident(incidentId, "nurse.ana", "on it"),
                () -> b.resolve(alertId, "nurse.ana", "checked"),
                () -> b.raise("bed-2", "nurse-concern", null, Severity.HIGH, Category.PHYSIOLOGICAL, "looks unwell",
                        Map.of(), Duration.ofMinutes(30), "nurse.ana", "worried"),
                () -> b.silence(Silence.builder().patient("bed-2").until(T0.plusSeconds(600)).by("nurse.ana")
                        .because("in transport").build()),
                () -> b.expireSilence("silence-000001", "nurse.ana", "back"),
                () -> b.discharge("bed-2"));
        for (Runnable action : actions) {
            assertThatThrownBy(action::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not allowed during the warm-up").hasMessageContaining("endWarmUp()");
        }
        assertThat(second.records()).hasSize(records);
        assertThat(b.openAlerts()).extracting(Alert::state).doesNotContain(AlertState.ACKNOWLEDGED);

        b.endWarmUp();
        assertThat(b.acknowledge(alertId, "nurse.ana", "on it").state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void theWarmUpEndsOnceAndOnlyOnAMonitorBuiltToWarmUp() {
        VitalMonitor plain = monitor(new InMemoryJournal(), false);
        assertThat(plain.warmingUp()).isFalse();
        assertThatThrownBy(plain::endWarmUp).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not built to warm up");

        VitalMonitor warming = monitor(new InMemoryJournal(), true);
        deteriorating(warming, 0, 10);
        warming.endWarmUp();
        assertThatThrownBy(warming::endWarmUp).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already ended");
        assertThat(warming.warmingUp()).isFalse();
    }

    @Test
    void aLiveMonitorCannotWarmUp() {
        VitalMonitor.Builder b = VitalMonitor.builder().clock(MonitorClock.live()).warmUp(true);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("event time");
    }

    @Test
    void warmUpObservationsOlderThanTheJournalAreNotLate() {
        InMemoryJournal first = new InMemoryJournal();
        VitalMonitor a = monitor(first, false);
        deteriorating(a, 0, 3600);
        VitalMonitor b = monitor(new InMemoryJournal(first.records()), true);
        deteriorating(b, 0, 3600); // from an hour before the journal's last record
        assertThat(b.stats().late()).isZero();
        assertThat(b.stats().accepted()).isEqualTo(a.stats().accepted());
    }

    /**
     * The window, derived from the packs' settings: with every pack and no idle release, the longest is
     * 12 h (news2_stale_oxygen_ms, news2_stale_acvpu_ms, corr_consciousness_stale_min), plus a minute.
     */
    @Test
    void theWarmUpWindowCoversTheDeployedPacksTheIdleReleaseAndWhatTheHostAsks() {
        VitalMonitor defaults = VitalMonitor.builder().build();
        monitors.add(defaults);
        assertThat(defaults.warmUpWindow()).isEqualTo(Duration.ofHours(16).plusMinutes(1)); // the idle release

        VitalMonitor packsOnly = VitalMonitor.builder().idlePatientRelease(null).build();
        monitors.add(packsOnly);
        assertThat(packsOnly.warmUpWindow()).isEqualTo(Duration.ofHours(12).plusMinutes(1));

        VitalMonitor longerOxygen = VitalMonitor.builder().idlePatientRelease(null)
                .config(MonitorConfig.builder().packSetting("news2_stale_oxygen_ms", 24 * 3_600_000L).build()).build();
        monitors.add(longerOxygen);
        assertThat(longerOxygen.warmUpWindow()).isEqualTo(Duration.ofHours(24).plusMinutes(1));

        // Of the threshold, technical and trend packs the longest is the threshold pack's temperature episode,
        // kept 6 h without a new reading (PersistencePolicy staleAfter), beyond the trend's 4 h regression.
        VitalMonitor trend = VitalMonitor.builder().idlePatientRelease(null)
                .config(MonitorConfig.builder().packs(Set.of("threshold", "technical", "trend")).build()).build();
        monitors.add(trend);
        assertThat(trend.warmUpWindow()).isEqualTo(Duration.ofHours(6).plusMinutes(1));

        VitalMonitor asked = VitalMonitor.builder().warmUpWindow(Duration.ofHours(48)).build();
        monitors.add(asked);
        assertThat(asked.warmUpWindow()).isEqualTo(Duration.ofHours(48));
        assertThatThrownBy(() -> VitalMonitor.builder().warmUpWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmUpWindow");
    }
}
