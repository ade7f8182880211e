package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The query builder's checks and matches(); what stores return is in AlertJournalContractTest. */
class JournalQueryTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void noCriteriaMatchesEverything() {
        JournalRecord r = new JournalRecord(1, T0, "x", null, null, null, null, null, null);
        assertThat(JournalQuery.all().matches(r)).isTrue();
        assertThat(JournalQuery.all().limit()).isEqualTo(OptionalInt.empty());
        assertThat(JournalQuery.all()).isEqualTo(JournalQuery.builder().build()).hasToString("JournalQuery[]");
    }

    @Test
    void eachCriterionMayBeSetOnce() {
        assertThatThrownBy(() -> JournalQuery.builder().patientId("p1").patientId("p2"))
                .isInstanceOf(IllegalStateException.class).hasMessage("patientId was already set to p1");
        assertThatThrownBy(() -> JournalQuery.builder().types("a").types("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("types was already set to [a]");
        assertThatThrownBy(() -> JournalQuery.builder().limit(5).limit(6))
                .isInstanceOf(IllegalStateException.class).hasMessage("limit was already set to 5");
        assertThatThrownBy(() -> JournalQuery.builder().from(T0).from(T0))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("from was already set to");
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> JournalQuery.builder().limit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be greater than 0, but was 0");
        assertThatThrownBy(() -> JournalQuery.builder().types()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalQuery.builder().types("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JournalQuery.builder().alertId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("alertId");
    }

    @Test
    void fromAfterToIsRejectedNamingBoth() {
        Instant later = T0.plusSeconds(60);
        assertThatThrownBy(() -> JournalQuery.builder().from(later).to(T0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must not be after to, but from was 2026-11-25T08:01:00Z and to was 2026-11-25T08:00:00Z");
        // an empty range is allowed: it matches nothing
        JournalQuery empty = JournalQuery.builder().from(T0).to(T0).build();
        assertThat(empty.matches(new JournalRecord(1, T0, "x", null, null, null, null, null, null))).isFalse();
    }

    @Test
    void aRecordMatchesWhenItMatchesEveryCriterion() {
        JournalRecord r = new JournalRecord(1, T0, "alert.raised", "p1", "a1", "i1", null, null, null);
        JournalQuery q = JournalQuery.builder().patientId("p1").alertId("a1").incidentId("i1").from(T0)
                .to(T0.plusNanos(1)).types("alert.raised", "alert.resolved").limit(3).build();
        assertThat(q.matches(r)).isTrue();
        assertThat(q.limit()).isEqualTo(OptionalInt.of(3));
        assertThat(JournalQuery.builder().patientId("p2").build().matches(r)).isFalse();
        assertThat(JournalQuery.builder().incidentId("i1").types("alert.resolved").build().matches(r)).isFalse();
        assertThat(JournalQuery.builder().to(T0).build().matches(r)).isFalse();
        // a record without an incident does not match an incident criterion
        assertThat(JournalQuery.builder().incidentId("i1").build()
                .matches(new JournalRecord(1, T0, "x", "p1", null, null, null, null, null))).isFalse();
        assertThat(q.toString()).isEqualTo("JournalQuery[patientId=p1, alertId=a1, incidentId=i1, from=" + T0 + ", to="
                + T0.plusNanos(1) + ", types=" + q.types() + ", limit=3]");
    }
}
