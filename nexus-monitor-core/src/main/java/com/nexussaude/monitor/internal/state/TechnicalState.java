package com.nexussaude.monitor.internal.state;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.Vital;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The technical pack's per-reading state (technical.epl documents the rules): per patient and tracked vital the
 * latest reading, the jump, probe-off and signal-loss state and the typical interval between readings; per patient
 * the flat-zero RR episode; and the signal-loss deadlines. It sends the pack's derived events (SignalBack, SensorGap,
 * ProbeZero, ProbeBack, ArtefactJump, RrFlatZero, RrFlatEnded, SignalSilent) only when one of its statements has
 * something to decide; a plausible reading of a steady feed sends nothing.
 *
 * <p>Why the order rules below: the events must reach the statements in the order the pack's Esper tables and
 * statements produced the same alerts before this state moved into Java, so that alerts keep their ids and order.
 * For one reading: the reading's own event, then the flat-zero RR one, then SensorGap (it was routed after both).
 * At a signal-loss tick: in the iteration order of the table that held one row per patient and vital (a
 * {@link HashMap} keyed by Esper's two-key multikey, rows inserted at a vital's first reading or watch and removed
 * at discharge), which {@link #scanOrder} reproduces without scanning every row.
 */
public final class TechnicalState extends PackState {
    private static final int HR = 0;
    private static final int SPO2 = 1;
    private static final int RR = 2;
    private static final int SBP = 3;
    /** The tracked vitals by index: HR, SpO2, RR and NIBP (tracked on SYSTOLIC_BP). */
    private static final Vital[] TRACKED = {Vital.HEART_RATE, Vital.SPO2, Vital.RESPIRATORY_RATE, Vital.SYSTOLIC_BP};
    private static final int[] INDEX = new int[Vital.values().length];
    /** The old table's run length that restarts a flat-zero RR run (30 s without one while no alert is open). */
    private static final long FLAT_RUN_RESTART_MS = 30_000;

    static {
        java.util.Arrays.fill(INDEX, -1);
        for (int i = 0; i < TRACKED.length; i++) {
            INDEX[TRACKED[i].ordinal()] = i;
        }
    }

    private final EPEventService events;
    private final long[] timeoutMs = new long[TRACKED.length];
    private final long dropoutGapMs;
    private final double dropoutRegularMs;
    private final long rrFlatMs;
    private final double rrFlatSpo2;
    private final long rrClearMs;
    // Each patient's record keeps, in this pack's place (PackState.slot), this pack's Patient.
    /** Rows with a signal-loss timeout, by the earliest time they can be silent for it (lazily re-armed). */
    private final PriorityQueue<Row> deadlines = new PriorityQueue<>(Comparator.comparingLong((Row r) -> r.armedAt));
    /** Rows held, and the capacity the old table's HashMap had grown to with them (it never shrinks). */
    private int rows;
    private int capacity = 16;
    /** Rows inserted (an int: {@link #renumber} keeps it in range without changing the order of live rows). */
    private int insertions;
    /** The order of the old table's scan: its HashMap's bucket at the capacity it had, then insertion order. */
    private final Comparator<Row> scanOrder = Comparator.comparingInt((Row r) -> bucket(r)).thenComparingInt(r -> r.seq);

    /** Reads the pack's settings from the deployed technical pack and takes its clock and watch statements. */
    public TechnicalState(EPRuntime runtime, EPDeployment pack) {
        this.events = runtime.getEventService();
        String id = pack.getDeploymentId();
        timeoutMs[HR] = longOf(runtime, id, "signal_loss_hr_ms");
        timeoutMs[SPO2] = longOf(runtime, id, "signal_loss_spo2_ms");
        timeoutMs[RR] = longOf(runtime, id, "signal_loss_rr_ms");
        timeoutMs[SBP] = longOf(runtime, id, "signal_loss_nibp_ms");
        dropoutGapMs = longOf(runtime, id, "dropout_gap_ms");
        dropoutRegularMs = doubleOf(runtime, id, "dropout_regular_ms");
        rrFlatMs = longOf(runtime, id, "artefact_rr_flat_ms");
        rrFlatSpo2 = doubleOf(runtime, id, "artefact_rr_flat_spo2");
        rrClearMs = longOf(runtime, id, "artefact_rr_clear_ms");
        for (EPStatement s : pack.getStatements()) {
            if (s.getName().equals("signal-loss-clock")) {
                s.addListener((in, out, st, rt) -> {
                    for (EventBean e : in) {
                        tick((Long) e.get("ts"));
                    }
                });
            } else if (s.getName().equals("signal-watch")) {
                s.addListener((in, out, st, rt) -> {
                    for (EventBean e : in) {
                        watch((String) e.get("patientId"), (String) e.get("vital"), (Long) e.get("lastTs"),
                                (Boolean) e.get("lost"));
                    }
                });
            }
        }
    }

    private static long longOf(EPRuntime runtime, String deployment, String name) {
        return ((Number) runtime.getVariableService().getVariableValue(deployment, name)).longValue();
    }

    private static double doubleOf(EPRuntime runtime, String deployment, String name) {
        return ((Number) runtime.getVariableService().getVariableValue(deployment, name)).doubleValue();
    }

    @Override
    int warm(Object kept) {
        Patient p = (Patient) kept;
        return seq(p.hr) + seq(p.spo2) + seq(p.rr) + seq(p.sbp);
    }

    private static int seq(Row r) {
        return r == null ? 0 : r.seq;
    }

    @Override
    public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
            int direction, double crossedLimit, int spo2Scale, String artefact) {
        int v = INDEX[vital.ordinal()];
        if (v < 0) {
            return;
        }
        Patient p = (Patient) slot.get(patient);
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        Row r = p.row(v);
        long gapMs = -1;
        if (r == null) {
            insert(patient, p, v, ts, value, false);
        } else {
            gapMs = take(r, value, ts, artefact);
        }
        if (v == RR) {
            flatRr(patient.id(), p, value, ts);
        }
        if (gapMs >= 0) {
            events.sendEventObjectArray(new Object[] {patient.id(), vital.name(), gapMs, ts}, "SensorGap");
        }
    }

    /** A reading of a vital with a row: sends what it decides, updates the row; the gap to report, else -1. */
    private long take(Row r, double value, long ts, String artefact) {
        String pid = r.patient.id();
        String vital = TRACKED[r.vital].name();
        long timeout = timeoutMs[r.vital];
        if (r.lost) {
            events.sendEventObjectArray(new Object[] {pid, vital, ts}, "SignalBack");
            r.lastTs = Math.max(r.lastTs, ts);
            r.lastValue = value;
            r.lastFlagged = false;
            r.lost = false;
            return -1;
        }
        long since = ts - r.lastTs;
        if (r.vital != SBP && since > dropoutGapMs && r.typicalMs > 0 && r.typicalMs <= dropoutRegularMs
                && (timeout <= 0 || since < timeout)) {
            r.lastTs = ts;
            r.lastValue = value;
            r.lastFlagged = false;
            return since;
        }
        double typical = typicalInterval(r, ts);
        if (ArtefactGate.ZERO.equals(artefact)) {
            long zeroSince = r.probeOff ? r.zeroSince : ts;
            events.sendEventObjectArray(new Object[] {pid, vital, value, ts, zeroSince, r.probeOff}, "ProbeZero");
            r.zeroSince = zeroSince;
            r.probeOff = true;
            r.lastFlagged = false;
        } else if (r.probeOff) {
            events.sendEventObjectArray(new Object[] {pid, vital, ts}, "ProbeBack");
            r.probeOff = false;
            r.lastFlagged = false;
        } else if (ArtefactGate.JUMP.equals(artefact)) {
            events.sendEventObjectArray(new Object[] {pid, vital, value, ts, r.lastValue, r.lastTs, r.lastFlagged},
                    "ArtefactJump");
            r.lastFlagged = true;
        } else {
            r.lastFlagged = false;
        }
        r.typicalMs = typical;
        r.lastTs = Math.max(r.lastTs, ts);
        r.lastValue = value;
        return -1;
    }

    /**
     * The typical interval between readings: an exponential average (weight 0.1) of the intervals up to
     * dropout_gap_ms; the expression is the one the pack's EPL had, so the doubles are the same.
     */
    private double typicalInterval(Row r, long ts) {
        long d = ts - r.lastTs;
        if (d <= 0 || d > dropoutGapMs) {
            return r.typicalMs;
        }
        if (r.typicalMs < 0) {
            return d * 1.0;
        }
        return 0.9 * r.typicalMs + 0.1 * d;
    }

    /** A respiratory-rate reading of patient {@code pid}: the flat-zero episode (technical.epl says when it signals and clears). */
    private void flatRr(String pid, Patient p, double value, long ts) {
        Row spo2 = p.spo2;
        boolean flat = value == 0 && (spo2 == null ? 0d : spo2.lastValue) >= rrFlatSpo2;
        if (!p.flatOpen) {
            if (flat) {
                p.flatOpen = true;
                p.flatSince = ts;
                p.flatLastTs = ts;
                p.flatAlerting = false;
                p.flatOkSince = -1;
            }
        } else if (!flat && !p.flatAlerting) {
            p.flatOpen = false;
        } else if (!flat && p.flatOkSince >= 0 && ts - p.flatOkSince >= rrClearMs) {
            events.sendEventObjectArray(new Object[] {pid, ts}, "RrFlatEnded");
            p.flatOpen = false;
            p.flatAlerting = false;
        } else if (!flat) {
            if (p.flatOkSince < 0) {
                p.flatOkSince = ts;
            }
            p.flatLastTs = ts;
        } else if (!p.flatAlerting && ts - p.flatLastTs > FLAT_RUN_RESTART_MS) {
            p.flatSince = ts;
            p.flatLastTs = ts;
        } else if (p.flatAlerting || ts - p.flatSince >= rrFlatMs) {
            events.sendEventObjectArray(new Object[] {pid, value, ts, p.flatSince, spo2 == null ? null : spo2.lastValue},
                    "RrFlatZero");
            p.flatLastTs = ts;
            p.flatAlerting = true;
            p.flatOkSince = -1;
        } else {
            p.flatLastTs = ts;
        }
    }

    /**
     * A SignalWatch after a restart: watches the vital from lastTs unless a reading made its row first. The watch
     * comes before the patient's first reading: it makes the patient's record, which the engine then marks as seen at
     * their last known reading (Engine's watch restore).
     */
    private void watch(String patientId, String vital, long lastTs, boolean lost) {
        int v = INDEX[Vital.valueOf(vital).ordinal()];
        if (v < 0) {
            return;
        }
        PatientReadings.Patient patient = slot.patient(patientId);
        Patient p = (Patient) slot.get(patient);
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        if (p.row(v) == null) {
            insert(patient, p, v, lastTs, -1d, lost);
        }
    }

    private void insert(PatientReadings.Patient record, Patient p, int v, long ts, double value, boolean lost) {
        Row r = new Row(record, v);
        r.lastTs = ts;
        r.lastValue = value;
        r.lost = lost;
        if (insertions == Integer.MAX_VALUE) {
            renumber();
        }
        r.seq = insertions++;
        p.setRow(v, r);
        if (++rows > capacity / 4 * 3) {
            capacity <<= 1;
        }
        if (timeoutMs[v] > 0) {
            r.armedAt = ts + timeoutMs[v];
            deadlines.add(r);
        }
    }

    /**
     * Numbers the live rows of the deadline queue 0, 1, ... in their insertion order and continues after them: the
     * order of rows only matters among rows that can be silent, which are the queue's, so a row's sequence fits an int
     * (a row is 64 bytes, not 72) however many rows a long-running monitor inserts. Rows without a timeout keep their
     * old numbers: they are never sorted.
     */
    void renumber() {
        Row[] live = deadlines.stream().filter(r -> r.patient != null).sorted(Comparator.comparingInt((Row r) -> r.seq))
                .toArray(Row[]::new);
        for (int i = 0; i < live.length; i++) {
            live[i].seq = i;
        }
        insertions = live.length;
    }

    /** For the tests: the next row's sequence number (to start near {@link #renumber}). */
    void insertionsFrom(int next) {
        insertions = next;
    }

    /** For the tests: the next row's sequence number. */
    int nextInsertion() {
        return insertions;
    }

    /**
     * A tick of the signal-loss clock: every vital silent for at least its timeout is signalled (SignalSilent) and
     * marked lost, in the old table's order. Rows not yet silent go back into the queue at their current deadline.
     */
    private void tick(long now) {
        if (deadlines.isEmpty() || deadlines.peek().armedAt > now) {
            return;
        }
        List<Row> reached = new ArrayList<>();
        while (!deadlines.isEmpty() && deadlines.peek().armedAt <= now) {
            reached.add(deadlines.poll());
        }
        List<Row> silent = new ArrayList<>();
        for (Row r : reached) {
            if (r.patient == null) {
                continue;
            }
            long timeout = timeoutMs[r.vital];
            if (now - r.lastTs >= timeout) {
                silent.add(r);
                r.armedAt = now + 1; // found again at every tick while it lasts
            } else {
                r.armedAt = r.lastTs + timeout;
            }
            deadlines.add(r);
        }
        silent.sort(scanOrder);
        for (Row r : silent) {
            r.lost = true;
            events.routeEventObjectArray(new Object[] {r.patient.id(), TRACKED[r.vital].name(), r.lastTs, now,
                    timeoutMs[r.vital]}, "SignalSilent");
        }
    }

    private int bucket(Row r) {
        // Esper's generated multikey of (patientId, vital): 31 * h(k0) + h(k1); HashMap spreads it and masks.
        int h = 31 * r.patient.id().hashCode() + TRACKED[r.vital].name().hashCode();
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    @Override
    public void discharged(PatientReadings.Patient patient, long ts) {
        Patient p = (Patient) slot.get(patient);
        if (p == null) {
            return;
        }
        for (int v = 0; v < TRACKED.length; v++) {
            Row r = p.row(v);
            if (r != null) {
                rows--;
                r.patient = null; // out of the state: leaves the deadline queue when it comes up (a removal there is linear)
            }
        }
    }

    /**
     * One patient: a row per tracked vital seen, and the flat-zero RR episode. The rows are four fields, not a
     * {@code Row[4]}: 64 bytes with them instead of 48 and a 32-byte array. No id: the rows reach it through the
     * patient's record, which also has it (with the id's reference, 58 bytes rounded to 64; without, 56).
     */
    private static final class Patient {
        Row hr;
        Row spo2;
        Row rr;
        Row sbp;
        /** A flat-zero RR episode is open: since when RR reads 0, its last reading, since when it no longer does. */
        boolean flatOpen;
        boolean flatAlerting;
        long flatSince;
        long flatLastTs;
        long flatOkSince;

        /** The row of tracked vital {@code v} ({@link #HR}, {@link #SPO2}, {@link #RR}, {@link #SBP}), or null. */
        Row row(int v) {
            return switch (v) {
                case HR -> hr;
                case SPO2 -> spo2;
                case RR -> rr;
                case SBP -> sbp;
                default -> throw new IllegalArgumentException("no tracked vital " + v);
            };
        }

        void setRow(int v, Row r) {
            switch (v) {
                case HR -> hr = r;
                case SPO2 -> spo2 = r;
                case RR -> rr = r;
                case SBP -> sbp = r;
                default -> throw new IllegalArgumentException("no tracked vital " + v);
            }
        }
    }

    /**
     * One patient's vital: its latest reading and what the pack's rules keep about it. 64 bytes (an object's size
     * rounds up to 8): the vital a byte, the sequence an int, and no flag for a discharged row (its patient is null).
     */
    private static final class Row {
        /**
         * The patient's record (for the id the events carry); null once they were discharged or released (the row is
         * out of the state, and out of the queue when due).
         */
        PatientReadings.Patient patient;
        final byte vital;
        long lastTs;
        double lastValue;
        /** The last reading was a jump: the next one of the same disturbance continues the alert. */
        boolean lastFlagged;
        boolean lost;
        double typicalMs = -1;
        /** The vital reads unexplained zeros since zeroSince (the probe-off alert is open). */
        boolean probeOff;
        long zeroSince = -1;
        /** Insertion order, for the old table's iteration order (see {@link #renumber}). */
        int seq;
        /** No signal loss before this time (a lower bound of lastTs + timeout while in the deadline queue). */
        long armedAt;

        Row(PatientReadings.Patient patient, int vital) {
            this.patient = patient;
            this.vital = (byte) vital;
        }
    }
}
