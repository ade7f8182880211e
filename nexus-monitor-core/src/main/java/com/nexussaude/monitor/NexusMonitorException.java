package com.nexussaude.monitor;

/**
 * Base of the exceptions Nexus Monitor throws. Unchecked; subclasses carry structured data about
 * what failed so a host can report it without parsing the message.
 *
 * @since 0.1
 */
public class NexusMonitorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NexusMonitorException(String message) {
        super(message);
    }

    public NexusMonitorException(String message, Throwable cause) {
        super(message, cause);
    }
}
