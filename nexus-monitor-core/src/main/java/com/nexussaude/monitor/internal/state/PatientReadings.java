package com.nexussaude.monitor.internal.state;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine remembers per patient so that rule packs need not: which readings of the
 * continuous vitals are artefacts ({@link ArtefactGate}: they reach the technical pack on {@code
 * VitalSign.artefact} and no clinical state here); the latest plausible reading of every vital and the
 * robust value (median of the last minute) of HR, SpO2 and RR, carried by each {@code ObservationEnd}; the running mean of each vital over the current
 * minute, published as {@code VitalMinute}; and a trend line per vital (heart rate, SpO2 and
 * respiratory rate over their minute means of 30 minutes, systolic BP and temperature over their
 * readings of 3 and 4 hours), published as {@code VitalTrend} with each new point (schema.epl
 * documents all three). Not API; public only so the benchmarks' bare-Esper baseline sends exactly the
 * events the engine sends.
 *
 * <p>Why here and not in EPL: every pack that combined vitals kept its own "latest value" table,
 * merged on every reading (a keyed table update costs about a microsecond in Esper; an array store
 * costs nothing); the trend pack regressed over every 1 Hz reading in 30-minute windows, which was
 * 99% of the memory retained per patient; and its EPL windows of minute means and sparse readings
 * still cost more than half of it ({@link TrendLine} says why). A per-minute mean keeps the
 * regression's noise averaging at 1/60 of the points.
 *
 * <p>When a minute is published: when the vital's next reading falls in a later minute, or when the
 * monitor clock has passed the minute's end by {@link #GRACE_MS}, whichever is first. Continuous
 * vitals close their minute with their own next reading (within a second), so the clock sweep only
 * finds sparse or stopped vitals and never publishes a whole ward at once. A late reading for a
 * minute already published is in no summary (its {@code VitalSign} still flows).
 *
 * <p>Not thread-safe: the engine calls it under its lock.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): the benchmarks (RawEsperPipeline)
// derive the same events as the library to compare raw Esper with it.
public final class PatientReadings {
    /** How long after a minute's end the clock sweep publishes a minute its vital has not closed. */
    public static final long GRACE_MS = 5_000;
    private static final long MINUTE_MS = 60_000;
    private static final Vital[] VITALS = Vital.values();
    private static final long NONE = Long.MIN_VALUE;
    /** {@link Patient#present}'s bit for a discharged (or released) record: above every vital's bit. */
    private static final int DISCHARGED = 1 << 31;
    /**
     * {@link Patient#present}'s two bits for the SpO2 scale the trend pack reads ({@link Patient#followTrendContext}):
     * 0 before the patient's first SpO2 reading or movement, else the scale (1 or 2).
     */
    private static final int TREND_SCALE_SHIFT = 29;
    private static final int TREND_SCALE = 3 << TREND_SCALE_SHIFT;
    /** The screened vitals' ordinals: the only slots of {@link #artefacts} that {@link Patient#screen} sets. */
    private static final int HR_ORDINAL = Vital.HEART_RATE.ordinal();
    private static final int SPO2_ORDINAL = Vital.SPO2.ordinal();
    private static final int RR_ORDINAL = Vital.RESPIRATORY_RATE.ordinal();

