package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import com.nexussaude.monitor.notify.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal whose appends fail for a while (a full disk) neither silences a page nor loses history:
 * the records wait and are retried, a technical alert and {@link VitalMonitor#journalHealthy()} say
 * so, and once the disk has room again every record is in the file, in order, and a restart on it
 * restores the same state.
 */
class JournalFaultTest {
    @TempDir
    Path dir;
    final PagingTest.PagerChannel pager = new PagingTest.PagerChannel();
    final RecordingListener listener = new RecordingListener();
    final List<AutoCloseable> toClose = new ArrayList<>();

    /** A real file journal on a disk that can be full: while it is, every append fails as the device makes it. */
    static final class FullDisk implements AlertJournal {
        final FileJournal file;
        volatile boolean full;
        int refused;

        FullDisk(FileJournal file) {
            this.file = file;
        }

        @Override
        public Recovery recover() {
            return file.recover();
        }

        @Override
        public void append(JournalRecord record) {
            if (full) {
                refused++;
                throw new JournalException("cannot append record seq " + record.seq(), file.file(),
                        new IOException("No space left on device"));
            }
            file.append(record);
        }

        @Override
        public List<JournalRecord> query(JournalQuery query) {
            return file.query(query);
        }

        @Override
        public void close() {
            file.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    VitalMonitor monitor(AlertJournal journal, RecordingListener l) {
        VitalMonitor m = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "correlation")).build())
                .paging(Paging.builder().channel(pager).recipient(PagingTest.NURSE).build())
                .journal(journal).listener(l).listenerExecutor(Runnable::run).build();
        toClose.add(m);
        return m;
    }

    @Test
    void aFullDiskDelaysTheHistoryButNeverAPageAndLosesNothingOnceItHasRoomAgain() throws IOException {
        Path path = dir.resolve("alerts.journal");
        FullDisk disk = new FullDisk(FileJournal.open(path));
        VitalMonitor m = monitor(disk, listener);
        assertThat(m.journalHealthy()).isTrue();
        m.submit(Observation.builder("bed-4", PagingTest.T0).heartRate(80).build());

        disk.full = true;
        PagingTest.shock(m, "bed-4", 1, 20);
        // The shock is paged as if nothing were wrong.
        assertThat(pager.pages()).isNotEmpty().allMatch(p -> p.startsWith("raised charge-nurse"));
        assertThat(disk.refused).isPositive();
        assertThat(m.journalHealthy()).isFalse();
        assertThat(m.journalBacklog()).isPositive();
        assertThat(m.journalRecordsLost()).isZero();
        assertThat(m.stats().journalFailures()).isPositive();
        // ...and the operators are told, as a technical condition, never a clinical one.
        assertThat(m.openAlerts()).filteredOn(a -> a.ruleId().equals("journal-failed")).singleElement().satisfies(a -> {
            assertThat(a.category()).isEqualTo(Category.TECHNICAL);
            assertThat(a.patientId()).isEqualTo("bed-4");
            assertThat(a.message()).contains("No space left on device", "wait for retry");
        });

        disk.full = false;
        m.submit(Observation.builder("bed-4", PagingTest.T0.plusSeconds(21)).heartRate(125).build());
        assertThat(m.journalHealthy()).isTrue();
        assertThat(m.journalBacklog()).isZero();
        // The journal-failed alert clears and resolves once the disk has had room for its hold.
        for (long s = 22; s <= 90; s++) {
            m.submit(Observation.builder("bed-4", PagingTest.T0.plusSeconds(s)).heartRate(125).build());
        }
        assertThat(m.openAlerts()).extracting(Alert::ruleId).doesNotContain("journal-failed");

        // Nothing was lost: every seq from 1 on is in the file, in order, and holds every raise and page.
        List<JournalRecord> all = m.history(JournalQuery.all());
        assertThat(all).extracting(JournalRecord::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(all).filteredOn(r -> r.type().equals("alert.raised")).extracting(JournalRecord::alertId)
                .containsExactlyElementsOf(listener.of(AlertEventType.RAISED).stream().map(e -> e.alert().alertId()).toList());
        assertThat(all).filteredOn(r -> r.type().equals("notification.submitted")).hasSize(pager.received.size());

        // A restart on the file (a copy: what a kill leaves) restores the alerts that are open now.
        Path crashImage = Files.copy(path, dir.resolve("after-kill.journal"));
        VitalMonitor second = monitor(FileJournal.open(crashImage), new RecordingListener());
        assertThat(second.journalProblems()).isEmpty();
        assertThat(second.openAlerts()).extracting(Alert::alertId)
                .containsExactlyElementsOf(m.openAlerts().stream().map(Alert::alertId).toList());
    }

    /** A record over the journal's 1 MiB line limit cannot be retried: it is rejected loudly, never dropped silently. */
    @Test
    void aRecordTooLargeForTheJournalIsCountedAsLostAndRaisesTheTechnicalAlert() {
        VitalMonitor m = monitor(FileJournal.open(dir.resolve("alerts.journal")), listener);
        m.submit(Observation.builder("bed-7", PagingTest.T0).heartRate(80).build());
        String huge = "x".repeat(FileJournal.MAX_LINE_BYTES);
        Alert a = m.raise("bed-7", "manual", null, com.nexussaude.monitor.notify.Severity.HIGH, Category.PHYSIOLOGICAL,
                "looks grey", java.util.Map.of("note", huge), java.time.Duration.ofHours(1), "nurse.ana", "concern");
        // The alert is raised and paged all the same.
        assertThat(m.alert(a.alertId())).isNotNull();
        assertThat(pager.pages()).isNotEmpty();
        assertThat(m.journalRecordsLost()).isPositive();
        assertThat(m.journalHealthy()).isFalse();
        assertThat(m.openAlerts()).filteredOn(x -> x.ruleId().equals("journal-failed")).singleElement().satisfies(x -> {
            assertThat(x.category()).isEqualTo(Category.TECHNICAL);
            assertThat(x.message()).contains("more than the maximum of " + FileJournal.MAX_LINE_BYTES, "lost");
        });
        assertThat(m.history(JournalQuery.builder().alertId(a.alertId()).types("alert.raised").build())).isEmpty();
    }
}
