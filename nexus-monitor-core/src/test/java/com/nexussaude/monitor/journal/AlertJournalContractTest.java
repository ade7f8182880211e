package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AlertJournal} shares, run against each implementation by a subclass.
 * A host that stores the journal in its own database can run these tests against its
 * implementation the same way: core's test-jar ({@code <type>test-jar</type>}) carries this class,
 * and {@code nexus-monitor-jdbc} runs it on PostgreSQL.
 */
public abstract class AlertJournalContractTest {
    protected static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    /** A new, empty journal, not yet recovered. */
    protected abstract AlertJournal newJournal();

    /** Closes {@code journal} and returns a journal over the same store, as a restarted monitor would. */
    protected abstract AlertJournal reopen(AlertJournal journal);

    protected AlertJournal journal;

    @BeforeEach
    void openJournal() {
        journal = newJournal();
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    protected static JournalRecord rec(long seq, Instant at, String type, String patient, String alert, String incident) {
        return new JournalRecord(seq, at, type, patient, alert, incident, "engine", "rule fired", Map.of("n", seq));
    }

    /** The ward of the query tests: two patients, three alerts, one incident, four types, 10 minutes. */
    protected List<JournalRecord> appendWard() {
        List<JournalRecord> ward = List.of(
                rec(1, T0, "alert.raised", "p1", "a1", null),
                rec(2, T0.plusSeconds(60), "delivery.attempt", "p1", "a1", null),
                rec(3, T0.plusSeconds(120), "alert.raised", "p2", "a2", null),
                rec(4, T0.plusSeconds(180), "incident.opened", "p1", null, "i1"),
                rec(5, T0.plusSeconds(240), "alert.acknowledged", "p1", "a1", "i1"),
                rec(6, T0.plusSeconds(300), "silence.created", null, null, null),
                rec(7, T0.plusSeconds(360), "alert.raised", "p1", "a3", "i1"),
                rec(8, T0.plusSeconds(420), "delivery.attempt", "p2", "a2", null),
                rec(9, T0.plusSeconds(480), "alert.resolved", "p2", "a2", null),
                rec(10, T0.plusSeconds(540), "alert.resolved", "p1", "a1", "i1"));
        ward.forEach(journal::append);
        return ward;
    }

    protected List<Long> seqs(JournalQuery.Builder q) {
        return journal.query(q.build()).stream().map(JournalRecord::seq).toList();
    }

    @Test
    void aNewJournalRecoversNothingAndIsClean() {
        Recovery r = journal.recover();
        assertThat(r.records()).isEmpty();
        assertThat(r.problems()).isEmpty();
        assertThat(journal.query(JournalQuery.all())).isEmpty();
    }

    @Test
    void everyFieldAndValueTypeSurvivesARestart() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("state", "ACKNOWLEDGED");
        nested.put("none", null);
        nested.put("empty", Map.of());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", "SpO2 82% \"low\" \\ tab\t newline\n cr\r nul\u0000 ação 心 🚑 \u2028");
        data.put("int", 42);
        data.put("long", Long.MAX_VALUE);
        data.put("min", Long.MIN_VALUE);
        data.put("negative", -7);
        data.put("zero", 0);
        data.put("double", 0.1);
        data.put("tiny", 4.9e-324);
        data.put("huge", Double.MAX_VALUE);
        data.put("minusZero", -0.0);
        data.put("whole", 98.0);
        data.put("yes", true);
        data.put("no", false);
        data.put("null", null);
        data.put("list", List.of(1, "two", 3.5, false, List.of(), List.of(List.of("deep"))));
        data.put("emptyList", List.of());
        data.put("map", nested);
        data.put("", "empty key");
        List<JournalRecord> written = List.of(
                new JournalRecord(1, T0, "alert.raised", "bed-12", "a-1", "inc-9", "engine", "SpO2 < 85 for 15 s", data),
                new JournalRecord(2, Instant.parse("1969-12-31T23:59:59.999999999Z"), "alert.acknowledged", null, null,
                        null, null, null, null),
                new JournalRecord(3, T0.plusNanos(123_456_789), "delivery.attempt", "", "", "", "", "", Map.of()),
                new JournalRecord(Long.MAX_VALUE, Instant.parse("+10000-01-01T00:00:00Z"), "x", "p", null, null, null,
                        "far future", Map.of("k", "v")));
        journal.recover();
        written.forEach(journal::append);
        assertThat(journal.query(JournalQuery.all())).isEqualTo(written);

