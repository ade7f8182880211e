package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.NexusMonitorException;

/**
 * The vitals history could not be opened, queried or kept: the message names the database (never
 * the password) and the cause.
 *
 * @since 0.1
 */
public class VitalsHistoryException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with its cause.
     *
     * @param message what failed, naming the database (never the password)
     * @param cause the underlying failure, or {@code null}; its text is appended to the message
     */
    public VitalsHistoryException(String message, Throwable cause) {
        super(message + (cause == null ? "" : ": " + cause), cause);
    }
}
