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
 * The reference for CorrelationInputsTest: the correlation pack's state as it was while it read the {@code
 * ObservationEnd} row of boxed values (before the patient's record kept primitives), unchanged but for its class name
 * and the row rebuilt from what the engine now shows ({@link RowReadings#row}). CorrelationInputs must send Esper
 * exactly what this sends.
 */
final class RowCorrelationInputs extends PackState {
    /** The pack's statement that reports episodes opened and closed. */
    static final String EPISODE_WATCH = "correlation-episode-watch";
    private static final String[] RULES = {"shock-pattern", "respiratory-deterioration", "sepsis-screen"};
    private static final int SHOCK = 0;
    private static final int RESP = 1;
    private static final int SEPSIS = 2;

    // Positions in the ObservationEnd row (schema.epl): a value and its time per vital, in Vital order, after the
    // four leading fields; then the medians of HR, SpO2 and RR.
    private static final int PATIENT = 0;
    private static final int TS = 2;
    private static final int SCALE = 3;
    private static final int HR = value(Vital.HEART_RATE);
    private static final int SBP = value(Vital.SYSTOLIC_BP);
    private static final int TEMP = value(Vital.TEMPERATURE);
    private static final int SPO2 = value(Vital.SPO2);
    private static final int RR = value(Vital.RESPIRATORY_RATE);
    private static final int CONS = value(Vital.CONSCIOUSNESS);
    private static final int HR_MEDIAN = 4 + 2 * Vital.values().length;
    private static final int SPO2_MEDIAN = HR_MEDIAN + 1;
    private static final int RR_MEDIAN = HR_MEDIAN + 2;

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

    /** One patient's shock baseline (the pack's former ShockBaseline row) and open episodes. */
    private static final class Patient {
        /** Whether the patient has had a NIBP reading: the baseline row exists. */
        boolean baseline;
        Double prevSbp;
        Long prevSbpTs;
        Double prevHr;
        Long prevHrTs;
        Double sbp;
        Long sbpTs;
        Double hr;
        Long hrTs;
        /** Per rule (SHOCK, RESP, SEPSIS): whether the pack holds an open episode. */
        final boolean[] episode = new boolean[RULES.length];

        boolean empty() {
            return !baseline && !episode[SHOCK] && !episode[RESP] && !episode[SEPSIS];
        }
    }

    /**
     * @param settings the deployed packs' variables by name (the correlation pack's among them)
     * @param pack the correlation pack's deployment, whose {@link #EPISODE_WATCH} statement reports episodes
     */
    RowCorrelationInputs(EPEventService events, Map<String, Object> settings, EPDeployment pack) {
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

    private static int value(Vital v) {
        return 4 + 2 * v.ordinal();
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
        p.episode[rule] = opened;
        if (p.empty()) {
            slot.set(patient, null);
        }
    }

    @Override
    public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long observationTs,
            int spo2Scale) {
        Object[] o = RowReadings.row(patient.id(), null, observationTs, spo2Scale, latest);
        String pid = (String) o[PATIENT];
        long ts = (Long) o[TS];
        Long hrTs = (Long) o[HR + 1];
        Long sbpTs = (Long) o[SBP + 1];
        Long spo2Ts = (Long) o[SPO2 + 1];
        Long rrTs = (Long) o[RR + 1];
        Long tempTs = (Long) o[TEMP + 1];
        Long consTs = (Long) o[CONS + 1];
        boolean hrFresh = fresh(hrTs, ts, hrStaleMs);
        boolean sbpFresh = fresh(sbpTs, ts, sbpStaleMs);
        boolean spo2Fresh = fresh(spo2Ts, ts, spo2StaleMs);
        boolean rrFresh = fresh(rrTs, ts, rrStaleMs);
        boolean tempFresh = fresh(tempTs, ts, tempStaleMs);
        boolean consFresh = fresh(consTs, ts, consStaleMs);
        // The values the rules combine (null when stale or absent): the continuous vitals' robust values.
        Double hr = hrFresh ? robust(o[HR_MEDIAN], o[HR]) : null;
        Double sbp = sbpFresh ? (Double) o[SBP] : null;
        Double spo2 = spo2Fresh ? robust(o[SPO2_MEDIAN], o[SPO2]) : null;
        Double rr = rrFresh ? robust(o[RR_MEDIAN], o[RR]) : null;
        Double temp = tempFresh ? (Double) o[TEMP] : null;
        Double cons = consFresh ? (Double) o[CONS] : null;

        boolean nibp = at(sbpTs, ts);
        Patient p = (Patient) slot.get(patient);
        if (nibp) {
            p = nibp(patient, p, (Double) o[SBP], sbpTs, hr, hrFresh ? hrTs : null);
        }
        // Which rules the observation re-evaluates: it holds the latest reading of one of their inputs.
        boolean shock = at(hrTs, ts) || nibp;
        boolean resp = at(rrTs, ts) || at(spo2Ts, ts);
        boolean sepsis = at(rrTs, ts) || nibp || at(consTs, ts) || at(tempTs, ts) || at(hrTs, ts);

        boolean send = shock && (nibp
                || (hrFresh && sbpFresh
                    && ((sbp > 0 && hr / sbp >= shockIndexThreshold)
                        || (p != null && p.prevSbp != null && p.prevSbp - sbp >= shockSbpFall)))
                || open(p, SHOCK));
        send = send || resp && ((rr != null && spo2 != null && rr >= respRrThreshold
                    && spo2 <= ((Integer) o[SCALE] == 2 ? respSpo2ThresholdScale2 : respSpo2Threshold))
                || open(p, RESP));
        send = send || sepsis && (sepsisMightHold(hr, sbp, rr, temp, cons) || open(p, SEPSIS));
        if (!send) {
            return;
        }
        boolean baseline = p != null && p.baseline;
        events.sendEventObjectArray(new Object[] {pid, o[TS], o[SCALE],
                hr, hrFresh ? hrTs : null, sbp, sbpFresh ? sbpTs : null, spo2, spo2Fresh ? spo2Ts : null,
                rr, rrFresh ? rrTs : null, temp, tempFresh ? tempTs : null, cons, consFresh ? consTs : null,
                shock, resp, sepsis,
                baseline, baseline ? p.sbpTs : null, baseline ? p.prevSbp : null, baseline ? p.prevSbpTs : null,
                baseline ? p.prevHr : null, baseline ? p.prevHrTs : null}, "CorrelationState");
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
    private boolean sepsisMightHold(Double hr, Double sbp, Double rr, Double temp, Double cons) {
        boolean qsofaCriterion = sepsisQsofaThreshold <= 0
                || (rr != null && rr >= Qsofa.RESPIRATORY_RATE_THRESHOLD - 0.5)
                || (sbp != null && sbp < Qsofa.SYSTOLIC_BP_THRESHOLD + 0.5)
                || (cons != null && cons >= 0.5);
        if (qsofaCriterion && Qsofa.points(rr, TrendFunctions.acvpu(cons), sbp) >= sepsisQsofaThreshold) {
            return true;
        }
        return temp != null && (temp > Sirs.FEVER_ABOVE || temp < Sirs.HYPOTHERMIA_BELOW)
                && Sirs.score(temp, hr, rr).withFeverOrHypothermia();
    }

    /**
     * A NIBP reading of this observation (its time is the observation's) moves into the baseline: the first one
     * starts it, a later-timed one pushes the latest reading to the previous one. Returns the patient's state.
     */
    private Patient nibp(PatientReadings.Patient patient, Patient p, Double sbp, Long sbpTs, Double hr, Long hrTs) {
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        if (!p.baseline) {
            p.baseline = true;
        } else if (sbpTs > p.sbpTs) {
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
        return p != null && p.episode[rule];
    }

    /** A reading's time is the observation's own: the observation holds that vital's latest reading. */
    private static boolean at(Long readingTs, long ts) {
        return readingTs != null && readingTs == ts;
    }

    /** Fresh at ts: read at most the staleness limit before it (the pack's arithmetic, in double). */
    private static boolean fresh(Long readingTs, long ts, double staleMs) {
        return readingTs != null && readingTs >= ts - staleMs;
    }

    /** The minute's median if there is one, else the latest reading. */
    private static Double robust(Object median, Object latest) {
        return median != null ? (Double) median : (Double) latest;
    }
}
