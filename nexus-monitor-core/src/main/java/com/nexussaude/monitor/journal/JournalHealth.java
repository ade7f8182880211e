package com.nexussaude.monitor.journal;

/**
 * What a journal reports about the records it has accepted ({@link AlertJournal#journalHealth()}):
 * all stored as durably as it documents, or some still waiting to be stored (for example in a buffer
 * while its database is unreachable), with the reason.
 *
 * @param pending records accepted by {@link AlertJournal#append} that are not yet stored as durably as
 *                the journal documents; 0 when healthy
 * @param problem why they wait (for a log line and the technical alert; never credentials), or
 *                {@code null} when the journal is healthy
 * @since 0.3
 */
public record JournalHealth(int pending, String problem) {
    /** Every accepted record is stored. */
    public static final JournalHealth HEALTHY = new JournalHealth(0, null);

    /**
     * Validates the components.
     *
     * @param pending records accepted by {@link AlertJournal#append} that are not yet stored as durably as
     *     the journal documents; 0 when healthy
     * @param problem why they wait (for a log line and the technical alert; never credentials), or
     *     {@code null} when the journal is healthy
     */
    public JournalHealth {
        if (pending < 0) {
            throw new IllegalArgumentException("pending must not be negative, but was " + pending);
        }
        if (problem == null && pending != 0) {
            throw new IllegalArgumentException("a healthy journal has no pending records, but " + pending
                    + " were given without a problem");
        }
    }

    /**
     * A journal whose accepted records wait to be stored.
     *
     * @param pending how many wait
     * @param problem why, not null
     * @return a journal whose accepted records wait to be stored
     */
    public static JournalHealth degraded(int pending, String problem) {
        if (problem == null) {
            throw new NullPointerException("problem");
        }
        return new JournalHealth(pending, problem);
    }

    /**
     * Whether every accepted record is stored ({@link #problem()} is null).
     *
     * @return whether every accepted record is stored ({@link #problem()} is null)
     */
    public boolean healthy() {
        return problem == null;
    }
}
