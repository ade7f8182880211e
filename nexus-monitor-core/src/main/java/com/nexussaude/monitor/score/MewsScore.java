package com.nexussaude.monitor.score;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A MEWS result.
 *
 * @param variant   name of the variant used
 * @param total     sum of the sub-scores
 * @param subscores points per parameter; every parameter is present, absent ones with 0
 * @param partial   true if any of the five parameters was absent
 * @param atRisk    total at or above the variant's at-risk threshold
 */
public record MewsScore(String variant, int total, Map<MewsParameter, Integer> subscores, boolean partial,
        boolean atRisk) {

    /**
     * Copies the sub-scores into an unmodifiable map.
     *
     * @param variant name of the variant used
     * @param total sum of the sub-scores
     * @param subscores points per parameter; every parameter is present, absent ones with 0
     * @param partial true if any of the five parameters was absent
     * @param atRisk total at or above the variant's at-risk threshold
     * @throws IllegalArgumentException if a parameter is missing or total is not their sum
     */
    public MewsScore {
        Args.notNull("variant", variant);
        Args.notNull("subscores", subscores);
        EnumMap<MewsParameter, Integer> copy = new EnumMap<>(MewsParameter.class);
        int sum = 0;
        for (MewsParameter p : MewsParameter.values()) {
            int v = Args.notNull("subscores[" + p.wireName() + "]", subscores.get(p));
            copy.put(p, v);
            sum += v;
        }
        if (sum != total) {
            throw new IllegalArgumentException("total must be the sum of the subscores (" + sum + "), but was " + total);
        }
        subscores = Collections.unmodifiableMap(copy);
    }

    /**
     * The points of one parameter (0 if absent).
     *
     * @param parameter the parameter
     * @return the points of one parameter (0 if absent)
     */
    public int points(MewsParameter parameter) {
        return subscores.get(Args.notNull("parameter", parameter));
    }
}
