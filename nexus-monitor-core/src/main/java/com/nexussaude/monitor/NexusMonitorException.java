package com.nexussaude.monitor;

/**
 * Base of the exceptions Nexus Monitor throws. Unchecked; subclasses carry structured data about
 * what failed so a host can report it without parsing the message.
 *
 * @since 0.1
 */
public class NexusMonitorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message what failed, naming the subject and the value
     */
    public NexusMonitorException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the exception that caused it.
     *
     * @param message what failed, naming the subject and the value
     * @param cause   the underlying exception; may be null
     */
    public NexusMonitorException(String message, Throwable cause) {
        super(message, cause);
    }
}
