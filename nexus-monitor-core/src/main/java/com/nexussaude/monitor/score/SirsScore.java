package com.nexussaude.monitor.score;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A SIRS result from vital signs (at most 3 criteria: the WBC criterion needs a lab value).
 *
 * @param count       criteria met, 0–3
 * @param criteriaMet which criteria were met
 * @param partial     true if any of the three inputs was absent (absent inputs count as not met)
 * @param fever       temperature &gt;38 °C
 * @param hypothermia temperature &lt;36 °C
 */
public record SirsScore(int count, Set<SirsCriterion> criteriaMet, boolean partial, boolean fever,
        boolean hypothermia) {

    /**
     * Copies the criteria into an unmodifiable set.
     *
     * @param count criteria met, 0–3
     * @param criteriaMet which criteria were met
     * @param partial true if any of the three inputs was absent (absent inputs count as not met)
     * @param fever temperature &gt;38 °C
     * @param hypothermia temperature &lt;36 °C
     * @throws IllegalArgumentException if count does not equal the number of criteria met, or the
     *                                  temperature flags disagree with the criteria
     */
    public SirsScore {
        Args.notNull("criteriaMet", criteriaMet);
        criteriaMet = Collections.unmodifiableSet(
                criteriaMet.isEmpty() ? EnumSet.noneOf(SirsCriterion.class) : EnumSet.copyOf(criteriaMet));
        if (count != criteriaMet.size()) {
            throw new IllegalArgumentException(
                    "count must equal the number of criteria met (" + criteriaMet.size() + "), but was " + count);
        }
        // Non-short-circuit operators: one branch, to the throw. A short-circuit on fever was a C2 trap at a young
        // monitor's first fever, when every score so far had had none (RESULTS.md, branch pack10).
        if ((fever | hypothermia) ^ criteriaMet.contains(SirsCriterion.TEMPERATURE) | fever & hypothermia) {
            throw new IllegalArgumentException("fever/hypothermia must match the TEMPERATURE criterion, but were "
                    + fever + "/" + hypothermia + " with criteria " + criteriaMet);
        }
    }

    /**
     * True if at least 2 criteria are met (SIRS present).
     *
     * @return true if at least 2 criteria are met (SIRS present)
     */
    public boolean met() {
        return count >= 2;
    }

    /**
     * True if SIRS is met and one of the criteria is fever or hypothermia.
     *
     * @return true if SIRS is met and one of the criteria is fever or hypothermia
     */
    public boolean withFeverOrHypothermia() {
        return met() && (fever || hypothermia);
    }
}
