package com.nexussaude.monitor.score;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A qSOFA result.
 *
 * @param points      criteria met, 0–3
 * @param criteriaMet which criteria were met
 * @param partial     true if any of the three inputs was absent (absent inputs count as not met)
 */
public record QsofaScore(int points, Set<QsofaCriterion> criteriaMet, boolean partial) {

    /**
     * Copies the criteria into an unmodifiable set.
     *
     * @param points criteria met, 0–3
     * @param criteriaMet which criteria were met
     * @param partial true if any of the three inputs was absent (absent inputs count as not met)
     * @throws IllegalArgumentException if points does not equal the number of criteria met
     */
    public QsofaScore {
        Args.notNull("criteriaMet", criteriaMet);
        criteriaMet = Collections.unmodifiableSet(
                criteriaMet.isEmpty() ? EnumSet.noneOf(QsofaCriterion.class) : EnumSet.copyOf(criteriaMet));
        if (points != criteriaMet.size()) {
            throw new IllegalArgumentException(
                    "points must equal the number of criteria met (" + criteriaMet.size() + "), but was " + points);
        }
    }

    /**
     * True if at least 2 criteria are met (Sepsis-3: high risk of poor outcome).
     *
     * @return true if at least 2 criteria are met (Sepsis-3: high risk of poor outcome)
     */
    public boolean highRisk() {
        return points >= 2;
    }

    /**
     * True if the given criterion is met.
     *
     * @param criterion the criterion
     * @return true if the given criterion is met
     */
    public boolean met(QsofaCriterion criterion) {
        return criteriaMet.contains(criterion);
    }
}
