package com.nexussaude.monitor.fhir;

import java.util.Locale;
import java.util.Map;

/**
 * The units this module accepts in valueQuantity.code (UCUM, or MDC when the system is 11073), by MDC code (either the 32-bit form {@code 266016} or the
 * partition-relative {@code 3872}, see the README), MDC reference id or UCUM code, and how each
 * converts to the unit core expects.
 *
 * @since 0.1
 */
public enum Unit {
    /** Per minute ({@code /min}): heart, pulse and respiratory rates. */
    PER_MINUTE("/min"),
    /** Percent: SpO2. */
    PERCENT("%"),
    /** Millimetres of mercury: blood pressures. */
    MMHG("mmHg"),
    /** Kilopascal, converted to mmHg (101.325 kPa = 760 mmHg). */
    KILOPASCAL("kPa"),
    /** Degrees Celsius: temperature. */
    CELSIUS("°C"),
    /** Degrees Fahrenheit, converted to degrees Celsius. */
    FAHRENHEIT("°F");

    /** 1 kPa in mmHg (101.325 kPa = 760 mmHg). */
    static final double MMHG_PER_KPA = 760.0 / 101.325;

    private static final Map<String, Unit> BY_NAME = Map.ofEntries(
            // MDC, 32-bit codes (partition 4 << 16 + term code) and the term codes alone
            Map.entry("264864", PER_MINUTE), Map.entry("2720", PER_MINUTE),    // MDC_DIM_BEAT_PER_MIN
            Map.entry("264928", PER_MINUTE), Map.entry("2784", PER_MINUTE),    // MDC_DIM_RESP_PER_MIN
            Map.entry("264896", PER_MINUTE), Map.entry("2752", PER_MINUTE),    // MDC_DIM_PULS_PER_MIN
            Map.entry("262688", PERCENT), Map.entry("544", PERCENT),           // MDC_DIM_PERCENT
            Map.entry("266016", MMHG), Map.entry("3872", MMHG),                // MDC_DIM_MMHG
            Map.entry("265987", KILOPASCAL), Map.entry("3843", KILOPASCAL),    // MDC_DIM_KILO_PASCAL
            Map.entry("268192", CELSIUS), Map.entry("6048", CELSIUS),          // MDC_DIM_DEGC
            Map.entry("266560", FAHRENHEIT), Map.entry("4416", FAHRENHEIT),    // MDC_DIM_FAHR
            // MDC reference ids
            Map.entry("mdc_dim_beat_per_min", PER_MINUTE), Map.entry("mdc_dim_resp_per_min", PER_MINUTE),
            Map.entry("mdc_dim_puls_per_min", PER_MINUTE), Map.entry("mdc_dim_per_min", PER_MINUTE),
            Map.entry("mdc_dim_percent", PERCENT), Map.entry("mdc_dim_mmhg", MMHG),
            Map.entry("mdc_dim_kilo_pascal", KILOPASCAL), Map.entry("mdc_dim_degc", CELSIUS),
            Map.entry("mdc_dim_fahr", FAHRENHEIT),
            // UCUM codes and the plain spellings devices print
            Map.entry("/min", PER_MINUTE), Map.entry("{beat}/min", PER_MINUTE), Map.entry("{beats}/min", PER_MINUTE),
            Map.entry("{breath}/min", PER_MINUTE), Map.entry("{breaths}/min", PER_MINUTE), Map.entry("bpm", PER_MINUTE),
            Map.entry("1/min", PER_MINUTE), Map.entry("%", PERCENT),
            Map.entry("mm[hg]", MMHG), Map.entry("mmhg", MMHG), Map.entry("kpa", KILOPASCAL),
            Map.entry("cel", CELSIUS), Map.entry("degc", CELSIUS), Map.entry("°c", CELSIUS),
            Map.entry("[degf]", FAHRENHEIT), Map.entry("degf", FAHRENHEIT), Map.entry("°f", FAHRENHEIT));

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /**
     * The printed symbol, e.g. {@code mmHg}.
     *
     * @return the printed symbol, e.g. {@code mmHg}
     */
    public String symbol() {
        return symbol;
    }

    /** The unit an OBX-6 code names, or {@code null} if it names none this module knows. */
    static Unit lookup(String code) {
        return code == null ? null : BY_NAME.get(code.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Converts a value in this unit to {@code target}.
     *
     * @throws IllegalArgumentException if the units measure different things
     */
    double convert(double value, Unit target) {
        if (this == target) {
            return value;
        }
        if (this == FAHRENHEIT && target == CELSIUS) {
            return (value - 32.0) * 5.0 / 9.0;
        }
        if (this == KILOPASCAL && target == MMHG) {
            return value * MMHG_PER_KPA;
        }
        throw new IllegalArgumentException(symbol + " cannot be converted to " + target.symbol);
    }
}
