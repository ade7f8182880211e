package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.runtime.client.EPStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the oracle tests compare: the events of probe statements, recorded in order as their type and each property
 * with its value, from a runtime fed the new state and one fed the old; then equal, event by event.
 */
final class SameEvents {
    private SameEvents() {}

    /** Records every new event of {@code probes} into {@code received}: its statement's name, then name, value pairs. */
    static void record(EPStatement[] probes, List<List<Object>> received) {
        for (EPStatement s : probes) {
            String type = s.getName();
            String[] properties = s.getEventType().getPropertyNames();
            s.addListener((newEvents, oldEvents, st, rt) -> {
                for (var e : newEvents) {
                    List<Object> row = new ArrayList<>();
                    row.add(type);
                    for (String p : properties) {
                        row.add(p);
                        row.add(e.get(p));
                    }
                    received.add(row);
                }
            });
        }
    }

    static void assertSameEvents(List<List<Object>> expected, List<List<Object>> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("event %d", i).isEqualTo(expected.get(i));
        }
    }
}
