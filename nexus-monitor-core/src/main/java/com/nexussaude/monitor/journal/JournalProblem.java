package com.nexussaude.monitor.journal;

import java.util.Objects;

/**
 * Bad data found while recovering a journal: where it is and what is wrong with it — a truncated
 * last line, a checksum mismatch, invalid JSON, a missing field, a seq that does not increase — and
 * what recovery did about it (cut it off, moved it to a side file).
 *
 * @param source  the journal file (or, for a host store, whatever names the table or stream)
 * @param line    1-based line number of the bad record
 * @param offset  byte offset of the start of that line, {@code >= 0}
 * @param message what is wrong and what recovery did
 * @since 0.1
 */
public record JournalProblem(String source, long line, long offset, String message) {

    /**
     * Validates every component.
     *
     * @param source the journal file (or, for a host store, whatever names the table or stream)
     * @param line 1-based line number of the bad record
     * @param offset byte offset of the start of that line, {@code >= 0}
     * @param message what is wrong and what recovery did
     */
    public JournalProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, but was " + line);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, but was " + offset);
        }
    }

    /** {@code "source:line (byte offset N): message"}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return source + ":" + line + " (byte offset " + offset + "): " + message;
    }
}
