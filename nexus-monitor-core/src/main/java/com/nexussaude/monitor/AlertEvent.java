package com.nexussaude.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * One transition of one alert, as delivered to {@link AlertListener}s after it was recorded.
 *
 * @param type      what happened
 * @param alert     the alert after the transition
 * @param timestamp when it happened, on the monitor clock
 * @param actor     who made it happen: a person for acknowledgements and manual resolutions, else
 *                  {@code "monitor"}
 * @param reason    why, in words (e.g. the acknowledgement's comment, {@code "cleared"}), or empty
 * @since 0.1
 */
public record AlertEvent(AlertEventType type, Alert alert, Instant timestamp, String actor, String reason) {
    /** The actor of transitions the monitor makes by itself. */
    public static final String MONITOR = "monitor";

    /**
     * Checks the components; a null actor becomes the monitor, a null reason empty.
     *
     * @param type what happened
     * @param alert the alert after the transition
     * @param timestamp when it happened, on the monitor clock
     * @param actor who made it happen: a person for acknowledgements and manual resolutions, else
     *     {@code "monitor"}
     * @param reason why, in words (e.g. the acknowledgement's comment, {@code "cleared"}), or empty
     */
    public AlertEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(timestamp, "timestamp");
        actor = actor == null ? MONITOR : actor;
        reason = reason == null ? "" : reason;
    }

    /**
     * A transition the monitor made by itself, with no particular reason.
     *
     * @param type what happened
     * @param alert the alert after the transition
     * @param timestamp when it happened, on the monitor clock
     */
    public AlertEvent(AlertEventType type, Alert alert, Instant timestamp) {
        this(type, alert, timestamp, MONITOR, "");
    }
}
