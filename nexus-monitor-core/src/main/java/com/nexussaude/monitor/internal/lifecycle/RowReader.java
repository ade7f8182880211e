package com.nexussaude.monitor.internal.lifecycle;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.EventType;
import com.espertech.esper.common.internal.event.arr.ObjectArrayEventType;
import java.util.Map;

/**
 * Reads named fields of the rules' output rows ({@code AlertSignal}, {@code AlertClear}: object-array types in
 * schema.epl) from the row itself, at the positions the type gives once, instead of one property look-up per field
 * ({@link EventBean#get} finds the getter by name in a hash map each time: on a raise, a cold path, each look-up is a
 * few cache misses). An event of any other type, or not backed by an array, is read through {@link EventBean#get}
 * as before: the same values either way.
 */
final class RowReader {
    private final String[] fields;
    /** The type whose rows are read by position; null when there is none (every read goes through {@code get}). */
    private final EventType type;
    private final int[] positions;

    /** Reads {@code fields} of the events a statement of output type {@code type} delivers. */
    RowReader(EventType type, String... fields) {
        this.fields = fields.clone();
        int[] at = type instanceof ObjectArrayEventType oa ? positions(oa.getPropertiesIndexes(), fields) : null;
        this.type = at == null ? null : type;
        this.positions = at;
    }

    private static int[] positions(Map<String, Integer> indexes, String[] fields) {
        int[] at = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Integer p = indexes.get(fields[i]);
            if (p == null) {
                return null;
            }
            at[i] = p;
        }
        return at;
    }

    /** The event's row when it can be read by position, else null (then {@link #get} reads through the event). */
    Object[] rowOf(EventBean e) {
        return type != null && e.getEventType() == type && e.getUnderlying() instanceof Object[] row ? row : null;
    }

    /** Field number {@code field} (in the order given to the constructor) of {@code e}, whose {@link #rowOf} is {@code row}. */
    Object get(EventBean e, Object[] row, int field) {
        return row != null ? row[positions[field]] : e.get(fields[field]);
    }

    /** Whether rows of the statement's type are read by position. */
    boolean readsByPosition() {
        return type != null;
    }
}
