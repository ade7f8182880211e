package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalHealth;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import com.nexussaude.monitor.notify.Category;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A journal that never throws from append but keeps records in a buffer of its own while its store
 * fails (as a database journal does) reports it through {@link AlertJournal#journalHealth()}: the
 * monitor raises journal-failed, is not journalHealthy and counts the backlog, exactly as for failing
 * appends, and clears it all once the journal reports healthy again.
 */
class JournalHealthReportTest {
    /** An in-memory store behind a buffer that holds records while the store is "down". */
    static final class BufferingJournal implements AlertJournal {
        final InMemoryJournal store;
        final Deque<JournalRecord> buffer = new ArrayDeque<>();
        volatile boolean down;

        BufferingJournal(InMemoryJournal store) {
            this.store = store;
        }

        @Override
        public Recovery recover() {
            return store.recover();
        }

        @Override
        public synchronized void append(JournalRecord record) {
            if (down) {
                buffer.addLast(record);
            } else {
                flush();
                store.append(record);
            }
        }

        synchronized void flush() {
            while (!buffer.isEmpty()) {
                store.append(buffer.pollFirst());
            }
        }

        @Override
        public synchronized JournalHealth journalHealth() {
            return buffer.isEmpty() ? JournalHealth.HEALTHY
                    : JournalHealth.degraded(buffer.size(), "store down, " + buffer.size() + " buffered");
        }

        @Override
        public List<JournalRecord> query(JournalQuery query) {
            return store.query(query);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    static VitalMonitor monitor(AlertJournal journal, RecordingListener l) {
        return VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(journal).listener(l).listenerExecutor(Runnable::run).build();
    }

    @Test
    void aJournalReportingBufferedRecordsRaisesTheTechnicalAlertUntilTheyAreStored() {
        InMemoryJournal store = new InMemoryJournal();
        BufferingJournal journal = new BufferingJournal(store);
        RecordingListener listener = new RecordingListener();
        List<JournalRecord> written;
        try (VitalMonitor m = monitor(journal, listener)) {
            m.submit(Observation.builder("bed-4", PagingTest.T0).heartRate(80).build());
            assertThat(m.journalHealthy()).isTrue();
            journal.down = true;
            m.submit(Observation.builder("bed-4", PagingTest.T0.plusSeconds(1)).spo2(80).build());
            assertThat(m.journalHealthy()).isFalse();
            assertThat(m.journalBacklog()).isEqualTo(journal.buffer.size()).isPositive();
            assertThat(m.stats().journalFailures()).isZero();
            assertThat(m.openAlerts()).filteredOn(a -> a.ruleId().equals("journal-failed")).singleElement()
                    .satisfies(a -> {
                        assertThat(a.category()).isEqualTo(Category.TECHNICAL);
                        assertThat(a.patientId()).isEqualTo("bed-4");
                        assertThat(a.message()).contains("store down");
                    });
            // The clinical alert is raised as if nothing were wrong.
            assertThat(m.openAlerts()).extracting(Alert::ruleId).contains("threshold");

            journal.down = false;
            journal.flush();
            for (long s = 2; s <= 60; s++) {
                m.submit(Observation.builder("bed-4", PagingTest.T0.plusSeconds(s)).spo2(80).build());
            }
            assertThat(m.journalHealthy()).isTrue();
            assertThat(m.journalBacklog()).isZero();
            assertThat(m.openAlerts()).extracting(Alert::ruleId).doesNotContain("journal-failed");
            written = store.records();
        }
        for (int i = 0; i < written.size(); i++) {
            assertThat(written.get(i).seq()).isEqualTo(i + 1);
        }
    }

    @Test
    void aJournalFailedAlertRestoredOpenClearsAtTheFirstStepWhenTheJournalWorks() {
        InMemoryJournal store = new InMemoryJournal();
        BufferingJournal journal = new BufferingJournal(store);
        try (VitalMonitor m = monitor(journal, new RecordingListener())) {
            m.submit(Observation.builder("bed-4", PagingTest.T0).heartRate(80).build());
            journal.down = true;
            m.submit(Observation.builder("bed-4", PagingTest.T0.plusSeconds(1)).spo2(80).build());
            assertThat(m.openAlerts()).extracting(Alert::ruleId).contains("journal-failed");
            journal.down = false;
            journal.flush(); // written, but the monitor stops before its next step sees it
        }
        RecordingListener again = new RecordingListener();
        try (VitalMonitor restarted = monitor(new InMemoryJournal(store.records()), again)) {
            again.alreadyOpen(restarted.openAlerts());
            assertThat(restarted.openAlerts()).extracting(Alert::ruleId).contains("journal-failed");
            for (long s = 2; s <= 60; s++) {
                restarted.submit(Observation.builder("bed-4", PagingTest.T0.plusSeconds(s)).heartRate(80).build());
            }
            assertThat(restarted.openAlerts()).extracting(Alert::ruleId).doesNotContain("journal-failed");
            // Cleared at the first observation's time, resolved after the hold: never at time 0.
            assertThat(restarted.history(JournalQuery.builder().types("alert.resolved").build()))
                    .filteredOn(r -> "journal-failed".equals(r.data().get("ruleId"))).singleElement()
                    .satisfies(r -> assertThat(r.at()).isBetween(PagingTest.T0.plusSeconds(32), PagingTest.T0.plusSeconds(60)));
        }
    }

    @Test
    void aHealthReportIsValidated() {
        assertThat(JournalHealth.HEALTHY.healthy()).isTrue();
        assertThat(JournalHealth.degraded(0, "x").healthy()).isFalse();
        assertThatThrownBy(() -> new JournalHealth(-1, "x")).hasMessageContaining("pending must not be negative");
        assertThatThrownBy(() -> new JournalHealth(3, null)).hasMessageContaining("healthy journal has no pending");
        assertThatThrownBy(() -> JournalHealth.degraded(1, null)).isInstanceOf(NullPointerException.class);
    }
}
