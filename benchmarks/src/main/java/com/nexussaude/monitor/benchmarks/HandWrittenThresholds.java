package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The threshold pack's rules written by hand in plain Java, as an integrator would write them from
 * {@code threshold.epl}'s header and {@code docs/alarm-semantics.md} §1: the floor a CEP engine is measured
 * against. Bands and persistence come from the {@link MonitorConfig} (global bands; ward bands are not
 * applied), the pack's three settings from its {@code packSettings} or their defaults:
 *
 * <ul>
 *   <li>band 0–3 from the vital's {@link Bands}; an episode per patient and vital opens at the first
 *       reading outside normal;</li>
 *   <li>medium once the vital has been outside normal for {@code mediumDelay}, high once outside warning for
 *       {@code highDelay}, critical at once; the time counts <em>continuously</em>: a return inside the band
 *       for at most {@code threshold_tolerance_ms} (1 s) keeps the count, a longer one restarts it, and so
 *       does a silence longer than {@code maxGap} before a reading outside the band (docs/alarm-semantics.md
 *       §1): the silence is the time since the previous reading in any band, so after a silence the
 *       outside-warning count restarts at the next reading outside warning only, and a vital outside warning
 *       before the silence, between warning and normal for one reading after it and outside warning again
 *       within the tolerance keeps its count from before the silence;</li>
 *   <li>critical on a confirmed reading for HR, SpO2 and RR: a reading outside the critical band is critical
 *       only if the vital's previous reading was outside it too, or is more than
 *       {@code threshold_critical_confirm_ms} (5 s) older (a sparse vital), or there is none; otherwise it
 *       counts as outside warning. A zero, NIBP and temperature are critical at once;</li>
 *   <li>severity hysteresis: a deeper level last met less than {@code threshold_severity_fall_ms} (60 s) ago is
 *       still signalled; once an episode has alerted, every reading outside normal signals at least medium;</li>
 *   <li>the episode ends (clear) after {@code clearAfter} back inside normal; discrete vitals
 *       (clearAfter 0) end at the first normal reading.</li>
 * </ul>
 *
 * <p>A <em>signal</em> is a reading that alerts (what the pack turns into an {@code AlertSignal}). Not
 * reproduced: the engine's artefact gate (implausible jumps and the rest of their disturbance, motion,
 * uncorroborated zeros, flat-zero respiratory rate), because the ward workload never produces a reading it
 * hides (its noise is small, no value is 0 and the respiratory rate is at least 1; the library's technical
 * pack raises no alert on it), so every reading here is a plausible one; and the alert lifecycle's stale and
 * hold timers. An alert is "raised" at the first signal of an episode and "cleared" when the episode ends.
 * State is a {@code HashMap} keyed by patient id, as a straightforward implementation would keep it.
 *
 * <p>Single-threaded.
 */
public final class HandWrittenThresholds {
    /** The defaults of the pack's settings (threshold.epl). */
    static final long DEFAULT_TOLERANCE_MS = 1_000;
    static final long DEFAULT_SEVERITY_FALL_MS = 60_000;
    static final long DEFAULT_CRITICAL_CONFIRM_MS = 5_000;

    private static final Vital[] VITALS = Vital.values();

    /** One patient: each vital's previous reading (for the critical confirmation) and its open episode. */
    private static final class Patient {
        final long[] previousTs = new long[VITALS.length];
        final int[] previousBand = new int[VITALS.length];
        final Episode[] episodes = new Episode[VITALS.length];

        Patient() {
            Arrays.fill(previousTs, -1);
        }
    }

    /** One vital's episode; every time is epoch ms, -1 for none. */
    private static final class Episode {
        long outsideNormalSince;
        long outsideWarningSince = -1;
        /** The first reading of the current return inside the normal / warning band. */
        long backInNormalSince = -1;
        long backInWarningSince = -1;
        long lastTs;
        /** When the level (before hysteresis) was last at least high / critical. */
        long lastHigh = -1;
        long lastCritical = -1;
        boolean alerted;
    }

    private final Map<String, Patient> patients = new HashMap<>();
    private final Bands[] bands = new Bands[VITALS.length];
    private final long[] mediumDelay = new long[VITALS.length];
    private final long[] highDelay = new long[VITALS.length];
    private final long[] maxGap = new long[VITALS.length];
    private final long[] clearAfter = new long[VITALS.length];
    private final long toleranceMs;
    private final long severityFallMs;
    private final long criticalConfirmMs;
    private long signals;
    private long raised;
    private long cleared;

    /** Bands, persistence and the threshold pack's settings from {@code config}. */
    public HandWrittenThresholds(MonitorConfig config) {
        for (Vital v : VITALS) {
            if (!v.hasBands()) {
                continue;
            }
            int i = v.ordinal();
            bands[i] = config.bands().get(v);
            PersistencePolicy p = config.persistence().get(v);
            mediumDelay[i] = p.mediumDelay().toMillis();
            highDelay[i] = p.highDelay().toMillis();
            maxGap[i] = p.maxGap().toMillis();
            clearAfter[i] = p.clearAfter().toMillis();
        }
        toleranceMs = setting(config, "threshold_tolerance_ms", DEFAULT_TOLERANCE_MS);
        severityFallMs = setting(config, "threshold_severity_fall_ms", DEFAULT_SEVERITY_FALL_MS);
        criticalConfirmMs = setting(config, "threshold_critical_confirm_ms", DEFAULT_CRITICAL_CONFIRM_MS);
    }

