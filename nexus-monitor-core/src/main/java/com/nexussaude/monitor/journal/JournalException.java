package com.nexussaude.monitor.journal;

import com.nexussaude.monitor.NexusMonitorException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A journal could not be opened, read or written. Unchecked; the message names the file and the
 * cause, and {@link #file()} carries the path for a host that reports it.
 *
 * <p>After an append fails, a {@link FileJournal} refuses further appends: close it and open it
 * again, and recovery reports what reached the disk.
 *
 * @since 0.1
 */
public class JournalException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * A failure of the journal file {@code file}.
     *
     * @param message what was being done; the path and the cause are appended
     * @param file    the journal file, or {@code null} for a store that is not a file
     * @param cause   the underlying error, or {@code null}
     */
    public JournalException(String message, Path file, Throwable cause) {
        super(message + (file == null ? "" : " (file " + file + ")") + (cause == null ? "" : ": " + cause), cause);
        this.file = file;
    }

    /**
     * A failure of a store that is not a file, for a host's own {@link AlertJournal}.
     *
     * @param message what failed
     * @param cause   the underlying error, or {@code null}
     */
    public JournalException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * The journal file, when the store is one.
     *
     * @return the journal file, when the store is one
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
