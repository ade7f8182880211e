package com.nexussaude.monitor.internal.state;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.score.Qsofa;
import com.nexussaude.monitor.score.Sirs;
import java.util.Map;
import com.nexussaude.monitor.internal.rules.TrendFunctions;

/**
 * The correlation pack's per-observation work in plain Java (issue 21): which of each observation's latest readings are
 * fresh, which rules the observation re-evaluates, each patient's shock baseline (the latest two NIBP readings with the
 * heart rate fresh at each), and which of the pack's episodes are open. It sends the pack a {@code CorrelationState}
 * (correlation.epl) only for an observation at which a rule could hold or an open episode needs its verdict: the cheap
 * pre-check the pack's {@code 'correlation-state'} statement made on every {@code ObservationEnd}, with the same
 * arithmetic. Whether a rule holds, its alert and its clearing stay the pack's statements.
 *
 * <p>Which episodes are open is the pack's decision: its {@code 'correlation-episode'} merge reports each episode it
 * opens or closes ({@code CorrelationEpisodeChange}), and this state follows those reports.
 */
public final class CorrelationInputs extends PackState {
    /** The pack's statement that reports episodes opened and closed. */
    static final String EPISODE_WATCH = "correlation-episode-watch";
    private static final String[] RULES = {"shock-pattern", "respiratory-deterioration", "sepsis-screen"};
    private static final int SHOCK = 0;
    private static final int RESP = 1;
    private static final int SEPSIS = 2;
    /** {@link Patient#flags}: the open episodes' bits (one a rule), then the baseline's two flags. */
    private static final int EPISODES = 1 << SHOCK | 1 << RESP | 1 << SEPSIS;
    private static final int BASELINE = 1 << 3;
    private static final int PREVIOUS = 1 << 4;

    // The vitals' ordinals in the patient's record.
    private static final int HR = Vital.HEART_RATE.ordinal();
    private static final int SBP = Vital.SYSTOLIC_BP.ordinal();
    private static final int TEMP = Vital.TEMPERATURE.ordinal();
    private static final int SPO2 = Vital.SPO2.ordinal();
    private static final int RR = Vital.RESPIRATORY_RATE.ordinal();
    private static final int CONS = Vital.CONSCIOUSNESS.ordinal();

    private final EPEventService events;
    // The pack's settings as deployed (packSettings), read once: staleness limits in ms, as the pack computed them
    // (minutes * 60000, a double), and the thresholds of the pre-check.
    private final double hrStaleMs;
    private final double spo2StaleMs;
    private final double rrStaleMs;
    private final double sbpStaleMs;
    private final double tempStaleMs;
    private final double consStaleMs;
    private final double shockIndexThreshold;
    private final double shockSbpFall;
    private final double respRrThreshold;
    private final double respSpo2Threshold;
    private final double respSpo2ThresholdScale2;
    private final int sepsisQsofaThreshold;
    // Each patient's record keeps, in this pack's place (PackState.slot), this pack's Patient;
    // emptied when it holds nothing.

    /**
     * One patient's shock baseline (the pack's former ShockBaseline row) and open episodes. Primitives: a heart rate
     * is NaN where the row had null (no fresh one at that NIBP reading; readings are never NaN), and its time is then
     * unused; the previous reading's fields are null in the row until {@link #previous}.
     */
    private static final class Patient {
        double prevSbp;
        long prevSbpTs;
        double prevHr;
        long prevHrTs;
        double sbp;
        long sbpTs;
        double hr;
        long hrTs;
        /**
         * Bit {@code rule} (SHOCK, RESP, SEPSIS) set: the pack holds an open episode of the rule; and {@link #BASELINE}
         * (the patient has had a NIBP reading: the baseline row exists) and {@link #PREVIOUS} (the baseline has a
         * previous NIBP reading: prevSbp not null in the row). One int, where two booleans more made the object 82
         * bytes, rounded to 88: now 80.
         */
        int flags;

        boolean baseline() {
            return (flags & BASELINE) != 0;
        }

        boolean previous() {
            return (flags & PREVIOUS) != 0;
        }

        boolean empty() {
            return (flags & (BASELINE | EPISODES)) == 0;
        }
    }

    /**
     * @param settings the deployed packs' variables by name (the correlation pack's among them)
     * @param pack the correlation pack's deployment, whose {@link #EPISODE_WATCH} statement reports episodes
     */
    public CorrelationInputs(EPEventService events, Map<String, Object> settings, EPDeployment pack) {
        this.events = events;
        hrStaleMs = number(settings, "corr_hr_stale_min") * 60000;
        spo2StaleMs = number(settings, "corr_spo2_stale_min") * 60000;
        rrStaleMs = number(settings, "corr_rr_stale_min") * 60000;
        sbpStaleMs = number(settings, "corr_sbp_stale_min") * 60000;
        tempStaleMs = number(settings, "corr_temp_stale_min") * 60000;
        consStaleMs = number(settings, "corr_consciousness_stale_min") * 60000;
        shockIndexThreshold = number(settings, "shock_index_threshold");
        shockSbpFall = number(settings, "shock_sbp_fall");
        respRrThreshold = number(settings, "resp_rr_threshold");
        respSpo2Threshold = number(settings, "resp_spo2_threshold");
        respSpo2ThresholdScale2 = number(settings, "resp_spo2_threshold_scale2");
        sepsisQsofaThreshold = (int) number(settings, "sepsis_qsofa_threshold");
        watchEpisodes(pack);
    }

