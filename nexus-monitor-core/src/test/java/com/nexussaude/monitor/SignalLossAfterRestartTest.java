package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.FileJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technical pack's signal watch is Esper state, not journalled: after a restart a restored
 * patient's vitals are watched again, so a feed that stopped before or during the restart still has
 * (or gets) its signal-loss alert. The kill is a copy of the journal while the first monitor runs.
 */
class SignalLossAfterRestartTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    VitalMonitor monitorOn(Path journal) {
        VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "technical")).build())
                .journal(FileJournal.open(journal)).listenerExecutor(Runnable::run).build();
        toClose.add(m);
        return m;
    }

    static List<Alert> signalLoss(VitalMonitor m, String patient) {
        return m.openAlerts().stream().filter(a -> a.ruleId().equals("signal-loss") && a.patientId().equals(patient))
                .toList();
    }

    @Test
    void aSignalLostBeforeTheRestartStaysAlertedAfterIt() throws IOException {
        Path journal = dir.resolve("alerts.journal");
        VitalMonitor first = monitorOn(journal);
        for (int s = 0; s <= 30; s++) {
            first.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(80).build());
        }
        first.advanceTo(T0.plusSeconds(120));
        assertThat(signalLoss(first, "bed-1")).singleElement().extracting(Alert::key).isEqualTo("HEART_RATE");
        Path crashImage = Files.copy(journal, dir.resolve("after-kill.journal"));

        VitalMonitor second = monitorOn(crashImage);
        assertThat(signalLoss(second, "bed-1")).hasSize(1);
        // The monitor runs again at 20 min, and ten minutes later there is still no reading: the alert is
        // still open (not resolved as stale once the 2 min ttl of its restore has passed), and current.
        second.advanceTo(T0.plusSeconds(20 * 60));
        second.advanceTo(T0.plusSeconds(30 * 60));
        assertThat(signalLoss(second, "bed-1")).singleElement().satisfies(a ->
                assertThat(a.message()).contains("no reading for 1770 s"));
        // The feed comes back: the alert clears.
        for (int s = 0; s <= 120; s++) {
            second.submit(Observation.builder("bed-1", T0.plusSeconds(30 * 60 + s)).heartRate(80).build());
        }
        assertThat(signalLoss(second, "bed-1")).isEmpty();
    }

    @Test
    void aFeedThatStopsDuringTheRestartRaisesSignalLossAfterIt() throws IOException {
        Path journal = dir.resolve("alerts.journal");
        VitalMonitor first = monitorOn(journal);
        for (int s = 0; s <= 60; s++) {
            first.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(84).build());
        }
        assertThat(first.openAlerts()).extracting(Alert::ruleId).contains("threshold");
        Path crashImage = Files.copy(journal, dir.resolve("after-kill.journal"));

        VitalMonitor second = monitorOn(crashImage);
        // The monitor runs again (another patient's data moves the clock); bed-2 never sends again.
        for (int s = 0; s <= 180; s++) {
            second.submit(Observation.builder("bed-3", T0.plusSeconds(300 + s)).heartRate(70).build());
        }
        assertThat(signalLoss(second, "bed-2")).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("SPO2");
            assertThat(a.category()).isEqualTo(com.nexussaude.monitor.notify.Category.TECHNICAL);
        });
    }
}
