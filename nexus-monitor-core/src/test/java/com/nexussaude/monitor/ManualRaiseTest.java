package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link VitalMonitor#raise}: an alert on a person's word, through the same lifecycle as a rule's. */
class ManualRaiseTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void aPersonsAlertIsRaisedOnceJournalledWithWhoAndWhyAndLivesUntilItsTtl() {
        InMemoryJournal journal = new InMemoryJournal();
        List<AlertEvent> events = new ArrayList<>();
        try (VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(journal).listener(events::add).listenerExecutor(Runnable::run).build()) {
            m.submit(Observation.builder("bed-7", T0).heartRate(80).build());
            Alert a = m.raise("bed-7", "manual", null, Severity.HIGH, Category.PHYSIOLOGICAL, "looks grey, clammy",
                    Map.of("note", "family worried"), Duration.ofHours(24), "nurse.ana", "clinical concern");
            assertThat(a.state()).isEqualTo(AlertState.OPEN);
            assertThat(a.ruleId()).isEqualTo("manual");
            assertThat(a.incidentId()).isNotNull();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
                assertThat(e.actor()).isEqualTo("nurse.ana");
                assertThat(e.reason()).isEqualTo("clinical concern");
            });
            JournalRecord raised = m.history(JournalQuery.builder().alertId(a.alertId()).types("alert.raised").build())
                    .get(0);
            assertThat(raised.actor()).isEqualTo("nurse.ana");
            assertThat(raised.reason()).isEqualTo("clinical concern");

            // The same patient, rule and key again updates the alert instead of raising a second one.
            Alert again = m.raise("bed-7", "manual", null, Severity.CRITICAL, Category.PHYSIOLOGICAL, "now drowsy",
                    Map.of(), Duration.ofHours(24), "dr.silva", "escalating");
            assertThat(again.alertId()).isEqualTo(a.alertId());
            assertThat(again.severity()).isEqualTo(Severity.CRITICAL);

            // Not signalled again, it stays active well past the rules' default ttl of 2 min.
            m.submit(Observation.builder("bed-7", T0.plus(Duration.ofHours(2))).heartRate(80).build());
            assertThat(m.alert(a.alertId())).isNotNull();
            m.resolve(a.alertId(), "dr.silva", "reviewed");
            // alert(id) finds recently resolved alerts too (since 0.2).
            assertThat(m.alert(a.alertId()).state()).isEqualTo(AlertState.RESOLVED);
        }
    }

    @Test
    void whoAndWhyAreRequired() {
        try (VitalMonitor m = VitalMonitor.builder().build()) {
            assertThatThrownBy(() -> m.raise("bed-7", "manual", null, Severity.HIGH, Category.PHYSIOLOGICAL, "x",
                    Map.of(), Duration.ofHours(1), " ", "why")).hasMessage("actor is required, but was blank");
            assertThatThrownBy(() -> m.raise("bed-7", "manual", null, Severity.HIGH, Category.PHYSIOLOGICAL, "x",
                    Map.of(), Duration.ZERO, "me", "why")).hasMessage("ttl must be positive, but was PT0S");
        }
    }
}
