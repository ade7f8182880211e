package com.nexussaude.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * A patient's latest plausible reading of one vital, read with {@link VitalMonitor#latestReadings(String)}:
 * what the clinical rules last saw. A reading the artefact screen set aside (a movement spike, a probe
 * reporting 0) is not one; the reading before it stays the latest.
 *
 * @param vital the vital
 * @param value its value, in the vital's unit ({@link Vital#unit()})
 * @param at    the observation's timestamp
 * @since 0.3
 */
public record VitalReading(Vital vital, double value, Instant at) {

    /**
     * Validates the components.
     *
     * @param vital the vital
     * @param value its value, in the vital's unit ({@link Vital#unit()})
     * @param at the observation's timestamp
     */
    public VitalReading {
        Objects.requireNonNull(vital, "vital");
        Objects.requireNonNull(at, "at");
    }
}
