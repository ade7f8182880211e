package com.nexussaude.monitor;

/**
 * Alarm bands of one vital sign: three nested ranges, all bounds inclusive. A value inside the
 * normal range is band 0; outside normal but inside warning, band 1 (severity {@code medium});
 * outside warning but inside critical, band 2 ({@code high}); outside critical, band 3
 * ({@code critical}, alerted at once without a persistence delay).
 *
 * <p>Use {@link Double#NEGATIVE_INFINITY} or {@link Double#POSITIVE_INFINITY} for a side without a
 * limit. The ranges must nest: {@code criticalLow <= warningLow <= normalLow <= normalHigh <=
 * warningHigh <= criticalHigh}.
 *
 * @param normalLow    lowest value of the normal range, in the vital's unit (see {@link Vital#unit()})
 * @param normalHigh   highest value of the normal range
 * @param warningLow   lowest value of the warning range; at most {@code normalLow}
 * @param warningHigh  highest value of the warning range; at least {@code normalHigh}
 * @param criticalLow  lowest value of the critical range; at most {@code warningLow}
 * @param criticalHigh highest value of the critical range; at least {@code warningHigh}
 * @since 0.1
 */
public record Bands(double normalLow, double normalHigh, double warningLow, double warningHigh,
                    double criticalLow, double criticalHigh) {

    /** Band index of a value inside the normal range. */
    public static final int NORMAL = 0;
    /** Band index of a value outside normal, inside warning. */
    public static final int OUTSIDE_NORMAL = 1;
    /** Band index of a value outside warning, inside critical. */
    public static final int OUTSIDE_WARNING = 2;
    /** Band index of a value outside the critical range. */
    public static final int OUTSIDE_CRITICAL = 3;

    /**
     * SpO2 bands for a patient on NEWS2 SpO2 scale 2 (hypercapnic respiratory failure, a prescribed
     * 88–92 % target; BTS 2017, RCP NEWS2): the prescribed target's lower end is the normal limit, so a
     * COPD patient at 88–92 % raises nothing; 85–87 % (below target) is {@code medium}, 80–84 % {@code
     * high}, below 80 % {@code critical}. No upper limit: over-oxygenation on supplemental oxygen (93 %
     * and above on scale 2) is scored by NEWS2. Used for a scale-2 patient unless the patient has SpO2
     * bands of its own ({@link PatientContext#withBands}); it takes precedence over ward and global bands,
     * which are written for scale-1 patients.
     */
    public static final Bands SPO2_SCALE_2 = new Bands(88, 100, 85, 100, 80, 100);

    /**
     * Checks that no bound is NaN and that the ranges nest.
     *
     * @param normalLow lowest value of the normal range, in the vital's unit (see {@link Vital#unit()})
     * @param normalHigh highest value of the normal range
     * @param warningLow lowest value of the warning range; at most {@code normalLow}
     * @param warningHigh highest value of the warning range; at least {@code normalHigh}
     * @param criticalLow lowest value of the critical range; at most {@code warningLow}
     * @param criticalHigh highest value of the critical range; at least {@code warningHigh}
     * @throws IllegalArgumentException if a bound is NaN or the ranges do not nest, naming the bounds
     */
    public Bands {
        double[] all = {criticalLow, warningLow, normalLow, normalHigh, warningHigh, criticalHigh};
        String[] names = {"criticalLow", "warningLow", "normalLow", "normalHigh", "warningHigh", "criticalHigh"};
        for (int i = 0; i < all.length; i++) {
            if (Double.isNaN(all[i])) {
                throw new IllegalArgumentException(names[i] + " must be a number, but was NaN");
            }
            if (i > 0 && all[i - 1] > all[i]) {
                throw new IllegalArgumentException("bands must nest (criticalLow <= warningLow <= normalLow <= normalHigh"
                        + " <= warningHigh <= criticalHigh), but " + names[i - 1] + " " + all[i - 1] + " > "
                        + names[i] + " " + all[i]);
            }
        }
    }

    /**
     * Bands from three {@code low..high} pairs: normal, warning, critical.
     *
     * @param normalLow lowest value of the normal range, in the vital's unit (see {@link Vital#unit()})
     * @param normalHigh highest value of the normal range
     * @param warningLow lowest value of the warning range; at most {@code normalLow}
     * @param warningHigh highest value of the warning range; at least {@code normalHigh}
     * @param criticalLow lowest value of the critical range; at most {@code warningLow}
     * @param criticalHigh highest value of the critical range; at least {@code warningHigh}
     * @return new bands; see the record's description for how the ranges must nest
     */
    public static Bands of(double normalLow, double normalHigh, double warningLow, double warningHigh,
                           double criticalLow, double criticalHigh) {
        return new Bands(normalLow, normalHigh, warningLow, warningHigh, criticalLow, criticalHigh);
    }

    /**
     * The band index (0–3) of a value.
     *
     * @param value a value in the vital's unit
     * @return the band index (0–3) of a value
     */
    public int bandOf(double value) {
        if (value < criticalLow || value > criticalHigh) {
            return OUTSIDE_CRITICAL;
        }
        if (value < warningLow || value > warningHigh) {
            return OUTSIDE_WARNING;
        }
        if (value < normalLow || value > normalHigh) {
            return OUTSIDE_NORMAL;
        }
        return NORMAL;
    }

    /**
     * -1 if the value is below the normal range, +1 if above, 0 inside it.
     *
     * @param value a value in the vital's unit
     * @return -1 if the value is below the normal range, +1 if above, 0 inside it
     */
    public int directionOf(double value) {
        return value < normalLow ? -1 : value > normalHigh ? 1 : 0;
    }

    /**
     * The limit a value has crossed: the bound of the deepest range it lies outside (for HR 130
     * with warning 50–120, the 120), or NaN for a normal value.
     *
     * @param value a value in the vital's unit
     * @return the limit a value has crossed: the bound of the deepest range it lies outside (for HR 130 with
     *     warning 50–120, the 120), or NaN for a normal value
     */
    public double crossedLimit(double value) {
        int band = bandOf(value);
        boolean low = value < normalLow;
        return switch (band) {
            case OUTSIDE_NORMAL -> low ? normalLow : normalHigh;
            case OUTSIDE_WARNING -> low ? warningLow : warningHigh;
            case OUTSIDE_CRITICAL -> low ? criticalLow : criticalHigh;
            default -> Double.NaN;
        };
    }
}
