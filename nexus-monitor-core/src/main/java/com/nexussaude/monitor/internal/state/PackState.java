package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Vital;

/**
 * A bundled pack's per-reading state, kept in plain Java instead of Esper tables (issue 21): it sees every vital the
 * engine accepts, in order, keeps what the pack's rules decide on, and sends Esper a derived event only when something
 * they decide on changed. The rules that decide (severity, message, evidence, when to clear) stay EPL statements over
 * those derived events.
 *
 * <p>What a state keeps for a patient lives in the patient's record ({@link PatientReadings.Patient}), in the place
 * {@link PatientReadings#homes} gave it: the engine finds the record once per observation and hands it to every
 * state, so no state keeps a map of its own by patient id.
 *
 * <p>Called by the engine under its lock, on the thread that submitted the observation (or that advanced the clock),
 * one pack after another in {@link EsperSetup#PACKS} order, so that alert signals keep the order the packs' statements
 * gave them when they all read {@code VitalSign}. Subclasses are not thread-safe and need not be.
 */
public abstract class PackState {

    /** The state's place in every patient's record, given once at build ({@link PatientReadings#homes}), before any reading. */
    PatientReadings.PackSlot slot;

    /** Takes the state's place; called once, at build. */
    final void placed(PatientReadings.PackSlot slot) {
        this.slot = slot;
    }

    /**
     * One vital of an accepted observation of {@code patient}, called just before the engine would send its {@code
     * VitalSign} event, with that event's properties (schema.epl). {@code crossedLimit} is NaN when {@code band <= 0};
     * {@code artefact} is null for a plausible reading.
     */
    public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
            int direction, double crossedLimit, int spo2Scale, String artefact) {
    }

    /**
     * After every vital of an observation of {@code patient} at {@code ts}, where the engine would send its {@code
     * ObservationEnd} event: what that event carries, the latest plausible reading of each vital and the robust values,
     * is in {@code latest} (the engine passes the patient's record itself; tests may pass other readings).
     */
    public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int spo2Scale) {
    }

    /**
     * The patient's monitoring ended (discharged, or released for being idle): their record, and this state's place in
     * it, is already forgotten ({@link PatientReadings#discharge}); a state that holds the patient elsewhere too (a
     * deadline queue) lets go of it here.
     */
    public void discharged(PatientReadings.Patient patient, long ts) {
    }

    /**
     * {@link #reading} of every state in {@code states}, in their order. The first {@value #SITES} have a call site each:
     * a monitor's readers are fixed at deployment, so each site sees one class and the JIT calls (or inlines) it
     * directly, where the one call site of a loop over them saw every pack's class and dispatched each of the dozen
     * calls per observation through the class's method table.
     */
    public static void readingOfAll(PackState[] states, PatientReadings.Patient patient, String ward, Vital vital,
            double value, long ts, int band, int direction, double crossedLimit, int spo2Scale, String artefact) {
        int n = states.length;
        if (n > 0) {
            states[0].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
        if (n > 1) {
            states[1].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
        if (n > 2) {
            states[2].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
        if (n > 3) {
            states[3].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
        if (n > 4) {
            states[4].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
        if (n > 5) {
            states[5].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
        for (int i = SITES; i < n; i++) {
            states[i].reading(patient, ward, vital, value, ts, band, direction, crossedLimit, spo2Scale, artefact);
        }
    }

    /** The call sites of {@link #readingOfAll} and {@link #observationEndOfAll} before their loop over the rest. */
    static final int SITES = 6;

    /** {@link #observationEnd} of every state in {@code states}, in their order; a call site each, as {@link #readingOfAll}. */
    static void observationEndOfAll(PackState[] states, PatientReadings.Patient patient, LatestReadings latest, long ts,
            int spo2Scale) {
        int n = states.length;
        if (n > 0) {
            states[0].observationEnd(patient, latest, ts, spo2Scale);
        }
        if (n > 1) {
            states[1].observationEnd(patient, latest, ts, spo2Scale);
        }
        if (n > 2) {
            states[2].observationEnd(patient, latest, ts, spo2Scale);
        }
        if (n > 3) {
            states[3].observationEnd(patient, latest, ts, spo2Scale);
        }
        if (n > 4) {
            states[4].observationEnd(patient, latest, ts, spo2Scale);
        }
        if (n > 5) {
            states[5].observationEnd(patient, latest, ts, spo2Scale);
        }
        for (int i = SITES; i < n; i++) {
            states[i].observationEnd(patient, latest, ts, spo2Scale);
        }
    }

    /**
     * The states among {@code states}, in their order, whose class overrides {@link #reading} ({@code observationEnd}
     * false) or {@link #observationEnd} (true): the others' calls do nothing, and the engine makes a dozen of these
     * calls per observation.
     */
    static PackState[] overriding(PackState[] states, boolean observationEnd) {
        return java.util.Arrays.stream(states).filter(s -> overrides(s.getClass(), observationEnd)).toArray(PackState[]::new);
    }

    private static boolean overrides(Class<?> type, boolean observationEnd) {
        try {
            java.lang.reflect.Method m = observationEnd
                    ? type.getMethod("observationEnd", PatientReadings.Patient.class, LatestReadings.class, long.class,
                            int.class)
                    : type.getMethod("reading", PatientReadings.Patient.class, String.class, Vital.class, double.class,
                            long.class, int.class, int.class, double.class, int.class, String.class);
            return m.getDeclaringClass() != PackState.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("PackState has no such method", e);
        }
    }

    /**
     * Reads a word of each memory line of {@code kept} (what this state keeps for a patient, never null) that the
     * patient's next observation will read, and returns a value depending on every load: see {@link
     * PatientReadings.Patient#warm}. Reads only, from the submitting thread before the engine's lock (racy reads
     * are harmless: the value means nothing). The default reads the object's first line.
     */
    int warm(Object kept) {
        return kept.getClass().hashCode();
    }

    /** Patients this state holds anything for (whose place holds something): the tests of bounded state read it. */
    public final int patients() {
        return slot.patients();
    }
}
