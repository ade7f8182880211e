package com.nexussaude.monitor.internal.state;

/**
 * What an observation's {@code ObservationEnd} carries, as the packs' Java state reads it ({@link
 * PackState#observationEnd}): the latest plausible reading of each vital, by {@link com.nexussaude.monitor.Vital}
 * ordinal, and the robust values of HR, SpO2 and RR. The patient's record ({@link PatientReadings.Patient}) is the one
 * implementation the engine uses, read in place: no row of boxes per observation.
 */
interface LatestReadings {

    /** Whether the vital of ordinal {@code vital} has a latest plausible reading. */
    boolean has(int vital);

    /** The latest plausible reading of the vital of ordinal {@code vital}; only if it {@link #has} one. */
    double value(int vital);

    /** That reading's time (epoch ms); only if the vital {@link #has} one. */
    long at(int vital);

    /**
     * The median of the last minute's plausible readings of channel {@code channel} ({@link ArtefactGate#HR}, {@link
     * ArtefactGate#SPO2}, {@link ArtefactGate#RR}) at the observation; NaN if none (readings are never NaN).
     */
    double median(int channel);
}