    private static long setting(MonitorConfig config, String name, long defaultValue) {
        Object v = config.packSettings().get(name);
        return v == null ? defaultValue : ((Number) v).longValue();
    }

    /** Evaluates every banded vital of one observation. */
    public void accept(Observation o) {
        long ts = o.timestamp().toEpochMilli();
        Patient p = patients.computeIfAbsent(o.patientId(), id -> new Patient());
        for (Vital v : VITALS) {
            Bands b = bands[v.ordinal()];
            if (b == null) {
                continue;
            }
            Double x = o.value(v);
            if (x != null) {
                evaluate(p, v, x, b.bandOf(x), ts);
            }
        }
    }

    private void evaluate(Patient p, Vital v, double x, int band, long ts) {
        int i = v.ordinal();
        long previousTs = p.previousTs[i];
        int previousBand = p.previousBand[i];
        p.previousTs[i] = ts;
        p.previousBand[i] = band;
        Episode e = p.episodes[i];
        if (band == 0) {
            if (e != null) {
                backInNormal(p, i, e, ts);
            }
            return;
        }
        boolean silence = false;
        if (e == null) {
            e = new Episode();
            e.outsideNormalSince = ts;
            p.episodes[i] = e;
        } else {
            silence = ts - e.lastTs > maxGap[i];
            if (silence || (e.backInNormalSince >= 0 && ts - e.backInNormalSince > toleranceMs)) {
                e.outsideNormalSince = ts;
            }
        }
        e.backInNormalSince = -1;
        if (band >= 2) {
            if (e.outsideWarningSince < 0 || silence
                    || (e.backInWarningSince >= 0 && ts - e.backInWarningSince > toleranceMs)) {
                e.outsideWarningSince = ts;
            }
            e.backInWarningSince = -1;
        } else if (e.backInWarningSince < 0) {
            // Not a restart of the outside-warning count even after a silence: only a reading outside warning
            // restarts it (see the class comment).
            e.backInWarningSince = ts;
        }
        e.lastTs = ts;
        boolean unconfirmed = band == 3 && confirmsCritical(v) && x > 0 && previousTs >= 0
                && ts - previousTs <= criticalConfirmMs && previousBand != 3;
        int level = sustained(i, unconfirmed ? 2 : band, ts - e.outsideNormalSince, ts - e.outsideWarningSince);
        signal(e, held(e, level, ts));
    }

    /** HR, SpO2 and RR arrive continuously: one reading outside the critical band needs a second. */
    private boolean confirmsCritical(Vital v) {
        return criticalConfirmMs > 0
                && (v == Vital.HEART_RATE || v == Vital.SPO2 || v == Vital.RESPIRATORY_RATE);
    }

    private void backInNormal(Patient p, int i, Episode e, long ts) {
        if (e.backInNormalSince < 0) {
            e.backInNormalSince = ts;
        }
        if (ts - e.backInNormalSince >= clearAfter[i]) {
            p.episodes[i] = null;
            if (e.alerted) {
                cleared++;
            }
            return;
        }
        if (e.backInWarningSince < 0) {
            e.backInWarningSince = ts;
        }
        e.lastTs = ts;
    }

    /** The level whose delay has been met: 0 none, 1 medium, 2 high, 3 critical. */
    private int sustained(int i, int band, long outsideNormalMs, long outsideWarningMs) {
        if (band >= 3) {
            return 3;
        }
        if (band >= 2 && outsideWarningMs >= highDelay[i]) {
            return 2;
        }
        if (band >= 1 && outsideNormalMs >= mediumDelay[i]) {
            return 1;
        }
        return 0;
    }

    /** {@code level} with hysteresis on the way down, and at least medium once the episode has alerted. */
    private int held(Episode e, int level, long ts) {
        if (level >= 3) {
            e.lastCritical = ts;
        }
        if (level >= 2) {
            e.lastHigh = ts;
        }
        if (e.lastCritical >= 0 && ts - e.lastCritical < severityFallMs) {
            return 3;
        }
        if (e.lastHigh >= 0 && ts - e.lastHigh < severityFallMs) {
            return Math.max(level, 2);
        }
        return e.alerted ? Math.max(level, 1) : level;
    }

    private void signal(Episode e, int level) {
        if (level == 0) {
            return;
        }
        signals++;
        if (!e.alerted) {
            e.alerted = true;
            raised++;
        }
    }

    /** Signals (readings that alert, at any severity) so far. */
    public long signals() {
        return signals;
    }

    /** Episodes that signalled at least once. */
    public long raised() {
        return raised;
    }

    /** Signalled episodes that ended back in the normal band. */
    public long cleared() {
        return cleared;
    }
}
