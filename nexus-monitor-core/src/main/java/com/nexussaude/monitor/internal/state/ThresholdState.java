package com.nexussaude.monitor.internal.state;

import com.espertech.esper.common.client.EventSender;
import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import java.util.Map;
import com.nexussaude.monitor.internal.rules.EplFunctions;

/**
 * The threshold pack's per-reading state (threshold.epl): for every banded vital of a patient, its alarm-band episode
 * (onsets, tolerance, max gap, critical confirmation, severity hysteresis, clear-after) and, for HR, SpO2 and RR, the
 * time of its previous plausible reading. It sends Esper a {@code ThresholdReading} only for a reading whose episode
 * has a level to signal, or that ends the episode; the pack's statements turn it into the {@code AlertSignal} (severity,
 * message, evidence, ttl) or the {@code AlertClear}. A reading inside the normal band with no episode open, or one whose
 * episode has not yet reached its alarm delay, sends nothing.
 *
 * <p>Until issue 21 this was the pack's {@code ThresholdEpisode} and {@code ThresholdLast} tables and their merges; the
 * arithmetic below is theirs, step for step (the names are the old columns), so that every alert is the same.
 * The persistence policies (MonitorConfig.persistence) and the {@code threshold_*} variables are read once, at build.
 */
public final class ThresholdState extends PackState {
    private static final Vital[] VITALS = Vital.values();

    /** One vital's policy and the pack's variables, as milliseconds. */
    private final long[] mediumDelayMs = new long[VITALS.length];
    private final long[] highDelayMs = new long[VITALS.length];
    private final long[] maxGapMs = new long[VITALS.length];
    private final long[] clearAfterMs = new long[VITALS.length];
    private final long toleranceMs;
    private final long severityFallMs;
    private final long criticalConfirmMs;

    /** Sends ThresholdReading: resolved once, as a send by type name looks the type up in a map every time. */
    private final EventSender readingSender;
    // Each patient's record keeps, in this pack's place (PackState.slot), this pack's Patient.

    /**
     * @param variables the deployed packs' variables by name, after {@code packSettings} were applied; the
     *                  {@code threshold_*} ones are read here
     */
    public ThresholdState(EPEventService events, Map<Vital, PersistencePolicy> persistence, Map<String, Object> variables) {
        this.readingSender = events.getEventSender("ThresholdReading");
        for (Map.Entry<Vital, PersistencePolicy> p : persistence.entrySet()) {
            int i = p.getKey().ordinal();
            PersistencePolicy pp = p.getValue();
            mediumDelayMs[i] = pp.mediumDelay().toMillis();
            highDelayMs[i] = pp.highDelay().toMillis();
            maxGapMs[i] = pp.maxGap().toMillis();
            clearAfterMs[i] = pp.clearAfter().toMillis();
        }
        this.toleranceMs = variable(variables, "threshold_tolerance_ms");
        this.severityFallMs = variable(variables, "threshold_severity_fall_ms");
        this.criticalConfirmMs = variable(variables, "threshold_critical_confirm_ms");
    }

    private static long variable(Map<String, Object> variables, String name) {
        return PackVariables.number(variables, "threshold", name).longValue();
    }

    /**
     * What the pack keeps for one patient. The continuous vitals' reading times are six fields, not a {@code long[]}
     * beside the object: every HR, SpO2 and RR reading reads and writes them, and a second object per patient was a
     * second likely cache miss per reading (and 16 bytes of array header).
     */
    private static final class Patient {
        /**
         * The open episode of each vital (by ordinal), or null; the array itself only while an episode is open (most
         * patients have none most of the time, and it was 48 bytes of each).
         */
        Episode[] episodes;
        int openEpisodes;
        /** Bit {@code c} set: channel {@code c} (HR, SpO2, RR by {@link ArtefactGate#channelOf}) has had a plausible reading. */
        int read;
        /** Each channel's latest plausible reading's time, and the previous one's; -1 none. */
        long hrTs = -1;
        long spo2Ts = -1;
        long rrTs = -1;
        long hrBefore = -1;
        long spo2Before = -1;
        long rrBefore = -1;

        long latest(int c) {
            return c == ArtefactGate.HR ? hrTs : c == ArtefactGate.SPO2 ? spo2Ts : rrTs;
        }

        long before(int c) {
            return c == ArtefactGate.HR ? hrBefore : c == ArtefactGate.SPO2 ? spo2Before : rrBefore;
        }

        void times(int c, long latest, long before) {
            if (c == ArtefactGate.HR) {
                hrTs = latest;
                hrBefore = before;
            } else if (c == ArtefactGate.SPO2) {
                spo2Ts = latest;
                spo2Before = before;
            } else {
                rrTs = latest;
                rrBefore = before;
            }
        }
    }

    /** One vital's episode, from its first reading outside the normal band until it ends. */
    private static final class Episode {
        /** Since when outside normal (continuously, within the tolerance). */
        long onset1;
        /** Since when outside warning (continuously, within the tolerance); -1 if never in this episode. */
        long onset2;
        long lastTs;
        /** Since when back in the normal band; -1 while outside it. */
        long normalSince;
        /** Since when back inside the warning band; -1 while outside it. */
        long shallowSince;
        /** When the sustained level was last at least medium / high / critical; -1 never. */
        long mediumTs;
        long highTs;
        long criticalTs;
        /** The latest reading outside the critical band, while the readings since are too; -1 none. */
        long band3Ts;
    }

    @Override
    int warm(Object kept) {
        Patient p = (Patient) kept;
        Episode[] e = p.episodes;
        return p.read + (int) p.hrTs + (e == null ? 0 : e.length);
    }