    private static double number(Map<String, Object> settings, String name) {
        return PackVariables.number(settings, "correlation", name).doubleValue();
    }

    private void watchEpisodes(EPDeployment pack) {
        for (EPStatement s : pack.getStatements()) {
            if (s.getName().equals(EPISODE_WATCH)) {
                s.addListener((newEvents, oldEvents, statement, runtime) -> {
                    for (EventBean e : newEvents) {
                        episode((String) e.get("patientId"), (String) e.get("ruleId"), (Boolean) e.get("opened"));
                    }
                });
                return;
            }
        }
        throw new IllegalStateException("the correlation pack has no statement '" + EPISODE_WATCH + "'");
    }

    private void episode(String patientId, String ruleId, boolean opened) {
        int rule = java.util.Arrays.asList(RULES).indexOf(ruleId);
        if (rule < 0) {
            throw new IllegalStateException("the correlation pack reported an episode of an unknown rule '" + ruleId + "'");
        }
        // An episode opens while the pack decides on this state's CorrelationState, sent at an observation of the
        // patient: the patient has a record. A close of a patient without one (discharged) has nothing to forget.
        PatientReadings.Patient patient = slot.existing(patientId);
        if (patient == null && !opened) {
            return;
        }
        if (patient == null) {
            throw new IllegalStateException("the correlation pack reported an episode opened for patient '" + patientId
                    + "', who is not monitored");
        }
        Patient p = (Patient) slot.get(patient);
        if (p == null) {
            if (!opened) {
                return;
            }
            p = new Patient();
            slot.set(patient, p);
        }
        p.flags = opened ? p.flags | 1 << rule : p.flags & ~(1 << rule);
        if (p.empty()) {
            slot.set(patient, null);
        }
    }

    @Override
    int warm(Object kept) {
        Patient p = (Patient) kept;
        return (int) p.prevSbpTs + p.flags; // the object spans two lines
    }

