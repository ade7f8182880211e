package com.nexussaude.monitor.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copy and normalisation of {@link JournalRecord#data()}. Numbers are narrowed to what Jackson
 * reads back from JSON ({@code Long} for integers, {@code Double} for the rest), so that an
 * in-memory record and the same record read from a file are equal; values JSON cannot carry
 * exactly are refused at the point of creation rather than discovered at recovery.
 */
final class JsonValues {
    private JsonValues() {
    }

    static Map<String, Object> copyObject(Map<?, ?> map, String path) {
        // LinkedHashMap, not Map.copyOf: JSON objects may hold null values, and order helps a reader.
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + " has a key that is not a String: " + describe(e.getKey()));
            }
            copy.put(key, copy(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    static Object copy(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + " must be a finite number (JSON has no NaN or infinity), but was "
                        + d);
            }
            return d;
        }
        if (value instanceof Map<?, ?> map) {
            return copyObject(map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " is " + describe(value)
                + "; journal data must be String, Long, Integer, Double, Boolean, null, List or Map<String, ?>"
                + (value instanceof Number ? " (store a BigDecimal or BigInteger as a String)" : ""));
    }

    private static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getName() + " (" + o + ")";
    }
}