    private final EPEventService events;
    /**
     * The patients by id. Written only under the engine's lock; concurrent so that the submitting thread finds the
     * record before the lock ({@link #lookup}): one lookup per observation serves the registration check before the
     * lock and the record under it.
     */
    private final Map<String, Patient> patients = new ConcurrentHashMap<>();
    /**
     * The idle order, linked through the records ({@link Patient#before}, {@link Patient#after}): in the order they
     * were last seen ({@link #patient}, {@link #seen}), so the first is the patient idle the longest and {@link
     * #idlePatient} and {@link #nextIdleAt} are O(1). Kept here rather than by an access-ordered map, whose first
     * entry only an iterator reaches (one per observation), and which needed a second map for lookups that must not
     * reorder.
     */
    private Patient first;
    private Patient last;
    private ArtefactGate.Settings artefactSettings = ArtefactGate.Settings.DEFAULTS;
    /** ObservationEnd's fields (schema.epl): patient, ward, time, SpO2 scale, a value and time per vital, three medians. */
    private static final int OBSERVATION_END_FIELDS = 4 + 2 * VITALS.length + 3;
    /**
     * The robust values (medians of the last minute's plausible readings) of HR, SpO2 and RR at the observation being
     * ended, NaN for none (a reading is never NaN: the validator rejects it): one array for all patients, read by the
     * packs' Java state during {@link Patient#observationEnd} (under the lock).
     */
    private final double[] medians = new double[3];
    /** The artefact gate's answer for the observation being screened: one array for all patients (under the lock). */
    private final String[] screened = new String[3];
    /**
     * Why each vital's reading of the observation being taken is an artefact (null: plausible, or not screened), by
     * ordinal: set by {@link Patient#screen}, cleared at {@link Patient#observationEnd}; one array for all patients
     * (under the lock), as every observation's screen sets all three screened vitals before its readings are taken.
     */
    private final String[] artefacts = new String[VITALS.length];
    /**
     * A patient's {@link Patient#vitals}: per vital, {@code STRIDE} longs at {@code ordinal * STRIDE}, one vital's
     * latest reading and open minute side by side (a reading touches one cache line, not six arrays).
     */
    private static final int STRIDE = 5;
    /** A patient's {@link Patient#vitals} before their first reading: no vital's slots yet. */
    private static final long[] NO_VITALS = new long[0];
    /** The latest plausible reading's value ({@link Double#doubleToRawLongBits}: every bit kept) and time. */
    private static final int LATEST = 0;
    private static final int LATEST_TS = 1;
    /**
     * The open minute: its start in minutes from 1970 in the high 32 bits ({@link #NO_MINUTE}: none) and the count of
     * its readings in the low 32; then the sum of its readings (raw double bits) and of their offsets from the minute's
     * start. Start and count share a long (from issue 21's eleventh pass: 8 bytes a vital, 48 a patient of six
     * vitals): an observation's time is from 1970 to 2262 ({@link com.nexussaude.monitor.Observation}), under 2^28
     * minutes, and a minute's count of one vital's readings stays far below 2^32.
     */
    private static final int MINUTE = 2;
    private static final int SUM = 3;
    private static final int OFFSET_SUM = 4;
    /** {@link #MINUTE}'s word without an open minute: a negative start. */
    private static final long NO_MINUTE = -1L << 32;

    /** The start in ms of the open minute of a vital's {@link #MINUTE} word; {@link #NONE} if none is open. */
    private static long minuteStart(long word) {
        return word < 0 ? NONE : (word >> 32) * MINUTE_MS;
    }
    /** Open minutes in the order they were opened; entries whose minute was published since are skipped. */
    private final OpenMinutes<Patient> open = new OpenMinutes<>();
    /**
     * The bands array last resolved by a patient ({@link Patient#context}), which every patient whose bands in force
     * are the same objects keeps as its own: most patients have the ward's or the defaults, and an array per patient
     * was 48 bytes of each. Never written once made (a patient resolving other bands makes a new one).
     */
    private Bands[] sharedBands;
    /** Where {@link Patient#context} resolves the bands before comparing them with {@link #sharedBands} (under the lock). */
    private final Bands[] resolvedBands = new Bands[VITALS.length];
    /** The places given to the packs' Java state ({@link #homes}), by index in every patient's {@link Patient#packs}. */
    private PackSlot[] slots = new PackSlot[0];
    /** The states given homes, by {@link PackSlot} index. */
    private PackState[] homed = new PackState[0];
    /** The states given homes whose {@link PackState#reading} does something, in their order. */
    private PackState[] readers = new PackState[0];
    /** The states given homes whose {@link PackState#observationEnd} does something, in their order. */
    private PackState[] enders = new PackState[0];

    public PatientReadings(EPEventService events) {
        this.events = events;
    }

    /** How many patients have state here: every patient seen and not discharged. */
    public int size() {
        return patients.size();
    }

    /** The artefact gate's limits for patients first seen from now on (the engine sets them at start). */
    public void artefactSettings(ArtefactGate.Settings settings) {
        this.artefactSettings = settings;
    }