    @Override
    public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int scale) {
        boolean hrFresh = fresh(latest, HR, ts, hrStaleMs);
        boolean sbpFresh = fresh(latest, SBP, ts, sbpStaleMs);
        boolean spo2Fresh = fresh(latest, SPO2, ts, spo2StaleMs);
        boolean rrFresh = fresh(latest, RR, ts, rrStaleMs);
        boolean tempFresh = fresh(latest, TEMP, ts, tempStaleMs);
        boolean consFresh = fresh(latest, CONS, ts, consStaleMs);
        // The values the rules combine (NaN when stale or absent): the continuous vitals' robust values.
        double hr = hrFresh ? robust(latest, HR, ArtefactGate.HR) : Double.NaN;
        double sbp = sbpFresh ? latest.value(SBP) : Double.NaN;
        double spo2 = spo2Fresh ? robust(latest, SPO2, ArtefactGate.SPO2) : Double.NaN;
        double rr = rrFresh ? robust(latest, RR, ArtefactGate.RR) : Double.NaN;
        double temp = tempFresh ? latest.value(TEMP) : Double.NaN;
        double cons = consFresh ? latest.value(CONS) : Double.NaN;

        boolean nibp = at(latest, SBP, ts);
        Patient p = (Patient) slot.get(patient);
        if (nibp) {
            // A heart rate that is not fresh is NaN; its time is then not read (nor kept).
            p = nibp(patient, p, latest.value(SBP), latest.at(SBP), hr, hrFresh ? latest.at(HR) : 0L);
        }
        // Which rules the observation re-evaluates: it holds the latest reading of one of their inputs. Non-short-
        // circuit ORs, no branches: which readings an observation holds varies, and a combination C2 had not seen
        // (a NIBP reading without a heart rate, ~3 s into LatencyBenchmark's measured minute) was an unstable_if
        // trap that threw this method's compiled code away (RESULTS.md, branch pack10).
        boolean hrNow = at(latest, HR, ts);
        boolean rrNow = at(latest, RR, ts);
        boolean shock = hrNow | nibp;
        boolean resp = rrNow | at(latest, SPO2, ts);
        boolean sepsis = rrNow | nibp | at(latest, CONS, ts) | at(latest, TEMP, ts) | hrNow;

        boolean send = shock && (nibp
                || (hrFresh && sbpFresh
                    && ((sbp > 0 && hr / sbp >= shockIndexThreshold)
                        || (p != null && p.previous() && p.prevSbp - sbp >= shockSbpFall)))
                || open(p, SHOCK));
        send = send || resp && ((rrFresh && spo2Fresh && rr >= respRrThreshold
                    && spo2 <= (scale == 2 ? respSpo2ThresholdScale2 : respSpo2Threshold))
                || open(p, RESP));
        send = send || sepsis && (sepsisMightHold(hr, sbp, rr, temp, cons) || open(p, SEPSIS));
        if (!send) {
            return;
        }
        boolean baseline = p != null && p.baseline();
        boolean previous = baseline && p.previous();
        boolean previousHr = previous && !Double.isNaN(p.prevHr);
        events.sendEventObjectArray(new Object[] {patient.id(), ts, scale,
                boxed(hr), hrFresh ? latest.at(HR) : null, boxed(sbp), sbpFresh ? latest.at(SBP) : null,
                boxed(spo2), spo2Fresh ? latest.at(SPO2) : null, boxed(rr), rrFresh ? latest.at(RR) : null,
                boxed(temp), tempFresh ? latest.at(TEMP) : null, boxed(cons), consFresh ? latest.at(CONS) : null,
                shock, resp, sepsis,
                baseline, baseline ? p.sbpTs : null, previous ? p.prevSbp : null, previous ? p.prevSbpTs : null,
                previousHr ? p.prevHr : null, previousHr ? p.prevHrTs : null}, "CorrelationState");
    }

    /**
     * Whether the sepsis screen could hold: qSOFA reaches its threshold, or SIRS is met with fever or hypothermia.
     * The scores round half up first (BigDecimal: the costly part), so each is only computed when the raw values
     * could meet one of its criteria: qSOFA needs a criterion when its threshold is >= 1 (RR >= 22 or SBP <= 100
     * after rounding to integers, i.e. raw RR >= 21.5 or SBP < 100.5; or a consciousness level other than Alert,
     * ordinal >= 0.5); SIRS with fever or hypothermia needs the temperature criterion (> 38.0 or < 36.0 after
     * rounding to one decimal; 38.05 rounds to 38.1 and 35.95 to 36.0, so raw > 38.0 or < 36.0 is the wider test).
     * CorrelationPerObservationTest checks these boundaries against Qsofa and Sirs themselves.
     */
    private boolean sepsisMightHold(double hr, double sbp, double rr, double temp, double cons) {
        // NaN (absent) fails every comparison, as null did.
        boolean qsofaCriterion = sepsisQsofaThreshold <= 0
                || rr >= Qsofa.RESPIRATORY_RATE_THRESHOLD - 0.5
                || sbp < Qsofa.SYSTOLIC_BP_THRESHOLD + 0.5
                || cons >= 0.5;
        if (qsofaCriterion
                && Qsofa.points(boxed(rr), TrendFunctions.acvpu(boxed(cons)), boxed(sbp)) >= sepsisQsofaThreshold) {
            return true;
        }
        return (temp > Sirs.FEVER_ABOVE || temp < Sirs.HYPOTHERMIA_BELOW)
                && Sirs.score(temp, boxed(hr), boxed(rr)).withFeverOrHypothermia();
    }

    /**
     * A NIBP reading of this observation (its time is the observation's) moves into the baseline: the first one
     * starts it, a later-timed one pushes the latest reading to the previous one. Returns the patient's state.
     */
    private Patient nibp(PatientReadings.Patient patient, Patient p, double sbp, long sbpTs, double hr, long hrTs) {
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        if (!p.baseline()) {
            p.flags |= BASELINE;
        } else if (sbpTs > p.sbpTs) {
            p.flags |= PREVIOUS;
            p.prevSbp = p.sbp;
            p.prevSbpTs = p.sbpTs;
            p.prevHr = p.hr;
            p.prevHrTs = p.hrTs;
        } else {
            return p;
        }
        p.sbp = sbp;
        p.sbpTs = sbpTs;
        p.hr = hr;
        p.hrTs = hrTs;
        return p;
    }

    private static boolean open(Patient p, int rule) {
        return p != null && (p.flags & 1 << rule) != 0;
    }

    /** A reading's time is the observation's own: the observation holds that vital's latest reading. */
    private static boolean at(LatestReadings latest, int v, long ts) {
        return latest.has(v) && latest.at(v) == ts;
    }

    /** Fresh at ts: read at most the staleness limit before it (the pack's arithmetic, in double). */
    private static boolean fresh(LatestReadings latest, int v, long ts, double staleMs) {
        return latest.has(v) && latest.at(v) >= ts - staleMs;
    }

    /** The minute's median if there is one, else the latest reading. */
    private static double robust(LatestReadings latest, int v, int channel) {
        double median = latest.median(channel);
        return Double.isNaN(median) ? latest.value(v) : median;
    }

    /** Null for NaN (absent), as the pack's rows and the scores' arguments have it. */
    private static Double boxed(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
