package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PersistencePolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How much event time of observations the bundled packs' state looks back over: what a monitor must replay
 * to rebuild it (the warm-up, {@code VitalMonitor.warmUpWindow()}).
 *
 * <p>Derived from the deployed settings rather than written down once, so a pack setting a host changes
 * (a longer staleness, a longer trend span) moves it too: every pack variable named {@code *_ms} is a
 * duration in milliseconds and every one named {@code *_min} a duration in minutes (windows, persistence,
 * staleness, signal-loss timeouts, trend spans, clear holds), the threshold pack's persistence policies
 * come from the configuration, and the windows fixed in Java and EPL are added: the trend lines' 30 min,
 * 3 h and 4 h, the technical pack's sensor-gap window (2 min), the artefact gate's median (1 min) and the
 * minute summaries (1 min). With the defaults the longest are the news2 pack's supplemental oxygen and
 * ACVPU and the correlation pack's consciousness, charted 12-hourly and used for 12 h.
 */
public final class WarmUpHorizon {
    /** The trend pack's longest regression window (temperature, {@link TrendLine#WINDOW_MS}). */
    private static final long TREND_MS = maxTrendWindow();
    /** The technical pack's {@code SensorGap#time(2 min)}. */
    private static final long SENSOR_GAP_MS = Duration.ofMinutes(2).toMillis();

    private WarmUpHorizon() {
    }

    /**
     * The longest look-back of the deployed packs, in ms.
     *
     * @param packVariables the bundled packs' variables deployed, by name, with their current values
     * @param config        the configuration (packs deployed, persistence policies)
     */
    public static long of(Map<String, Object> packVariables, MonitorConfig config) {
        long longest = Math.max(ArtefactGate.MEDIAN_WINDOW_MS, 60_000L);
        for (Map.Entry<String, Object> v : packVariables.entrySet()) {
            if (!(v.getValue() instanceof Number n)) {
                continue;
            }
            if (v.getKey().endsWith("_ms")) {
                longest = Math.max(longest, (long) Math.ceil(n.doubleValue()));
            } else if (v.getKey().endsWith("_min")) {
                longest = Math.max(longest, (long) Math.ceil(n.doubleValue() * 60_000));
            }
        }
        if (config.packs().contains("trend")) {
            longest = Math.max(longest, TREND_MS);
        }
        if (config.packs().contains("technical")) {
            longest = Math.max(longest, SENSOR_GAP_MS);
        }
        if (config.packs().contains("threshold")) {
            for (PersistencePolicy p : config.persistence().values()) {
                for (Duration d : new Duration[] {p.mediumDelay(), p.highDelay(), p.maxGap(), p.staleAfter(), p.clearAfter()}) {
                    longest = Math.max(longest, d.toMillis());
                }
            }
        }
        return longest;
    }

    private static long maxTrendWindow() {
        long max = 0;
        for (long w : TrendLine.WINDOW_MS) {
            max = Math.max(max, w);
        }
        return max;
    }
}
