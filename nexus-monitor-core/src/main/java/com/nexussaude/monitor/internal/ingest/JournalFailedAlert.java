package com.nexussaude.monitor.internal.ingest;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.Map;

/**
 * The {@code journal-failed} technical alert: raised on the patient of the first record the journal could not
 * append, with its backlog and losses, while appends fail; cleared once they work again (never before the monitor
 * clock has a time). One restored open from the journal is cleared the same way.
 *
 * <p>Under the engine lock, as each locked call ends (before its journal step is committed).
 */
final class JournalFailedAlert {
    private final Journaling journaling;
    private final AlertBook book;
    private final MonitorTime time;
    /** The patient the journal-failed technical alert is on, while it is signalled; else null. */
    private String journalAlertOn;

    /** After the lifecycle's restore: an alert restored open is known, to be cleared if the journal works now. */
    JournalFailedAlert(Journaling journaling, AlertBook book, MonitorTime time) {
        this.journaling = journaling;
        this.book = book;
        this.time = time;
        for (Alert a : book.activeAlerts()) {
            if (a.ruleId().equals("journal-failed")) {
                journalAlertOn = a.patientId(); // restored open: cleared at the first step if the journal works now
            }
        }
    }

    /**
     * Raises the alert while appends fail, clears it once they work again.
     *
     * @param pid the patient of the journal's first failed record while it is degraded, else null
     */
    void update(String pid, long now) {
        if (pid != null && journalAlertOn == null) {
            journalAlertOn = pid;
            book.signal(new AlertBook.Signal(pid, "journal-failed", "journal", Severity.HIGH, Category.TECHNICAL,
                    "the alert journal cannot append (" + journaling.lastFailure() + "): " + journaling.backlog()
                            + " record(s) wait for retry, " + journaling.lost() + " lost; alerting and paging go on",
                    Map.of("backlog", (long) journaling.backlog(), "lost", journaling.lost(),
                            "failures", journaling.failures()), 24 * 3_600_000L), now);
        } else if (pid == null && journalAlertOn != null && time.hasStarted()) {
            // (after a restore, not before the monitor's first event time: never cleared at time 0)
            book.clear(journalAlertOn, "journal-failed", "journal", now);
            journalAlertOn = null;
        }
    }
}
