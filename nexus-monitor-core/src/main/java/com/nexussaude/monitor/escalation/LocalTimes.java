package com.nexussaude.monitor.escalation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/** The one rule that turns a local hand-off time into an instant; every schedule uses it. */
final class LocalTimes {

    private LocalTimes() {
    }

    /**
     * The instant at which the wall clock of {@code zone} first reads {@code local} or later.
     *
     * <ul>
     *   <li>Normal times map one to one.</li>
     *   <li>A time in a spring-forward gap (00:00 in Sao Paulo on 2018-11-04, 01:30 in London on
     *       2026-03-29) never shows on the clock; the hand-off happens when the gap ends, at the
     *       transition instant. Every time inside one gap maps to that same instant, so hand-offs
     *       stay in order (the JDK's own rule, shifting by the gap's length, would put a 00:30
     *       hand-off after a 01:00 one).</li>
     *   <li>A time in a fall-back overlap shows twice; the hand-off happens at its first
     *       occurrence (the earlier offset), when the clock first reads it.</li>
     * </ul>
     * Because the mapping never goes backwards, consecutive hand-offs bound shifts with no gap and
     * no overlap, whatever the zone does.
     */
    static Instant toInstant(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // Not a gap: ZonedDateTime.of keeps the earlier offset in an overlap.
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
