package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journals written before the journal had one vocabulary (typed record kinds, one codec, one restore step)
 * restore as they did. The fixture under {@code src/test/resources/journal-compat/} was written by the monitor
 * of commit c9a3f17 running {@link JournalCompatScenario}: the journal a kill left ({@code killed.journal}), the
 * state that monitor restored from it ({@code restored-state.txt}: open alerts, incidents, silences, pending
 * pages, journal problems), and the records it appended in the five minutes after the restart
 * ({@code after-restart.journal}: the pending page resubmitted, the ward going on).
 *
 * <p>Lines are compared as JSON, fields in any order, without their checksum and {@code prev}: the monitor
 * builds some maps with {@code Map.of} (the evidence of the notification-failed technical alert), whose
 * iteration order, and so the order of those fields in the line, changes from one JVM to the next, in the
 * old code as in the new. Everything else, each value and each record's place, is the same.
 */
class JournalCompatibilityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = JournalCompatibilityTest.class.getResourceAsStream("/journal-compat/" + name)) {
            assertThat(in).as("fixture journal-compat/" + name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Each line's JSON without its checksum and chain, fields in any order (see the class comment). */
    static List<JsonNode> records(String journal) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : journal.lines().toList()) {
            ObjectNode json = (ObjectNode) JSON.readTree(line.substring(line.indexOf(' ') + 1));
            json.remove("prev");
            out.add(json);
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    @Test
    void aJournalOfTheOldCodeRestoresTheSameStateAndContinuesWithTheSameRecords() throws IOException {
        byte[] killed = fixture("killed.journal");
        Path journal = dir.resolve("killed.journal");
        Files.write(journal, killed);

        List<String> state = JournalCompatScenario.restart(journal);

        List<String> expected = new String(fixture("restored-state.txt"), StandardCharsets.UTF_8).lines().toList();
        assertThat(state).containsExactlyElementsOf(expected);
        byte[] all = Files.readAllBytes(journal);
        assertThat(Arrays.copyOfRange(all, 0, killed.length)).as("the old records, untouched").isEqualTo(killed);
        String appended = new String(all, killed.length, all.length - killed.length, StandardCharsets.UTF_8);
        assertThat(records(appended)).as("records appended after the restart")
                .containsExactlyElementsOf(records(new String(fixture("after-restart.journal"), StandardCharsets.UTF_8)));
    }

    @Test
    void theSameWardWritesTheSameJournalAsTheOldCode() throws IOException {
        Path killed = JournalCompatScenario.runUntilKill(dir);
        assertThat(records(Files.readString(killed))).as("the journal of the scripted ward, record by record")
                .containsExactlyElementsOf(records(new String(fixture("killed.journal"), StandardCharsets.UTF_8)));
    }
}
