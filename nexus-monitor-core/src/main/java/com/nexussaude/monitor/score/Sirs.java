package com.nexussaude.monitor.score;

import java.util.EnumSet;
import java.util.Set;

/**
 * Systemic inflammatory response syndrome criteria from vital signs (Bone et al. 1992): temperature
 * &gt;38 or &lt;36 °C, heart rate &gt;90 /min, respiratory rate &gt;20 /min; 2 or more = SIRS.
 * Temperature is rounded half up to one decimal and the rates to integers first, as for NEWS2
 * (38.04 °C → 38.0, not fever; 38.05 → 38.1, fever).
 */
public final class Sirs {

    /** Temperature (°C, after rounding) above which the temperature criterion is met as fever. */
    public static final double FEVER_ABOVE = 38.0;
    /** Temperature (°C, after rounding) below which the temperature criterion is met as hypothermia. */
    public static final double HYPOTHERMIA_BELOW = 36.0;

    private Sirs() {
    }

    /**
     * Counts the SIRS criteria met; absent inputs count as not met and make the result partial.
     *
     * @param temperature     °C (finite, {@code >= 0}) or null
     * @param heartRate       beats per minute (finite, {@code >= 0}) or null
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @return the count, criteria, partial flag and fever/hypothermia flags
     * @throws IllegalArgumentException naming a bad argument
     */
    public static SirsScore score(Double temperature, Double heartRate, Double respiratoryRate) {
        Set<SirsCriterion> met = EnumSet.noneOf(SirsCriterion.class);
        boolean fever = false;
        boolean hypothermia = false;
        if (temperature != null) {
            double t = Args.oneDecimal("temperature", temperature);
            fever = t > FEVER_ABOVE;
            hypothermia = t < HYPOTHERMIA_BELOW;
            if (fever | hypothermia) { // not short-circuit: as in SirsScore, no branch on which of the two
                met.add(SirsCriterion.TEMPERATURE);
            }
        }
        if (heartRate != null && Args.integer("heartRate", heartRate) > 90) {
            met.add(SirsCriterion.HEART_RATE);
        }
        if (respiratoryRate != null && Args.integer("respiratoryRate", respiratoryRate) > 20) {
            met.add(SirsCriterion.RESPIRATORY_RATE);
        }
        boolean partial = temperature == null || heartRate == null || respiratoryRate == null;
        return new SirsScore(met.size(), met, partial, fever, hypothermia);
    }

    /**
     * Number of SIRS criteria met, for EPL (nullable arguments).
     *
     * @param temperature °C (finite, {@code >= 0}) or null
     * @param heartRate beats per minute (finite, {@code >= 0}) or null
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @return number of SIRS criteria met, for EPL (nullable arguments)
     * @see #score(Double, Double, Double)
     */
    public static int count(Double temperature, Double heartRate, Double respiratoryRate) {
        return score(temperature, heartRate, respiratoryRate).count();
    }
}
