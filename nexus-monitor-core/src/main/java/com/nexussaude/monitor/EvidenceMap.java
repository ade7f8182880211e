package com.nexussaude.monitor;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An alert's evidence as {@link Alert} keeps its copy (inside the same unmodifiable wrapper as before): its names and
 * values side by side in one array, in the source's order. The monitor keeps the last thousand resolved alerts, each
 * with its own copy; a {@link LinkedHashMap} of a rule's 7 to 12 names cost 56 bytes, its table 80 and 40 a name,
 * about 450 bytes, where this is 16 and 16 a name, about 150. The wrapper makes it read-only as before, so only the
 * reads are here; equality, hash and text are {@link AbstractMap}'s, as they were {@link LinkedHashMap}'s.
 */
final class EvidenceMap extends AbstractMap<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * The most names kept this way: lookups walk the names (a rule's evidence has a dozen at most); a larger map is
     * copied into a {@link LinkedHashMap} as before.
     */
    static final int MOST = 16;

    /** Name, value, name, value, ... in the source's order; the names distinct. */
    private final Object[] namesAndValues;

    private EvidenceMap(Object[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /**
     * A copy of {@code evidence} in its order: an EvidenceMap, or a {@link LinkedHashMap} as before if it has more than
     * {@link #MOST} names or names equal to one another (a source that is not keyed by {@code equals}, where the
     * LinkedHashMap keeps the first one's place and the last one's value).
     */
    static Map<String, Object> copyOf(Map<String, Object> evidence) {
        int size = evidence.size();
        if (size > MOST) {
            return new LinkedHashMap<>(evidence);
        }
        Object[] a = new Object[2 * size];
        int n = 0;
        for (Map.Entry<String, Object> e : evidence.entrySet()) {
            if (n == a.length || indexOf(a, n, e.getKey()) >= 0) {
                return new LinkedHashMap<>(evidence); // more entries than its size said, or a name twice
            }
            a[n++] = e.getKey();
            a[n++] = e.getValue();
        }
        return new EvidenceMap(n == a.length ? a : Arrays.copyOf(a, n));
    }

    /** Where {@code name} is among the first {@code n} slots' names, or -1. */
    private static int indexOf(Object[] a, int n, Object name) {
        for (int i = 0; i < n; i += 2) {
            if (Objects.equals(a[i], name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return namesAndValues.length / 2;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(namesAndValues, namesAndValues.length, name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(namesAndValues, namesAndValues.length, name);
        return i < 0 ? null : namesAndValues[i + 1];
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return EvidenceMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < namesAndValues.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= namesAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        next += 2;
                        // Unchecked, as a LinkedHashMap's entry: a name is whatever the source map held.
                        @SuppressWarnings("unchecked")
                        Map.Entry<String, Object> e = (Map.Entry<String, Object>) (Map.Entry<?, ?>)
                                new SimpleImmutableEntry<>(namesAndValues[next - 2], namesAndValues[next - 1]);
                        return e;
                    }
                };
            }
        };
    }
}