    /** The state of one patient, created on first use. */
    public Patient patient(String patientId) {
        Patient p = seen(patientId);
        if (p == null) {
            p = new Patient(patientId);
            patients.put(patientId, p);
            append(p);
        }
        return p;
    }

    /**
     * The state of a patient seen before and not discharged or released since, counted as seen now (it moves to the
     * end of the idle order, as {@link #patient} does); null, and nothing created, for anyone else. One lookup for the
     * engine's "is this patient monitored, and their state" of every observation.
     */
    public Patient seen(String patientId) {
        Patient p = patients.get(patientId);
        if (p != null && p != last) {
            unlink(p);
            append(p);
        }
        return p;
    }

    /**
     * As {@link #seen(String)}, given what {@link #lookup} found for the id before the lock: that record if it is
     * still the patient's (neither discharged nor released since), without a second lookup; else the lookup again.
     */
    public Patient seen(Patient found, String patientId) {
        if (found == null || found.discharged()) {
            return seen(patientId);
        }
        if (found != last) {
            unlink(found);
            append(found);
        }
        return found;
    }

    /**
     * The patient's record as it is now, from any thread, without the lock (the map is concurrent); nothing moves. The
     * record may be discharged or released by the time the caller takes the lock: {@link #seen(Patient, String)} checks.
     */
    public Patient lookup(String patientId) {
        return patients.get(patientId);
    }

    /** Puts a patient (not in the idle order) at its end. */
    private void append(Patient p) {
        p.before = last;
        p.after = null;
        if (last == null) {
            first = p;
        } else {
            last.after = p;
        }
        last = p;
    }

    /** Takes a patient out of the idle order. */
    private void unlink(Patient p) {
        if (p.before == null) {
            first = p.after;
        } else {
            p.before.after = p.after;
        }
        if (p.after == null) {
            last = p.before;
        } else {
            p.after.before = p.before;
        }
        p.before = null;
        p.after = null;
    }

    /**
     * The state of one patient, or null if the patient was never seen or was discharged or released (nothing is
     * created). A host's query: unlike {@link #patient}, it does not count as the patient being seen, so it never
     * moves them in the idle order.
     */
    public Patient existing(String patientId) {
        return patients.get(patientId);
    }

    /** Whether the patient has state here (seen and neither discharged nor released since). */
    public boolean contains(String patientId) {
        return patients.containsKey(patientId);
    }

    /**
     * The patient whose last reading is the oldest, if it was at or before {@code cutoff} (epoch ms); else null.
     */
    public Patient idlePatient(long cutoff) {
        return first != null && first.lastSeenAt <= cutoff ? first : null;
    }

