package com.nexussaude.monitor.internal.rules;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Vital;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The oracle of TrendTextFormatTest: {@link TrendFunctions} as it was at 5481d9d, whose texts came from
 * {@code String.format} and a {@code DateTimeFormatter}.
 */
final class TrendFunctionsBefore {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TrendFunctionsBefore() {
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

    /** {@code HH:mm:ss} (UTC) of an epoch-millisecond timestamp. */
    public static String clockTime(long ts) {
        return CLOCK.format(Instant.ofEpochMilli(ts));
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

    /** A score or ratio to two decimals, e.g. {@code 1.12}. */
    public static String decimal2(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    private static String rate(double perHour) {
        return perHour >= 10 ? Long.toString(Math.round(perHour)) : String.format(Locale.ROOT, "%.1f", perHour);
    }

    private static String value(Vital v, double x) {
        return v == Vital.TEMPERATURE ? String.format(Locale.ROOT, "%.1f", x) : Long.toString(Math.round(x));
    }

    private static String span(double minutes) {
        long m = Math.round(minutes);
        if (m < 120) {
            return m + " min";
        }
        return m % 60 == 0 ? (m / 60) + " h" : (m / 60) + " h " + (m % 60) + " min";
    }
}
