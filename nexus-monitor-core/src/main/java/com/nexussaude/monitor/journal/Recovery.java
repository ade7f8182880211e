package com.nexussaude.monitor.journal;

import java.util.List;

/**
 * What {@link AlertJournal#recover()} read back: every valid record in journal order, and every
 * problem found on the way.
 *
 * @param records  the valid records, in increasing {@code seq} order; the lifecycle replays them
 * @param problems the bad data found, in file order; empty when the journal was clean
 * @since 0.1
 */
public record Recovery(List<JournalRecord> records, List<JournalProblem> problems) {

    /** Copies both lists (unmodifiable; no {@code null} elements). */
    public Recovery {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    /** Whether the journal was read without any problem. */
    public boolean clean() {
        return problems.isEmpty();
    }

    /**
     * The seq of the last recovered record, or 0 when there is none; the next append must use a
     * greater one.
     */
    public long lastSeq() {
        return records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
    }
}