    /** The monitor time at which the patient idle the longest will have been idle for {@code idleMs}; else MAX. */
    public long nextIdleAt(long idleMs) {
        if (first == null || idleMs == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long last = first.lastSeenAt;
        return last > Long.MAX_VALUE - idleMs ? Long.MAX_VALUE : last + idleMs;
    }

    /**
     * Gives each pack's Java state its place in every patient's record, in order, so that the engine finds all a
     * patient's state with one lookup per observation instead of one map per pack. At build, before any patient.
     */
    public void homes(PackState[] states) {
        readers = PackState.overriding(states, false);
        enders = PackState.overriding(states, true);
        slots = new PackSlot[states.length];
        homed = states.clone();
        for (int i = 0; i < states.length; i++) {
            slots[i] = new PackSlot(i);
            states[i].placed(slots[i]);
        }
    }

    /**
     * The states given {@link #homes} that take readings ({@link PackState#reading} overridden), in their order: the
     * others' calls would do nothing. The array is not to be changed.
     */
    public PackState[] readers() {
        return readers;
    }

    /**
     * Forgets a discharged patient, and what every pack's state kept for them; their open minutes are never published.
     * Returns the patient as they were (the packs' state still in place for {@link PackState#discharged}), or null if
     * the patient had no state here.
     */
    public Patient discharge(String patientId) {
        Patient p = patients.remove(patientId);
        if (p != null) {
            unlink(p);
            p.present |= DISCHARGED;
            for (PackSlot slot : slots) {
                if (slot.get(p) != null) {
                    slot.patients--;
                }
            }
        }
        return p;
    }

    /**
     * One pack state's place in every patient's record: what the pack keeps for a patient is found with the patient,
     * and the patients it keeps anything for are counted (the tests of bounded state read the count).
     */
    public final class PackSlot {
        private final int index;
        /** Patients whose place holds something. */
        private int patients;

        private PackSlot(int index) {
            this.index = index;
        }

        /** What the pack keeps for the patient, or null. */
        Object get(Patient p) {
            return index < p.packs.length ? p.packs[index] : null;
        }

        /** Keeps {@code state} for the patient; null forgets what was kept. */
        void set(Patient p, Object state) {
            if (index >= p.packs.length) {
                if (state == null) {
                    return;
                }
                p.packs = java.util.Arrays.copyOf(p.packs, slots.length);
            }
            Object before = p.packs[index];
            if (before == null && state != null) {
                patients++;
            } else if (before != null && state == null) {
                patients--;
            }
            p.packs[index] = state;
        }

        /** The patient's record if they have one (seen, and neither discharged nor released since), else null. */
        Patient existing(String patientId) {
            return PatientReadings.this.existing(patientId);
        }

        /** The patient's record, created if they have none (as {@link PatientReadings#patient} does). */
        Patient patient(String patientId) {
            return PatientReadings.this.patient(patientId);
        }

        /** Patients whose place holds something. */
        int patients() {
            return patients;
        }
    }

    /** When {@link #sweep} next publishes a minute, {@code Long.MAX_VALUE} if no minute is open. */
    public long nextSweepAt() {
        return open.isEmpty() ? Long.MAX_VALUE : open.firstMinute() + MINUTE_MS + GRACE_MS;
    }

    /** Publishes every open minute that ended at least {@link #GRACE_MS} before {@code now}. */
    public void sweep(long now, WardLookup wards) {
        while (!open.isEmpty() && open.firstMinute() + MINUTE_MS + GRACE_MS <= now) {
            Patient p = open.firstOwner();
            int vital = open.firstVital();
            long minute = open.firstMinute();
            open.removeFirst();
            if (!p.discharged() && minuteStart(p.vitals[vital * STRIDE + MINUTE]) == minute) {
                p.publish(vital, wards.wardOf(p.id));
            }
        }
    }

    /** The ward of a patient at publishing time. */
    // Public: the benchmarks pass a lambda for it.
    @FunctionalInterface
    public interface WardLookup {
        String wardOf(String patientId);
    }

    /** One patient's latest readings and open minutes. */
    // Public: the benchmarks feed a patient's readings through it.
    public final class Patient implements LatestReadings {
        private final String id;
        /**
         * Each vital's latest plausible reading and open minute ({@link #STRIDE} longs per vital); the latest reading
         * only where {@link #present}. Primitives, not boxes: no object per reading. Only as long as the highest vital
         * ordinal taken so far needs ({@link #slotsUpTo}): consciousness and supplemental oxygen, the last two, are
         * charted by hand if at all, so most patients never take them, and their ten longs would be 80 of the array's
         * 336 bytes. A vital is read here only once taken ({@link #has}, an open minute), so its slots exist then.
         */
        private long[] vitals = NO_VITALS;
        /**
         * Bit {@code v} set: vital {@code v} has a latest reading (eight vitals: bits 0 to 7); {@link #TREND_SCALE}, the
         * SpO2 scale the trend pack reads; and {@link #DISCHARGED}, the record's discharge (a boolean of its own made the
         * record 97 bytes, rounded to 104; with the registration's flag gone too, {@link #registered(ThresholdTable)},
         * it was 96, and is 104 with {@link #motionTs}). Written under the engine's lock only.
         */
        private int present;
        /**
         * The time of the patient's latest movement (a reading the artefact gate called {@code 'jump'} or {@code
         * 'motion'}), -1 before the first: with the scale in {@link #present}, what the trend pack reads of the patient
         * with each trend point ({@code VitalTrend.motionTs}, {@code spo2Scale}). Kept here, not in the pack's Esper
         * table (TrendContext, before the eleventh pass), whose row cost about 100 bytes a patient.
         */
        private long motionTs = -1L;
        /**
         * The trend lines of the five vitals that have one ({@link TrendLine#WINDOW_MS}), null until their first point:
         * fields, not an array by ordinal, whose eight slots for five lines were 48 bytes against these 20; each line
         * its {@link TrendLine} array, without an object around it.
         */
        private long[] hrTrend;
        private long[] spo2Trend;
        private long[] rrTrend;
        private long[] sbpTrend;
        private long[] temperatureTrend;
        private final ArtefactGate gate = new ArtefactGate(artefactSettings);
        /**
         * The gate's channels (never replaced), held here too for {@link #warm} only: reached from the record, a
         * channel's minute is three dependent loads away instead of four (record, gate, channel, array), and that
         * chain was the longest {@link #warm} waited for.
         */
        private final ArtefactGate.Channel hrChannel = gate.channel(ArtefactGate.HR);
        private final ArtefactGate.Channel spo2Channel = gate.channel(ArtefactGate.SPO2);
        private final ArtefactGate.Channel rrChannel = gate.channel(ArtefactGate.RR);
        /** What each pack's Java state keeps for the patient, by {@link PackSlot} index (null: nothing). */
        private Object[] packs = new Object[slots.length];
        /** The monitor time of the last observation, for releasing idle patients. */
        private long lastSeenAt = Long.MIN_VALUE;
        /** The patients seen just before and just after this one ({@link PatientReadings#first}); null at the ends. */
        private Patient before;
        private Patient after;
        /**
         * The registration as of {@link #contextVersion} (null: not registered). Written under the lock, before {@link
         * #contextVersion}; its being null or not is the answer of {@link #registered(ThresholdTable)}.
         */
        private PatientContext context;
        /**
         * The bands in force as of {@link #contextVersion}, by vital ordinal (null for vitals without bands); shared with
         * other patients ({@link #sharedBands}), so never written, only replaced.
         */
        private Bands[] bands;
        /**
         * The {@link ThresholdTable#version} the context and bands were resolved at; -1 never. Volatile, and written
         * after {@link #context}, for the submitting thread's check before the lock ({@link #registered(
         * ThresholdTable)}): a thread that reads a version reads the registration resolved at it or a later one, and a
         * later one comes with a later version, which the table's then no longer equals.
         */
        private volatile int contextVersion = -1;

        /**
         * Whether the patient is registered in {@code table}, from any thread without the lock: the record's answer
         * when the table has not changed since the record resolved its context (the version it was resolved at is the
         * table's now), else the table's own. The same answer as {@link ThresholdTable#patient} {@code != null}.
         */
        public boolean registered(ThresholdTable table) {
            int version = contextVersion; // first: the registration read next was resolved at it or later
            boolean r = context != null;
            if (version == table.version()) {
                return r;
            }
            return table.patient(id) != null;
        }

        /**
         * Whether the record has taken an observation, so its id passed the validator's id checks: only the observation
         * path resolves a record's {@link #context}, after the validator accepted the observation (a record made
         * otherwise, for a restored signal-loss watch, has not until its first observation). From any thread.
         */
        public boolean idValidated() {
            return contextVersion != -1;
        }

        /** The table version the record last resolved its context at, -1 never (for the tests). */
        int resolvedVersion() {
            return contextVersion;
        }

        /**
         * Reads a word of each memory line an observation of this patient is about to read, and returns a value that
         * depends on every load (so the JIT keeps them). Why: at thousands of patients a patient's state is out of
         * cache, and the observation's path reads it one structure after another, each load's miss waited for before
         * the code that finds the next one runs; issued here together, the misses overlap. Reads only (racy reads are
         * harmless: nothing read is used), so it may run before the engine's lock.
         */
        public int warm() {
            int w = present;
            w += CacheLines.touch(vitals);
            w += warmGate();
            Object[] kept = packs;
            PackState[] states = homed;
            for (int i = 0; i < kept.length && i < states.length; i++) {
                Object o = kept[i];
                if (o != null) {
                    w += states[i].warm(o);
                }
            }
            PatientContext c = context;
            if (c != null && c.ward() == null) { // the step reads the ward of every observation
                w++;
            }
            Patient b = before; // the idle order's neighbours, which moving this record to its end writes
            Patient a = after;
            if (b != null) {
                w += b.present;
            }
            if (a != null) {
                w += a.present;
            }
            return w;
        }

        /** {@link #warm}'s part for the artefact gate: its own line and its channels' minutes, from the channels held here. */
        int warmGate() {
            return gate.warm() + hrChannel.warm() + spo2Channel.warm() + rrChannel.warm();
        }

        /** The patient's artefact gate (for the tests). */
        ArtefactGate gate() {
            return gate;
        }

        /** The patient id. */
        public String id() {
            return id;
        }

        /** The monitor time of the last observation ({@link #seenAt}), {@code Long.MIN_VALUE} before it. */
        public long lastSeenAt() {
            return lastSeenAt;
        }

        /**
         * The patient's registration (null: not registered), resolved again, with the bands in force for each vital
         * ({@link #bands}), only when the table changed since the last call: two map lookups per vital saved on every
         * observation while nothing changes. Under the engine's lock.
         */
        public PatientContext context(ThresholdTable table) {
            int version = table.version(); // before the reads: a change after it moves the version on
            if (version != contextVersion) {
                context = table.patient(id);
                Bands[] resolved = resolvedBands;
                for (Vital v : VITALS) {
                    resolved[v.ordinal()] = v.hasBands() ? table.bandsFor(context, v) : null;
                }
                if (!Arrays.equals(resolved, sharedBands, (a, b) -> a == b ? 0 : 1)) {
                    sharedBands = resolved.clone();
                }
                bands = sharedBands;
                contextVersion = version; // after the registration: see registered(ThresholdTable)
            }
            return context;
        }

        /** The array of the bands in force (for the tests: patients with the same bands share one). */
        Bands[] bandsInForce() {
            return bands;
        }

        /** The bands in force for a vital with bands, as of the last {@link #context} call. */
        public Bands bands(Vital vital) {
            return bands[vital.ordinal()];
        }

        /** Whether the record was discharged or released (under the lock). */
        private boolean discharged() {
            return (present & DISCHARGED) != 0;
        }

        /** Records an observation at monitor time {@code now}. */
        public void seenAt(long now) {
            lastSeenAt = now;
        }

        private Patient(String id) {
            this.id = id;
        }

        /** The vitals' slots grown up to vital {@code v}'s, the new ones with no open minute. */
        private long[] slotsUpTo(int v) {
            int from = vitals.length;
            long[] x = Arrays.copyOf(vitals, (v + 1) * STRIDE);
            for (int at = from; at < x.length; at += STRIDE) {
                x[at + MINUTE] = NO_MINUTE;
            }
            return vitals = x;
        }

        /** The vitals' slots' length (for the tests). */
        int vitalSlots() {
            return vitals.length;
        }

        /**
         * Screens an observation's continuous vitals for artefacts before its readings are taken; {@link
         * #artefact(Vital)} then says, per vital, why a reading is an artefact (null: plausible).
         */
        public void screen(Double heartRate, Double spo2, Double respiratoryRate, long ts) {
            String[] r = gate.screen(heartRate, spo2, respiratoryRate, ts, screened);
            artefacts[HR_ORDINAL] = r[ArtefactGate.HR];
            artefacts[SPO2_ORDINAL] = r[ArtefactGate.SPO2];
            artefacts[RR_ORDINAL] = r[ArtefactGate.RR];
        }

        /** The latest plausible reading of {@code vital}, or null if there has been none. */
        public com.nexussaude.monitor.VitalReading latest(Vital vital) {
            int v = vital.ordinal();
            return !has(v) ? null
                    : new com.nexussaude.monitor.VitalReading(vital, value(v), java.time.Instant.ofEpochMilli(at(v)));
        }

        @Override
        public boolean has(int v) {
            return (present & 1 << v) != 0;
        }

        @Override
        public double value(int v) {
            return Double.longBitsToDouble(vitals[v * STRIDE + LATEST]);
        }

        @Override
        public long at(int v) {
            return vitals[v * STRIDE + LATEST_TS];
        }

        /** Valid during {@link PackState#observationEnd}: the medians of the observation being ended. */
        @Override
        public double median(int channel) {
            return medians[channel];
        }

        /** Why the last screened reading of {@code vital} is an artefact, or null (plausible, or not screened). */
        public String artefact(Vital vital) {
            return artefacts[vital.ordinal()];
        }

        /**
         * Takes a reading before its {@code VitalSign} is sent: publishes the minute it closes, adds it to
         * its own minute and, unless an earlier-timed reading, makes it the latest.
         */
        public void reading(Vital vital, double value, long ts, String ward) {
            int v = vital.ordinal();
            if (artefacts[v] != null) {
                return; // invisible to clinical rules: no latest value, minute mean or trend point
            }
            long[] x = vitals;
            int at = v * STRIDE;
            if (at >= x.length) {
                x = slotsUpTo(v);
            }
            if (!has(v) || ts >= x[at + LATEST_TS]) {
                x[at + LATEST] = Double.doubleToRawLongBits(value);
                x[at + LATEST_TS] = ts;
                present |= 1 << v;
            }
            if (TrendLine.WINDOW_MS[v] > 0 && !TrendLine.OF_MINUTES[v]) {
                trendPoint(v, ts, value, ward);
            }
            long m = Math.floorDiv(ts, MINUTE_MS) * MINUTE_MS;
            long current = minuteStart(x[at + MINUTE]);
            if (m != current) {
                if (current != NONE && m < current) {
                    return; // late: its minute is closed
                }
                if (current != NONE) {
                    publish(v, ward);
                }
                x[at + MINUTE] = m / MINUTE_MS << 32; // no reading yet: the one below is the first
                open.addLast(this, v, m);
            }
            x[at + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(x[at + SUM]) + value);
            x[at + OFFSET_SUM] += ts - m;
            x[at + MINUTE]++; // the count, in the low 32 bits
        }

        /** Adds a point to the vital's trend line and sends the line as {@code VitalTrend}. */
        private void trendPoint(int v, long ts, double value, String ward) {
            Vital vital = VITALS[v];
            long window = TrendLine.WINDOW_MS[v];
            long[] line = TrendLine.add(trendLine(vital), window, events.getCurrentTime(), ts, value);
            trendLine(vital, line);
            events.sendEventBean(TrendLine.trend(line, window, id, ward, vital.name(), trendSpo2Scale(), motionTs),
                    "VitalTrend");
        }

        /**
         * Follows what the trend pack reads of the patient after a reading of {@code vital} at {@code ts} was taken
         * ({@link #reading}), and before the next: the scale the patient had ({@code spo2Scale}) at their latest SpO2
         * reading, and the time of their latest movement. After the reading, so that a trend point that reading
         * published (its minute closed by it) carries them as they were. As the trend pack's table kept them: the first
         * SpO2 reading or movement sets the scale, whichever vital it was, and a movement the time; then an SpO2 reading
         * sets the scale, and a later movement the time.
         */
        public void followTrendContext(Vital vital, long ts, int spo2Scale) {
            boolean spo2 = vital == Vital.SPO2;
            String artefact = artefacts[vital.ordinal()];
            boolean motion = ArtefactGate.JUMP.equals(artefact) || ArtefactGate.MOTION.equals(artefact);
            if (!spo2 && !motion) {
                return;
            }
            if (spo2 || (present & TREND_SCALE) == 0) {
                present = present & ~TREND_SCALE | (spo2Scale & 3) << TREND_SCALE_SHIFT;
            }
            if (motion && ts > motionTs) { // a time is never negative (Observation.EARLIEST_TIMESTAMP): the first sets it
                motionTs = ts;
            }
        }

        /** The SpO2 scale the trend pack reads ({@link #followTrendContext}); 1 before any. */
        int trendSpo2Scale() {
            int scale = (present & TREND_SCALE) >>> TREND_SCALE_SHIFT;
            return scale == 0 ? 1 : scale;
        }

        /** The vital's trend line, a new one before its first point. */
        private long[] trendLine(Vital vital) {
            long[] line = switch (vital) {
                case HEART_RATE -> hrTrend;
                case SPO2 -> spo2Trend;
                case RESPIRATORY_RATE -> rrTrend;
                case SYSTOLIC_BP -> sbpTrend;
                case TEMPERATURE -> temperatureTrend;
                default -> throw new IllegalArgumentException(vital + " has no trend line");
            };
            return line != null ? line : TrendLine.newLine();
        }

        /** Keeps {@code line} as the vital's trend line ({@link TrendLine#add} returns a new array when it grows). */
        private void trendLine(Vital vital, long[] line) {
            switch (vital) {
                case HEART_RATE -> hrTrend = line;
                case SPO2 -> spo2Trend = line;
                case RESPIRATORY_RATE -> rrTrend = line;
                case SYSTOLIC_BP -> sbpTrend = line;
                default -> temperatureTrend = line;
            }
        }

        private void publish(int v, String ward) {
            long[] x = vitals;
            int at = v * STRIDE;
            int n = (int) x[at + MINUTE];
            long m = minuteStart(x[at + MINUTE]);
            if (n > 0) {
                String vital = VITALS[v].name();
                long ts = m + Math.round((double) x[at + OFFSET_SUM] / n);
                double mean = Double.longBitsToDouble(x[at + SUM]) / n;
                events.sendEventBean(new VitalMinute(id, ward, vital, m, ts, mean, n), "VitalMinute");
                if (TrendLine.OF_MINUTES[v]) {
                    trendPoint(v, ts, mean, ward);
                }
            }
            x[at + MINUTE] = NO_MINUTE;
            x[at + SUM] = Double.doubleToRawLongBits(0);
            x[at + OFFSET_SUM] = 0;
        }

        /**
         * Sends the observation's {@code ObservationEnd}, with the latest plausible reading of every vital: a
         * value and time pair per vital, in {@link Vital} order, which is the order of schema.epl's fields;
         * then the robust values (medians of the last minute's plausible readings) of HR, SpO2 and RR.
         */
        public void observationEnd(String ward, long ts, int spo2Scale) {
            observationEnd(ward, ts, spo2Scale, new PackState[0], true);
        }

        /**
         * As {@link #observationEnd(String, long, int)}, after showing the row to the states given {@link #homes} that
         * read it; the event is sent only if {@code send} (some deployed statement reads the type).
         */
        public void observationEnd(String ward, long ts, int spo2Scale, boolean send) {
            observationEnd(ward, ts, spo2Scale, enders, send);
        }

        private void observationEnd(String ward, long ts, int spo2Scale, PackState[] packStates, boolean send) {
            // The packs' Java state reads the record (latest values) and the medians array; the row, whose boxes Esper
            // keeps, is built only for a deployed reader of the event.
            medians[ArtefactGate.HR] = gate.medianOrNaN(ArtefactGate.HR, ts);
            medians[ArtefactGate.SPO2] = gate.medianOrNaN(ArtefactGate.SPO2, ts);
            medians[ArtefactGate.RR] = gate.medianOrNaN(ArtefactGate.RR, ts);
            // Only the screened vitals' slots are ever set (by screen): three stores, not a fill of every vital's.
            artefacts[HR_ORDINAL] = null;
            artefacts[SPO2_ORDINAL] = null;
            artefacts[RR_ORDINAL] = null;
            PackState.observationEndOfAll(packStates, this, this, ts, spo2Scale);
            if (send) {
                Object[] row = new Object[OBSERVATION_END_FIELDS];
                row[0] = id;
                row[1] = ward;
                row[2] = ts;
                row[3] = spo2Scale;
                for (int v = 0; v < VITALS.length; v++) {
                    if (has(v)) {
                        row[4 + 2 * v] = value(v);
                        row[5 + 2 * v] = at(v);
                    }
                }
                int m = 4 + 2 * VITALS.length;
                for (int c = 0; c < medians.length; c++) {
                    row[m + c] = Double.isNaN(medians[c]) ? null : medians[c]; // null: no median
                }
                events.sendEventObjectArray(row, "ObservationEnd");
            }
        }
    }
}
