package com.nexussaude.monitor.internal.state;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.score.News2;
import com.nexussaude.monitor.score.News2Risk;
import com.nexussaude.monitor.score.News2Score;
import java.util.Map;
import com.nexussaude.monitor.internal.rules.EplFunctions;
import com.nexussaude.monitor.internal.rules.News2Functions;

/**
 * News2State as it was before its patient's flags, total and risk were folded into the int of its points (the oracle
 * of {@code News2PackedFlagsTest}): three booleans, an int total and a {@link News2Risk} reference per patient.
 * Otherwise as it was, verbatim.
 */
final class SeparateFlagsNews2State extends PackState {
    /** The vitals' ordinals in the patient's record. */
    private static final int RR_VITAL = Vital.RESPIRATORY_RATE.ordinal();
    private static final int SPO2_VITAL = Vital.SPO2.ordinal();
    private static final int OXYGEN_VITAL = Vital.SUPPLEMENTAL_OXYGEN.ordinal();
    private static final int SBP_VITAL = Vital.SYSTOLIC_BP.ordinal();
    private static final int HR_VITAL = Vital.HEART_RATE.ordinal();
    private static final int ACVPU_VITAL = Vital.CONSCIOUSNESS.ordinal();
    private static final int TEMP_VITAL = Vital.TEMPERATURE.ordinal();
    /** No median: the vital's latest reading is its robust value. */
    private static final int NO_MEDIAN = -1;
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
    /** The seven scored parameters: the inputs before SCALE. */
    private static final int PARAMETERS = INPUTS - 1;
    /** Every parameter changed: the first observation, or a new SpO2 scale (which rescoring SpO2 needs). */
    private static final int ALL = (1 << PARAMETERS) - 1;
    private static final Consciousness[] CONSCIOUSNESS = Consciousness.values();

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

    /**
     * One patient: what the latest score was computed from, its sub-scores and aggregate, the score itself once an
     * event needed it, and the alert episode while one is open.
     */
    private static final class Patient {
        /** Whether the patient has been scored (a first observation was seen). */
        boolean scored;
        /**
         * The inputs the latest score was computed from, NaN for absent (readings are never NaN), in the order of the
         * indexes RR to TEMP, and the SpO2 scale: fields, not a {@code double[8]}, whose header and reference were 24
         * of its 80 bytes (every patient has one).
         */
        double rr;
        double spo2;
        double oxygen;
        double sbp;
        double hr;
        double acvpu;
        double temp;
        int scale;
        /**
         * The latest score's points per parameter, two bits each, parameter {@code i} (RR to TEMP) at bit {@code 2 * i}:
         * NEWS2 points are 0 to 3 (News2's functions return nothing else); an int, not a {@code byte[7]}'s 24 bytes.
         */
        int points;
        int total;
        News2Risk risk;
        boolean partial;
        /** The latest score as {@link News2Score}, built when an event carried it; null until then. */
        News2Score score;
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

        /** Parameter {@code i}'s points in the latest score. */
        int point(int i) {
            return points >>> 2 * i & 3;
        }

        void point(int i, int value) {
            points = points & ~(3 << 2 * i) | value << 2 * i;
        }

        /** Copies the inputs into {@code to} in the order of the indexes RR to SCALE. */
        void inputsTo(double[] to) {
            to[RR] = rr;
            to[SPO2] = spo2;
            to[OXYGEN] = oxygen;
            to[SBP] = sbp;
            to[HR] = hr;
            to[ACVPU] = acvpu;
            to[TEMP] = temp;
            to[SCALE] = scale;
        }
    }

    private final EPEventService events;
    private final Settings settings;
    // Each patient's record keeps, in this pack's place (PackState.slot), this pack's Patient.
    /** This observation's fresh inputs, NaN for absent (under the engine's lock, one array for all patients). */
    private final double[] fresh = new double[INPUTS - 1];
    /** The inputs of the score before this observation's, while an event may need that score as its previous. */
    private final double[] before = new double[INPUTS];
    /** The latest score's inputs, while {@link #score(Patient)} builds it (under the engine's lock). */
    private final double[] latest = new double[INPUTS];