    @Override
    public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
            int direction, double crossedLimit, int spo2Scale, String artefact) {
        if (band < 0 || artefact != null) {
            return; // no bands, or an artefact: the pack never saw it
        }
        String patientId = patient.id();
        int c = ArtefactGate.channelOf(vital); // HR, SpO2, RR: critical needs a confirming reading
        Patient p = (Patient) slot.get(patient);
        if (p == null && c < 0 && band == 0) {
            return;
        }
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        // The previous plausible reading of a continuous vital, before this one is recorded (-1: none).
        long previous = -1;
        if (c >= 0) {
            if ((p.read & 1 << c) != 0) {
                long latest = p.latest(c);
                previous = latest == ts ? p.before(c) : latest;
                if (ts > latest) {
                    p.times(c, ts, latest);
                }
            } else {
                p.read |= 1 << c;
                p.times(c, ts, -1);
            }
        }
        int i = vital.ordinal();
        Episode e = p.episodes == null ? null : p.episodes[i];
        // A zero that reaches this pack was corroborated by the artefact gate: critical at once.
        boolean confirms = criticalConfirmMs > 0 && value > 0 && c >= 0;
        if (e == null) {
            if (band > 0) {
                open(p, patientId, vital, value, ts, band, direction, crossedLimit, confirms, previous);
            }
            return;
        }
        if (band == 0) {
            long since = e.normalSince < 0 ? ts : e.normalSince;
            if (ts - since >= clearAfterMs[i]) {
                p.episodes[i] = null;
                p.openEpisodes--;
                if (p.openEpisodes == 0) {
                    p.episodes = null;
                }
                if (p.openEpisodes == 0 && c < 0 && p.read == 0) {
                    slot.set(patient, null); // nothing left to keep
                }
                send(patientId, vital, value, ts, band, direction, crossedLimit, 0, e.onset1, true);
            } else {
                if (e.normalSince < 0) {
                    e.normalSince = ts;
                    if (e.shallowSince < 0) {
                        e.shallowSince = ts;
                    }
                }
                e.lastTs = ts;
                e.band3Ts = -1;
            }
            return;
        }
        // Outside normal, episode open: every value below is from the episode as it was before this reading.
        int bandNow = band >= 3 && confirms && ts - e.lastTs <= criticalConfirmMs
                && !(e.band3Ts >= 0 && ts - e.band3Ts <= criticalConfirmMs) ? 2 : band;
        boolean restart = ts - e.lastTs > maxGapMs[i] || (e.normalSince >= 0 && ts - e.normalSince > toleranceMs);
        long onset1 = restart ? ts : e.onset1;
        long onset2 = band < 2 ? e.onset2
                : e.onset2 < 0 || restart || (e.shallowSince >= 0 && ts - e.shallowSince > toleranceMs) ? ts : e.onset2;
        int levelNow = EplFunctions.sustainedBand(bandNow, ts - onset1, ts - onset2, mediumDelayMs[i], highDelayMs[i]);
        if (levelNow >= 3) {
            e.criticalTs = ts;
        }
        if (levelNow >= 2) {
            e.highTs = ts;
        }
        if (levelNow >= 1) {
            e.mediumTs = ts;
        }
        e.onset2 = onset2;
        e.onset1 = onset1;
        e.shallowSince = band >= 2 ? -1 : e.shallowSince < 0 ? ts : e.shallowSince;
        e.normalSince = -1;
        e.lastTs = ts;
        e.band3Ts = band >= 3 ? ts : -1;
        int level = EplFunctions.heldLevel(levelNow, ts, e.mediumTs, e.highTs, e.criticalTs, severityFallMs);
        if (level > 0) {
            send(patientId, vital, value, ts, band, direction, crossedLimit, level, onset1, false);
        }
    }

    /** The first reading outside the normal band opens an episode. */
    private void open(Patient p, String patientId, Vital vital, double value, long ts, int band, int direction,
            double crossedLimit, boolean confirms, long previous) {
        int i = vital.ordinal();
        // No reading before it in the episode: it waits for a partner when the vital arrives densely (its previous
        // reading, in band, within the window); sparse or first-ever, critical at once.
        int bandFirst = band >= 3 && confirms && previous >= 0 && ts - previous <= criticalConfirmMs ? 2 : band;
        int level = EplFunctions.sustainedBand(bandFirst, 0L, band >= 2 ? 0L : -1L, mediumDelayMs[i], highDelayMs[i]);
        Episode e = new Episode();
        e.onset1 = ts;
        e.onset2 = band >= 2 ? ts : -1;
        e.lastTs = ts;
        e.normalSince = -1;
        e.shallowSince = band >= 2 ? -1 : ts;
        e.mediumTs = level >= 1 ? ts : -1;
        e.highTs = bandFirst >= 3 || (band >= 2 && highDelayMs[i] <= 0) ? ts : -1;
        e.criticalTs = bandFirst >= 3 ? ts : -1;
        e.band3Ts = band >= 3 ? ts : -1;
        if (p.episodes == null) {
            p.episodes = new Episode[VITALS.length];
        }
        p.episodes[i] = e;
        p.openEpisodes++;
        if (level > 0) {
            send(patientId, vital, value, ts, band, direction, crossedLimit, level, ts, false);
        }
    }

    /** ThresholdReading (threshold.epl), in its property order. */
    private void send(String patientId, Vital vital, double value, long ts, int band, int direction,
            double crossedLimit, int level, long outsideNormalSince, boolean clears) {
        readingSender.sendEvent(new Object[] {patientId, vital.name(), value, ts, band, direction, crossedLimit,
                level, outsideNormalSince, clears});
    }
}
