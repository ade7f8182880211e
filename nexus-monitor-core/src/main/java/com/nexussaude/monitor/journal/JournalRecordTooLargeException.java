package com.nexussaude.monitor.journal;

/**
 * A record too large for the journal ({@link FileJournal#MAX_LINE_BYTES} as a line): {@code append}
 * rejects it, and retrying cannot help. The monitor counts it as lost, logs it at ERROR with its ids and
 * raises the {@code journal-failed} technical alert; it never drops it silently.
 *
 * @since 0.3
 */
public final class JournalRecordTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * With the message naming the record and its size.
     *
     * @param message names the record (type, ids) and its size against the limit
     */
    public JournalRecordTooLargeException(String message) {
        super(message);
    }
}
