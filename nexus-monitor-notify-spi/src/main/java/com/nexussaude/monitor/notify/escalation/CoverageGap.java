package com.nexussaude.monitor.notify.escalation;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A target that could not be paged when its level came: nobody on call on a schedule, nobody
 * holding a role, nobody with a contact point on the level's channels, or a resolver that failed. The host should raise a
 * technical alert: the escalation went on without these people.
 *
 * @param incidentId the escalated incident
 * @param level      the level that named the target
 * @param repeat     the pass of the chain
 * @param target     the target (for a schedule, the schedule)
 * @param at         the instant the level was paged
 * @param reason     why nobody was paged
 * @since 0.1
 */
public record CoverageGap(String incidentId, int level, int repeat, EscalationTarget target, Instant at,
                          Reason reason) {

    /**
     * Checks every component.
     *
     * @param incidentId the escalated incident
     * @param level the level that named the target
     * @param repeat the pass of the chain
     * @param target the target (for a schedule, the schedule)
     * @param at the instant the level was paged
     * @param reason why nobody was paged
     */
    public CoverageGap {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        if (level < 1 || repeat < 0) {
            throw new IllegalArgumentException("level must be >= 1 and repeat >= 0, but were " + level + ", " + repeat);
        }
    }

    /** Why a target could not be paged. */
    public enum Reason {
        /** The resolver found nobody: nobody on call, an empty role, an unknown id. */
        NOBODY,
        /** Somebody was found, but with no contact point on the level's channels. */
        NO_CONTACT_ON_CHANNELS,
        /** The resolver threw; the escalator went on as if it had found nobody. */
        RESOLVER_FAILED;

        /**
         * The lower-case wire name.
         *
         * @return the lower-case wire name
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
