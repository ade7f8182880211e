package com.nexussaude.monitor.internal.state;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.Vital;

/**
 * The trend pack's per-patient context in plain Java (issue 21): the SpO2 scale at the patient's latest SpO2 reading
 * and the time of their latest movement (a reading the artefact gate called {@code 'jump'} or {@code 'motion'}). The
 * trend rules read both from the pack's {@code TrendContext} table; this state sends a {@code TrendContextUpdate}
 * (trend.epl) only when one of them changed, where the pack merged the table on every SpO2 reading and every movement.
 *
 * <p>The update goes out just before the reading's {@code VitalSign}, where the pack's merges ran, so a trend point
 * published before that reading (its minute closed by it) still sees the context as it was.
 */
public final class TrendState extends PackState {
    private final EPEventService events;
    // Each patient's record keeps, in this pack's place (PackState.slot), the patient's Context.

    /** The TrendContext row this state last sent for a patient. */
    private static final class Context {
        int spo2Scale;
        /** The latest movement's time; -1 before the first. */
        long motionTs;
    }

    public TrendState(EPEventService events) {
        this.events = events;
    }

    @Override
    int warm(Object kept) {
        return ((Context) kept).spo2Scale;
    }

    @Override
    public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
            int direction, double crossedLimit, int spo2Scale, String artefact) {
        boolean spo2 = vital == Vital.SPO2;
        boolean motion = "jump".equals(artefact) || "motion".equals(artefact);
        if (!spo2 && !motion) {
            return;
        }
        Context c = (Context) slot.get(patient);
        if (c == null) {
            // As the pack's merges inserted the row: with the reading's scale, whichever vital it was; an SpO2
            // reading's row first (motion -1), then its movement (the later of the two).
            c = new Context();
            c.spo2Scale = spo2Scale;
            c.motionTs = !motion ? -1L : spo2 ? Math.max(-1L, ts) : ts;
            slot.set(patient, c);
        } else {
            boolean scaleChanged = spo2 && c.spo2Scale != spo2Scale;
            boolean moved = motion && ts > c.motionTs;
            if (!scaleChanged && !moved) {
                return;
            }
            if (scaleChanged) {
                c.spo2Scale = spo2Scale;
            }
            if (moved) {
                c.motionTs = ts;
            }
        }
        events.sendEventObjectArray(new Object[] {patient.id(), c.spo2Scale, c.motionTs}, "TrendContextUpdate");
    }
}
