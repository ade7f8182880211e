package com.nexussaude.monitor.internal;

import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the alert lifecycle to the journal: numbers and appends the records {@link AlertBook}
 * produces (under the engine lock, before their events are queued for listeners), and hands it the
 * records recovered at start-up. Not API.
 *
 * <p>A failing append (disk full, I/O error) is logged and counted, and the event is still delivered:
 * a lost history entry is bad, a lost alarm is worse.
 */
public final class Journaling implements AlertBook.Recorder, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journaling.class);

    private final AlertJournal journal;
    private final Recovery recovery;
    private final AtomicLong failures = new AtomicLong();
    private long seq;

    private Journaling(AlertJournal journal) {
        this.journal = journal;
        this.recovery = journal == null ? new Recovery(List.of(), List.of()) : journal.recover();
        this.seq = recovery.lastSeq();
        for (JournalProblem p : recovery.problems()) {
            log.error("alert journal: {}; the monitor restored the records before it", p);
        }
    }

    /** No journal: nothing is recorded or recovered. */
    public static Journaling none() {
        return new Journaling(null);
    }

    /** Recovers the journal now and appends to it from then on; {@link #close()} closes it. */
    public static Journaling of(AlertJournal journal) {
        return new Journaling(journal);
    }

    @Override
    public boolean enabled() {
        return journal != null;
    }

    @Override
    public void record(String type, long at, String patientId, String alertId, String incidentId, String actor,
                       String reason, Map<String, Object> data) {
        if (journal == null) {
            return;
        }
        try {
            journal.append(new JournalRecord(seq + 1, Instant.ofEpochMilli(at), type, patientId, alertId, incidentId,
                    actor, reason, data));
            seq++;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.error("alert journal: could not append {} of alert {} (patient {}); the event is still delivered", type,
                    alertId, patientId, e);
        }
    }

    List<JournalCodec.Fact> recovered() {
        List<JournalCodec.Fact> facts = new ArrayList<>(recovery.records().size());
        for (JournalRecord r : recovery.records()) {
            facts.add(new JournalCodec.Fact(r.type(), r.at().toEpochMilli(), r.incidentId(), r.data()));
        }
        return facts;
    }

    /** What recovery found wrong (empty when the journal was clean or absent). */
    public List<JournalProblem> problems() {
        return recovery.problems();
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
            journal.close();
        }
    }
}