    public SeparateFlagsNews2State(EPEventService events, Settings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    int warm(Object kept) {
        Patient p = (Patient) kept;
        return (int) p.rr + p.points + (p.score == null ? 0 : 1); // the object spans two lines
    }

    @Override
    public void observationEnd(PatientReadings.Patient patient, LatestReadings latest, long ts, int scale) {
        String pid = patient.id();
        Patient p = (Patient) slot.get(patient);
        if (p == null) {
            p = new Patient();
            slot.set(patient, p);
        }
        boolean first = !p.scored;
        int total = p.total;
        News2Risk risk = p.risk;
        boolean partial = p.partial;
        News2Score previous = p.score;
        boolean changed = score(p, latest, ts, scale);
        if (first || changed && (p.total != total || p.risk != risk || p.partial != partial)) {
            // The score before this observation's: the same object when nothing it was computed from changed.
            News2Score before = first ? null : previous != null ? previous : materialise(this.before);
            events.sendEventObjectArray(new Object[] {pid, ts, score(p), before}, "News2Update");
        }
        if (episode(p, level(p.risk), ts)) {
            events.sendEventObjectArray(new Object[] {pid, ts, score(p), p.lowSince, p.since1, p.since2, p.mediumTs,
                    p.highTs, p.criticalTs}, "News2Episode");
        }
    }

    /**
     * Moves the patient's score on to this observation's fresh robust values: heart rate, SpO2 and respiratory rate
     * are the minute's medians (else the latest plausible reading), the rest the latest reading, each while fresher
     * than its horizon. Only the sub-scores of the parameters whose inputs changed are recomputed (SpO2's also when
     * the scale or oxygen changed), then the aggregate: the same total, risk and completeness as {@link
     * com.nexussaude.monitor.score.News2#score} over all inputs (News2StateScoringTest compares them). Whether an
     * input changed; when one did, {@link #before} holds the inputs before it and the built score is dropped.
     */
    private boolean score(Patient p, LatestReadings r, long ts, int scale) {
        fresh[RR] = fresh(r, RR_VITAL, ts, settings.staleRrMs(), ArtefactGate.RR);
        fresh[SPO2] = fresh(r, SPO2_VITAL, ts, settings.staleSpo2Ms(), ArtefactGate.SPO2);
        fresh[OXYGEN] = fresh(r, OXYGEN_VITAL, ts, settings.staleOxygenMs(), NO_MEDIAN);
        fresh[SBP] = fresh(r, SBP_VITAL, ts, settings.staleSbpMs(), NO_MEDIAN);
        fresh[HR] = fresh(r, HR_VITAL, ts, settings.staleHrMs(), ArtefactGate.HR);
        fresh[ACVPU] = fresh(r, ACVPU_VITAL, ts, settings.staleAcvpuMs(), NO_MEDIAN);
        fresh[TEMP] = fresh(r, TEMP_VITAL, ts, settings.staleTempMs(), NO_MEDIAN);
        return update(p, fresh, scale);
    }

    /** 1 if the two inputs differ in any bit (NaN, -0.0), else 0. */
    private static int differs(double a, double b) {
        return Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(b) ? 1 : 0;
    }

    /** {@link #score(Patient, LatestReadings, long, int)} from the inputs ({@code x}: NaN for absent) and the SpO2 scale. */
    private boolean update(Patient p, double[] x, int scale) {
        int changes = p.scored && p.scale == scale ? 0 : ALL;
        changes |= differs(x[RR], p.rr) << RR | differs(x[SPO2], p.spo2) << SPO2 | differs(x[OXYGEN], p.oxygen) << OXYGEN
                | differs(x[SBP], p.sbp) << SBP | differs(x[HR], p.hr) << HR | differs(x[ACVPU], p.acvpu) << ACVPU
                | differs(x[TEMP], p.temp) << TEMP;
        if (changes == 0) {
            return false;
        }
        p.inputsTo(before);
        p.rr = x[RR];
        p.spo2 = x[SPO2];
        p.oxygen = x[OXYGEN];
        p.sbp = x[SBP];
        p.hr = x[HR];
        p.acvpu = x[ACVPU];
        p.temp = x[TEMP];
        p.scale = scale;
        p.scored = true;
        p.score = null;
        boolean onOxygen = x[OXYGEN] > 0; // false when absent (NaN)
        if ((changes & 1 << RR) != 0) {
            p.point(RR, Double.isNaN(x[RR]) ? 0 : News2.respiratoryRatePoints(x[RR]));
        }
        if ((changes & (1 << SPO2 | 1 << OXYGEN)) != 0) {
            p.point(SPO2, Double.isNaN(x[SPO2]) ? 0 : News2.spo2Points(x[SPO2], scale, onOxygen));
        }
        if ((changes & 1 << OXYGEN) != 0) {
            p.point(OXYGEN, News2.supplementalOxygenPoints(onOxygen));
        }
        if ((changes & 1 << SBP) != 0) {
            p.point(SBP, Double.isNaN(x[SBP]) ? 0 : News2.systolicBpPoints(x[SBP]));
        }
        if ((changes & 1 << HR) != 0) {
            p.point(HR, Double.isNaN(x[HR]) ? 0 : News2.heartRatePoints(x[HR]));
        }
        if ((changes & 1 << ACVPU) != 0) {
            p.point(ACVPU, Double.isNaN(x[ACVPU]) ? 0 : News2.consciousnessPoints(consciousness(x[ACVPU])));
        }
        if ((changes & 1 << TEMP) != 0) {
            p.point(TEMP, Double.isNaN(x[TEMP]) ? 0 : News2.temperaturePoints(x[TEMP]));
        }
        int total = 0;
        boolean three = false;
        boolean partial = false;
        for (int i = 0; i < PARAMETERS; i++) {
            int points = p.point(i);
            total += points;
            three |= points == 3;
            partial |= Double.isNaN(x[i]);
        }
        p.total = total;
        p.risk = News2.risk(total, three);
        p.partial = partial;
        return true;
    }

    /** The patient's latest score as {@link News2Score}, built once for the inputs it was computed from. */
    private News2Score score(Patient p) {
        if (p.score == null) {
            p.inputsTo(latest);
            p.score = materialise(latest);
        }
        return p.score;
    }

    /** The score of these inputs, exactly as the pack's scoring function computes it from boxed values. */
    private static News2Score materialise(double[] in) {
        return News2Functions.news2(boxed(in[RR]), boxed(in[SPO2]), (int) in[SCALE], boxed(in[OXYGEN]), boxed(in[SBP]),
                boxed(in[HR]), boxed(in[ACVPU]), boxed(in[TEMP]));
    }

    private static Double boxed(double x) {
        return Double.isNaN(x) ? null : x;
    }

    /** The ACVPU level of a consciousness value (its ordinal), as News2Functions.news2 reads it. */
    private static Consciousness consciousness(double acvpu) {
        return CONSCIOUSNESS[(int) Math.round(acvpu)];
    }

    /**
     * The vital's median (if {@code median} is a channel and the observation has one) or latest value while fresh,
     * else NaN (readings, hence medians, are never NaN).
     */
    private static double fresh(LatestReadings r, int v, long ts, long staleMs, int median) {
        if (!r.has(v) || ts - r.at(v) > staleMs) {
            return Double.NaN;
        }
        double m = median == NO_MEDIAN ? Double.NaN : r.median(median);
        return Double.isNaN(m) ? r.value(v) : m;
    }

    /** news2.epl's news2Level: 0 low, 1 low-medium, 2 medium, 3 high risk. */
    static int level(News2Risk risk) {
        return switch (risk) {
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
