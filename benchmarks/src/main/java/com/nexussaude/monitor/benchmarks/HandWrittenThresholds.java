package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import java.util.HashMap;
import java.util.Map;

/**
 * The threshold pack's logic written by hand in plain Java: the floor a CEP engine is measured
 * against. Same bands and persistence as {@code threshold.epl} with the default configuration:
 *
 * <ul>
 *   <li>band 0–3 from the vital's {@link Bands};</li>
 *   <li>an episode per patient and vital opens at the first reading outside normal;</li>
 *   <li>medium after {@code mediumDelay} outside normal, high after {@code highDelay} outside
 *       warning, critical at once;</li>
 *   <li>a gap longer than {@code maxGap} restarts the delays;</li>
 *   <li>the episode ends (clear) after {@code clearAfter} back inside normal; discrete vitals
 *       (clearAfter 0) end at the first normal reading.</li>
 * </ul>
 *
 * <p>Not reproduced, because the ward workload never triggers them: the artefact filters
 * (implausible jumps, flat-zero respiratory rate) and the stale/hold timers of the alert lifecycle.
 * An alert is "raised" at the first signal of an episode and "cleared" when the episode ends.
 * State is a {@code HashMap} keyed by patient id, as a straightforward implementation would keep it.
 *
 * <p>Single-threaded.
 */
public final class HandWrittenThresholds {
    private static final Vital[] VITALS = Vital.values();

    /** The open episode of one patient and vital; {@code onset2 < 0}: not outside warning now. */
    private static final class Episode {
        long onset1;
        long onset2;
        long lastTs;
        long normalSince = -1;
        boolean raised;
    }

    private final Map<String, Episode[]> episodes = new HashMap<>();
    private final Bands[] bands = new Bands[VITALS.length];
    private final long[] mediumDelay = new long[VITALS.length];
    private final long[] highDelay = new long[VITALS.length];
    private final long[] maxGap = new long[VITALS.length];
    private final long[] clearAfter = new long[VITALS.length];
    private long signals;
    private long raised;
    private long cleared;

    /** Bands and persistence from {@code config}. */
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
    }

    /** Evaluates every banded vital of one observation. */
    public void accept(Observation o) {
        long ts = o.timestamp().toEpochMilli();
        String pid = o.patientId();
        Episode[] mine = episodes.get(pid);
        for (Vital v : VITALS) {
            Bands b = bands[v.ordinal()];
            if (b == null) {
                continue;
            }
            Double x = o.value(v);
            if (x == null) {
                continue;
            }
            int band = b.bandOf(x);
            if (mine == null) {
                if (band == 0) {
                    continue; // nothing open, nothing to open: no state for a patient who has been fine
                }
                mine = new Episode[VITALS.length];
                episodes.put(pid, mine);
            }
            evaluate(mine, v.ordinal(), band, ts);
        }
    }

    private void evaluate(Episode[] mine, int i, int band, long ts) {
        Episode e = mine[i];
        if (e == null) {
            if (band == 0) {
                return;
            }
            e = new Episode();
            e.onset1 = ts;
            e.onset2 = band >= 2 ? ts : -1;
            e.lastTs = ts;
            mine[i] = e;
            signal(e, sustained(i, band, 0, band >= 2 ? 0 : -1));
            return;
        }
        if (band == 0) {
            long since = e.normalSince < 0 ? ts : e.normalSince;
            if (ts - since >= clearAfter[i]) {
                if (e.raised) {
                    cleared++;
                }
                mine[i] = null;
            } else if (e.normalSince < 0) {
                e.normalSince = ts;
                e.onset2 = -1;
                e.lastTs = ts;
            } else {
                e.lastTs = ts;
            }
            return;
        }
        boolean gap = ts - e.lastTs > maxGap[i];
        if (gap) {
            e.onset1 = ts;
        }
        if (band < 2) {
            e.onset2 = -1;
        } else if (e.onset2 < 0 || gap) {
            e.onset2 = ts;
        }
        e.normalSince = -1;
        e.lastTs = ts;
        signal(e, sustained(i, band, ts - e.onset1, ts - e.onset2));
    }

    /** The band that has lasted long enough to alert: 0 none, 1 medium, 2 high, 3 critical. */
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

    private void signal(Episode e, int severity) {
        if (severity == 0) {
            return;
        }
        signals++;
        if (!e.raised) {
            e.raised = true;
            raised++;
        }
    }

    /** Signals (readings whose condition had lasted long enough) so far. */
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