        journal = reopen(journal);
        Recovery recovery = journal.recover();
        assertThat(recovery.problems()).isEmpty();
        assertThat(recovery.records()).isEqualTo(written);
        assertThat(journal.query(JournalQuery.all())).isEqualTo(written);
        Map<String, Object> back = recovery.records().get(0).data();
        assertThat(back.keySet()).containsExactlyElementsOf(data.keySet());
        assertThat(back.get("int")).isInstanceOf(Long.class);
        assertThat(back.get("whole")).isInstanceOf(Double.class);
        assertThat((Double) back.get("minusZero")).isEqualTo(-0.0);
        assertThat(recovery.records().get(2).patientId()).isEmpty();
    }

    @Test
    void appendAndQueryBeforeRecoverAreRefused() {
        assertThatThrownBy(() -> journal.append(rec(1, T0, "x", null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recover()");
        assertThatThrownBy(() -> journal.query(JournalQuery.all()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recover()");
    }

    @Test
    void recoverIsCalledOnce() {
        journal.recover();
        assertThatThrownBy(journal::recover).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already called");
    }

    @Test
    void anAppendWhoseSeqDoesNotIncreaseIsRefusedAndTheJournalStaysUsable() {
        journal.recover();
        journal.append(rec(5, T0, "alert.raised", "p1", "a1", null));
        assertThatThrownBy(() -> journal.append(rec(5, T0, "alert.updated", "p1", "a1", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seq must be greater than the last seq 5, but was 5 (alert.updated)");
        assertThatThrownBy(() -> journal.append(rec(4, T0, "alert.updated", "p1", "a1", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was 4");
        journal.append(rec(6, T0, "alert.resolved", "p1", "a1", null));
        assertThat(journal.query(JournalQuery.all())).extracting(JournalRecord::seq).containsExactly(5L, 6L);

        journal = reopen(journal);
        assertThat(journal.recover().records()).extracting(JournalRecord::seq).containsExactly(5L, 6L);
    }

    @Test
    void queryByEachCriterion() {
        journal.recover();
        appendWard();
        assertThat(seqs(JournalQuery.builder().patientId("p1"))).containsExactly(1L, 2L, 4L, 5L, 7L, 10L);
        assertThat(seqs(JournalQuery.builder().patientId("p2"))).containsExactly(3L, 8L, 9L);
        assertThat(seqs(JournalQuery.builder().alertId("a1"))).containsExactly(1L, 2L, 5L, 10L);
        assertThat(seqs(JournalQuery.builder().incidentId("i1"))).containsExactly(4L, 5L, 7L, 10L);
        assertThat(seqs(JournalQuery.builder().types("alert.raised"))).containsExactly(1L, 3L, 7L);
        assertThat(seqs(JournalQuery.builder().types("delivery.attempt", "silence.created")))
                .containsExactly(2L, 6L, 8L);
        assertThat(seqs(JournalQuery.builder().from(T0.plusSeconds(420)))).containsExactly(8L, 9L, 10L);
        assertThat(seqs(JournalQuery.builder().to(T0.plusSeconds(120)))).containsExactly(1L, 2L);
        assertThat(seqs(JournalQuery.builder())).hasSize(10).isSorted();
    }

    @Test
    void unknownValuesMatchNothing() {
        journal.recover();
        appendWard();
        assertThat(seqs(JournalQuery.builder().patientId("p9"))).isEmpty();
        assertThat(seqs(JournalQuery.builder().alertId("a9"))).isEmpty();
        assertThat(seqs(JournalQuery.builder().incidentId("i9"))).isEmpty();
        assertThat(seqs(JournalQuery.builder().types("alert.unknown"))).isEmpty();
        assertThat(seqs(JournalQuery.builder().types("alert.unknown", "alert.resolved"))).containsExactly(9L, 10L);
        assertThat(seqs(JournalQuery.builder().from(T0.plusSeconds(541)))).isEmpty();
    }

    @Test
    void combinedCriteriaMustAllMatch() {
        journal.recover();
        appendWard();
        assertThat(seqs(JournalQuery.builder().patientId("p1").types("alert.raised"))).containsExactly(1L, 7L);
        assertThat(seqs(JournalQuery.builder().alertId("a1").incidentId("i1"))).containsExactly(5L, 10L);
        assertThat(seqs(JournalQuery.builder().patientId("p2").alertId("a1"))).isEmpty();
        assertThat(seqs(JournalQuery.builder().patientId("p1").from(T0.plusSeconds(60)).to(T0.plusSeconds(300))
                .types("delivery.attempt", "alert.acknowledged", "incident.opened"))).containsExactly(2L, 4L, 5L);
        assertThat(seqs(JournalQuery.builder().patientId("p1").alertId("a1").incidentId("i1")
                .from(T0.plusSeconds(241)).types("alert.resolved"))).containsExactly(10L);
    }

    @Test
    void fromIsInclusiveAndToIsExclusiveToTheNanosecond() {
        journal.recover();
        Instant t = T0.plusSeconds(60);
        journal.append(rec(1, t.minusNanos(1), "x", null, null, null));
        journal.append(rec(2, t, "x", null, null, null));
        journal.append(rec(3, t.plusNanos(1), "x", null, null, null));
        journal.append(rec(4, t.plusSeconds(1), "x", null, null, null));
        assertThat(seqs(JournalQuery.builder().from(t))).containsExactly(2L, 3L, 4L);
        assertThat(seqs(JournalQuery.builder().to(t))).containsExactly(1L);
        assertThat(seqs(JournalQuery.builder().from(t).to(t.plusNanos(1)))).containsExactly(2L);
        assertThat(seqs(JournalQuery.builder().from(t).to(t))).isEmpty();
        assertThat(seqs(JournalQuery.builder().from(t.minusNanos(1)).to(t.plusSeconds(1)))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void recordsNeedNotBeInTimeOrder() {
        journal.recover();
        journal.append(rec(1, T0.plusSeconds(10), "x", "p1", null, null));
        journal.append(rec(2, T0, "x", "p1", null, null)); // a late delivery result, stamped earlier
        journal.append(rec(3, T0.plusSeconds(20), "x", "p1", null, null));
        assertThat(seqs(JournalQuery.builder().patientId("p1").to(T0.plusSeconds(10)))).containsExactly(2L);
        assertThat(seqs(JournalQuery.builder().from(T0.plusSeconds(10)))).containsExactly(1L, 3L);
    }

    @Test
    void limitReturnsTheFirstMatchesInJournalOrder() {
        journal.recover();
        appendWard();
        assertThat(seqs(JournalQuery.builder().limit(3))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(JournalQuery.builder().patientId("p1").limit(2))).containsExactly(1L, 2L);
        assertThat(seqs(JournalQuery.builder().patientId("p2").from(T0.plusSeconds(200)).limit(1))).containsExactly(8L);
        assertThat(seqs(JournalQuery.builder().alertId("a2").limit(99))).containsExactly(3L, 8L, 9L);
        assertThat(seqs(JournalQuery.builder().types("alert.resolved").limit(1))).containsExactly(9L);
    }

    @Test
    void resultsAreUnmodifiableAndEqualTheAppendedRecords() {
        journal.recover();
        List<JournalRecord> ward = appendWard();
        List<JournalRecord> all = journal.query(JournalQuery.all());
        assertThat(all).isEqualTo(ward);
        assertThatThrownBy(() -> all.add(ward.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void queriesRunWhileAnotherThreadAppends() throws Exception {
        journal.recover();
        int n = 300;
        int step = 50;
        // The writer stops at every checkpoint (a multiple of step) until the reader has looked; in
        // between, the reader queries while the writer appends.
        CyclicBarrier checkpoint = new CyclicBarrier(2);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int s = 1; s <= n; s++) {
                    journal.append(concurrent(s));
                    if (s % step == 0) {
                        checkpoint.await(60, TimeUnit.SECONDS); // s records are in
                        checkpoint.await(60, TimeUnit.SECONDS); // the reader has seen them
                    }
                }
                return null;
            });
            int seen = 0;
            for (int c = step; c <= n; c += step) {
                // Concurrent with the appends of seqs seen+1..c: a complete, gap-free prefix, never
                // shorter than what was seen before and never past the writer's next checkpoint.
                assertConsistentPrefix(journal.query(JournalQuery.all()), seen, c);
                List<JournalRecord> p1 = journal.query(JournalQuery.builder().patientId("p1").build());
                assertThat(p1).allSatisfy(r -> assertThat(r).isEqualTo(concurrent(r.seq())));
                assertThat(p1.size()).isBetween(seen / 3, c / 3 + 1);

                checkpoint.await(60, TimeUnit.SECONDS);
                assertConsistentPrefix(journal.query(JournalQuery.all()), c, c);
                seen = c;
                checkpoint.await(60, TimeUnit.SECONDS);
            }
            writing.get(60, TimeUnit.SECONDS);
            assertConsistentPrefix(journal.query(JournalQuery.all()), n, n);
        } finally {
            writer.shutdownNow();
        }
    }

    private static JournalRecord concurrent(long seq) {
        return new JournalRecord(seq, T0.plusSeconds(seq), "delivery.attempt", "p" + (seq % 3), "a" + seq, null,
                "channel:sms", "retry " + seq, Map.of("attempt", seq, "payload", "x".repeat((int) (seq % 50))));
    }

    private static void assertConsistentPrefix(List<JournalRecord> records, int atLeast, int atMost) {
        assertThat(records.size()).isBetween(atLeast, atMost);
        List<JournalRecord> expected = new ArrayList<>();
        for (long s = 1; s <= records.size(); s++) {
            expected.add(concurrent(s));
        }
        assertThat(records).isEqualTo(expected);
    }

    @Test
    void closeIsIdempotentAndEverythingElseIsRefusedAfterIt() {
        journal.recover();
        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.append(rec(1, T0, "x", null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> journal.query(JournalQuery.all()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(journal::recover).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closeBeforeRecoverIsAllowed() {
        journal.close();
        journal = reopen(journal);
        assertThat(journal.recover().records()).isEmpty();
    }

    @Test
    void reopeningAfterCloseAppendsAfterTheExistingRecords() {
        journal.recover();
        journal.append(rec(1, T0, "alert.raised", "p1", "a1", null));
        journal.append(rec(2, T0.plusSeconds(1), "delivery.attempt", "p1", "a1", null));

        journal = reopen(journal);
        Recovery first = journal.recover();
        assertThat(first.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L);
        assertThat(first.lastSeq()).isEqualTo(2);
        assertThatThrownBy(() -> journal.append(rec(2, T0, "x", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last seq 2");
        journal.append(rec(3, T0.plusSeconds(2), "alert.acknowledged", "p1", "a1", null));
        assertThat(seqs(JournalQuery.builder().alertId("a1"))).containsExactly(1L, 2L, 3L);

        journal = reopen(journal);
        Recovery second = journal.recover();
        assertThat(second.problems()).isEmpty();
        assertThat(second.records()).extracting(JournalRecord::type)
                .containsExactly("alert.raised", "delivery.attempt", "alert.acknowledged");
        journal.append(rec(4, T0.plusSeconds(3), "alert.resolved", "p1", "a1", null));
        assertThat(seqs(JournalQuery.builder().patientId("p1").from(T0.plusSeconds(2)))).containsExactly(3L, 4L);
    }
}
