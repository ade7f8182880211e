package com.nexussaude.monitor.internal.rules;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Vital;
import java.time.Instant;
import java.util.Locale;

/**
 * Single-row functions of the bundled {@code trend} and {@code correlation} packs: message text and
 * the ACVPU level of a consciousness reading. Registered by {@link EsperSetup}; EPL only, not API.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): the classes Esper generates for
// the trend pack call these functions from Esper's own class loader.
public final class TrendFunctions {
    private TrendFunctions() {
    }

    /**
     * E.g. {@code "heart rate rising 24 /min per hour over the last 30 min (72 → 84)"}: the regression
     * slope per hour, the span of the readings it was fitted on, and the fitted line's values at the
     * start and end of that span.
     */
    public static String trendMessage(String vital, double slopePerHour, double spanMin, double startValue,
                                      double endValue) {
        Vital v = Vital.parse(vital);
        String unit = v.unit().isEmpty() ? "" : v.unit() + " ";
        String direction = slopePerHour >= 0 ? "rising " : "falling ";
        return v.label() + " " + direction + rate(Math.abs(slopePerHour)) + " " + unit + "per hour over the last "
                + span(spanMin) + " (" + value(v, startValue) + " → " + value(v, endValue) + ")";
    }

    /**
     * The observations behind a correlated alert, e.g. {@code "heart rate 123 /min at 08:14:05, systolic BP
     * 110 mmHg at 08:10:00"}: arguments are (vital, value, ts) triples; a triple with a null value (absent or
     * stale) is left out. Times are UTC, like the event timestamps.
     */
    public static String readings(Object... vitalValueTs) {
        if (vitalValueTs.length % 3 != 0) {
            throw new IllegalArgumentException("readings(...) takes (vital, value, ts) triples, but got "
                    + vitalValueTs.length + " arguments");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < vitalValueTs.length; i += 3) {
            if (!(vitalValueTs[i + 1] instanceof Number value) || !(vitalValueTs[i + 2] instanceof Number ts)) {
                continue;
            }
            Vital v = Vital.parse(String.valueOf(vitalValueTs[i]));
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(v.label()).append(' ');
            if (v == Vital.CONSCIOUSNESS) {
                Consciousness c = acvpu(value.doubleValue());
                b.append(c == null ? value(v, value.doubleValue()) : String.valueOf(c.code()));
            } else {
                b.append(value(v, value.doubleValue()));
                if (!v.unit().isEmpty()) {
                    b.append(' ').append(v.unit());
                }
            }
            b.append(" at ").append(clockTime(ts.longValue()));
        }
        return b.toString();
    }

    /**
     * {@code HH:mm:ss} (UTC) of an epoch-millisecond timestamp: the second of its UTC day, in digits (every alert
     * message of the correlation pack names its readings' times; a {@code DateTimeFormatter} built a date-time object
     * and a parsed pattern's printers for each). Every epoch-millisecond {@code long} is inside the range of
     * {@link Instant}, whose UTC days are all 86,400 s, so this is the formatter's text for all of them
     * (TrendTextFormatTest compares them).
     */
    public static String clockTime(long ts) {
        int second = (int) Math.floorMod(Math.floorDiv(ts, 1000L), 86_400L);
        char[] text = {'0', '0', ':', '0', '0', ':', '0', '0'};
        twoDigits(text, 0, second / 3600);
        twoDigits(text, 3, second / 60 % 60);
        twoDigits(text, 6, second % 60);
        return new String(text);
    }

    private static void twoDigits(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }

    /** The ACVPU level of a consciousness reading's value (its ordinal, 0 = alert), or null. */
    public static Consciousness acvpu(Double ordinal) {
        if (ordinal == null || ordinal.isNaN()) {
            return null;
        }
        int i = (int) Math.round(ordinal);
        Consciousness[] all = Consciousness.values();
        return i >= 0 && i < all.length ? all[i] : null;
    }

    /**
     * A score or ratio to two decimals, e.g. {@code 1.12}: {@code String.format(Locale.ROOT, "%.2f", x)}, the same
     * text without a {@code Formatter} (every shock-pattern signal formats its shock index; the formatter was ~1 % of
     * the ward's CPU). As {@link EplFunctions#oneDecimal}: the formatter rounds the shortest decimal digits of
     * {@code x} (those of {@link Double#toString}) half up, here to two decimals, and signs any negative {@code x};
     * so does this, from {@link Double#toString}'s plain form, which it has for magnitudes in [1e-3, 1e7). Other
     * magnitudes, NaN and the infinities go to the formatter (TrendTextFormatTest compares them).
     */
    public static String decimal2(double x) {
        double magnitude = Math.abs(x);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        String digits = Double.toString(magnitude); // "I.F": I < 1e7, F at least one digit
        int point = digits.indexOf('.');
        // Digits and rounding by arithmetic (EplFunctions.digitAt): no branch on how many digits the text has.
        long hundredths = Long.parseLong(digits, 0, point, 10) * 100 + EplFunctions.digitAt(digits, point + 1) * 10
                + EplFunctions.digitAt(digits, point + 2) + (EplFunctions.digitAt(digits, point + 3) + 5) / 10;
        int fraction = (int) (hundredths % 100);
        return (x < 0 ? "-" : "") + hundredths / 100 + "." + (char) ('0' + fraction / 10) + (char) ('0' + fraction % 10);
    }

    private static String rate(double perHour) {
        return perHour >= 10 ? Long.toString(Math.round(perHour)) : EplFunctions.oneDecimal(perHour);
    }

    private static String value(Vital v, double x) {
        return v == Vital.TEMPERATURE ? EplFunctions.oneDecimal(x) : Long.toString(Math.round(x));
    }

    private static String span(double minutes) {
        long m = Math.round(minutes);
        if (m < 120) {
            return m + " min";
        }
        return m % 60 == 0 ? (m / 60) + " h" : (m / 60) + " h " + (m % 60) + " min";
    }
}
