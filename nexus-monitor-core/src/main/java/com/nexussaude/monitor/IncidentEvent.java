package com.nexussaude.monitor;

import java.time.Instant;
import java.util.Locale;

/**
 * A change of an incident, delivered to {@link IncidentListener}s in order with the alert events that
 * caused it.
 *
 * @param type      what happened
 * @param incident  the incident after the change
 * @param timestamp when, on the monitor clock
 * @since 0.1
 */
public record IncidentEvent(Type type, Incident incident, Instant timestamp) {

    /** What happened to an incident. */
    public enum Type {
        /** The patient's first active alert opened it. */
        OPENED,
        /** Its severity rose. */
        ESCALATED,
        /**
         * Its headline, severity (falling: its most severe alert resolved or stepped down) or active alerts
         * changed, e.g. a more specific alert now heads it.
         */
        UPDATED,
        /** Every active alert in it is acknowledged. */
        ACKNOWLEDGED,
        /** An acknowledged incident needs attention again (an acknowledgement expired, a new alert joined, or severity rose). */
        REOPENED,
        /** Its last active alert resolved. */
        RESOLVED;

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
