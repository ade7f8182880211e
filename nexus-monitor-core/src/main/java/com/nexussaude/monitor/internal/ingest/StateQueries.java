package com.nexussaude.monitor.internal.ingest;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.internal.journal.JournalCodec;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.internal.journal.RecordKind;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.state.PatientReadings;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * What the monitor can be asked about its state: open alerts, incidents and silences, a patient's latest readings,
 * an alert (from the journal once the lifecycle has forgotten it), and the journal's history.
 *
 * <p>Called on any thread: what the lifecycle and the patient state hold is read under the engine lock (taken
 * here); the journal is queried without it.
 */
final class StateQueries {
    private final Lock engineLock;
    private final AlertBook book;
    private final PatientReadings readings;
    private final Journaling journaling;

    StateQueries(Lock engineLock, AlertBook book, PatientReadings readings, Journaling journaling) {
        this.engineLock = engineLock;
        this.book = book;
        this.readings = readings;
        this.journaling = journaling;
    }

    List<Alert> openAlerts() {
        return locked(book::activeAlerts);
    }

    Map<com.nexussaude.monitor.Vital, com.nexussaude.monitor.VitalReading> latestReadings(String patientId) {
        return locked(() -> {
            Map<com.nexussaude.monitor.Vital, com.nexussaude.monitor.VitalReading> out =
                    new java.util.EnumMap<>(com.nexussaude.monitor.Vital.class);
            PatientReadings.Patient p = readings.existing(patientId);
            if (p != null) {
                for (com.nexussaude.monitor.Vital v : com.nexussaude.monitor.Vital.values()) {
                    com.nexussaude.monitor.VitalReading r = p.latest(v);
                    if (r != null) {
                        out.put(v, r);
                    }
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        });
    }

    List<AlertEvent> alertHistory(JournalQuery query) {
        List<AlertEvent> out = new ArrayList<>();
        for (JournalRecord r : journaling.query(query)) {
            RecordKind kind = RecordKind.of(r.type()).orElse(null);
            if (kind != null && kind.isAlert()) {
                out.add(new AlertEvent(kind.alertEvent(), JournalCodec.alertEntry(r.data()).snapshot(), r.at(), r.actor(),
                        r.reason()));
            }
        }
        return out;
    }

    /**
     * An active alert, or a resolved one: the book keeps the last 1,000 resolved alerts; older ones
     * come from the journal's last record of the alert (null without a journal).
     */
    Alert alert(String alertId) {
        Alert a = locked(() -> book.alert(alertId));
        if (a != null || alertId == null) {
            return a;
        }
        List<JournalRecord> records = journaling.query(JournalQuery.builder().alertId(alertId).build());
        for (int i = records.size() - 1; i >= 0; i--) {
            if (RecordKind.of(records.get(i).type()).filter(RecordKind::isAlert).isPresent()) {
                return JournalCodec.alertEntry(records.get(i).data()).snapshot();
            }
        }
        return null;
    }

    List<Incident> incidents() {
        return locked(book::openIncidents);
    }

    List<Silence> silences() {
        return locked(book::silences);
    }

    List<JournalRecord> history(JournalQuery query) {
        return journaling.query(query);
    }

    private <T> T locked(Supplier<T> read) {
        engineLock.lock();
        try {
            return read.get();
        } finally {
            engineLock.unlock();
        }
    }
}
