package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of damaged journal files: a crash in the middle of an append, damaged records, records
 * that are well-formed but wrong. Files are damaged by hand, as a crash or a bad disk would.
 */
class FileJournalRecoveryTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("alerts.journal");
    }

    static JournalRecord rec(long seq) {
        return new JournalRecord(seq, T0.plusSeconds(seq), "alert.raised", "p" + seq % 2, "a" + seq, null, "engine",
                "SpO2 below 85%", Map.of("spo2", 80 + seq, "bands", List.of(85, 90)));
    }

    /** Writes records 1..n through a journal and returns the file's bytes. */
    byte[] journalOf(int n) throws Exception {
        try (FileJournal j = FileJournal.open(file())) {
            j.recover();
            for (int s = 1; s <= n; s++) {
                j.append(rec(s));
            }
        }
        return Files.readAllBytes(file());
    }

    /** Byte offset where line {@code line} (1-based) starts. */
    static int lineStart(byte[] bytes, int line) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            while (bytes[offset] != '\n') {
                offset++;
            }
            offset++;
        }
        return offset;
    }

    /** A line with a correct checksum, for content that is wrong in some other way. */
    static String checksummed(String json) {
        CRC32C crc = new CRC32C();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x %s%n", crc.getValue(), json);
    }

    Recovery recover() {
        try (FileJournal j = FileJournal.open(file())) {
            return j.recover();
        }
    }

    /** Appends {@code rec(seq)} to the recovered journal, then checks that the next recovery is clean. */
    void appendThenRecoverCleanly(long seq, List<Long> expectedSeqs) {
        try (FileJournal j = FileJournal.open(file())) {
            j.recover();
            j.append(rec(seq));
        }
        Recovery again = recover();
        assertThat(again.problems()).isEmpty();
        assertThat(again.records()).extracting(JournalRecord::seq).containsExactlyElementsOf(expectedSeqs);
    }

    @Test
    void aLastLineCutAtAnyByteIsReportedCutOffAndLaterAppendsStartClean() throws Exception {
        byte[] whole = journalOf(3);
        int last = lineStart(whole, 3);
        // every length that ends inside the last record: from its first byte to all but its line feed
        for (int cut = last + 1; cut < whole.length; cut++) {
            Files.write(file(), Arrays.copyOf(whole, cut));
            // A crash during the append of seq 3: its append never returned, so the head file (written after
            // an append returns) never named it.
            Files.deleteIfExists(dir.resolve("alerts.journal.head"));

            Recovery r = recover();

            assertThat(r.records()).as("cut at %d", cut).containsExactly(rec(1), rec(2));
            assertThat(r.problems()).hasSize(1);
            JournalProblem p = r.problems().get(0);
            assertThat(p.source()).isEqualTo(file().toString());
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.offset()).isEqualTo(last);
            assertThat(p.message()).startsWith("truncated last line (" + (cut - last) + " bytes without a line feed");
            assertThat(Files.size(file())).isEqualTo(last);
            appendThenRecoverCleanly(3, List.of(1L, 2L, 3L));
            assertThat(Files.readAllBytes(file())).isEqualTo(whole);
        }
        try (var side = Files.list(dir)) {
            // a cut-off tail leaves no side file (the head file records the last append: format 3)
            assertThat(side).containsExactlyInAnyOrder(file(), dir.resolve("alerts.journal.head"));
        }
    }

    @Test
    void aFlippedByteInAMiddleRecordSetsAsideThatRecordOnlyAndTheChainVouchesForTheRest() throws Exception {
        byte[] whole = journalOf(5);
        int third = lineStart(whole, 3);
        byte[] damaged = whole.clone();
        int digit = new String(whole, StandardCharsets.UTF_8).indexOf("\"spo2\":83") + 8;
        damaged[digit] = '4'; // still valid JSON, a different SpO2: only the checksum can tell
        Files.write(file(), damaged);

        Recovery r = recover();

        // Format 3: the next line names the damaged line's checksum, so only it is left out (before: the
        // damaged line and everything after it, half the history for a flip in the middle).
        assertThat(r.records()).containsExactly(rec(1), rec(2), rec(4), rec(5));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.offset()).isEqualTo(third);
            assertThat(p.message()).startsWith("checksum mismatch (line says ")
                    .contains("only this line (seq 3) is left out: the next line's chain names it");
        });
        assertThat(Files.readAllBytes(file())).as("nothing is cut or moved").isEqualTo(damaged);
        assertThat(r.lastSeq()).isEqualTo(5);
        try (FileJournal j = FileJournal.open(file())) {
            j.recover();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> j.append(rec(3)))
                    .isInstanceOf(IllegalArgumentException.class);
            j.append(rec(6));
            assertThat(j.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(1L, 2L, 4L, 5L, 6L);
        }
        Recovery again = recover();
        assertThat(again.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(again.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test
    void twoDamagedLinesInARowCannotBeVouchedForAndMoveAsideWithTheRest() throws Exception {
        byte[] whole = journalOf(5);
        int third = lineStart(whole, 3);
        byte[] damaged = whole.clone();
        damaged[third + 20] ^= 0x02;
        damaged[lineStart(whole, 4) + 20] ^= 0x02;
        Files.write(file(), damaged);

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1), rec(2));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("moved this line and the 2 after it"));
        assertThat(r.lastSeq()).isEqualTo(5);
    }

    @Test
    void aDeletedRecordBreaksTheChainAndIsReportedWhileTheRestIsKept() throws Exception {
        byte[] whole = journalOf(5);
        byte[] cut = new byte[whole.length - (lineStart(whole, 4) - lineStart(whole, 3))];
        System.arraycopy(whole, 0, cut, 0, lineStart(whole, 3));
        System.arraycopy(whole, lineStart(whole, 4), cut, lineStart(whole, 3), whole.length - lineStart(whole, 4));
        Files.write(file(), cut);

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1), rec(2), rec(4), rec(5));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("chain broken: this line (seq 4) follows the line with checksum")
                    .contains("(seq 2): lines were deleted or moved here");
        });
    }

    @Test
    void recordsCutOffTheEndAtALineBoundaryAreDetectedByTheHeadFile() throws Exception {
        byte[] whole = journalOf(5);
        Files.write(file(), Arrays.copyOf(whole, lineStart(whole, 4))); // whole lines gone: looks like a shorter journal

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1), rec(2), rec(3));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("the journal ends at seq 3, but seq 5 was appended (alerts.journal.head): the records after"
                        + " seq 3 were cut off its end. New records continue after seq 5"));
        assertThat(r.lastSeq()).as("seqs 4 and 5 are never given again").isEqualTo(5);
    }

    @Test
    void aJournalReplacedByAnotherWithTheSameSeqsIsDetected() throws Exception {
        journalOf(3);
        byte[] other;
        Path elsewhere = dir.resolve("other/alerts.journal");
        try (FileJournal j = FileJournal.open(elsewhere)) {
            j.recover();
            for (int s = 1; s <= 3; s++) {
                j.append(new JournalRecord(s, T0, "alert.raised", "px", "ax" + s, null, null, null, null));
            }
        }
        other = Files.readAllBytes(elsewhere);
        Files.write(file(), other);

        Recovery r = recover();

        assertThat(r.records()).hasSize(3);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("the record seq 3 in the file has checksum").endsWith("the journal was rewritten or replaced"));
    }

    @Test
    void aJournalOfFormat2WithoutChainOrHeadIsRestoredAsBefore() throws Exception {
        // Lines as 0.3 wrote them: no "prev" field, no head file.
        String l1 = checksummed("{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"journal.opened\",\"data\":{\"format\":2}}");
        String l2 = checksummed("{\"seq\":2,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"alert.raised\",\"alertId\":\"a1\"}");
        String l3 = checksummed("{\"seq\":3,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"step.committed\",\"data\":{\"first\":2,\"count\":1}}");
        Files.writeString(file(), l1 + l2 + l3);

        Recovery r = recover();

        assertThat(r.problems()).isEmpty();
        assertThat(r.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
        // A flipped bit in a format-2 line still moves it and the rest aside: nothing vouches for what follows.
        byte[] damaged = (l1 + l2 + l3).getBytes(StandardCharsets.UTF_8);
        damaged[l1.length() + 20] ^= 0x02;
        Files.write(file(), damaged);
        Files.deleteIfExists(dir.resolve("alerts.journal.head"));
        Recovery again = recover();
        assertThat(again.records()).extracting(JournalRecord::seq).containsExactly(1L);
        assertThat(again.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("and the 1 after it"));
        // Appending to it continues the file with chained lines.
        appendThenRecoverCleanly(4, List.of(1L, 4L));
    }

    @Test
    void theRecoveredJournalAnswersQueriesFromTheGoodPrefixOnly() throws Exception {
        byte[] whole = journalOf(4);
        byte[] damaged = whole.clone();
        damaged[lineStart(whole, 4) + 12] ^= 0x01;
        Files.write(file(), damaged);
        try (FileJournal j = FileJournal.open(file())) {
            assertThat(j.recover().records()).hasSize(3);
            assertThat(j.query(JournalQuery.all())).containsExactly(rec(1), rec(2), rec(3));
            assertThat(j.query(JournalQuery.builder().alertId("a4").build())).isEmpty();
            // The head file says seq 4 was appended: it is never given again, even though its line is unreadable.
            j.append(rec(5));
            assertThat(j.query(JournalQuery.builder().alertId("a5").build())).containsExactly(rec(5));
        }
    }

    @Test
    void invalidJsonWithAValidChecksumIsReported() throws Exception {
        byte[] whole = journalOf(2);
        String bad = checksummed("{\"seq\":3,\"at\":");
        Files.write(file(), (new String(whole, StandardCharsets.UTF_8) + bad + new String(journalLine(4)))
                .getBytes(StandardCharsets.UTF_8));

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1), rec(2));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.offset()).isEqualTo(whole.length);
            assertThat(p.message()).startsWith("invalid JSON: ").contains("and the 1 after it");
        });
        assertThat(Files.readString(dir.resolve("alerts.journal.corrupt-" + whole.length)))
                .isEqualTo(bad + new String(journalLine(4)));
    }

    /** The line FileJournal writes for rec(seq), taken from a scratch journal. */
    byte[] journalLine(long seq) throws Exception {
        Path scratch = dir.resolve("scratch/j");
        try (FileJournal j = FileJournal.open(scratch)) {
            j.recover();
            j.append(rec(seq));
        }
        byte[] line = Files.readAllBytes(scratch);
        Files.delete(scratch);
        Files.delete(scratch.resolveSibling("j.head"));
        return line;
    }

    @Test
    void aLineWithoutAChecksumIsReported() throws Exception {
        Files.writeString(file(), "{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"alert.raised\"}\n");
        assertThat(recover().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.offset()).isZero();
            assertThat(p.message()).startsWith("no checksum prefix (8 hex digits and a space); moved this line (");
        });
        assertThat(Files.size(file())).isZero();
    }

    @Test
    void missingAndIllTypedFieldsAreReported() throws Exception {
        String[][] cases = {
                {"{\"seq\":1,\"type\":\"alert.raised\"}", "missing field \"at\""},
                {"{\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"alert.raised\"}", "missing field \"seq\""},
                {"{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\"}", "missing field \"type\""},
                {"{\"seq\":1.5,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\"}", "field \"seq\" is not a whole number"},
                {"{\"seq\":0,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\"}", "invalid record: seq must be greater than 0"},
                {"{\"seq\":1,\"at\":\"yesterday\",\"type\":\"t\"}", "field \"at\" is not an ISO-8601 instant"},
                {"{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\",\"actor\":7}", "field \"actor\" is not a string"},
                {"{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\",\"data\":[1]}", "field \"data\" is not an object"},
                {"{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\",\"data\":{\"n\":123456789012345678901234}}",
                        "data.n is a whole number outside the range of a long"},
                {"{\"seq\":1,\"seq\":2,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\"}", "invalid JSON: Duplicate field 'seq'"},
                {"{\"seq\":1,\"at\":\"2026-11-25T08:00:00Z\",\"type\":\"t\"} {}", "invalid JSON: "},
                {"[1,2]", "invalid JSON: not an object"},
                {"", "invalid JSON: not an object"},
        };
        for (String[] c : cases) {
            Files.writeString(file(), checksummed(c[0]));
            Recovery r = recover();
            assertThat(r.records()).as(c[0]).isEmpty();
            assertThat(r.problems()).as(c[0]).singleElement()
                    .satisfies(p -> assertThat(p.message()).as(c[0]).startsWith(c[1]));
        }
    }

    @Test
    void aSeqThatDoesNotIncreaseIsReported() throws Exception {
        byte[] whole = journalOf(3);
        Files.write(file(), whole);
        Files.write(file(), journalLine(2), java.nio.file.StandardOpenOption.APPEND);
        Files.write(file(), journalLine(4), java.nio.file.StandardOpenOption.APPEND);

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1), rec(2), rec(3));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.offset()).isEqualTo(whole.length);
            assertThat(p.message()).startsWith("seq 2 is not greater than the previous record's seq 3; moved this line "
                    + "and the 1 after it");
        });
        assertThat(r.lastSeq()).as("seq 4 was in the moved lines").isEqualTo(4);
        appendThenRecoverCleanly(5, List.of(1L, 2L, 3L, 5L));
    }

    @Test
    void aDamagedLastCompleteLineMovesOnlyItself() throws Exception {
        byte[] whole = journalOf(3);
        int last = lineStart(whole, 3);
        byte[] damaged = whole.clone();
        Arrays.fill(damaged, last, whole.length - 1, (byte) 0); // zero-filled block after a power loss
        Files.write(file(), damaged);

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1), rec(2));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("no checksum prefix").contains("moved this line (" + (whole.length - last) + " bytes)"));
        assertThat(Files.readAllBytes(dir.resolve("alerts.journal.corrupt-" + last)))
                .isEqualTo(Arrays.copyOfRange(damaged, last, damaged.length));
    }

    @Test
    void aSecondCorruptionAtTheSameOffsetGetsItsOwnSideFile() throws Exception {
        byte[] whole = journalOf(2);
        int second = lineStart(whole, 2);
        for (int round = 0; round < 2; round++) {
            byte[] damaged = whole.clone();
            damaged[second + 20] ^= 0x02;
            Files.write(file(), damaged);
            assertThat(recover().problems()).hasSize(1);
        }
        assertThat(dir.resolve("alerts.journal.corrupt-" + second)).exists();
        assertThat(dir.resolve("alerts.journal.corrupt-" + second + ".1")).exists();
    }

    @Test
    void aLineLongerThanTheMaximumIsDamageNotATruncation() throws Exception {
        byte[] whole = journalOf(1);
        byte[] garbage = new byte[FileJournal.MAX_LINE_BYTES + 10]; // no line feed anywhere
        Arrays.fill(garbage, (byte) 'x');
        Files.write(file(), whole);
        Files.write(file(), garbage, java.nio.file.StandardOpenOption.APPEND);

        Recovery r = recover();

        assertThat(r.records()).containsExactly(rec(1));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("line longer than the maximum of 1048576 bytes; moved this line ("));
        assertThat(Files.size(dir.resolve("alerts.journal.corrupt-" + whole.length))).isEqualTo(garbage.length);
        assertThat(Files.readAllBytes(file())).isEqualTo(whole);
    }
}
