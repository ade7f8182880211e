package com.nexussaude.monitor.score;

import com.nexussaude.monitor.Consciousness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A MEWS band table. Many hospitals use local variants of the Modified Early Warning Score, so the
 * bands are data: {@link #subbe2001()} is the published default, and {@link #builder(String)} or
 * {@link #toBuilder(String)} define a local one.
 *
 * <p>Bands are matched in order against the value rounded half up to the parameter's precision
 * (integers; temperature one decimal): so "RR &lt;9" is the band {@code upTo(8, 2)} and
 * "T &lt;35" is {@code upTo(34.9, 2)}.
 *
 * @param name             a name for reports, for example {@code subbe-2001}
 * @param systolicBp       systolic pressure bands, ascending, the last open-ended
 * @param heartRate        heart-rate bands
 * @param respiratoryRate  respiratory-rate bands
 * @param temperature      temperature bands
 * @param consciousness    points for each of the five ACVPU levels
 * @param atRiskThreshold  a total at or above which the patient is at risk
 */
public record MewsVariant(
        String name,
        List<MewsBand> systolicBp,
        List<MewsBand> heartRate,
        List<MewsBand> respiratoryRate,
        List<MewsBand> temperature,
        Map<Consciousness, Integer> consciousness,
        int atRiskThreshold) {

    /** Subbe 2001's at-risk threshold. */
    public static final int DEFAULT_AT_RISK_THRESHOLD = 5;

    private static final MewsVariant SUBBE_2001 = builder("subbe-2001")
            .systolicBp(MewsBand.upTo(70, 3), MewsBand.upTo(80, 2), MewsBand.upTo(100, 1), MewsBand.upTo(199, 0),
                    MewsBand.above(2))
            .heartRate(MewsBand.upTo(40, 2), MewsBand.upTo(50, 1), MewsBand.upTo(100, 0), MewsBand.upTo(110, 1),
                    MewsBand.upTo(129, 2), MewsBand.above(3))
            .respiratoryRate(MewsBand.upTo(8, 2), MewsBand.upTo(14, 0), MewsBand.upTo(20, 1), MewsBand.upTo(29, 2),
                    MewsBand.above(3))
            .temperature(MewsBand.upTo(34.9, 2), MewsBand.upTo(38.4, 0), MewsBand.above(2))
            .consciousness(Consciousness.ALERT, 0)
            .consciousness(Consciousness.CONFUSION, 1)
            .consciousness(Consciousness.VOICE, 1)
            .consciousness(Consciousness.PAIN, 2)
            .consciousness(Consciousness.UNRESPONSIVE, 3)
            .atRiskThreshold(DEFAULT_AT_RISK_THRESHOLD)
            .build();

    /**
     * Validates and copies the tables.
     *
     * @param name a name for reports, for example {@code subbe-2001}
     * @param systolicBp systolic pressure bands, ascending, the last open-ended
     * @param heartRate heart-rate bands
     * @param respiratoryRate respiratory-rate bands
     * @param temperature temperature bands
     * @param consciousness points for each of the five ACVPU levels
     * @param atRiskThreshold a total at or above which the patient is at risk
     * @throws IllegalArgumentException naming the table and the problem
     */
    public MewsVariant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
        }
        systolicBp = checkBands("systolicBp", systolicBp);
        heartRate = checkBands("heartRate", heartRate);
        respiratoryRate = checkBands("respiratoryRate", respiratoryRate);
        temperature = checkBands("temperature", temperature);
        Args.notNull("consciousness", consciousness);
        EnumMap<Consciousness, Integer> c = new EnumMap<>(Consciousness.class);
        for (Consciousness level : Consciousness.values()) {
            Integer p = consciousness.get(level);
            if (p == null || p < 0) {
                throw new IllegalArgumentException(
                        "consciousness points for " + level + " must be >= 0, but was " + p);
            }
            c.put(level, p);
        }
        consciousness = Collections.unmodifiableMap(c);
        if (atRiskThreshold < 0) {
            throw new IllegalArgumentException("atRiskThreshold must be >= 0, but was " + atRiskThreshold);
        }
    }

    private static List<MewsBand> checkBands(String table, List<MewsBand> bands) {
        if (bands == null || bands.isEmpty()) {
            throw new IllegalArgumentException(table + " bands must not be empty, but was " + bands);
        }
        List<MewsBand> copy = List.copyOf(bands);
        for (int i = 1; i < copy.size(); i++) {
            if (!(copy.get(i).upTo() > copy.get(i - 1).upTo())) {
                throw new IllegalArgumentException(table + " bands must have strictly increasing upper bounds, but "
                        + copy.get(i).upTo() + " follows " + copy.get(i - 1).upTo());
            }
        }
        if (!copy.get(copy.size() - 1).openEnded()) {
            throw new IllegalArgumentException(table + " bands must end with an open-ended band (MewsBand.above), "
                    + "but the last upper bound was " + copy.get(copy.size() - 1).upTo());
        }
        return copy;
    }

    /**
     * MEWS per Subbe et al. 2001 (QJM 94:521): SBP ≤70→3, 71–80→2, 81–100→1, 101–199→0, ≥200→2;
     * HR ≤40→2, 41–50→1, 51–100→0, 101–110→1, 111–129→2, ≥130→3; RR &lt;9→2, 9–14→0, 15–20→1,
     * 21–29→2, ≥30→3; T &lt;35→2, 35.0–38.4→0, ≥38.5→2; AVPU A0 V1 P2 U3; at risk at ≥5.
     *
     * <p>New confusion (C of ACVPU) is not in Subbe's AVPU table; it scores like Voice (1). NEWS2
     * introduced C as equivalent to V/P/U for escalation, so C must score more than Alert; Voice is
     * the least severe altered level, so 1 is the smallest score that does not hide new confusion.
     *
     * @return the variant of Subbe et al. (2001), as tabled above
     */
    public static MewsVariant subbe2001() {
        return SUBBE_2001;
    }

    /**
     * The bands of a numeric parameter.
     *
     * @param parameter a numeric parameter (not consciousness)
     * @return the bands of a numeric parameter
     */
    public List<MewsBand> bands(MewsParameter parameter) {
        return switch (Args.notNull("parameter", parameter)) {
            case SYSTOLIC_BP -> systolicBp;
            case HEART_RATE -> heartRate;
            case RESPIRATORY_RATE -> respiratoryRate;
            case TEMPERATURE -> temperature;
            case CONSCIOUSNESS -> throw new IllegalArgumentException(
                    "parameter must be a banded (numeric) parameter, but was CONSCIOUSNESS");
        };
    }

    /**
     * Starts an empty builder: every table must be set (the at-risk threshold defaults to 5).
     *
     * @param name a name for reports, for example {@code subbe-2001}
     * @return a builder with no tables set
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts a builder with this variant's tables and a new name, to change only what differs.
     *
     * @param newName the name of the new variant; not blank
     * @return a builder holding this variant's tables
     */
    public Builder toBuilder(String newName) {
        Builder b = new Builder(newName);
        b.systolicBp = systolicBp;
        b.heartRate = heartRate;
        b.respiratoryRate = respiratoryRate;
        b.temperature = temperature;
        b.consciousness.putAll(consciousness);
        b.atRiskThreshold = atRiskThreshold;
        return b;
    }

    /** Builds a {@link MewsVariant}. */
    public static final class Builder {
        private final String name;
        private List<MewsBand> systolicBp;
        private List<MewsBand> heartRate;
        private List<MewsBand> respiratoryRate;
        private List<MewsBand> temperature;
        private final Map<Consciousness, Integer> consciousness = new EnumMap<>(Consciousness.class);
        private int atRiskThreshold = DEFAULT_AT_RISK_THRESHOLD;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the systolic pressure bands, ascending, ending with {@link MewsBand#above(int)}.
         *
         * @param bands the bands, ascending, the last open-ended
         * @return this builder
         */
        public Builder systolicBp(MewsBand... bands) {
            this.systolicBp = new ArrayList<>(Arrays.asList(bands));
            return this;
        }

        /**
         * Sets the heart-rate bands.
         *
         * @param bands the bands, ascending, the last open-ended
         * @return this builder
         */
        public Builder heartRate(MewsBand... bands) {
            this.heartRate = new ArrayList<>(Arrays.asList(bands));
            return this;
        }

        /**
         * Sets the respiratory-rate bands.
         *
         * @param bands the bands, ascending, the last open-ended
         * @return this builder
         */
        public Builder respiratoryRate(MewsBand... bands) {
            this.respiratoryRate = new ArrayList<>(Arrays.asList(bands));
            return this;
        }

        /**
         * Sets the temperature bands (values are rounded to one decimal before matching).
         *
         * @param bands the bands, ascending, the last open-ended
         * @return this builder
         */
        public Builder temperature(MewsBand... bands) {
            this.temperature = new ArrayList<>(Arrays.asList(bands));
            return this;
        }

        /**
         * Sets the points of one ACVPU level.
         *
         * @param level the ACVPU level
         * @param points the points for it, 0 to 3
         * @return this builder
         */
        public Builder consciousness(Consciousness level, int points) {
            consciousness.put(Args.notNull("level", level), points);
            return this;
        }

        /**
         * Sets the total at or above which the patient is at risk.
         *
         * @param threshold the total at or above which the patient is at risk
         * @return this builder
         */
        public Builder atRiskThreshold(int threshold) {
            this.atRiskThreshold = threshold;
            return this;
        }

        /**
         * Builds the variant.
         *
         * @return the variant, with every table checked
         * @throws IllegalArgumentException naming a missing or invalid table
         */
        public MewsVariant build() {
            return new MewsVariant(name, systolicBp, heartRate, respiratoryRate, temperature, consciousness,
                    atRiskThreshold);
        }
    }
}
