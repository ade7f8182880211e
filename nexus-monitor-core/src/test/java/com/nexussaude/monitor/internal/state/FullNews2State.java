package com.nexussaude.monitor.internal.state;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.score.News2Score;
import java.util.Map;
import com.nexussaude.monitor.internal.rules.EplFunctions;
import com.nexussaude.monitor.internal.rules.News2Functions;

/**
 * The reference for News2StateScoringTest: the news2 pack's state as it was before its scoring became incremental,
 * computing the whole {@link News2Score} at every observation whose inputs changed. News2State must send Esper exactly
 * what this sends.
 */
final class FullNews2State extends PackState {
    /** Positions in the {@code ObservationEnd} row (schema.epl): patientId, ward, ts, spo2Scale, then value and ts of
     * each vital in {@link Vital} order, then the heart rate, SpO2 and respiratory rate medians. */
    private static final int PATIENT = 0;
    private static final int TS = 2;
    private static final int SPO2_SCALE = 3;
    private static final int VALUES = 4;
    private static final int MEDIANS = VALUES + 2 * Vital.values().length;
    private static final int HR_MEDIAN = MEDIANS;
    private static final int SPO2_MEDIAN = MEDIANS + 1;
    private static final int RR_MEDIAN = MEDIANS + 2;
    /** The scoring inputs in News2Functions.news2's order, then the SpO2 scale. */
    private static final int RR = 0;
    private static final int SPO2 = 1;
    private static final int OXYGEN = 2;
    private static final int SBP = 3;
    private static final int HR = 4;
    private static final int ACVPU = 5;
    private static final int TEMP = 6;
    private static final int SCALE = 7;
    private static final int INPUTS = 8;

    /** The pack's variables this state reads (news2.epl), all {@code long}. */
    public record Settings(long staleRrMs, long staleSpo2Ms, long staleOxygenMs, long staleSbpMs, long staleHrMs,
            long staleAcvpuMs, long staleTempMs, long alertDelayMs, long clearAfterMs) {

        /** From the deployed variables' values by name (after packSettings). */
        public static Settings of(Map<String, Object> variables) {
            return new Settings(ms(variables, "news2_stale_rr_ms"), ms(variables, "news2_stale_spo2_ms"),
                    ms(variables, "news2_stale_oxygen_ms"), ms(variables, "news2_stale_sbp_ms"),
                    ms(variables, "news2_stale_hr_ms"), ms(variables, "news2_stale_acvpu_ms"),
                    ms(variables, "news2_stale_temp_ms"), ms(variables, "news2_alert_delay_ms"),
                    ms(variables, "news2_clear_after_ms"));
        }

        private static long ms(Map<String, Object> variables, String name) {
            return PackVariables.number(variables, "news2", name).longValue();
        }
    }

    /** One patient: the latest score and what it was scored from, and the alert episode while one is open. */
    private static final class Patient {
        News2Score score;
        /** The inputs {@link #score} was computed from, NaN for absent (readings are never NaN). */
        final double[] inputs = new double[INPUTS];
        boolean episode;
        /** Since when at least low-medium. */
        long since1;
        /** Since when at least medium; -1 if not now. */
        long since2;
        /** Since when back to low; -1 while not. */
        long lowSince;
        /** When the sustained level was last >= medium / high / critical; -1 never. */
        long mediumTs;
        long highTs;
        long criticalTs;
    }

    private final EPEventService events;
    private final Settings settings;
    // Each patient's record keeps, in this pack's place (PackState.slot), this pack's Patient.
    private final Double[] fresh = new Double[INPUTS - 1];

    FullNews2State(EPEventService events, Settings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long observationTs,
            int spo2Scale) {
        // The row this implementation read, rebuilt from what the engine now shows (RowReadings).
        Object[] o = RowReadings.row(patient.id(), null, observationTs, spo2Scale, latest);
        String pid = (String) o[PATIENT];
        Long boxedTs = (Long) o[TS];
        long ts = boxedTs;
        Patient p = (Patient) slot.get(patient);
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        News2Score previous = p.score;
        News2Score score = score(p, o, ts);
        p.score = score;
        if (News2Functions.news2Changed(previous, score)) {
            events.sendEventObjectArray(new Object[] {pid, boxedTs, score, previous}, "News2Update");
        }
        if (episode(p, level(score), ts)) {
            events.sendEventObjectArray(new Object[] {pid, boxedTs, score, p.lowSince, p.since1, p.since2, p.mediumTs,
                    p.highTs, p.criticalTs}, "News2Episode");
        }
    }

