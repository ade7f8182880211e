package com.nexussaude.monitor.internal.ingest;

import static com.nexussaude.monitor.internal.ingest.Engine.MONITORING_ENDED;
import static com.nexussaude.monitor.internal.ingest.Engine.MONITORING_ENDED_TTL_MS;

import com.espertech.esper.runtime.client.EPEventService;
import com.github.benmanes.caffeine.cache.Cache;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.state.PackState;
import com.nexussaude.monitor.internal.state.PatientReadings;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of a patient's monitoring inside the monitor (the host's registration is ended by a discharge, not
 * here): releases the patients idle for the idle time, each with its {@code monitoring-ended} technical alert, and
 * frees a released or discharged patient's state in every pack's Java state.
 *
 * <p>Under the engine lock: called in the locked pass that moved the clock or discharged the patient.
 */
final class PatientRelease {
    private static final Vital[] VITALS = Vital.values();

    private final AlertBook book;
    private final PatientReadings readings;
    private final EPEventService events;
    /** The deployed packs' per-reading state (the engine's list, filled when the packs are deployed). */
    private final List<PackState> packStates;
    /** The engine's logging memories, which forget a released patient. */
    private final Cache<String, Boolean> unknownPatientIds;
    private final Cache<String, Boolean> loggedRejections;
    private final AtomicLong releasedPatients = new AtomicLong();

    PatientRelease(AlertBook book, PatientReadings readings, EPEventService events, List<PackState> packStates,
                   Cache<String, Boolean> unknownPatientIds, Cache<String, Boolean> loggedRejections) {
        this.book = book;
        this.readings = readings;
        this.events = events;
        this.packStates = packStates;
        this.unknownPatientIds = unknownPatientIds;
        this.loggedRejections = loggedRejections;
    }

    /**
     * Releases every patient without a reading for the idle time by {@code now}, the longest idle first.
     * Under the lock.
     */
    void releaseIdle(long now, long idleReleaseMs) {
        if (idleReleaseMs == Long.MAX_VALUE || now < idleReleaseMs) {
            return;
        }
        PatientReadings.Patient idle;
        while ((idle = readings.idlePatient(now - idleReleaseMs)) != null) {
            release(idle.id(), idle.lastSeenAt(), now);
        }
    }

    /**
     * Ends the monitoring of a patient who sent nothing for the idle time: first a technical alert says so
     * (worded as the monitor's state, never as the patient's condition), then the patient's technical alerts
     * about the feed resolve as released and its state is freed, here and in the rules (the packs delete a
     * patient's rows on {@code PatientDischarged}). Its registration (ward, bed, bands) is kept: that is the
     * host's, ended by {@code Engine.discharge}. A later reading monitors the patient afresh. Under the lock.
     */
    private void release(String pid, long lastSeenAt, long now) {
        Duration idle = Duration.ofMillis(now - lastSeenAt);
        String since = Instant.ofEpochMilli(lastSeenAt).toString();
        book.signal(new AlertBook.Signal(pid, MONITORING_ENDED, null, Severity.MEDIUM, Category.TECHNICAL,
                "monitoring of patient " + pid + " ended: no reading for " + idle.toHours() + " h " + idle.toMinutesPart()
                        + " min (last at " + since + "); the monitor released the patient's state and watches nothing"
                        + " for this patient until a reading arrives (discharge a patient whose monitoring ends)",
                Map.of("lastReadingAt", since, "idleMinutes", idle.toMinutes()), MONITORING_ENDED_TTL_MS), now);
        book.release(pid, MONITORING_ENDED, "monitoring ended: no reading since " + since, now);
        packsDischarged(readings.discharge(pid), now);
        events.sendEventObjectArray(new Object[] {pid, now}, "PatientDischarged");
        unknownPatientIds.invalidate(pid);
        for (Vital v : VITALS) {
            loggedRejections.invalidate(pid + "\u0000" + v.fieldName());
        }
        releasedPatients.incrementAndGet();
    }

    /**
     * Tells every pack's Java state that a patient's monitoring ended ({@code gone}: their record as it was, null if
     * they had none, then no state holds anything for them). Under the lock.
     */
    void packsDischarged(PatientReadings.Patient gone, long now) {
        if (gone == null) {
            return;
        }
        for (PackState state : packStates) {
            state.discharged(gone, now);
        }
    }

    /** Patients released for being idle since the monitor was built. */
    long releasedPatients() {
        return releasedPatients.get();
    }
}
