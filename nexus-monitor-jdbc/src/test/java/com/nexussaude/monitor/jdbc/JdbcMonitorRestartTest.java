package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor on a {@link JdbcJournal} closed and rebuilt on the same database restores exactly what a
 * monitor on a {@link FileJournal} restores from its file, after the same scenario: open alerts,
 * incident, acknowledgement, silence, escalation level and time; nothing announced again.
 */
class JdbcMonitorRestartTest {
    @TempDir
    Path dir;

    @Test
    void aRestartOnTheDatabaseRestoresWhatARestartOnTheFileRestores() {
        JdbcConfig db = TestPostgres.freshDatabase();
        Path file = dir.resolve("journal.jsonl");
        List<JournalRecord> fileRecords;
        try (Ward onFile = new Ward(FileJournal.open(file)); Ward onDb = new Ward(JdbcJournal.open(db))) {
            onFile.runScenario();
            onDb.runScenario();
            fileRecords = onFile.monitor.history(JournalQuery.all());
            // One vocabulary: the database holds the very records the file holds.
            assertThat(onDb.monitor.history(JournalQuery.all())).isEqualTo(fileRecords);
            assertThat(fileRecords).extracting(JournalRecord::type).contains("alert.raised", "alert.acknowledged",
                    "incident.opened", "silence.created", "notification.submitted", "notification.attempt",
                    "escalation.state");
            assertThat(onDb.monitor.stats().journalFailures()).isZero();
        }

        Ward fileAgain = new Ward(FileJournal.open(file));
        JdbcJournal journal = JdbcJournal.open(db);
        Ward dbAgain = new Ward(journal);
        try (fileAgain; dbAgain) {
            assertThat(dbAgain.monitor.journalProblems()).isEmpty();
            List<Alert> expected = fileAgain.monitor.openAlerts();
            assertThat(expected).hasSize(4);
            assertThat(dbAgain.monitor.openAlerts()).usingRecursiveFieldByFieldElementComparatorOnFields("alertId",
                    "patientId", "ruleId", "key", "severity", "category", "state", "raisedAt", "incidentId",
                    "worstValue", "acknowledgement", "suppression").isEqualTo(expected);
            assertThat(dbAgain.monitor.openAlerts()).filteredOn(a -> a.ruleId().equals("shock-pattern"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
                        assertThat(a.acknowledgement().actor()).isEqualTo("dr.silva");
                    });
            assertThat(dbAgain.monitor.incidents()).isEqualTo(fileAgain.monitor.incidents());
            assertThat(dbAgain.monitor.silences()).isEqualTo(fileAgain.monitor.silences()).hasSize(1);
            assertThat(dbAgain.monitor.pendingNotifications()).isEqualTo(fileAgain.monitor.pendingNotifications());
            // Nothing announced again at start-up, on either store.
            assertThat(dbAgain.events).isEmpty();
            assertThat(dbAgain.incidentEvents).isEmpty();
            assertThat(dbAgain.pages).isEmpty();
            assertThat(fileAgain.events).isEmpty();

            // current_alert holds the restored alerts' latest state, written with their records.
            assertThat(journal.openAlerts()).extracting(m -> m.get("alertId"))
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(Alert::alertId).toList());
            assertThat(journal.openAlerts()).filteredOn(m -> "shock-pattern".equals(m.get("ruleId")))
                    .singleElement().satisfies(m -> assertThat(m.get("state")).isEqualTo("ACKNOWLEDGED"));

            // The escalation resumes at the same level and time on both, and nothing is raised again.
            fileAgain.hypoxic(230, 430);
            dbAgain.hypoxic(230, 430);
            assertThat(dbAgain.levels()).contains("L3 dr-silva +240s", "L4 rapid-response-team +420s")
                    .isEqualTo(fileAgain.levels());
            assertThat(dbAgain.events).extracting(e -> e.type()).doesNotContain(AlertEventType.RAISED);
            assertThat(dbAgain.monitor.history(JournalQuery.builder().from(Ward.T0.plusSeconds(201)).build()))
                    .isEqualTo(fileAgain.monitor.history(JournalQuery.builder().from(Ward.T0.plusSeconds(201)).build()))
                    .isNotEmpty();
        }
    }

    @Test
    void currentAlertFollowsEveryTransitionOfAnAlert() {
        JdbcJournal journal = JdbcJournal.open(TestPostgres.freshDatabase());
        try (Ward ward = new Ward(journal)) {
            ward.hypoxic(0, 30);
            Alert hypoxia = ward.monitor.openAlerts().get(0);
            assertThat(journal.openAlerts()).singleElement().satisfies(m -> {
                assertThat(m.get("alertId")).isEqualTo(hypoxia.alertId());
                assertThat(m.get("state")).isEqualTo("OPEN");
            });
            ward.monitor.acknowledge(hypoxia.alertId(), "nurse.ana", "at bedside");
            assertThat(journal.openAlerts()).singleElement()
                    .satisfies(m -> assertThat(((Map<?, ?>) m.get("ack")).get("actor")).isEqualTo("nurse.ana"));
            ward.monitor.resolve(hypoxia.alertId(), "dr.silva", "reviewed");
            assertThat(journal.openAlerts()).isEmpty();
        }
    }
}
