package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JournalRecord, JournalProblem and Recovery: validation and the normalised copy of data. */
class JournalRecordTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    static JournalRecord withData(Map<String, Object> data) {
        return new JournalRecord(1, T0, "alert.raised", "p1", "a1", null, "engine", null, data);
    }

    @Test
    void requiredComponentsAreChecked() {
        assertThatThrownBy(() -> new JournalRecord(0, T0, "t", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("seq must be greater than 0, but was 0");
        assertThatThrownBy(() -> new JournalRecord(1, null, "t", null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("at");
        assertThatThrownBy(() -> new JournalRecord(1, T0, null, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> new JournalRecord(1, T0, " ", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type must not be blank");
    }

    @Test
    void nullDataIsEmpty() {
        assertThat(withData(null).data()).isEmpty();
    }

    @Test
    void numbersAreNormalisedToLongAndDouble() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("byte", (byte) 1);
        data.put("short", (short) 2);
        data.put("int", 3);
        data.put("long", 4L);
        data.put("float", 0.5f);
        data.put("double", 0.25);
        data.put("nested", List.of(Map.of("n", 7)));
        JournalRecord r = withData(data);
        assertThat(r.data()).containsEntry("byte", 1L).containsEntry("short", 2L).containsEntry("int", 3L)
                .containsEntry("long", 4L).containsEntry("float", 0.5).containsEntry("double", 0.25)
                .containsEntry("nested", List.of(Map.of("n", 7L)));
        // so a record built with Integer equals the same record read back with Long
        assertThat(withData(Map.of("x", 3))).isEqualTo(withData(Map.of("x", 3L)));
    }

    @Test
    void dataIsADeepUnmodifiableCopyThatKeepsOrderAndNulls() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> inner = new HashMap<>(Map.of("k", "v"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("z", list);
        data.put("a", inner);
        data.put("nothing", null);
        JournalRecord r = withData(data);
        list.add("b");
        inner.put("k2", "v2");
        data.put("late", 1);
        assertThat(r.data()).containsOnlyKeys("z", "a", "nothing").containsEntry("nothing", null);
        assertThat(r.data().keySet()).containsExactly("z", "a", "nothing");
        assertThat(r.data().get("z")).isEqualTo(List.of("a"));
        assertThat(r.data().get("a")).isEqualTo(Map.of("k", "v"));
        assertThatThrownBy(() -> r.data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> copied = (List<Object>) r.data().get("z");
        assertThatThrownBy(() -> copied.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void valuesJsonCannotCarryExactlyAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> withData(Map.of("dose", new BigDecimal("0.1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data.dose is a java.math.BigDecimal")
                .hasMessageContaining("as a String");
        assertThatThrownBy(() -> withData(Map.of("n", BigInteger.TEN))).hasMessageContaining("data.n is a java.math.BigInteger");
        assertThatThrownBy(() -> withData(Map.of("v", List.of(1, Double.NaN))))
                .hasMessage("data.v[1] must be a finite number (JSON has no NaN or infinity), but was NaN");
        assertThatThrownBy(() -> withData(Map.of("v", Float.POSITIVE_INFINITY))).hasMessageContaining("finite");
        assertThatThrownBy(() -> withData(Map.of("when", T0))).hasMessageContaining("data.when is a java.time.Instant");
        assertThatThrownBy(() -> withData(Map.of("set", Set.of("a")))).hasMessageContaining("data.set is a ");
        assertThatThrownBy(() -> withData(Map.of("m", Map.of(1, "one"))))
                .hasMessageContaining("data.m has a key that is not a String: a java.lang.Integer (1)");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> withData(Map.of("m", nullKey))).hasMessageContaining("key that is not a String: null");
    }

    @Test
    void problemPrintsLikeACompilerMessage() {
        JournalProblem p = new JournalProblem("/var/j/alerts.journal", 12, 3456, "checksum mismatch");
        assertThat(p).hasToString("/var/j/alerts.journal:12 (byte offset 3456): checksum mismatch");
        assertThatThrownBy(() -> new JournalProblem("f", 0, 0, "m")).hasMessage("line must be at least 1, but was 0");
        assertThatThrownBy(() -> new JournalProblem("f", 1, -1, "m")).hasMessage("offset must not be negative, but was -1");
    }

    @Test
    void recoveryCopiesItsListsAndKnowsTheLastSeq() {
        List<JournalRecord> records = new ArrayList<>(List.of(withData(null)));
        Recovery r = new Recovery(records, List.of());
        records.clear();
        assertThat(r.records()).hasSize(1);
        assertThat(r.clean()).isTrue();
        assertThat(r.lastSeq()).isEqualTo(1);
        assertThat(new Recovery(List.of(), List.of()).lastSeq()).isZero();
        assertThat(new Recovery(List.of(), List.of(new JournalProblem("f", 1, 0, "m"))).clean()).isFalse();
    }
}
