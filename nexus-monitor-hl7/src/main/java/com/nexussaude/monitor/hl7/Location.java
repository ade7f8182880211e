package com.nexussaude.monitor.hl7;

/**
 * Where the patient is, from PV1-3 (assigned patient location, PL): point of care, room, bed.
 * Any part may be {@code null}.
 *
 * @param ward PV1-3.1 point of care (the ward or unit, e.g. {@code 3 WEST ICU})
 * @param room PV1-3.2
 * @param bed  PV1-3.3
 * @since 0.1
 */
public record Location(String ward, String room, String bed) {

    /** No PV1 or an empty PV1-3. */
    public static final Location UNKNOWN = new Location(null, null, null);
}
