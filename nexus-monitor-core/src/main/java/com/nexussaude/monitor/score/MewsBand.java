package com.nexussaude.monitor.score;

/**
 * One band of a MEWS parameter: values (after rounding to the parameter's precision) up to and
 * including {@code upTo} score {@code points}, unless an earlier band already matched. The last band
 * of a parameter must be open-ended ({@code upTo} = +∞, see {@link #above(int)}).
 *
 * @param upTo   inclusive upper bound of the band, or {@link Double#POSITIVE_INFINITY}
 * @param points points for values in the band, {@code >= 0}
 */
public record MewsBand(double upTo, int points) {

    /**
     * Checks the band.
     *
     * @param upTo inclusive upper bound of the band, or {@link Double#POSITIVE_INFINITY}
     * @param points points for values in the band, {@code >= 0}
     * @throws IllegalArgumentException if upTo is NaN or −∞, or points is negative
     */
    public MewsBand {
        if (Double.isNaN(upTo) || upTo == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("upTo must be a number or +Infinity, but was " + upTo);
        }
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, but was " + points);
        }
    }

    /**
     * A band for values up to and including {@code upTo}.
     *
     * @param upTo inclusive upper bound of the band, or {@link Double#POSITIVE_INFINITY}
     * @param points points for values in the band, {@code >= 0}
     * @return a band for values up to and including {@code upTo}
     */
    public static MewsBand upTo(double upTo, int points) {
        return new MewsBand(upTo, points);
    }

    /**
     * The open-ended last band: every value above the previous band.
     *
     * @param points points for values in the band, {@code >= 0}
     * @return the open-ended last band: every value above the previous band
     */
    public static MewsBand above(int points) {
        return new MewsBand(Double.POSITIVE_INFINITY, points);
    }

    /**
     * True if this band is open-ended.
     *
     * @return true if this band is open-ended
     */
    public boolean openEnded() {
        return upTo == Double.POSITIVE_INFINITY;
    }
}
