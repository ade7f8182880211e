package com.nexussaude.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a threshold violation must persist before it alerts — the alarm delay, the main lever
 * against alarm fatigue (a 15 s SpO2 delay cuts alarms by about 60% without missing hypoxaemia;
 * Rheineck-Leyssius &amp; Kalkman 1997).
 *
 * <p>It is a depth × duration staircase in the spirit of IntelliVue's Smart Alarm Delay: a value
 * outside the normal band must stay outside it <em>continuously</em> (a return inside the band of at
 * most the threshold pack's {@code threshold_tolerance_ms}, 1 s — one in-band sample at 1 Hz — is tolerated; a longer one restarts
 * the count) for {@code mediumDelay} to alert {@code medium};
 * outside the warning band, for the usually shorter {@code highDelay} to alert {@code high}; and a
 * value outside the critical band alerts {@code critical} at once (IEC 60601-1-8: a delay must never
 * hold back a high-priority condition). The episode ends — and its alert clears — only once the
 * vital has stayed inside the normal band for {@code clearAfter} (hysteresis: a value hovering at a
 * limit does not open and close alerts at every crossing). A gap between two readings longer than
 * {@code maxGap} that ends in a reading outside a band restarts that band's delay; a reading inside the band
 * after the gap is a return like any other, tolerated for {@code threshold_tolerance_ms} (docs/alarm-semantics.md).
 *
 * @param mediumDelay how long outside normal before a {@code medium} alert; zero alerts at once
 * @param highDelay   how long outside warning before a {@code high} alert; zero alerts at once
 * @param maxGap      a longer silence before a reading outside a band restarts that band's delay
 * @param staleAfter  how long an open threshold alert stays open with no new reading of the vital
 *                    before it resolves as stale (NIBP is measured every 15–60 min, so its value is
 *                    longer than a second-by-second SpO2 reading's)
 * @param clearAfter  how long the vital must stay inside the normal band before the episode ends;
 *                    zero ends it at the first normal reading (discrete measurements)
 * @since 0.1
 */
public record PersistencePolicy(Duration mediumDelay, Duration highDelay, Duration maxGap, Duration staleAfter,
                                Duration clearAfter) {

    /**
     * Checks every duration: not null, not negative, and a gap greater than zero.
     *
     * @param mediumDelay how long outside normal before a {@code medium} alert; zero alerts at once
     * @param highDelay how long outside warning before a {@code high} alert; zero alerts at once
     * @param maxGap a longer silence before a reading outside a band restarts that band's delay
     * @param staleAfter how long an open threshold alert stays open with no new reading of the vital before
     *     it resolves as stale (NIBP is measured every 15–60 min, so its value is longer than a second-by-second
     *     SpO2 reading's)
     * @param clearAfter how long the vital must stay inside the normal band before the episode ends; zero
     *     ends it at the first normal reading (discrete measurements)
     */
    public PersistencePolicy {
        check("mediumDelay", mediumDelay);
        check("highDelay", highDelay);
        check("maxGap", maxGap);
        check("staleAfter", staleAfter);
        check("clearAfter", clearAfter);
        if (maxGap.isZero()) {
            throw new IllegalArgumentException("maxGap must be greater than 0, but was " + maxGap);
        }
        if (staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be greater than 0, but was " + staleAfter);
        }
    }

    /**
     * A policy for a continuous parameter sampled about once a second: a 10 s gap restarts the
     * delay (a few dropped samples at 1 Hz, or one missed reading of a vital sampled every 5 s, are
     * tolerated; a longer silence is not evidence that the vital stayed outside its band), 60 s back in
     * the normal band ends the episode, and an alert goes stale after 2 min without a reading.
     *
     * @param mediumDelay how long outside normal before a {@code medium} alert; zero alerts at once
     * @param highDelay how long outside warning before a {@code high} alert; zero alerts at once
     * @return a policy for a continuous parameter sampled about once a second: a 10 s gap restarts the delay
     *     (a few dropped samples at 1 Hz, or one missed reading of a vital sampled every 5 s, are tolerated; a
     *     longer silence is not evidence that the vital stayed outside its band), 60 s back in the normal band
     *     ends the episode, and an alert goes stale after 2 min without a reading
     */
    public static PersistencePolicy continuous(Duration mediumDelay, Duration highDelay) {
        return new PersistencePolicy(mediumDelay, highDelay, Duration.ofSeconds(10), Duration.ofMinutes(2),
                Duration.ofSeconds(60));
    }

    /**
     * This policy with other delays.
     *
     * @param newMediumDelay how long outside normal before a {@code medium} alert; zero alerts at once
     * @param newHighDelay how long outside warning before a {@code high} alert; zero alerts at once
     * @return this policy with other delays
     */
    public PersistencePolicy withDelays(Duration newMediumDelay, Duration newHighDelay) {
        return new PersistencePolicy(newMediumDelay, newHighDelay, maxGap, staleAfter, clearAfter);
    }

    /**
     * This policy with another hysteresis.
     *
     * @param newClearAfter how long the vital must stay inside the normal band before the episode ends
     * @return this policy with another hysteresis
     */
    public PersistencePolicy withClearAfter(Duration newClearAfter) {
        return new PersistencePolicy(mediumDelay, highDelay, maxGap, staleAfter, newClearAfter);
    }

    /**
     * A policy for a discrete measurement (NIBP, temperature): each reading is a deliberate
     * measurement, so it alerts at once and stays valid for {@code staleAfter}.
     *
     * @param staleAfter how long an open threshold alert stays open with no new reading of the vital before
     *     it resolves as stale (NIBP is measured every 15–60 min, so its value is longer than a second-by-second
     *     SpO2 reading's)
     * @return a policy for a discrete measurement (NIBP, temperature): each reading is a deliberate
     *     measurement, so it alerts at once and stays valid for {@code staleAfter}
     */
    public static PersistencePolicy discrete(Duration staleAfter) {
        return new PersistencePolicy(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30), staleAfter, Duration.ZERO);
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + d);
        }
    }
}
