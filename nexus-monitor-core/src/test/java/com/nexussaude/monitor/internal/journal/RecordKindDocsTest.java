package com.nexussaude.monitor.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps JOURNAL.md's "Record kinds" table in step with {@link RecordKind}: every kind the monitor writes has a
 * row with every field of its {@code data}, and the table names no kind the monitor does not write. A kind or a
 * field added to the code without its documentation fails here.
 */
class RecordKindDocsTest {
    private static final Path DOC = Path.of("JOURNAL.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern GROUP = Pattern.compile("\\*([a-z]+)\\*");

    /** The table's rows by type: the backticked names of the row's last cell, groups expanded. */
    static Map<String, Set<String>> documentedKinds(String doc) {
        String section = doc.substring(doc.indexOf("### Record kinds"));
        section = section.substring(0, section.indexOf("\n### ", 1) < 0 ? section.length() : section.indexOf("\n### ", 1));
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        // A group is a list item "- *name*: ..." that runs until the next item or a blank line.
        Matcher item = Pattern.compile("(?m)^- \\*([a-z]+)\\*:((?:.|\\n(?!- |\\n))*)").matcher(section);
        while (item.find()) {
            groups.put(item.group(1), codes(item.group(2)));
        }
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String type = codes(cells[1]).iterator().next();
            String fieldsCell = cells[cells.length - 1].isBlank() ? cells[cells.length - 2] : cells[cells.length - 1];
            Set<String> fields = codes(fieldsCell);
            Matcher g = GROUP.matcher(fieldsCell);
            while (g.find()) {
                assertThat(groups).as("JOURNAL.md: the field group *%s* of %s is listed below the table", g.group(1), type)
                        .containsKey(g.group(1));
                fields.addAll(groups.get(g.group(1)));
            }
            kinds.put(type, fields);
        }
        return kinds;
    }

    private static Set<String> codes(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyKindIsDocumentedWithEveryFieldOfItsData() throws IOException {
        Map<String, Set<String>> documented = documentedKinds(Files.readString(DOC));
        List<String> missing = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
            Set<String> fields = documented.get(kind.type());
            if (fields == null) {
                missing.add(kind.type() + " (no row)");
                continue;
            }
            for (String f : kind.fields()) {
                if (!fields.contains(f)) {
                    missing.add(kind.type() + " field " + f);
                }
            }
        }
        assertThat(missing).as("kinds and fields the monitor writes that JOURNAL.md's Record kinds table lacks").isEmpty();
    }

    @Test
    void theTableNamesNoKindTheMonitorDoesNotWrite() throws IOException {
        Map<String, Set<String>> documented = documentedKinds(Files.readString(DOC));
        assertThat(documented.keySet()).as("types in JOURNAL.md's Record kinds table")
                .allSatisfy(type -> assertThat(RecordKind.of(type)).as(type).isPresent())
                .hasSize(RecordKind.values().length);
    }

    @Test
    void aKindWithoutItsRowOrAFieldWithoutItsDocsIsFound() {
        String doc = """
                ### Record kinds

                | type | when | `data` fields |
                |---|---|---|
                | `alert.raised` | an alert opened | *alert* |
                | `silence.expired` | a silence ended | `reason` |

                - *alert*: `alertId`, `patientId`
                  and `ruleId`.

                ### Next section
                | `journal.opened` | not in the table's section | `format` |
                """;
        Map<String, Set<String>> documented = documentedKinds(doc);
        assertThat(documented).containsOnlyKeys("alert.raised", "silence.expired");
        assertThat(documented.get("alert.raised")).containsExactly("alertId", "patientId", "ruleId");
        assertThat(documented.get("silence.expired")).doesNotContain("silenceId");
    }

    @Test
    void kindsHaveDistinctTypesAndReadBackFromThem() {
        for (RecordKind kind : RecordKind.values()) {
            assertThat(RecordKind.of(kind.type())).contains(kind);
            assertThat(kind.fields()).as(kind.type()).isNotEmpty().doesNotHaveDuplicates();
        }
        assertThat(RecordKind.of("delivery.attempt")).isEmpty();
        for (com.nexussaude.monitor.AlertEventType t : com.nexussaude.monitor.AlertEventType.values()) {
            assertThat(RecordKind.of(t).isAlert()).isTrue();
            assertThat(RecordKind.of(t).alertEvent()).isEqualTo(t);
        }
        for (com.nexussaude.monitor.IncidentEvent.Type t : com.nexussaude.monitor.IncidentEvent.Type.values()) {
            assertThat(RecordKind.of(t).isIncident()).isTrue();
        }
    }
}
