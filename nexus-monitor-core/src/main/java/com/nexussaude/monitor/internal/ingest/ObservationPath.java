package com.nexussaude.monitor.internal.ingest;

import static com.nexussaude.monitor.internal.ingest.Engine.MONITORING_ENDED;

import com.espertech.esper.runtime.client.EPEventService;
import com.github.benmanes.caffeine.cache.Cache;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.PatientLimitException;
import com.nexussaude.monitor.RejectedValue;
import com.nexussaude.monitor.UnknownPatientException;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.state.PackState;
import com.nexussaude.monitor.internal.state.PatientReadings;
import com.nexussaude.monitor.internal.state.ThresholdTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One observation's path through the ingest stage, in order: its checks before the lock (the validator, the
 * unknown-patient policy, rejected values counted and logged once), then under the lock the clock for it
 * ({@link ClockMoves#advanceFor}, the deadlines due first), the patient's state (its record, its bands, each vital
 * to the readings and to every pack state that reads it, a {@code VitalSign} only while a deployed statement
 * reads one) and the end of the step (the lifecycle's deadlines, paging's due work).
 *
 * <p>Called by {@code Engine.submit} (and {@code Engine.submitAll}, which calls {@link #record} for the next
 * observations before the current one's lock) on the host thread that submits: {@link #fromFields}, {@link #validate}
 * and {@link #admit} without the engine lock (pure, or on concurrent memories and counters), {@link #step} under it;
 * {@link #readersChanged} under the lock or on the building thread.
 */
final class ObservationPath {
    // The engine's logger: the messages and their logger name are the ones hosts filter on.
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final Vital[] VITALS = Vital.values();
    private static final Double NO_LIMIT = Double.NaN;

    private final ClockMoves clockMoves;
    private final AlertBook book;
    private final PatientReadings readings;
    private final PatientReadings.WardLookup wardLookup;
    private final ThresholdTable thresholds;
    private final EPEventService events;
    private final PagingFeedback pagingFeedback;
    /** Patient and vital pairs read during the warm-up, for the restored signal-loss watches (the engine's). */
    private final Set<String> readInWarmUp;
    /** The engine's counters (its {@code stats()}). */
    private final AtomicLong accepted;
    private final AtomicLong rejected;
    private final AtomicLong rejectedValues;
    private final AtomicLong unknownFields;
    private final AtomicLong unknownPatientCount;
    /**
     * Unknown patient ids already warned of, and (patient, field) pairs whose rejected values were already
     * logged (the engine's bounded memories, which a patient's release also forgets).
     */
    private final Cache<String, Boolean> unknownPatientIds;
    private final Cache<String, Boolean> loggedRejections;
    private final Set<String> loggedUnknownFields = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The most patients monitored at once. */
    private volatile int maxPatients = Integer.MAX_VALUE;
    private volatile boolean strictInput;
    private volatile UnknownPatientPolicy unknownPatients = UnknownPatientPolicy.WARN;
    /**
     * Whether a deployed statement reads {@code VitalSign} (a bundled pack or an integrator's rule file): if none does,
     * the per-vital event is not built nor sent, and a reading costs Esper nothing unless a pack's Java state derives
     * an event from it. Recomputed after every deployment change (deployPacks, deployRules, undeploy).
     */
    private boolean vitalSignsRead = true;
    /** The same for {@code ObservationEnd}, one per observation (the packs' Java state gets its row either way). */
    private boolean observationEndsRead = true;

    ObservationPath(ClockMoves clockMoves, AlertBook book, PatientReadings readings,
                    PatientReadings.WardLookup wardLookup, ThresholdTable thresholds, EPEventService events,
                    PagingFeedback pagingFeedback, Set<String> readInWarmUp, AtomicLong accepted, AtomicLong rejected,
                    AtomicLong rejectedValues, AtomicLong unknownFields, AtomicLong unknownPatientCount,
                    Cache<String, Boolean> unknownPatientIds, Cache<String, Boolean> loggedRejections) {
        this.clockMoves = clockMoves;
        this.book = book;
        this.readings = readings;
        this.wardLookup = wardLookup;
        this.thresholds = thresholds;
        this.events = events;
        this.pagingFeedback = pagingFeedback;
        this.readInWarmUp = readInWarmUp;
        this.accepted = accepted;
        this.rejected = rejected;
        this.rejectedValues = rejectedValues;
        this.unknownFields = unknownFields;
        this.unknownPatientCount = unknownPatientCount;
        this.unknownPatientIds = unknownPatientIds;
        this.loggedRejections = loggedRejections;
    }

    /** Sets how bad input is handled; called once, right after construction. */
    void inputPolicy(boolean strict, UnknownPatientPolicy unknownPatients) {
        this.strictInput = strict;
        this.unknownPatients = java.util.Objects.requireNonNull(unknownPatients, "unknownPatients");
    }

    /** At most this many patients monitored at once; called once, right after construction. */
    void maxPatients(int maxPatients) {
        this.maxPatients = maxPatients;
    }

    /** After a deployment change: which of the per-reading event types a deployed statement reads. */
    void readersChanged(boolean vitalSignsRead, boolean observationEndsRead) {
        this.vitalSignsRead = vitalSignsRead;
        this.observationEndsRead = observationEndsRead;
    }

    /** Whether a deployed statement reads {@code VitalSign} (the engine's test accessor reads it under the lock). */
    boolean vitalSignsRead() {
        return vitalSignsRead;
    }

    /** Whether a deployed statement reads {@code ObservationEnd}. */
    boolean observationEndsRead() {
        return observationEndsRead;
    }

    /**
     * Builds an observation from named fields: unknown names are rejected (strict) or added to {@code unknown},
     * counted and logged once per name. Without the lock.
     */
    Observation fromFields(Map<String, ?> fields, List<RejectedValue> unknown) {
        Observation o;
        try {
            o = Observation.fromFields(fields, name -> {
                RejectedValue r = new RejectedValue(name, String.valueOf(fields.get(name)), "a field of the observation contract",
                        "unknown field '" + name + "' of patient " + fields.get("patient_id") + ": not monitored");
                if (strictInput) {
                    throw new InvalidObservationException(r.field(), r.value(), r.allowed(), r.message());
                }
                unknown.add(r);
            });
        } catch (InvalidObservationException e) {
            rejected.incrementAndGet();
            throw e;
        }
        for (RejectedValue r : unknown) {
            unknownFields.incrementAndGet();
            if (loggedUnknownFields.add(r.field())) {
                log.warn("{} (reported once per field name)", r.message());
            }
        }
        return o;
    }

    /**
     * The validator's answer: the observation as accepted and its rejected values; counts a rejection. {@code record}:
     * what {@link #record} found for the input (null: none); if it has taken an observation, its id was validated.
     */
    ObservationValidator.Checked validate(Observation input, PatientReadings.Patient record) {
        try {
            return ObservationValidator.check(input, strictInput, record != null && record.idValidated());
        } catch (InvalidObservationException e) {
            rejected.incrementAndGet();
            throw e;
        }
    }

    /**
     * The patient's record as it is before the lock (null: none yet), found once for {@link #admit} and {@link #step}.
     * Without the lock.
     */
    PatientReadings.Patient record(Observation o) {
        String pid = o.patientId();
        PatientReadings.Patient record = pid == null ? null : readings.lookup(pid); // before the validator
        if (record != null && warmRecords && record.warm() == WARM_MARK) {
            warmMarks++; // never mind: the comparison only keeps warm()'s loads alive
        }
        return record;
    }

    /** Any value: what {@link PatientReadings.Patient#warm} returns is compared with it so that its loads are kept. */
    private static final int WARM_MARK = 0x5eed_cafe;
    private int warmMarks;
    /** Whether {@link #record} warms the record (always, but for the test that compares runs without). */
    boolean warmRecords = true;

    /**
     * Applies the unknown-patient policy and counts and logs the rejected values; whether the patient is
     * registered. {@code record}: what {@link #record} found. Without the lock.
     */
    boolean admit(Observation o, PatientReadings.Patient record, List<RejectedValue> rejectedHere) {
        boolean known = checkPatient(o.patientId(), record);
        // Indexed: an iterator of the common empty list was an object per observation (admit is not inlined).
        for (int i = 0; i < rejectedHere.size(); i++) {
            RejectedValue r = rejectedHere.get(i);
            rejectedValues.incrementAndGet();
            // A faulty sensor repeats its value every second: once per patient and field in the log, every one counted.
            if (loggedRejections.asMap().putIfAbsent(o.patientId() + "\u0000" + r.field(), Boolean.TRUE) == null) {
                log.warn("{}; the observation's other values were accepted (reported once per patient and field)",
                        r.message());
            }
        }
        return known;
    }

    /**
     * The observation at {@code ts} under the lock: the clock, the patient's state, the end of the step.
     * {@code warmingUp}: the engine's warm-up flag, which changes only under the lock. {@code record}: what {@link
     * #record} found before the lock (used if still the patient's: no second lookup).
     */
    void step(Observation o, PatientReadings.Patient record, long ts, boolean warmingUp) {
        long now = clockMoves.advanceFor(ts);
        clockMoves.clockStarted();
        // Lifecycle deadlines that passed before this observation fire first: an alert whose hold ran
        // out at t resolves at t, and a signal in this observation then opens a new one.
        book.advance(now);
        readings.sweep(now, wardLookup);
        clockMoves.releaseIdle(now);
        String pid = o.patientId();
        PatientReadings.Patient patient = readings.seen(record, pid);
        if (patient == null) {
            if (readings.size() >= maxPatients) {
                rejected.incrementAndGet();
                throw new PatientLimitException(pid, maxPatients);
            }
            // Monitored again after a release: the alert saying that its monitoring ended clears.
            book.clear(pid, MONITORING_ENDED, null, now);
            patient = readings.patient(pid);
        }
        PatientContext ctx = patient.context(thresholds); // resolved again only after a change
        String ward = ctx == null ? null : ctx.ward();
        int spo2Scale = ctx == null ? 1 : ctx.spo2Scale();
        patient.seenAt(now);
        // Box the timestamp once and reuse the observation's own Double and one NaN: windows that keep
        // VitalSign events retain each boxed field. Only a VitalSign takes boxes: none without a reader of it.
        Long boxedTs = null;
        PackState[] readers = readings.readers(); // the pack states that take readings, in order
        patient.screen(o.value(Vital.HEART_RATE), o.value(Vital.SPO2), o.value(Vital.RESPIRATORY_RATE), ts);
        for (Vital v : VITALS) {
            Double x = o.value(v);
            if (x == null) {
                continue;
            }
            double value = x;
            int band = -1;
            int direction = 0;
            double limit = Double.NaN; // boxed only for a VitalSign: most readings are sent nowhere
            if (v.hasBands()) {
                Bands b = patient.bands(v);
                band = b.bandOf(value);
                direction = b.directionOf(value);
                limit = b.crossedLimit(value);
            }
            patient.reading(v, value, ts, ward);
            patient.followTrendContext(v, ts, spo2Scale);
            if (warmingUp) {
                readInWarmUp.add(pid + "\u0000" + v.name());
            }
            String artefact = patient.artefact(v);
            PackState.readingOfAll(readers, patient, ward, v, value, ts, band, direction, limit, spo2Scale, artefact);
            if (vitalSignsRead) {
                boxedTs = boxedTs == null ? Long.valueOf(ts) : boxedTs;
                events.sendEventObjectArray(new Object[] {pid, ward, v.name(), x, boxedTs, band, direction,
                        Double.isNaN(limit) ? NO_LIMIT : limit, spo2Scale, artefact}, "VitalSign");
            }
        }
        patient.observationEnd(ward, ts, spo2Scale, observationEndsRead); // to the states that read it
        book.advance(now);
        pagingFeedback.runNotifications(now);
        // Only this method, under the engine lock, writes the count (the lock orders the writers): a plain add and a
        // release store instead of an atomic read-modify-write per observation; stats() reads it with a volatile get.
        accepted.setRelease(accepted.getPlain() + 1);
    }

    /** Applies the unknown-patient policy; whether the patient is registered (asked of the record, if there is one). */
    private boolean checkPatient(String pid, PatientReadings.Patient record) {
        if (record != null ? record.registered(thresholds) : thresholds.patient(pid) != null) {
            return true;
        }
        switch (unknownPatients) {
            case ACCEPT -> {
            }
            case WARN -> {
                if (firstSeenUnknown(pid)) {
                    log.warn("patient_id '{}' is not registered; its observations are monitored (unknown patient"
                            + " policy WARN; reported once per id)", pid);
                }
            }
            case REJECT -> {
                firstSeenUnknown(pid);
                rejected.incrementAndGet();
                throw new UnknownPatientException(pid);
            }
        }
        return false;
    }

    /** Remembers an unknown id; whether it is new (then counted). */
    private boolean firstSeenUnknown(String pid) {
        boolean first = unknownPatientIds.asMap().putIfAbsent(pid, Boolean.TRUE) == null;
        if (first) {
            unknownPatientCount.incrementAndGet();
        }
        return first;
    }
}
