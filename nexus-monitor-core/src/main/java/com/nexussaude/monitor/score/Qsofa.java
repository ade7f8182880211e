package com.nexussaude.monitor.score;

import com.nexussaude.monitor.Consciousness;
import java.util.EnumSet;
import java.util.Set;

/**
 * quick Sequential Organ Failure Assessment (Sepsis-3, Singer et al. 2016): one point each for
 * respiratory rate ≥22 /min, altered mentation (ACVPU other than Alert) and systolic blood pressure
 * ≤100 mmHg; 2 or more is high risk. RR and SBP are rounded half up to integers first, as for NEWS2.
 */
public final class Qsofa {

    /** Respiratory rate at or above which the criterion is met. */
    public static final int RESPIRATORY_RATE_THRESHOLD = 22;
    /** Systolic pressure at or below which the criterion is met. */
    public static final int SYSTOLIC_BP_THRESHOLD = 100;

    private Qsofa() {
    }

    /**
     * Scores qSOFA from nullable vitals; absent inputs count as not met and make the result partial.
     *
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @param consciousness   ACVPU level or null
     * @param systolicBp      mmHg (finite, {@code >= 0}) or null
     * @return points, criteria met and the partial flag
     * @throws IllegalArgumentException naming a bad argument
     */
    public static QsofaScore score(Double respiratoryRate, Consciousness consciousness, Double systolicBp) {
        Set<QsofaCriterion> met = EnumSet.noneOf(QsofaCriterion.class);
        if (respiratoryRate != null
                && Args.integer("respiratoryRate", respiratoryRate) >= RESPIRATORY_RATE_THRESHOLD) {
            met.add(QsofaCriterion.RESPIRATORY_RATE);
        }
        if (consciousness != null && consciousness != Consciousness.ALERT) {
            met.add(QsofaCriterion.ALTERED_MENTATION);
        }
        if (systolicBp != null && Args.integer("systolicBp", systolicBp) <= SYSTOLIC_BP_THRESHOLD) {
            met.add(QsofaCriterion.SYSTOLIC_BP);
        }
        boolean partial = respiratoryRate == null || consciousness == null || systolicBp == null;
        return new QsofaScore(met.size(), met, partial);
    }

    /**
     * qSOFA points only, for EPL (nullable arguments).
     *
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @param consciousness ACVPU level or null
     * @param systolicBp mmHg (finite, {@code >= 0}) or null
     * @return qSOFA points only, for EPL (nullable arguments)
     * @see #score(Double, Consciousness, Double)
     */
    public static int points(Double respiratoryRate, Consciousness consciousness, Double systolicBp) {
        return score(respiratoryRate, consciousness, systolicBp).points();
    }
}
