package com.nexussaude.monitor.hl7;

/**
 * The MSA-1 acknowledgement code a message earns.
 *
 * @since 0.1
 */
public enum AckCode {
    /** Accepted: every OBX was used or deliberately ignored. */
    AA,
    /** Application error: the message was read, but at least one segment or field was wrong; the valid rest was used. */
    AE,
    /** Rejected: the message could not be read at all (no MSH, unsupported version or type, unparseable). */
    AR
}
