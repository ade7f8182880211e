package com.nexussaude.monitor.fhir;

/**
 * A resource or component read but deliberately not used, with why: a code that is not one of the
 * vital signs this module reads, a status such as {@code cancelled} or {@code entered-in-error}, a
 * {@code dataAbsentReason}, a resource that is not an Observation.
 *
 * @param where  a FHIRPath-like location, e.g. {@code Observation.component[1]}
 * @param code   the codes as sent ({@code system|code}, comma-separated), or the resource type
 * @param reason why it was not used
 * @since 0.1
 */
public record Ignored(String where, String code, String reason) {

    @Override
    public String toString() {
        return where + " " + code + ": ignored, " + reason;
    }
}
