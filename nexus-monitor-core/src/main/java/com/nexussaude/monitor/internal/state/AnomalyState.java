package com.nexussaude.monitor.internal.state;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.Vital;
import java.util.Map;

/**
 * The anomaly pack's per-reading state (anomaly.epl): each patient's EWMA baseline of HR, SpO2 and RR and the episode
 * of a deviation from it. Updated on every plausible reading; Esper receives an {@code AnomalyReading} only for a
 * reading its statements could decide on (outside k sigma after the warm-up, or back inside while an alert is open),
 * carrying the baseline as it was before that reading. The statements decide whether to signal or clear and build the
 * alert; this class applies the same conditions, with the same variable values, to move the episode along.
 *
 * <p>The arithmetic is the pack's former EPL merge, operation for operation and in the same order (doubles, Java's
 * strict IEEE semantics), so baselines, messages and evidence are bit-identical to what the table held.
 */
public final class AnomalyState extends PackState {
    /** The pack's variables, read once when the monitor is built (packSettings applied). */
    public record Settings(double k, long tauMs, long warmupMs, long minReadings, long persistMs, long clearMs, long maxGapMs,
            double outlierWeight, double hrMinSigma, double spo2MinSigma, double rrMinSigma) {

        /** From the deployed variables' values by name; every anomaly_* variable must be there. */
        public static Settings of(Map<String, Object> variables) {
            return new Settings(dbl(variables, "anomaly_k"), lng(variables, "anomaly_tau_ms"),
                    lng(variables, "anomaly_warmup_ms"), lng(variables, "anomaly_min_readings"),
                    lng(variables, "anomaly_persist_ms"), lng(variables, "anomaly_clear_ms"),
                    lng(variables, "anomaly_max_gap_ms"), dbl(variables, "anomaly_outlier_weight"),
                    dbl(variables, "anomaly_hr_min_sigma"), dbl(variables, "anomaly_spo2_min_sigma"),
                    dbl(variables, "anomaly_rr_min_sigma"));
        }

        private static double dbl(Map<String, Object> variables, String name) {
            return PackVariables.number(variables, "anomaly", name).doubleValue();
        }

        private static long lng(Map<String, Object> variables, String name) {
            return PackVariables.number(variables, "anomaly", name).longValue();
        }
    }

    /*
     * A patient's baselines of HR, SpO2 and RR are one long[] of FIELDS longs per vital (the former AnomalyBaseline
     * row's fields, doubles as their raw bits, so every bit reads back): three objects of 72 bytes and their array were
     * 248 bytes per patient, the long[] is 184. N is at least 1 once the vital has a baseline: 0 marks none yet. The
     * alert flag is N's sign (negative while the deviation alert is open), not a long of its own: a count of readings
     * is never negative (it would take 2^63 readings of one vital to wrap, where the former long wrapped too).
     */
    private static final int MEAN = 0;
    private static final int VARIANCE = 1;
    private static final int N = 2;
    private static final int FIRST_TS = 3;
    private static final int LAST_TS = 4;
    private static final int OUT_SINCE = 5;
    private static final int IN_SINCE = 6;
    private static final int FIELDS = 7;

    private final EPEventService events;
    private final Settings settings;
    /** {@link #timeWeight}'s last gap (-1: none yet; a gap is never negative) and its weight: the monitor's, not a patient's. */
    private long lastGapMs = -1;
    private double lastTimeWeight;
    // Each patient's record keeps, in this pack's place (PackState.slot), the patient's baselines of
    // HEART_RATE, SPO2 and RESPIRATORY_RATE (FIELDS longs each, N 0 until the vital's first plausible reading).

    public AnomalyState(EPEventService events, Settings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    int warm(Object kept) {
        return CacheLines.touch((long[]) kept);
    }

    @Override
    public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
            int direction, double crossedLimit, int spo2Scale, String artefact) {
        int channel = ArtefactGate.channelOf(vital);
        if (channel < 0 || artefact != null) {
            return; // artefacts never reach a clinical pack's state
        }
        long[] b = (long[]) slot.get(patient);
        if (b == null) {
            b = new long[3 * FIELDS];
            for (int c = 0; c < 3; c++) {
                b[c * FIELDS + OUT_SINCE] = -1L;
                b[c * FIELDS + IN_SINCE] = -1L;
            }
            slot.set(patient, b);
        }
        int at = channel * FIELDS;
        if (b[at + N] == 0) {
            setMean(b, at, value);
            setVariance(b, at, 0d);
            setN(b, at, 1L, false);
            b[at + FIRST_TS] = ts;
            b[at + LAST_TS] = ts;
            return;
        }
        update(patient.id(), vital, value, ts, b, at);
    }

    private static double mean(long[] b, int at) {
        return Double.longBitsToDouble(b[at + MEAN]);
    }

    private static void setMean(long[] b, int at, double mean) {
        b[at + MEAN] = Double.doubleToRawLongBits(mean);
    }

    private static double variance(long[] b, int at) {
        return Double.longBitsToDouble(b[at + VARIANCE]);
    }

    private static void setVariance(long[] b, int at, double variance) {
        b[at + VARIANCE] = Double.doubleToRawLongBits(variance);
    }

