package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert's copy of its evidence ({@link EvidenceMap} inside the unmodifiable wrapper) against the copy it made
 * before, kept here as the oracle ({@code Collections.unmodifiableMap(new LinkedHashMap<>(evidence))}): random evidence
 * maps of 0 to 40 names (so both sides of {@link EvidenceMap#MOST}), null names and values, numbers, strings, booleans,
 * given as a LinkedHashMap, a HashMap, a TreeMap or an IdentityHashMap with equal names twice; every read, both
 * equalities, hash, text, order, the refused changes, the source changed after the copy, serialization, and the alert
 * records built with either copy equal with equal hashes.
 */
class AlertEvidenceCopyTest {

    /** The copy the Alert constructor made before. */
    static Map<String, Object> oldCopy(Map<String, Object> evidence) {
        return evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    static Alert alert(Map<String, Object> evidence) {
        Instant t = Instant.ofEpochMilli(1_795_000_000_000L);
        return new Alert("a-1", "p-1", "threshold-hr", "HEART_RATE", Severity.HIGH, Category.PHYSIOLOGICAL, "HR high",
                evidence, AlertState.OPEN, t, t, 1, null, null, "i-1", 131.0, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theCompactCopyReadsAsTheLinkedCopyDid(long seed) throws Exception {
        Random random = new Random(seed);
        int compact = 0;
        for (int round = 0; round < 400; round++) {
            Map<String, Object> source = source(random);
            Map<String, Object> expected = oldCopy(source);
            Alert alert = alert(source);
            Map<String, Object> actual = alert.evidence();
            compact += source.size() <= EvidenceMap.MOST && !(source instanceof IdentityHashMap) ? 1 : 0;
            sameReads(expected, actual, random);
            // The copy is the alert's: the source changed afterwards changes neither.
            if (!source.isEmpty()) {
                source.remove(source.keySet().iterator().next());
            }
            source.put("added-later", 1);
            sameReads(expected, actual, random);
            assertThat(alert).isEqualTo(alert(new LinkedHashMap<>(expected))).hasSameHashCodeAs(alert(expected));
            Map<String, Object> read = roundTrip(actual);
            assertThat(read).isEqualTo(expected);
            assertThat(List.copyOf(read.entrySet())).isEqualTo(List.copyOf(expected.entrySet()));
        }
        assertThat(compact).as("rounds copied compactly").isGreaterThan(100);
    }

    @Test
    void equalNamesTwiceKeepTheFirstPlaceAndTheLastValueAsBefore() {
        Map<String, Object> source = new IdentityHashMap<>();
        String a1 = new String("value");
        String a2 = new String("value");
        source.put(a1, 1);
        source.put("limit", 2);
        source.put(a2, 3);
        Map<String, Object> expected = oldCopy(source);
        Map<String, Object> actual = alert(source).evidence();
        assertThat(actual).isEqualTo(expected).hasSize(2);
        assertThat(List.copyOf(actual.entrySet())).isEqualTo(List.copyOf(expected.entrySet()));
        assertThat(alert(null).evidence()).isEqualTo(oldCopy(null)).isSameAs(Map.of());
    }

    /** Everything a reader can do with the two copies gives the same answer. */
    private static void sameReads(Map<String, Object> expected, Map<String, Object> actual, Random random) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.isEmpty()).isEqualTo(expected.isEmpty());
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isEqualTo(actual);
        assertThat(actual.equals(expected)).isTrue();
        assertThat(expected.equals(actual)).isTrue();
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(new ArrayList<>(actual.values())).isEqualTo(new ArrayList<>(expected.values()));
        assertThat(new ArrayList<>(actual.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).hasSameHashCodeAs(expected.keySet());
        assertThat(actual.entrySet()).isEqualTo(expected.entrySet()).hasSameHashCodeAs(expected.entrySet());
        assertThat(actual.entrySet().toString()).isEqualTo(expected.entrySet().toString());
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        List<Object> probes = new ArrayList<>(expected.keySet());
        probes.add(null);
        probes.add("absent");
        probes.add("v" + random.nextInt(60));
        for (Object name : probes) {
            assertThat(actual.get(name)).isEqualTo(expected.get(name));
            assertThat(actual.containsKey(name)).isEqualTo(expected.containsKey(name));
            assertThat(actual.getOrDefault(name, "default")).isEqualTo(expected.getOrDefault(name, "default"));
        }
        for (Object value : new Object[] {null, 1, 2.5, "text", true}) {
            assertThat(actual.containsValue(value)).isEqualTo(expected.containsValue(value));
        }
        List<Object> seen = new ArrayList<>();
        actual.forEach((k, v) -> {
            seen.add(k);
            seen.add(v);
        });
        List<Object> seenBefore = new ArrayList<>();
        expected.forEach((k, v) -> {
            seenBefore.add(k);
            seenBefore.add(v);
        });
        assertThat(seen).isEqualTo(seenBefore);
        for (Map<String, Object> m : List.of(expected, actual)) {
            assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.remove("absent")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.keySet().remove("absent")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.values().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.replaceAll((k, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.computeIfAbsent("y", k -> 1)).isInstanceOf(UnsupportedOperationException.class);
            if (!m.isEmpty()) {
                assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(0))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }

    /** A random evidence map: 0 to 40 names, random kinds of values, as one of four map classes. */
    private static Map<String, Object> source(Random random) {
        int n = random.nextInt(4) == 0 ? random.nextInt(41) : random.nextInt(13);
        int kind = random.nextInt(4);
        Map<String, Object> m = switch (kind) {
            case 0 -> new HashMap<>();
            case 1 -> new TreeMap<>();
            default -> new LinkedHashMap<>();
        };
        for (int i = 0; i < n; i++) {
            String name = kind != 1 && random.nextInt(30) == 0 ? null : "v" + random.nextInt(60);
            Object value = switch (random.nextInt(7)) {
                case 0 -> null;
                case 1 -> random.nextInt(300);
                case 2 -> random.nextDouble() * 200;
                case 3 -> random.nextLong();
                case 4 -> random.nextBoolean();
                case 5 -> Double.NaN;
                default -> "text" + random.nextInt(5);
            };
            m.put(name, value);
        }
        if (random.nextInt(10) == 0) {
            Map<String, Object> identity = new IdentityHashMap<>(m);
            identity.put(new String("v1"), "first");
            identity.put(new String("v1"), "second");
            return identity;
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Map<String, Object>) in.readObject();
        }
    }
}
