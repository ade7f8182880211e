package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileJournal.Builder#fsyncListener}: one report per append's fsync, and never in the way of an append. */
class FileJournalFsyncListenerTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    @TempDir
    Path dir;

    static JournalRecord record(long seq) {
        return new JournalRecord(seq, T0.plusSeconds(seq), "alert.raised", "bed-1", "a-" + seq, null, null, null, null);
    }

    @Test
    void reportsEachAppendsFsyncUnderEveryRecord() {
        List<Long> times = new CopyOnWriteArrayList<>();
        try (FileJournal j = FileJournal.builder(dir.resolve("a.journal")).fsyncListener(times::add).build()) {
            j.recover();
            j.append(record(1));
            j.append(record(2));
            j.append(record(3));
            assertThat(times).hasSize(3).allMatch(n -> n >= 0);
            assertThat(j.query(JournalQuery.all())).hasSize(3);
        }
    }

    @Test
    void reportsNothingWhenAppendsAreNotForced() {
        List<Long> times = new CopyOnWriteArrayList<>();
        try (FileJournal j = FileJournal.builder(dir.resolve("b.journal")).fsync(FsyncPolicy.OS_BUFFERED)
                .fsyncListener(times::add).build()) {
            j.recover();
            j.append(record(1));
            assertThat(times).isEmpty();
        }
    }

    @Test
    void aFailingListenerDoesNotFailTheAppend() {
        try (FileJournal j = FileJournal.builder(dir.resolve("c.journal")).fsyncListener(n -> {
            throw new IllegalStateException("metrics bug");
        }).build()) {
            j.recover();
            j.append(record(1));
            j.append(record(2));
            assertThat(j.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L, 2L);
        }
    }

    @Test
    void isSetOnce() {
        FileJournal.Builder b = FileJournal.builder(dir.resolve("d.journal")).fsyncListener(n -> { });
        assertThatThrownBy(() -> b.fsyncListener(n -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fsyncListener was already set");
    }
}
