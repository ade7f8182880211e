package com.nexussaude.monitor.internal.journal;

import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Severity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.lifecycle.AlertEntry;

/**
 * The one restore step: a single pass over the records a restart may use (in journal order), reading each
 * through {@link JournalCodec} by its {@link RecordKind}, into the state they describe. {@link AlertBook}
 * takes the alerts, silences and incidents from it, {@link Notifier} the pages and escalations; neither reads
 * records itself. The switch names every kind, so a kind added without a decision about its restore does not
 * compile.
 */
public final class JournalRestore {
    private static final Logger log = LoggerFactory.getLogger(JournalRestore.class);

    /** Each alert's last recorded state, by alert id, in the order the alerts first appear. */
    public final Map<String, AlertEntry> alerts = new LinkedHashMap<>();
    /** When each (patient, rule, key) was raised, oldest first: the history that drives flapping. */
    public final Map<AlertBook.Key, Deque<Long>> raises = new HashMap<>();
    /** The highest alert and silence id numbers recorded as alerts and silences. */
    public long alertSeq;
    public long silenceSeq;
    /** Silences created and not expired, by id, in creation order. */
    public final Map<String, Silence> silences = new LinkedHashMap<>();
    /** When each incident was first recorded (its opening), by incident id. */
    public final Map<String, Long> incidentOpened = new HashMap<>();
    /** Every incident id recorded. */
    public final Set<String> incidentIds = new TreeSet<>();
    /** Pages submitted and neither delivered nor given up (dead letter, cancelled), by idempotency key. */
    public final Map<String, Map<String, Object>> pendingPages = new LinkedHashMap<>();
    /** Every page submitted, by idempotency key. */
    public final Map<String, Map<String, Object>> pages = new LinkedHashMap<>();
    /** The highest severity each incident was paged at (its resolved pages left out). */
    public final Map<String, Severity> pagedAt = new HashMap<>();
    /** Each incident's last escalation state, for the escalations that did not end. */
    public final Map<String, Map<String, Object>> escalations = new LinkedHashMap<>();
    /**
     * Per alert: {the time of its last raise or severity change, the time of its last record}. A warm-up replays
     * only the signals the journal's snapshot of the alert does not hold.
     */
    public final Map<String, long[]> alertTimes = new HashMap<>();
    /** Every alert each incident ever had, in the order they joined it (a restored incident lists its resolved ones). */
    public final Map<String, LinkedHashSet<String>> incidentMembers = new HashMap<>();
    /** The latest time of a restored record, if any: the restored history's last moment. */
    private Long lastAt;

    private JournalRestore() {
    }

    /** Nothing to restore (no journal, or an empty one). */
    static JournalRestore none() {
        return new JournalRestore();
    }

    /** Reads {@code records}, the committed records of a recovered journal, in order. */
    static JournalRestore of(List<JournalRecord> records) {
        JournalRestore r = new JournalRestore();
        Set<String> unknown = new TreeSet<>();
        for (JournalRecord record : records) {
            Optional<RecordKind> kind = RecordKind.of(record.type());
            if (kind.isEmpty()) {
                unknown.add(record.type());
                continue;
            }
            r.lastAt = r.lastAt == null ? record.at().toEpochMilli() : Math.max(r.lastAt, record.at().toEpochMilli());
            r.read(kind.get(), record);
        }
        if (!unknown.isEmpty()) {
            // Another writer's records (a host's own, on a journal it shares): kept in the journal, not restored.
            log.warn("alert journal: records of types the monitor does not write were not restored: {}", unknown);
        }
        return r;
    }

    private void read(RecordKind kind, JournalRecord record) {
        Map<String, Object> data = record.data();
        long at = record.at().toEpochMilli();
        switch (kind) {
            case ALERT_RAISED, ALERT_UPDATED, ALERT_SEVERITY_CHANGED, ALERT_ACKNOWLEDGED, ALERT_ACK_EXPIRED,
                    ALERT_SUPPRESSED, ALERT_UNSUPPRESSED, ALERT_RESOLVED -> {
                AlertEntry e = JournalCodec.alertEntry(data);
                alerts.put(e.alertId, e);
                alertSeq = Math.max(alertSeq, JournalCodec.seqOf(e.alertId));
                if (e.incidentId != null) {
                    incidentMembers.computeIfAbsent(e.incidentId, id -> new LinkedHashSet<>()).add(e.alertId);
                }
                long[] times = alertTimes.computeIfAbsent(e.alertId, id -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
                times[1] = Math.max(times[1], at);
                if (kind == RecordKind.ALERT_RAISED || kind == RecordKind.ALERT_SEVERITY_CHANGED) {
                    times[0] = at;
                }
                if (kind == RecordKind.ALERT_RAISED) {
                    raises.computeIfAbsent(e.key, k -> new ArrayDeque<>()).addLast(at);
                }
            }
            case INCIDENT_OPENED, INCIDENT_ESCALATED, INCIDENT_UPDATED, INCIDENT_ACKNOWLEDGED, INCIDENT_REOPENED,
                    INCIDENT_RESOLVED -> {
                if (record.incidentId() != null) {
                    incidentOpened.putIfAbsent(record.incidentId(), at);
                    incidentIds.add(record.incidentId());
                }
            }
            case SILENCE_CREATED -> {
                Silence s = JournalCodec.silence(data);
                silences.put(s.silenceId(), s);
                silenceSeq = Math.max(silenceSeq, JournalCodec.seqOf(s.silenceId()));
            }
            case SILENCE_EXPIRED -> silences.remove(JournalCodec.expiredSilenceId(data));
            case NOTIFICATION_SUBMITTED -> {
                String key = JournalCodec.pageKey(data);
                pendingPages.put(key, data);
                pages.put(key, data);
                if (record.incidentId() != null && JournalCodec.asksForResponse(data)) {
                    pagedAt.merge(record.incidentId(), JournalCodec.pageSeverity(data), (x, y) -> x.isAbove(y) ? x : y);
                }
            }
            case NOTIFICATION_ATTEMPT -> {
                if (JournalCodec.delivered(data)) {
                    pendingPages.remove(JournalCodec.pageKey(data));
                }
            }
            case NOTIFICATION_DEAD_LETTER, NOTIFICATION_CANCELLED -> pendingPages.remove(JournalCodec.pageKey(data));
            case ESCALATION_STATE -> escalations.put(record.incidentId(), data);
            case ESCALATION_ENDED -> escalations.remove(record.incidentId());
            // A resubmitted page stays pending until an attempt delivers it; the markers group records into steps
            // (Journaling reads them) and describe no lifecycle state.
            case NOTIFICATION_RESUBMITTED, JOURNAL_OPENED, STEP_COMMITTED -> {
            }
        }
    }

    /** The latest time of a restored record; empty when nothing was restored (a new monitor). */
    public Optional<Long> lastAt() {
        return Optional.ofNullable(lastAt);
    }
}