    /** The deviation alert is open. */
    private static boolean alerting(long[] b, int at) {
        return b[at + N] < 0;
    }

    /** How many readings the baseline has seen (0: no baseline yet). */
    private static long n(long[] b, int at) {
        long signed = b[at + N];
        return signed < 0 ? -signed : signed;
    }

    private static void setN(long[] b, int at, long n, boolean alerting) {
        b[at + N] = alerting ? -n : n;
    }

    /** The former merge's matched branches, first that applies, in the same order; the baseline at {@code b[at..]}. */
    private void update(String patientId, Vital vital, double value, long ts, long[] b, int at) {
        Settings s = settings;
        boolean out = outside(vital, value, ts, b, at);
        if (out) {
            send(patientId, vital, value, ts, b, at);
            double alpha = alpha(ts, b, at);
            long outSince = b[at + OUT_SINCE];
            long lastTs = b[at + LAST_TS];
            boolean alerting = alerting(b, at);
            if (outSince >= 0 && ts - lastTs <= s.maxGapMs && ts - outSince >= s.persistMs) {
                // signalled (statement baseline-deviation): the mean moves with the reduced weight, the variance stays
                setMean(b, at, mean(b, at) + s.outlierWeight * alpha * (value - mean(b, at)));
                alerting = true;
            } else {
                b[at + OUT_SINCE] = outSince < 0 || ts - lastTs > s.maxGapMs ? ts : outSince;
                setMean(b, at, mean(b, at) + s.outlierWeight * alpha * (value - mean(b, at)));
            }
            setN(b, at, n(b, at) + 1, alerting);
            b[at + LAST_TS] = ts;
            b[at + IN_SINCE] = -1L;
            return;
        }
        boolean alerting = alerting(b, at);
        if (alerting) {
            send(patientId, vital, value, ts, b, at);
        }
        double alpha = alpha(ts, b, at);
        long inSince = b[at + IN_SINCE];
        boolean cleared = alerting && inSince >= 0 && ts - inSince >= s.clearMs;
        double mean = mean(b, at);
        setVariance(b, at, (1 - alpha) * (variance(b, at) + alpha * (value - mean) * (value - mean)));
        setMean(b, at, mean + alpha * (value - mean));
        if (cleared) {
            // cleared (statement baseline-deviation-clear)
            b[at + OUT_SINCE] = -1L;
            b[at + IN_SINCE] = -1L;
        } else {
            b[at + OUT_SINCE] = alerting ? b[at + OUT_SINCE] : -1L;
            b[at + IN_SINCE] = alerting && inSince < 0 ? ts : inSince;
        }
        setN(b, at, n(b, at) + 1, alerting && !cleared);
        b[at + LAST_TS] = ts;
    }

    /** anomalyOut: warm (enough readings, long enough) and more than k sigma from the mean. */
    private boolean outside(Vital vital, double value, long ts, long[] b, int at) {
        Settings s = settings;
        boolean warm = n(b, at) >= s.minReadings && ts - b[at + FIRST_TS] >= s.warmupMs;
        return warm && Math.abs(value - mean(b, at)) > s.k * sigma(vital, b, at);
    }

    /** anomalySigma: the standard deviation, at least the vital's floor. */
    private double sigma(Vital vital, long[] b, int at) {
        double floor = switch (vital) {
            case HEART_RATE -> settings.hrMinSigma;
            case SPO2 -> settings.spo2MinSigma;
            default -> settings.rrMinSigma;
        };
        return max(Math.sqrt(variance(b, at)), floor);
    }

    /** anomalyAlpha: the weight of this reading, 1/(n+1) or the time-based weight, whichever is larger. */
    private double alpha(long ts, long[] b, int at) {
        return max(1.0 / (n(b, at) + 1), timeWeight(Math.max(ts - b[at + LAST_TS], 0L)));
    }

    /**
     * The time-based weight of a reading {@code gapMs} after the previous one, {@code 1 - exp(-gap/tau)}: computed again
     * only when the gap differs from the last one asked. A monitor's readings come at its fixed interval, so nearly
     * every reading of every patient asks the same gap, and the exponential was three per observation; the same gap
     * gives the same double (the expression is unchanged, and HotSpot's interpreter and compilers share one exp).
     */
    private double timeWeight(long gapMs) {
        if (gapMs != lastGapMs) {
            lastTimeWeight = 1.0 - Math.exp(-1.0 * gapMs / settings.tauMs);
            lastGapMs = gapMs;
        }
        return lastTimeWeight;
    }

    /** EPL's max of two doubles: the first if it is larger, else the second (Math.max differs on NaN and signed zeros). */
    private static double max(double first, double second) {
        return first > second ? first : second;
    }

    /** The reading and the baseline before it, for the statements to decide on. */
    private void send(String patientId, Vital vital, double value, long ts, long[] b, int at) {
        events.sendEventObjectArray(new Object[] {patientId, vital.name(), value, ts, mean(b, at), variance(b, at),
                n(b, at), b[at + FIRST_TS], b[at + LAST_TS], b[at + OUT_SINCE], b[at + IN_SINCE], alerting(b, at)},
                "AnomalyReading");
    }
}
