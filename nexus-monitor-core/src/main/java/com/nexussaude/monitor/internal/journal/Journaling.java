package com.nexussaude.monitor.internal.journal;

import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.JournalHealth;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.JournalRecordTooLargeException;
import com.nexussaude.monitor.journal.Recovery;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;

/**
 * Connects the alert lifecycle to the journal: numbers and appends the records {@link AlertBook}
 * produces (under the engine lock, before their events are queued for listeners), groups the records
 * of one lifecycle step, and hands it the records recovered at start-up. Not API.
 *
 * <p><b>Steps.</b> Everything the monitor records while it holds the engine lock once (one
 * observation, one acknowledgement, one delivery outcome) is one step: its records are followed by
 * a {@code step.committed} record naming the step's first seq and its record count. A journal written
 * this way has a {@code journal.opened} record of format {@value #FORMAT} before each run's first record;
 * from there on, restore uses only records of committed steps, so a crash between the records of a step
 * (alert raised, incident opened, page submitted, escalation state) restores the whole step or none of it.
 * Records before the first such marker (journals of earlier versions) are restored one by one, as before.
 *
 * <p><b>Failed appends.</b> A failing append (disk full, an I/O error, a read-only file) does not
 * lose the record nor stop the journal: the record waits in a backlog of at most
 * {@link #MAX_BACKLOG} records, in order, and every later record first retries the backlog. While
 * the backlog is not empty the journal is degraded ({@link #healthy()}), and the engine raises the
 * {@code journal-failed} technical alert. A record too large for the journal
 * ({@link JournalRecordTooLargeException}) cannot be retried: it is lost, counted, logged at ERROR and
 * raises the same alert. A record that does not fit in the full backlog is lost,
 * counted in {@link #lost()} and logged with its type and ids; the journal then stays unhealthy for
 * the life of the monitor, because its history has a hole. A journal that keeps failed records in a
 * buffer of its own (and so does not throw) reports them through {@link AlertJournal#journalHealth()}:
 * that is degraded too, with the same alert, until it reports healthy again. The event itself is always delivered:
 * a lost history entry is bad, a lost alarm is worse.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): VitalMonitor (package
// com.nexussaude.monitor) opens and restores it.
public final class Journaling implements AlertBook.Recorder, AutoCloseable {
    /** The record that ends a committed step: {@code data} {@code first} (seq) and {@code count}. */
    static final RecordKind COMMITTED = RecordKind.STEP_COMMITTED;
    /** The record a monitor appends when it opens a journal: {@code data.format}. */
    static final RecordKind OPENED = RecordKind.JOURNAL_OPENED;
    /** The journal format with committed steps. */
    static final long FORMAT = 2;
    /** Records kept for retry while the journal fails; the next one is lost (and counted). */
    public static final int MAX_BACKLOG = 10_000;

    private static final Logger log = LoggerFactory.getLogger(Journaling.class);

    private final AlertJournal journal;
    private final Recovery recovery;
    private final List<JournalProblem> problems = new ArrayList<>();
    private final List<JournalRecord> restorable;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Deque<JournalRecord> backlog = new ArrayDeque<>();
    private volatile int backlogSize;
    private long seq;
    /** The {@code journal.opened} record is appended just before this run's first record, with its time. */
    private boolean openedPending;
    private long stepFirst;
    private int stepCount;
    /** The patient of the record that failed first, for the technical alert; else the last patient seen. */
    private String failedPatient;
    private String lastPatient;
    private String lastFailure;

    private Journaling(AlertJournal journal) {
        this.journal = journal;
        this.recovery = journal == null ? new Recovery(List.of(), List.of()) : journal.recover();
        this.seq = recovery.lastSeq();
        problems.addAll(recovery.problems());
        this.restorable = committedOnly(recovery.records());
        for (JournalProblem p : problems) {
            log.error("alert journal: {}; the monitor restored the records before it", p);
        }
        this.openedPending = journal != null;
    }

    /** No journal: nothing is recorded or recovered. */
    public static Journaling none() {
        return new Journaling(null);
    }

    /** Recovers the journal now and appends to it from then on; {@link #close()} closes it. */
    public static Journaling of(AlertJournal journal) {
        return new Journaling(journal);
    }

    /**
     * The records restore may use: before the first {@code journal.opened} marker of format {@value #FORMAT} or
     * later, every record; after it, only the records of committed steps. A step without its commit (a crash in
     * the middle of it) is reported as a problem and left out.
     */
    private List<JournalRecord> committedOnly(List<JournalRecord> records) {
        int grouped = -1;
        for (int i = 0; i < records.size(); i++) {
            JournalRecord r = records.get(i);
            if (r.type().equals(OPENED.type()) && JournalCodec.openedFormat(r.data()) >= FORMAT) {
                grouped = i;
                break;
            }
        }
        if (grouped < 0) {
            return records;
        }
        List<JournalRecord> out = new ArrayList<>(records.subList(0, grouped));
        List<Integer> open = new ArrayList<>(); // positions of the records of the step not yet committed
        for (int i = grouped; i < records.size(); i++) {
            JournalRecord r = records.get(i);
            long expected = records.get(i - 1 < 0 ? 0 : i - 1).seq() + 1;
            if (i > grouped && r.seq() != expected) {
                // A monitor numbers its records without gaps: a gap is a record deleted (or set aside as damaged).
                problems.add(new JournalProblem("journal", i + 1, r.seq(), "record(s) seq " + expected
                        + (r.seq() - 1 > expected ? " to " + (r.seq() - 1) : "") + " missing before seq " + r.seq()
                        + " (deleted, or set aside as damaged); a step that lost a record is not restored"));
            }
            if (r.type().equals(OPENED.type())) {
                dropUncommitted(records, open);
            } else if (r.type().equals(COMMITTED.type())) {
                long first = JournalCodec.committedFirst(r.data());
                long count = JournalCodec.committedCount(r.data());
                List<Integer> orphans = new ArrayList<>();
                List<Integer> step = new ArrayList<>();
                for (int o : open) {
                    (records.get(o).seq() >= first ? step : orphans).add(o);
                }
                dropUncommitted(records, orphans);
                if (step.size() == count && (step.isEmpty() || records.get(step.get(0)).seq() == first)) {
                    step.forEach(o -> out.add(records.get(o)));
                } else {
                    JournalRecord f = step.isEmpty() ? r : records.get(step.get(0));
                    problems.add(new JournalProblem("journal", (step.isEmpty() ? i : step.get(0)) + 1, f.seq(),
                            "the lifecycle step committed by seq " + r.seq() + " had " + count + " record(s) from seq "
                                    + first + ", but " + step.size() + " are in the journal: the incomplete step was not"
                                    + " restored"));
                }
                open.clear();
            } else {
                open.add(i);
            }
        }
        dropUncommitted(records, open);
        return out;
    }

    /** Reports a step that was never committed; {@code line} is its first record's position, {@code offset} its seq. */
    private void dropUncommitted(List<JournalRecord> records, List<Integer> open) {
        if (open.isEmpty()) {
            return;
        }
        JournalRecord first = records.get(open.get(0));
        JournalRecord last = records.get(open.get(open.size() - 1));
        List<String> types = open.stream().map(i -> records.get(i).type()).toList();
        problems.add(new JournalProblem("journal", open.get(0) + 1, first.seq(), "a lifecycle step of " + open.size()
                + " record(s), seq " + first.seq() + " to " + last.seq() + " " + types + ", was never committed (the "
                + "monitor stopped in the middle of it): it was not restored"));
        open.clear();
    }

    @Override
    public boolean enabled() {
        return journal != null;
    }

    @Override
    public void record(JournalCodec.Entry entry, long at) {
        if (journal == null) {
            return;
        }
        if (openedPending) {
            openedPending = false;
            append(JournalCodec.journalOpened(FORMAT), Instant.ofEpochMilli(at));
        }
        String patientId = entry.patientId();
        JournalRecord r = record(seq + 1, Instant.ofEpochMilli(at), entry);
        seq++;
        if (stepCount++ == 0) {
            stepFirst = r.seq();
        }
        if (patientId != null) {
            lastPatient = patientId;
        }
        write(r);
    }

    /** Ends the current step: appends its commit record if it recorded anything. Under the engine lock. */
    public void commitStep() {
        if (journal == null) {
            return;
        }
        retryPending();
        if (stepCount == 0) {
            return;
        }
        long count = stepCount;
        stepCount = 0;
        // Stamped with the step's latest record: stepCount > 0, so this run has written one and lastAt is set.
        append(JournalCodec.stepCommitted(stepFirst, count), Instant.ofEpochMilli(lastAt));
    }

    /** The latest time of a record this run wrote; null until it writes one (no time yet, not 1970). */
    private Long lastAt;

    private void append(JournalCodec.Entry entry, Instant at) {
        write(record(++seq, at, entry));
    }

    private static JournalRecord record(long seq, Instant at, JournalCodec.Entry e) {
        return new JournalRecord(seq, at, e.kind().type(), e.patientId(), e.alertId(), e.incidentId(), e.actor(),
                e.reason(), e.data());
    }

    private void write(JournalRecord r) {
        lastAt = lastAt == null ? r.at().toEpochMilli() : Math.max(lastAt, r.at().toEpochMilli());
        if (retryBacklog()) {
            try {
                journal.append(r);
                return;
            } catch (JournalRecordTooLargeException e) {
                rejected(r, e);
                return;
            } catch (RuntimeException e) {
                failed(r, e);
            }
        }
        if (backlog.size() >= MAX_BACKLOG) {
            lost.incrementAndGet();
            log.error("alert journal: backlog of {} records full; record seq {} {} of alert {} (patient {}, incident {}) "
                    + "is LOST from the history; the event is still delivered", MAX_BACKLOG, r.seq(), r.type(), r.alertId(),
                    r.patientId(), r.incidentId());
            return;
        }
        backlog.addLast(r);
        backlogSize = backlog.size();
    }

    /** Appends what waits in the backlog; true when it is empty (the journal works again). */
    private boolean retryBacklog() {
        while (!backlog.isEmpty()) {
            JournalRecord r = backlog.peekFirst();
            try {
                journal.append(r);
            } catch (JournalRecordTooLargeException e) {
                rejected(r, e);
            } catch (IllegalArgumentException e) {
                // Its seq is not above the store's last: the failed append did store it (a lost reply).
                log.warn("alert journal: record seq {} was stored after all by its failed append: {}", r.seq(), e.getMessage());
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                lastFailure = String.valueOf(e.getMessage());
                return false;
            }
            backlog.pollFirst();
            backlogSize = backlog.size();
            if (backlog.isEmpty()) {
                log.warn("alert journal: appends work again; every waiting record was appended");
            }
        }
        return true;
    }

    /** Retries the records waiting in the backlog, if any: called as every locked call ends. */
    public void retryPending() {
        if (journal != null && !backlog.isEmpty()) {
            retryBacklog();
        }
    }

    /** A record the journal can never take (too large): lost, loudly; the journal-failed alert says so. */
    private void rejected(JournalRecord r, JournalRecordTooLargeException e) {
        lost.incrementAndGet();
        lastFailure = e.getMessage();
        if (failedPatient == null) {
            failedPatient = r.patientId() != null ? r.patientId() : lastPatient;
        }
        log.error("alert journal: record seq {} {} of alert {} (patient {}, incident {}) is REJECTED by the journal and "
                + "LOST from the history: {}; the event is still delivered", r.seq(), r.type(), r.alertId(), r.patientId(),
                r.incidentId(), e.getMessage());
    }

    private void failed(JournalRecord r, RuntimeException e) {
        failures.incrementAndGet();
        lastFailure = String.valueOf(e.getMessage());
        if (failedPatient == null) {
            failedPatient = r.patientId() != null ? r.patientId() : lastPatient;
        }
        String what = "alert journal: could not append " + r.type() + " of alert " + r.alertId() + " (patient "
                + r.patientId() + "); it waits for retry (" + (backlog.size() + 1) + " waiting, at most " + MAX_BACKLOG
                + "); the event is still delivered";
        if (backlog.isEmpty()) {
            log.error(what, e); // the first failure of a run with its stack trace; the rest in one line each
        } else {
            log.error("{}: {}", what, e.toString());
        }
    }

    /** Whether every record reached the journal: nothing waits for retry and nothing was lost. */
    public boolean healthy() {
        return backlogSize == 0 && lost.get() == 0 && reported().healthy();
    }

    /** What the journal itself reports: records it accepted into a buffer of its own wait to be stored. */
    private JournalHealth reported() {
        if (journal == null) {
            return JournalHealth.HEALTHY;
        }
        try {
            JournalHealth h = journal.journalHealth();
            return h == null ? JournalHealth.HEALTHY : h;
        } catch (RuntimeException e) {
            return JournalHealth.degraded(0, "the journal cannot report its health: " + e);
        }
    }

    /** Records waiting for a retry of their append, and those the journal reports waiting in its own buffer. */
    public int backlog() {
        return backlogSize + reported().pending();
    }

    /** Records lost because the backlog was full. */
    public long lost() {
        return lost.get();
    }

    /**
     * While the journal is degraded: the patient to raise the technical alert on (the patient of the first
     * failed record, else of the last record), or null when unknown; null once healthy (and then forgets it).
     */
    public String degradedPatient() {
        if (healthy()) {
            failedPatient = null;
            return null;
        }
        return failedPatient != null ? failedPatient : lastPatient;
    }

    /** The message of the last failed append, or else what the journal reports. */
    public String lastFailure() {
        if (backlogSize == 0 && lost.get() == 0) {
            JournalHealth h = reported();
            if (!h.healthy()) {
                return h.problem();
            }
        }
        return lastFailure;
    }

    /** The state the records of committed steps describe: the one restore step's result. */
    public JournalRestore recovered() {
        return JournalRestore.of(restorable);
    }

    /**
     * The ids every recovered record names, committed or not (alert, incident and silence ids): new ids
     * continue after all of them, so an id of a step that was not restored is never given to another alert.
     */
    public List<String> everyRecordedId() {
        List<String> ids = new ArrayList<>();
        for (JournalRecord r : recovery.records()) {
            if (r.alertId() != null) {
                ids.add(r.alertId());
            }
            if (r.incidentId() != null) {
                ids.add(r.incidentId());
            }
            if (r.data().get("silenceId") instanceof String s) {
                ids.add(s);
            }
        }
        return ids;
    }

    /** What recovery found wrong (empty when the journal was clean or absent), uncommitted steps included. */
    public List<JournalProblem> problems() {
        return List.copyOf(problems);
    }

    /** Records matching the query; empty without a journal. Safe to call without the engine lock. */
    public List<JournalRecord> query(JournalQuery q) {
        return journal == null ? List.of() : journal.query(q);
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        if (journal != null) {
            if (!backlog.isEmpty() && !retryBacklog()) {
                log.error("alert journal: closing with {} record(s) never appended (from seq {}): they are lost",
                        backlog.size(), backlog.peekFirst().seq());
            }
            journal.close();
        }
    }
}
