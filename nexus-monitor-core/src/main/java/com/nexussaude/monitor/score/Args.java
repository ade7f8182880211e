package com.nexussaude.monitor.score;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Argument checks and chart-precision rounding shared by the scores (package-private). */
final class Args {
    private Args() {
    }

    /** Checks that {@code value} is finite and {@code >= 0}. */
    static double nonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, but was " + value);
        }
        return value;
    }

    /** Checks that {@code value} is a percentage 0..100. */
    static double percent(String name, double value) {
        if (!Double.isFinite(value) || value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, but was " + value);
        }
        return value;
    }

    /** Checks a SpO2 scale number. */
    static int spo2Scale(int scale) {
        if (scale != 1 && scale != 2) {
            throw new IllegalArgumentException("spo2Scale must be 1 or 2, but was " + scale);
        }
        return scale;
    }

    /** Rounds half up to {@code decimals} places using the shortest decimal form of the double. */
    static double halfUp(double value, int decimals) {
        // Most readings already have no more places than scored (monitors report whole beats, breaths
        // and percent): those are returned as they are, without the BigDecimal (scoring runs per observation).
        if (decimals == 0 && value == Math.rint(value) || decimals == 1 && Math.rint(value * 10) / 10 == value) {
            return value;
        }
        if (decimals == 0 && value > 0 && value < 0x1p52) {
            // A positive fraction to an integer (a median of two readings, x.5): Math.round is exact and rounds ties
            // up, and so does the BigDecimal of the shortest decimal form, to the same integer: that form lies on the
            // same side of k + 0.5 as the double (k + 0.5 is a double itself below 2^52, so no other double's form
            // is it or beyond it). ArgsHalfUpTest compares them. Without BigDecimal: scoring runs per observation.
            return Math.round(value);
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** Validates (finite, >= 0) and rounds half up to an integer. */
    static double integer(String name, double value) {
        return halfUp(nonNegative(name, value), 0);
    }

    /** Validates (finite, >= 0) and rounds half up to one decimal. */
    static double oneDecimal(String name, double value) {
        return halfUp(nonNegative(name, value), 1);
    }

    /** Validates a percentage and rounds half up to an integer. */
    static double percentInteger(String name, double value) {
        return halfUp(percent(name, value), 0);
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
