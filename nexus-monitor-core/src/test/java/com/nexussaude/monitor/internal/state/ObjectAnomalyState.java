package com.nexussaude.monitor.internal.state;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.Vital;

/**
 * The test oracle for {@link AnomalyState}: the class as it was before its baselines became one long[] per patient,
 * three objects of fields each (kept as it was, only renamed, its settings the new class's record).
 */
final class ObjectAnomalyState extends PackState {
    /** One patient's baseline of one vital: the former AnomalyBaseline row. */
    private static final class Baseline {
        double mean;
        double variance;
        long n;
        long firstTs;
        long lastTs;
        long outSince = -1L;
        long inSince = -1L;
        boolean alerting;
    }

    private final EPEventService events;
    private final AnomalyState.Settings settings;
    // Each patient's record keeps, in this pack's place (PackState.slot), the patient's baselines of
    // HEART_RATE, SPO2 and RESPIRATORY_RATE (each null until its first plausible reading).

    ObjectAnomalyState(EPEventService events, AnomalyState.Settings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void reading(PatientReadings.Patient patient, String ward, Vital vital, double value, long ts, int band,
            int direction, double crossedLimit, int spo2Scale, String artefact) {
        int channel = ArtefactGate.channelOf(vital);
        if (channel < 0 || artefact != null) {
            return; // artefacts never reach a clinical pack's state
        }
        Baseline[] baselines = (Baseline[]) slot.get(patient);
        if (baselines == null) {
            baselines = new Baseline[3];
            slot.set(patient, baselines);
        }
        Baseline b = baselines[channel];
        if (b == null) {
            b = new Baseline();
            b.mean = value;
            b.variance = 0d;
            b.n = 1L;
            b.firstTs = ts;
            b.lastTs = ts;
            baselines[channel] = b;
            return;
        }
        update(patient.id(), vital, value, ts, b);
    }

    /** The former merge's matched branches, first that applies, in the same order. */
    private void update(String patientId, Vital vital, double value, long ts, Baseline b) {
        AnomalyState.Settings s = settings;
        boolean out = outside(vital, value, ts, b);
        if (out) {
            send(patientId, vital, value, ts, b);
            double alpha = alpha(ts, b);
            if (b.outSince >= 0 && ts - b.lastTs <= s.maxGapMs() && ts - b.outSince >= s.persistMs()) {
                // signalled (statement baseline-deviation): the mean moves with the reduced weight, the variance stays
                b.mean = b.mean + s.outlierWeight() * alpha * (value - b.mean);
                b.alerting = true;
            } else {
                b.outSince = b.outSince < 0 || ts - b.lastTs > s.maxGapMs() ? ts : b.outSince;
                b.mean = b.mean + s.outlierWeight() * alpha * (value - b.mean);
            }
            b.n = b.n + 1;
            b.lastTs = ts;
            b.inSince = -1L;
            return;
        }
        if (b.alerting) {
            send(patientId, vital, value, ts, b);
        }
        double alpha = alpha(ts, b);
        boolean cleared = b.alerting && b.inSince >= 0 && ts - b.inSince >= s.clearMs();
        b.variance = (1 - alpha) * (b.variance + alpha * (value - b.mean) * (value - b.mean));
        b.mean = b.mean + alpha * (value - b.mean);
        if (cleared) {
            // cleared (statement baseline-deviation-clear)
            b.outSince = -1L;
            b.inSince = -1L;
            b.alerting = false;
        } else {
            b.outSince = b.alerting ? b.outSince : -1L;
            b.inSince = b.alerting && b.inSince < 0 ? ts : b.inSince;
        }
        b.n = b.n + 1;
        b.lastTs = ts;
    }

    /** anomalyOut: warm (enough readings, long enough) and more than k sigma from the mean. */
    private boolean outside(Vital vital, double value, long ts, Baseline b) {
        AnomalyState.Settings s = settings;
        boolean warm = b.n >= s.minReadings() && ts - b.firstTs >= s.warmupMs();
        return warm && Math.abs(value - b.mean) > s.k() * sigma(vital, b);
    }

    /** anomalySigma: the standard deviation, at least the vital's floor. */
    private double sigma(Vital vital, Baseline b) {
        double floor = switch (vital) {
            case HEART_RATE -> settings.hrMinSigma();
            case SPO2 -> settings.spo2MinSigma();
            default -> settings.rrMinSigma();
        };
        return max(Math.sqrt(b.variance), floor);
    }

    /** anomalyAlpha: the weight of this reading, 1/(n+1) or the time-based weight, whichever is larger. */
    private double alpha(long ts, Baseline b) {
        return max(1.0 / (b.n + 1), 1.0 - Math.exp(-1.0 * Math.max(ts - b.lastTs, 0L) / settings.tauMs()));
    }

    /** EPL's max of two doubles: the first if it is larger, else the second (Math.max differs on NaN and signed zeros). */
    private static double max(double first, double second) {
        return first > second ? first : second;
    }

    /** The reading and the baseline before it, for the statements to decide on. */
    private void send(String patientId, Vital vital, double value, long ts, Baseline b) {
        events.sendEventObjectArray(new Object[] {patientId, vital.name(), value, ts, b.mean, b.variance, b.n, b.firstTs,
                b.lastTs, b.outSince, b.inSince, b.alerting}, "AnomalyReading");
    }
}
