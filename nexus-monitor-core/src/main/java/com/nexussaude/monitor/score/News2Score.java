package com.nexussaude.monitor.score;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A NEWS2 result.
 *
 * @param input      the raw input
 * @param scored     the values actually banded, after rounding (see {@link #roundedParameters()})
 * @param subscores  points per parameter; every parameter is present, absent ones with 0
 * @param total      the aggregate, 0–20
 * @param risk       the clinical risk
 * @param partial    true if any of the seven parameters was absent
 * @param monitoring the RCP minimum monitoring frequency
 */
public record News2Score(
        News2Input input,
        News2ScoredValues scored,
        Map<News2Parameter, Integer> subscores,
        int total,
        News2Risk risk,
        boolean partial,
        News2Monitoring monitoring) {

    private static final News2Parameter[] PARAMETERS = News2Parameter.values(); // values() copies on every call

    /**
     * Copies the sub-scores into an unmodifiable {@link EnumMap}.
     *
     * @param input the raw input
     * @param scored the values actually banded, after rounding (see {@link #roundedParameters()})
     * @param subscores points per parameter; every parameter is present, absent ones with 0
     * @param total the aggregate, 0–20
     * @param risk the clinical risk
     * @param partial true if any of the seven parameters was absent
     * @param monitoring the RCP minimum monitoring frequency
     * @throws IllegalArgumentException if a component is null or a parameter is missing from subscores
     */
    public News2Score {
        Args.notNull("input", input);
        Args.notNull("scored", scored);
        Args.notNull("subscores", subscores);
        Args.notNull("risk", risk);
        Args.notNull("monitoring", monitoring);
        EnumMap<News2Parameter, Integer> copy = new EnumMap<>(News2Parameter.class);
        for (News2Parameter p : PARAMETERS) {
            Integer points = subscores.get(p);
            if (points == null) {
                // The message is built only here: building it for every parameter of every score cost more than the score.
                Args.notNull("subscores[" + p.wireName() + "]", points);
            }
            copy.put(p, points);
        }
        subscores = Collections.unmodifiableMap(copy);
        News2.checkTotal(total);
    }

    /**
     * The points of one parameter (0 if absent).
     *
     * @param parameter the parameter
     * @return the points of one parameter (0 if absent)
     */
    public int points(News2Parameter parameter) {
        return subscores.get(Objects.requireNonNull(parameter, "parameter"));
    }

    /**
     * True if any single parameter scored 3.
     *
     * @return true if any single parameter scored 3
     */
    public boolean anySingleParameterScored3() {
        return subscores.containsValue(3);
    }

    /**
     * The parameters absent from the input (they contributed 0).
     *
     * @return the parameters absent from the input (they contributed 0)
     */
    public Set<News2Parameter> absentParameters() {
        return input.absentParameters();
    }

    /**
     * The parameters whose scored value differs from the raw value because of rounding.
     *
     * @return the parameters whose scored value differs from the raw value because of rounding
     */
    public Set<News2Parameter> roundedParameters() {
        Set<News2Parameter> r = EnumSet.noneOf(News2Parameter.class);
        differs(r, News2Parameter.RESPIRATORY_RATE, input.respiratoryRate(), scored.respiratoryRate());
        differs(r, News2Parameter.OXYGEN_SATURATION, input.spo2(), scored.spo2());
        differs(r, News2Parameter.BLOOD_PRESSURE_SYSTOLIC, input.systolicBp(), scored.systolicBp());
        differs(r, News2Parameter.HEART_RATE, input.heartRate(), scored.heartRate());
        differs(r, News2Parameter.TEMPERATURE, input.temperature(), scored.temperature());
        return Collections.unmodifiableSet(r);
    }

    private static void differs(Set<News2Parameter> r, News2Parameter p, Double raw, Double scored) {
        if (raw != null && raw.doubleValue() != scored.doubleValue()) {
            r.add(p);
        }
    }
}
