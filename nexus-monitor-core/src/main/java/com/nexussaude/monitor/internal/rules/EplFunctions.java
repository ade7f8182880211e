package com.nexussaude.monitor.internal.rules;

import com.nexussaude.monitor.Vital;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Single-row functions available to every rule, bundled or integrator-written. Registered by
 * {@link EsperSetup}; not API for Java callers, only for EPL.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): the classes Esper generates for
// every rule call these functions from Esper's own class loader.
public final class EplFunctions {
    private EplFunctions() {
    }

    /**
     * {@code evidence('name', value, 'name', value, ...)}: an ordered map for the {@code evidence} of an
     * {@code AlertSignal}. An odd argument count or a non-string name is an error in the rule.
     */
    public static Map<String, Object> evidence(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("evidence(...) takes name/value pairs, but got "
                    + namesAndValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("evidence(...) argument " + (i + 1) + " must be a name (string), but was "
                        + namesAndValues[i]);
            }
            m.put(name, namesAndValues[i + 1]);
        }
        return m;
    }

    /**
     * The band held long enough to alert: 3 at once; 2 if outside warning for {@code highDelayMs};
     * 1 if outside normal for {@code mediumDelayMs}; else 0.
     */
    public static int sustainedBand(int band, long outsideNormalMs, long outsideWarningMs,
                                    long mediumDelayMs, long highDelayMs) {
        if (band >= 3) {
            return 3;
        }
        if (band >= 2 && outsideWarningMs >= highDelayMs) {
            return 2;
        }
        if (band >= 1 && outsideNormalMs >= mediumDelayMs) {
            return 1;
        }
        return 0;
    }

    /**
     * The level an episode signals, with hysteresis on the way down: {@code level} now, or a deeper
     * level (3 critical, 2 high) if it was last met less than {@code fallMs} before {@code ts}
     * ({@code criticalTs}, {@code highTs}; negative: never); and at least 1 (medium) once the episode
     * has alerted ({@code mediumTs} &gt;= 0): persistence is needed to raise an alert, not to keep it
     * open until its condition has cleared.
     */
    public static int heldLevel(int level, long ts, long mediumTs, long highTs, long criticalTs, long fallMs) {
        if (level < 3 && criticalTs >= 0 && ts - criticalTs < fallMs) {
            return 3;
        }
        if (level < 2 && highTs >= 0 && ts - highTs < fallMs) {
            return 2;
        }
        return level < 1 && mediumTs >= 0 ? 1 : level;
    }

    /** The severity wire name of a band: 1 medium, 2 high, 3 critical, otherwise null. */
    public static String severityName(int band) {
        return switch (band) {
            case 1 -> "medium";
            case 2 -> "high";
            case 3 -> "critical";
            default -> null;
        };
    }

    /** E.g. {@code "SpO2 86 % below 90 for 12 s"}. */
    public static String thresholdMessage(String vital, double value, int direction, double limit, long durationMs) {
        Vital v = Vital.parse(vital);
        String unit = v.unit().isEmpty() ? "" : " " + v.unit();
        String side = direction < 0 ? "below" : "above";
        String duration = durationMs <= 0 ? "" : " for " + formatDuration(durationMs);
        return v.label() + " " + number(value) + unit + " " + side + " " + number(limit) + duration;
    }

    static String formatDuration(long ms) {
        long s = ms / 1000;
        if (s < 120) {
            return s + " s";
        }
        long m = s / 60;
        return m < 120 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
    }

    /**
     * A reading or limit as a threshold message shows it: an integer without decimals, else to one decimal
     * ({@code String.format(Locale.ROOT, "%.1f", x)}). Whether {@code x} is an integer is arithmetic, not a branch:
     * a young monitor's first fractional reading in a message (a temperature) used to meet C2 code compiled while
     * every message had integers, and threw it away (an {@code unstable_if} trap in {@code thresholdMessage}, 46 s
     * into LatencyBenchmark's measured minute; RESULTS.md, branch pack10). EplNumberFormatTest compares it with the
     * formatter's text.
     */
    static String number(double x) {
        double magnitude = Math.abs(x);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return x == Math.rint(x) && magnitude < 1e9 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.1f", x);
        }
        long fractionBits = Double.doubleToRawLongBits(magnitude - Math.rint(magnitude)) << 1; // sign dropped
        int integer = (int) (~(fractionBits | -fractionBits) >>> 63); // 1 if the fraction is zero, else 0
        long tenths = tenths(magnitude);
        // An integer's tenths end in 0, so its index is 10: no decimals.
        return (x < 0 ? "-" : "") + tenths / 10 + FRACTION[(int) (tenths % 10) + 10 * integer];
    }

    /** The text after the integer part by tenths digit; an integer's (index 10) has none. */
    private static final String[] FRACTION = {".0", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9", ""};

    /**
     * {@code String.format(Locale.ROOT, "%.1f", x)}, the same text without a {@code Formatter} (every threshold
     * message of a fractional reading or limit formatted one). The formatter rounds the shortest decimal digits of
     * {@code x} (those of {@link Double#toString}) half up to one decimal and signs any negative {@code x}, even one
     * that rounds to 0.0; so does this, from {@link Double#toString}'s plain form, which it has for magnitudes in
     * [1e-3, 1e7). Other magnitudes, NaN and the infinities go to the formatter.
     */
    static String oneDecimal(double x) {
        double magnitude = Math.abs(x);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        long tenths = tenths(magnitude);
        return (x < 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
    }

    /** A magnitude in [1e-3, 1e7) in tenths, its shortest decimal digits rounded half up as the formatter does. */
    private static long tenths(double magnitude) {
        String digits = Double.toString(magnitude); // "I.F": I < 1e7, F at least one digit
        int point = digits.indexOf('.');
        return Long.parseLong(digits, 0, point, 10) * 10 + digitAt(digits, point + 1)
                + (digitAt(digits, point + 2) + 5) / 10;
    }

    /**
     * The decimal digit at {@code i} of a plain {@link Double#toString} text, 0 past its end; without a branch on
     * the text's length (one with a side never taken while the monitor was young is a C2 trap later).
     */
    static int digitAt(String digits, int i) {
        int last = digits.length() - 1;
        int inside = Math.min(Math.max(last + 1 - i, 0), 1); // 1 if i is inside the text, else 0
        return (digits.charAt(Math.min(i, last)) - '0') * inside;
    }
}
