package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on {@link FileJournal}, plus what is particular to a file: format, opening, locking. */
class FileJournalTest extends AlertJournalContractTest {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("alerts.journal");
    }

    @Override
    protected AlertJournal newJournal() {
        return FileJournal.open(file());
    }

    @Override
    protected AlertJournal reopen(AlertJournal journal) {
        journal.close();
        return FileJournal.open(((FileJournal) journal).file());
    }

    @Test
    void eachRecordIsOneChecksummedLineOfReadableJson() throws Exception {
        journal.recover();
        journal.append(new JournalRecord(1, T0, "alert.acknowledged", "bed-12", "a-41", null, "nurse.ana",
                "at bedside", Map.of("state", "ACKNOWLEDGED")));
        journal.append(new JournalRecord(2, T0.plusMillis(1500), "silence.created", null, null, null, null, null, null));
        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("[0-9a-f]{8} \\{.*}").endsWith(
                " {\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"alert.acknowledged\",\"patientId\":\"bed-12\","
                        + "\"alertId\":\"a-41\",\"actor\":\"nurse.ana\",\"reason\":\"at bedside\","
                        + "\"data\":{\"state\":\"ACKNOWLEDGED\"},\"prev\":\"-\"}");
        // null fields and empty data are left out; each line names the checksum of the line before it (format 3)
        assertThat(lines.get(1)).endsWith(" {\"seq\":2,\"at\":\"2026-11-25T08:00:01.500Z\",\"type\":\"silence.created\","
                + "\"prev\":\"" + lines.get(0).substring(0, 8) + "\"}");
        for (String line : lines) {
            String json = line.substring(9);
            CRC32C crc = new CRC32C();
            crc.update(json.getBytes(StandardCharsets.UTF_8));
            assertThat(line.substring(0, 8)).isEqualTo(String.format("%08x", crc.getValue()));
            JsonNode node = new ObjectMapper().readTree(json);
            assertThat(node.get("seq").isIntegralNumber()).isTrue();
        }
        assertThat(Files.readString(file())).endsWith("}\n");
    }

    @Test
    void theExampleLinesInJournalMdAreValidRecords() throws Exception {
        // Surefire runs in the module directory, where JOURNAL.md is.
        List<String> examples = Files.readAllLines(Path.of("JOURNAL.md")).stream()
                .filter(l -> l.matches("[0-9a-f]{8} \\{.*")).toList();
        assertThat(examples).hasSize(2);
        for (String line : examples) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(LineCodec.decode(bytes, bytes.length).patientId()).isEqualTo("bed-12");
        }
    }

    @Test
    void aMissingFileInMissingDirectoriesIsAFreshJournal() {
        Path deep = dir.resolve("ward-3/2026/alerts.journal");
        try (FileJournal j = FileJournal.open(deep)) {
            assertThat(j.recover().records()).isEmpty();
            j.append(rec(1, T0, "x", null, null, null));
        }
        assertThat(deep).isRegularFile();
    }

    @Test
    void anEmptyFileIsAFreshJournal() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.journal"));
        try (FileJournal j = FileJournal.open(empty)) {
            Recovery r = j.recover();
            assertThat(r.records()).isEmpty();
            assertThat(r.problems()).isEmpty();
        }
    }

    @Test
    void aFileThatCannotBeOpenedFailsNamingThePath() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("not-a-file"));
        assertThatThrownBy(() -> FileJournal.open(directory)).isInstanceOf(JournalException.class)
                .hasMessageStartingWith("cannot open journal (file " + directory + "): ")
                .satisfies(e -> assertThat(((JournalException) e).file()).contains(directory));

        Path underAFile = Files.createFile(dir.resolve("plain")).resolve("alerts.journal");
        assertThatThrownBy(() -> FileJournal.open(underAFile)).isInstanceOf(JournalException.class)
                .hasMessageContaining(underAFile.toString()).hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aSecondJournalOnTheSameFileIsRefusedUntilTheFirstIsClosed() {
        assertThatThrownBy(() -> FileJournal.open(file())).isInstanceOf(JournalException.class)
                .hasMessageContaining("already open").hasMessageContaining(file().toString());
        journal.close();
        FileJournal second = FileJournal.open(file());
        second.close();
    }

    @Test
    void theBuilderDefaultsToFsyncEveryRecordAndTakesEachSettingOnce() {
        assertThat(((FileJournal) journal).fsyncPolicy()).isEqualTo(FsyncPolicy.EVERY_RECORD)
                .isEqualTo(FileJournal.DEFAULT_FSYNC);
        assertThatThrownBy(() -> FileJournal.builder(file()).fsync(FsyncPolicy.OS_BUFFERED).fsync(FsyncPolicy.EVERY_RECORD))
                .isInstanceOf(IllegalStateException.class).hasMessage("fsync was already set to OS_BUFFERED");
    }

    @Test
    void osBufferedJournalsHoldTheSameRecords() {
        journal.close();
        List<JournalRecord> written = List.of(rec(1, T0, "alert.raised", "p1", "a1", null),
                rec(2, T0.plusSeconds(1), "alert.resolved", "p1", "a1", null));
        try (FileJournal j = FileJournal.builder(file()).fsync(FsyncPolicy.OS_BUFFERED).build()) {
            assertThat(j.fsyncPolicy()).isEqualTo(FsyncPolicy.OS_BUFFERED);
            j.recover();
            written.forEach(j::append);
            assertThat(j.query(JournalQuery.builder().alertId("a1").build())).isEqualTo(written);
        }
        journal = FileJournal.open(file());
        assertThat(journal.recover().records()).isEqualTo(written);
    }

    @Test
    void aRecordTooLongForALineIsRefusedAndTheJournalStaysUsable() {
        journal.recover();
        JournalRecord huge = new JournalRecord(1, T0, "x", null, null, null, null, null,
                Map.of("blob", "x".repeat(FileJournal.MAX_LINE_BYTES)));
        assertThatThrownBy(() -> journal.append(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than the maximum of 1048576");
        journal.append(rec(1, T0, "x", null, null, null));
        assertThat(journal.query(JournalQuery.all())).hasSize(1);
    }

    @Test
    void aQueryNoticesARecordChangedUnderneathByAnotherProgram() throws Exception {
        journal.recover();
        journal.append(rec(1, T0, "alert.raised", "p1", "a1", null));
        try (RandomAccessFile other = new RandomAccessFile(file().toFile(), "rw")) {
            other.seek(20);
            other.write('#');
        }
        assertThatThrownBy(() -> journal.query(JournalQuery.all())).isInstanceOf(JournalException.class)
                .hasMessageContaining("record at byte offset 0 no longer reads back (checksum mismatch")
                .hasMessageContaining(file().toString());
    }

    /**
     * A write that fails (here the device's "No space left on device", injected where the write would
     * be made) leaves nothing behind, and the journal accepts the same record again once the fault has
     * cleared: a failed append is retried, not the end of the journal.
     */
    @Test
    void aFailedWriteLeavesNothingBehindAndTheRetryOfTheSameRecordIsAppended() throws Exception {
        FileJournal fj = (FileJournal) journal;
        fj.recover();
        JournalRecord first = new JournalRecord(1, T0, "alert.raised", "bed-1", "a-1", null, null, null, Map.of("n", 1));
        JournalRecord second = new JournalRecord(2, T0.plusSeconds(1), "incident.opened", "bed-1", "a-1", "i-1", null, null,
                Map.of("n", 2));
        fj.append(first);
        long sizeBefore = Files.size(file());
        fj.failNextWrite(new java.io.IOException("No space left on device"));
        assertThatThrownBy(() -> fj.append(second)).isInstanceOf(JournalException.class)
                .hasMessageContaining("seq 2").hasMessageContaining("retry").hasMessageContaining(file().toString());
        assertThat(Files.size(file())).isEqualTo(sizeBefore);
        assertThat(fj.query(JournalQuery.all())).containsExactly(first);

        fj.append(second);
        fj.append(new JournalRecord(3, T0.plusSeconds(2), "notification.submitted", "bed-1", "a-1", "i-1", null, null, null));
        assertThat(fj.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
        journal = reopen(fj);
        Recovery r = journal.recover();
        assertThat(r.clean()).isTrue();
        assertThat(r.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
    }
}
