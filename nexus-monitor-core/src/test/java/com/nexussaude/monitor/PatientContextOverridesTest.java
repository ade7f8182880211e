package com.nexussaude.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A context's band overrides as a shared empty map when there are none (issue 21's memory bar), against the
 * representation before it, kept here as the oracle: every context's overrides copied into a fresh unmodifiable
 * {@link EnumMap}. Same contents, order, equality, hash, text, class and unmodifiability, and the same error.
 */
class PatientContextOverridesTest {
    private static final List<Vital> BANDED = new ArrayList<>();

    static {
        for (Vital v : Vital.values()) {
            if (v.hasBands()) {
                BANDED.add(v);
            }
        }
    }

    private static Bands bands(int k) {
        return Bands.of(60 + k, 90 + k, 50 + k, 100 + k, 40 + k, 110 + k);
    }

    /** The constructor's copy before the shared empty map. */
    private static Map<Vital, Bands> oracleCopy(Map<Vital, Bands> overrides) {
        Map<Vital, Bands> copy = new EnumMap<>(Vital.class);
        copy.putAll(overrides);
        for (Vital v : copy.keySet()) {
            if (!v.hasBands()) {
                throw new IllegalArgumentException("bandOverrides: " + v + " has no alarm bands");
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void assertSameMap(Map<Vital, Bands> expected, Map<Vital, Bands> actual) {
        assertEquals(expected, actual);
        assertEquals(actual, expected);
        assertEquals(expected.hashCode(), actual.hashCode());
        assertEquals(expected.toString(), actual.toString());
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(actual.values()));
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
        assertEquals(expected.size(), actual.size());
        for (Vital v : Vital.values()) {
            assertEquals(expected.get(v), actual.get(v));
            assertEquals(expected.containsKey(v), actual.containsKey(v));
        }
        assertThrows(UnsupportedOperationException.class, () -> actual.put(Vital.HEART_RATE, bands(Vital.HEART_RATE.ordinal())));
        assertThrows(UnsupportedOperationException.class, actual::clear);
        assertThrows(UnsupportedOperationException.class, () -> actual.keySet().clear());
    }

    @Test
    void randomOverridesGiveTheSameMapsAndContextsAsFreshCopies() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            for (int i = 0; i < 200; i++) {
                Map<Vital, Bands> given = r.nextInt(3) == 0 ? new HashMap<>() : new EnumMap<>(Vital.class);
                int n = r.nextInt(4) == 0 ? r.nextInt(BANDED.size() + 1) : 0;
                for (int k = 0; k < n; k++) {
                    Vital v = BANDED.get(r.nextInt(BANDED.size()));
                    given.put(v, bands(v.ordinal()));
                }
                Map<Vital, Bands> expected = oracleCopy(given);
                PatientContext c = new PatientContext("p" + seed + "-" + i, r.nextBoolean() ? "icu" : null,
                        1 + r.nextInt(2), given, r.nextBoolean() ? "12" : null, null);
                assertSameMap(expected, c.bandOverrides());
                PatientContext again = new PatientContext(c.patientId(), c.ward(), c.spo2Scale(), expected, c.bed(),
                        c.name());
                assertEquals(again, c);
                assertEquals(again.hashCode(), c.hashCode());
                assertEquals(again.toString(), c.toString());
                // The copy is the context's own: the caller's map changing later does not reach it.
                given.put(Vital.HEART_RATE, bands(Vital.HEART_RATE.ordinal()));
                assertSameMap(expected, c.bandOverrides());
                if (!BANDED.isEmpty()) {
                    Vital v = BANDED.get(r.nextInt(BANDED.size()));
                    Map<Vital, Bands> plusOne = new EnumMap<>(Vital.class);
                    plusOne.putAll(expected);
                    plusOne.put(v, bands(v.ordinal()));
                    assertSameMap(oracleCopy(plusOne), c.withBands(v, bands(v.ordinal())).bandOverrides());
                }
                assertSameMap(expected, c.withWard("other").withBed("3").withName("Ann").withSpo2Scale(2).bandOverrides());
            }
        }
    }

    @Test
    void contextsWithoutOverridesShareOneMapAndOthersKeepTheirOwn() {
        Map<Vital, Bands> none = PatientContext.of("a").bandOverrides();
        assertSame(none, new PatientContext("b", "icu", 2, new EnumMap<>(Vital.class)).bandOverrides());
        assertSame(none, new PatientContext("c", null, 1, new HashMap<>()).bandOverrides());
        assertSameMap(oracleCopy(Map.of()), none);
        PatientContext one = PatientContext.of("d").withBands(Vital.SPO2, bands(Vital.SPO2.ordinal()));
        PatientContext two = PatientContext.of("e").withBands(Vital.SPO2, bands(Vital.SPO2.ordinal()));
        assertNotSame(one.bandOverrides(), two.bandOverrides());
        assertEquals(one.bandOverrides(), two.bandOverrides());
    }

    @Test
    void aVitalWithoutBandsIsNamedAsBefore() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            Map<Vital, Bands> given = new HashMap<>();
            for (Vital v : Vital.values()) {
                if (r.nextInt(3) == 0) {
                    given.put(v, bands(r.nextInt(50)));
                }
            }
            String expected;
            try {
                oracleCopy(given);
                expected = null;
            } catch (IllegalArgumentException e) {
                expected = e.getMessage();
            }
            if (expected == null) {
                assertSameMap(oracleCopy(given), new PatientContext("p", null, 1, given).bandOverrides());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new PatientContext("p", null, 1, given));
                assertEquals(expected, e.getMessage());
            }
        }
        assertThrows(NullPointerException.class, () -> new PatientContext("p", null, 1, null));
    }
}
