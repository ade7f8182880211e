package com.nexussaude.monitor.journal;

import java.util.List;

/**
 * What {@link AlertJournal#recover()} read back: every valid record in journal order, and every
 * problem found on the way.
 *
 * @param records  the valid records, in increasing {@code seq} order; the lifecycle replays them
 * @param problems the bad data found, in file order; empty when the journal was clean
 * @param seqFloor the highest seq the store ever held, also in records that recovery set aside as
 *                 damaged (0 if none); appends continue above it, so a seq is never given twice
 *                 (since 0.3)
 * @since 0.1
 */
public record Recovery(List<JournalRecord> records, List<JournalProblem> problems, long seqFloor) {

    /**
     * Copies both lists (unmodifiable; no {@code null} elements).
     *
     * @param records the valid records, in increasing {@code seq} order; the lifecycle replays them
     * @param problems the bad data found, in file order; empty when the journal was clean
     * @param seqFloor the highest seq the store ever held, also in records that recovery set aside as damaged
     *     (0 if none); appends continue above it, so a seq is never given twice (since 0.3)
     */
    public Recovery {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
        if (seqFloor < 0) {
            throw new IllegalArgumentException("seqFloor must not be negative, but was " + seqFloor);
        }
    }

    /**
     * Without records set aside: the floor is the last record's seq.
     *
     * @param records the valid records, in increasing {@code seq} order; the lifecycle replays them
     * @param problems the bad data found, in file order; empty when the journal was clean
     */
    public Recovery(List<JournalRecord> records, List<JournalProblem> problems) {
        this(records, problems, 0);
    }

    /**
     * Whether the journal was read without any problem.
     *
     * @return whether the journal was read without any problem
     */
    public boolean clean() {
        return problems.isEmpty();
    }

    /**
     * The seq the next append must be greater than: the last recovered record's, or the highest seq of
     * a record set aside as damaged if that is greater ({@link #seqFloor()}); 0 when there is none.
     *
     * @return the seq the next append must be greater than: the last recovered record's, or the highest seq
     *     of a record set aside as damaged if that is greater ({@link #seqFloor()}); 0 when there is none
     */
    public long lastSeq() {
        return Math.max(seqFloor, records.isEmpty() ? 0 : records.get(records.size() - 1).seq());
    }
}
