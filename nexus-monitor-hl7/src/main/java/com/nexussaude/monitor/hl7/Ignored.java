package com.nexussaude.monitor.hl7;

/**
 * An OBX segment that was read but deliberately not used, with why: a code that is not one of the
 * vital signs this module reads, a cancelled or deleted result, a value flagged invalid or
 * questionable, an empty value.
 *
 * @param where  the segment, e.g. {@code OBX[3]}
 * @param code   OBX-3 as sent; for a value superseded by another of the same parameter, the code it
 *               was recognised by (e.g. {@code MDC 149522})
 * @param value  OBX-5 as sent (may be empty)
 * @param reason why it was not used
 * @since 0.1
 */
public record Ignored(String where, String code, String value, String reason) {

    @Override
    public String toString() {
        return where + " " + code + (value.isEmpty() ? "" : " = " + value) + ": ignored, " + reason;
    }
}
