package com.nexussaude.monitor.score;

import com.nexussaude.monitor.Consciousness;
import java.util.EnumMap;
import java.util.Map;

/**
 * Modified Early Warning Score with a configurable band table ({@link MewsVariant}). Values are
 * rounded half up to the parameter's precision (integers; temperature one decimal) and then matched
 * against the variant's bands in order.
 */
public final class Mews {

    private Mews() {
    }

    /**
     * Scores MEWS with {@link MewsVariant#subbe2001()}.
     *
     * @param systolicBp mmHg (finite, {@code >= 0}) or null
     * @param heartRate beats per minute (finite, {@code >= 0}) or null
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @param temperature °C (finite, {@code >= 0}) or null
     * @param consciousness ACVPU level or null
     * @return the total, the points of each parameter and whether the patient is at risk
     * @see #score(MewsVariant, Double, Double, Double, Double, Consciousness)
     */
    public static MewsScore score(Double systolicBp, Double heartRate, Double respiratoryRate, Double temperature,
            Consciousness consciousness) {
        return score(MewsVariant.subbe2001(), systolicBp, heartRate, respiratoryRate, temperature, consciousness);
    }

    /**
     * Scores MEWS; absent (null) parameters contribute 0 and make the result partial.
     *
     * @param variant         the band table, not null
     * @param systolicBp      mmHg (finite, {@code >= 0}) or null
     * @param heartRate       beats per minute (finite, {@code >= 0}) or null
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @param temperature     °C (finite, {@code >= 0}) or null
     * @param consciousness   ACVPU level or null
     * @return total, sub-scores, partial and at-risk flags
     * @throws IllegalArgumentException naming a bad argument
     */
    public static MewsScore score(MewsVariant variant, Double systolicBp, Double heartRate, Double respiratoryRate,
            Double temperature, Consciousness consciousness) {
        Args.notNull("variant", variant);
        Map<MewsParameter, Integer> sub = new EnumMap<>(MewsParameter.class);
        sub.put(MewsParameter.SYSTOLIC_BP, systolicBp == null ? 0 : points(variant, MewsParameter.SYSTOLIC_BP, systolicBp));
        sub.put(MewsParameter.HEART_RATE, heartRate == null ? 0 : points(variant, MewsParameter.HEART_RATE, heartRate));
        sub.put(MewsParameter.RESPIRATORY_RATE,
                respiratoryRate == null ? 0 : points(variant, MewsParameter.RESPIRATORY_RATE, respiratoryRate));
        sub.put(MewsParameter.TEMPERATURE,
                temperature == null ? 0 : points(variant, MewsParameter.TEMPERATURE, temperature));
        sub.put(MewsParameter.CONSCIOUSNESS, consciousness == null ? 0 : variant.consciousness().get(consciousness));
        int total = sub.values().stream().mapToInt(Integer::intValue).sum();
        boolean partial = systolicBp == null || heartRate == null || respiratoryRate == null || temperature == null
                || consciousness == null;
        return new MewsScore(variant.name(), total, sub, partial, total >= variant.atRiskThreshold());
    }

    /**
     * Points of one numeric parameter under a variant (value rounded to the parameter's precision).
     *
     * @param variant   the band table, not null
     * @param parameter a numeric parameter (not CONSCIOUSNESS)
     * @param value     finite and {@code >= 0}
     * @return the points, 0 to 3
     * @throws IllegalArgumentException naming a bad argument
     */
    public static int points(MewsVariant variant, MewsParameter parameter, double value) {
        Args.notNull("variant", variant);
        Args.notNull("parameter", parameter);
        double r = Args.halfUp(Args.nonNegative(parameter.argName(), value), parameter.decimals());
        for (MewsBand b : variant.bands(parameter)) {
            if (r <= b.upTo()) {
                return b.points();
            }
        }
        throw new AssertionError("validated band tables end open-ended");
    }

    /**
     * MEWS total with {@link MewsVariant#subbe2001()}, for EPL (nullable arguments).
     *
     * @param systolicBp mmHg (finite, {@code >= 0}) or null
     * @param heartRate beats per minute (finite, {@code >= 0}) or null
     * @param respiratoryRate breaths per minute (finite, {@code >= 0}) or null
     * @param temperature °C (finite, {@code >= 0}) or null
     * @param consciousness ACVPU level or null
     * @return MEWS total with {@link MewsVariant#subbe2001()}, for EPL (nullable arguments)
     * @see #score(Double, Double, Double, Double, Consciousness)
     */
    public static int total(Double systolicBp, Double heartRate, Double respiratoryRate, Double temperature,
            Consciousness consciousness) {
        return score(systolicBp, heartRate, respiratoryRate, temperature, consciousness).total();
    }
}