    /**
     * NEWS2 at an observation from its fresh robust values: heart rate, SpO2 and respiratory rate are the minute's
     * medians (else the latest plausible reading), the rest the latest reading, each while fresher than its horizon.
     * The previous score when nothing it was computed from changed (the scoring is a function of these inputs).
     */
    private News2Score score(Patient p, Object[] o, long ts) {
        fresh[RR] = fresh(o, Vital.RESPIRATORY_RATE, ts, settings.staleRrMs(), RR_MEDIAN);
        fresh[SPO2] = fresh(o, Vital.SPO2, ts, settings.staleSpo2Ms(), SPO2_MEDIAN);
        fresh[OXYGEN] = fresh(o, Vital.SUPPLEMENTAL_OXYGEN, ts, settings.staleOxygenMs(), -1);
        fresh[SBP] = fresh(o, Vital.SYSTOLIC_BP, ts, settings.staleSbpMs(), -1);
        fresh[HR] = fresh(o, Vital.HEART_RATE, ts, settings.staleHrMs(), HR_MEDIAN);
        fresh[ACVPU] = fresh(o, Vital.CONSCIOUSNESS, ts, settings.staleAcvpuMs(), -1);
        fresh[TEMP] = fresh(o, Vital.TEMPERATURE, ts, settings.staleTempMs(), -1);
        int scale = (Integer) o[SPO2_SCALE];
        boolean same = p.score != null && p.inputs[SCALE] == scale;
        for (int i = 0; i < INPUTS - 1; i++) {
            double x = fresh[i] == null ? Double.NaN : fresh[i];
            same &= Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(p.inputs[i]);
            p.inputs[i] = x;
        }
        p.inputs[SCALE] = scale;
        if (same) {
            return p.score;
        }
        return News2Functions.news2(fresh[RR], fresh[SPO2], scale, fresh[OXYGEN], fresh[SBP], fresh[HR], fresh[ACVPU],
                fresh[TEMP]);
    }

    /** The vital's median (if {@code median >= 0} and present) or latest value while fresh, else null. */
    private static Double fresh(Object[] o, Vital v, long ts, long staleMs, int median) {
        Long at = (Long) o[VALUES + 2 * v.ordinal() + 1];
        if (at == null || ts - at > staleMs) {
            return null;
        }
        Double m = median >= 0 ? (Double) o[median] : null;
        return m != null ? m : (Double) o[VALUES + 2 * v.ordinal()];
    }

    /** news2.epl's news2Level: 0 low, 1 low-medium, 2 medium, 3 high risk. */
    static int level(News2Score score) {
        return switch (score.risk()) {
            case LOW -> 0;
            case LOW_MEDIUM -> 1;
            case MEDIUM -> 2;
            case HIGH -> 3;
        };
    }

    /**
     * Moves the patient's episode on by a score of {@code level} at {@code ts}; whether news2-alert has something to
     * decide (an episode above low, or one whose return to low has lasted news2_clear_after_ms: then it ends here).
     */
    private boolean episode(Patient p, int level, long ts) {
        long delay = settings.alertDelayMs();
        if (!p.episode) {
            if (level == 0) {
                return false;
            }
            p.episode = true;
            p.since1 = ts;
            p.since2 = level >= 2 ? ts : -1;
            p.lowSince = -1;
            p.mediumTs = level >= 3 || delay <= 0 ? ts : -1;
            p.highTs = level >= 3 || (level >= 2 && delay <= 0) ? ts : -1;
            p.criticalTs = level >= 3 ? ts : -1;
            return true;
        }
        if (level == 0) {
            if (p.lowSince < 0) {
                p.lowSince = ts;
                return false;
            }
            if (ts - p.lowSince >= settings.clearAfterMs()) {
                p.episode = false;
                return true;
            }
            return false;
        }
        // The hysteresis times first, from the episode as it was before this score.
        long since1 = p.lowSince >= 0 ? ts : p.since1;
        long since2 = level < 2 ? -1 : p.since2 < 0 || p.lowSince >= 0 ? ts : p.since2;
        int now = EplFunctions.sustainedBand(level, ts - since1, ts - since2, delay, delay);
        if (now >= 3) {
            p.criticalTs = ts;
        }
        if (now >= 2) {
            p.highTs = ts;
        }
        if (now >= 1) {
            p.mediumTs = ts;
        }
        p.since2 = since2;
        p.since1 = since1;
        p.lowSince = -1;
        return true;
    }
}
