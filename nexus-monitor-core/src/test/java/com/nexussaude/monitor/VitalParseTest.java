package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Vital#parse} looks exact constant names up in a map before its loop, and {@link Vital#label} is a field:
 * both must give what the methods as they were ({@link #parseBefore}, {@link #labelBefore}, kept here as the
 * oracle) gave: the same vital, or an exception with the same message, for every constant and field name in any case
 * and with surrounding blanks, for names that are neither, for null, and for random strings built from their parts.
 */
class VitalParseTest {
    /** Vital.parse as it was at 5481d9d. */
    private static Vital parseBefore(String name) {
        if (name != null) {
            String n = name.trim();
            for (Vital v : Vital.values()) {
                if (v.name().equalsIgnoreCase(n) || v.fieldName().equalsIgnoreCase(n)) {
                    return v;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (Vital v : Vital.values()) {
            allowed.append(allowed.length() == 0 ? "" : "|").append(v.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("vital must be one of " + allowed + ", but was '" + name + "'");
    }

    /** Vital.label as it was at 5481d9d. */
    private static String labelBefore(Vital v) {
        return switch (v) {
            case HEART_RATE -> "heart rate";
            case SYSTOLIC_BP -> "systolic BP";
            case DIASTOLIC_BP -> "diastolic BP";
            case TEMPERATURE -> "temperature";
            case SPO2 -> "SpO2";
            case RESPIRATORY_RATE -> "respiratory rate";
            case CONSCIOUSNESS -> "consciousness";
            case SUPPLEMENTAL_OXYGEN -> "supplemental oxygen";
        };
    }

    /** The vital parse gives, or the message of the exception it throws. */
    private static Object outcome(java.util.function.Function<String, Vital> parse, String name) {
        try {
            return parse.apply(name);
        } catch (IllegalArgumentException e) {
            return "IllegalArgumentException: " + e.getMessage();
        }
    }

    private static void same(String name) {
        assertThat(outcome(Vital::parse, name)).as("parse(%s)", name).isEqualTo(outcome(VitalParseTest::parseBefore, name));
    }

    @Test
    void labelsAreTheSwitchsLabels() {
        for (Vital v : Vital.values()) {
            assertThat(v.label()).isEqualTo(labelBefore(v));
        }
    }

    @Test
    void namesFieldNamesTheirCasesAndBlanks() {
        List<String> names = new ArrayList<>();
        names.add(null);
        names.add("");
        names.add(" ");
        names.add("SPO2X");
        names.add("heart rate");
        for (Vital v : Vital.values()) {
            for (String n : new String[] {v.name(), v.fieldName(), v.label()}) {
                names.add(n);
                names.add(n.toLowerCase(Locale.ROOT));
                names.add(n.toUpperCase(Locale.ROOT));
                names.add(" " + n);
                names.add(n + "\t");
                names.add(n + "_");
                names.add(n.substring(1));
            }
        }
        names.forEach(VitalParseTest::same);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomStringsFromTheNamesParts(long seed) {
        Random random = new Random(seed);
        Vital[] vitals = Vital.values();
        String[] blanks = {"", "", "", " ", "\t", "\n", "  "};
        for (int i = 0; i < 20_000; i++) {
            Vital v = vitals[random.nextInt(vitals.length)];
            String base = random.nextBoolean() ? v.name() : v.fieldName();
            StringBuilder b = new StringBuilder();
            for (char c : base.toCharArray()) {
                int r = random.nextInt(40);
                if (r == 0) {
                    continue; // a character left out
                }
                b.append(r < 10 ? Character.toUpperCase(c) : r < 20 ? Character.toLowerCase(c) : c);
            }
            same(blanks[random.nextInt(blanks.length)] + b + blanks[random.nextInt(blanks.length)]);
        }
    }
}
