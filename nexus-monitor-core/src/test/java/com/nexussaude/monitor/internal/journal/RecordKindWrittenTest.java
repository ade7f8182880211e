package com.nexussaude.monitor.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.JournalCompatScenario;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a monitor writes is what {@link RecordKind} declares: every record of a scripted ward (alerts,
 * incidents, silences, pages delivered, dead-lettered and pending, escalations) is of a declared kind, and
 * its {@code data} holds only that kind's fields. With {@link RecordKindDocsTest}, a field the codec starts
 * writing must be declared, and so documented.
 */
class RecordKindWrittenTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordOfAScriptedWardIsOfADeclaredKindWithDeclaredFields() throws Exception {
        Path journal = JournalCompatScenario.runUntilKill(dir);
        List<JournalRecord> records;
        try (FileJournal j = FileJournal.open(journal)) {
            Recovery r = j.recover();
            assertThat(r.problems()).isEmpty();
            records = r.records();
        }
        Set<RecordKind> seen = EnumSet.noneOf(RecordKind.class);
        List<String> undeclared = new ArrayList<>();
        for (JournalRecord r : records) {
            RecordKind kind = RecordKind.of(r.type()).orElse(null);
            if (kind == null) {
                undeclared.add("seq " + r.seq() + ": type " + r.type());
                continue;
            }
            seen.add(kind);
            for (String field : r.data().keySet()) {
                if (!kind.fields().contains(field)) {
                    undeclared.add("seq " + r.seq() + " " + r.type() + ": field " + field);
                }
            }
        }
        assertThat(undeclared).isEmpty();
        // The script reaches most kinds (a resubmission needs the restart, which this run does not do).
        assertThat(seen).contains(RecordKind.ALERT_RAISED, RecordKind.ALERT_UPDATED, RecordKind.ALERT_SEVERITY_CHANGED,
                RecordKind.ALERT_ACKNOWLEDGED, RecordKind.ALERT_ACK_EXPIRED, RecordKind.ALERT_SUPPRESSED,
                RecordKind.ALERT_UNSUPPRESSED, RecordKind.ALERT_RESOLVED, RecordKind.INCIDENT_OPENED,
                RecordKind.INCIDENT_ESCALATED, RecordKind.INCIDENT_UPDATED, RecordKind.INCIDENT_ACKNOWLEDGED, RecordKind.INCIDENT_REOPENED,
                RecordKind.INCIDENT_RESOLVED, RecordKind.SILENCE_CREATED, RecordKind.SILENCE_EXPIRED,
                RecordKind.NOTIFICATION_SUBMITTED, RecordKind.NOTIFICATION_ATTEMPT, RecordKind.NOTIFICATION_DEAD_LETTER,
                RecordKind.ESCALATION_STATE, RecordKind.ESCALATION_ENDED, RecordKind.JOURNAL_OPENED,
                RecordKind.STEP_COMMITTED);
    }
}
