package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The oracle tests' last step: what Esper received from the new state, event by event, equals the old one's. */
final class SameEvents {
    private SameEvents() {}

    static void assertSameEvents(List<List<Object>> expected, List<List<Object>> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("event %d", i).isEqualTo(expected.get(i));
        }
    }
}
