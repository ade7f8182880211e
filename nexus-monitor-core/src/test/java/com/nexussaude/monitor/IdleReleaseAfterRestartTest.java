package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.InMemoryJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A patient whose feed was lost before a restart is still released once idle: the restored signal-loss
 * watch makes it a monitored patient again, last seen at its last reading, so its lost feed is not
 * re-signalled for ever.
 */
class IdleReleaseAfterRestartTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Duration IDLE = Duration.ofHours(1);

    VitalMonitor monitor(InMemoryJournal journal, AlertListener listener) {
        return VitalMonitor.builder().journal(journal).idlePatientRelease(IDLE).unknownPatients(UnknownPatientPolicy.ACCEPT)
                .listener(listener).listenerExecutor(Runnable::run).build();
    }

    @Test
    void aPatientLostBeforeARestartIsReleasedAnIdleTimeAfterItsLastReading() {
        InMemoryJournal journal = new InMemoryJournal();
        Instant last = T0.plusSeconds(300);
        try (VitalMonitor first = monitor(journal, new RecordingListener())) {
            for (int s = 0; s <= 300; s += 5) {
                first.submit(Observation.builder("bed-7", T0.plusSeconds(s)).heartRate(80).spo2(97).respiratoryRate(16).build());
            }
            first.advanceTo(last.plusSeconds(600)); // its feed is lost: signal-loss alerts open
            assertThat(first.openAlerts()).extracting(Alert::ruleId).contains("signal-loss");
        }

        // A plain list: the restored alerts' updates reach it without their raise (heard by the first run).
        List<AlertEvent> heard = new CopyOnWriteArrayList<>();
        try (VitalMonitor second = monitor(new InMemoryJournal(journal.records()), heard::add)) {
            second.advanceTo(last.plus(Duration.ofMinutes(30)));
            assertThat(second.releasedPatients()).isZero();
            second.advanceTo(last.plus(IDLE).plusSeconds(10));
            assertThat(second.releasedPatients()).isEqualTo(1);
            assertThat(heard).filteredOn(e -> e.type() == AlertEventType.RAISED && e.alert().ruleId().equals("monitoring-ended"))
                    .singleElement().satisfies(e -> assertThat(e.alert().raisedAt()).isEqualTo(last.plus(IDLE)));
            assertThat(second.openAlerts()).extracting(Alert::ruleId).containsExactly("monitoring-ended");
            long signals = second.stats().signals();
            second.advanceTo(last.plus(IDLE).plus(Duration.ofHours(1)));
            assertThat(second.stats().signals()).as("nothing re-signals the released feed").isEqualTo(signals);
        }
    }
}
