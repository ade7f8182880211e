package com.nexussaude.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * Who acknowledged an alert, when and why.
 *
 * @param actor     the person (or system) that acknowledged
 * @param reason    their comment, possibly empty
 * @param at        when, on the monitor clock
 * @param expiresAt when the alert alerts again if it is still active, or {@code null} if the
 *                  acknowledgement does not time out ({@link MonitorConfig#ackTimeout()} zero)
 * @since 0.1
 */
public record Acknowledgement(String actor, String reason, Instant at, Instant expiresAt) {
    /**
     * Checks the components; a null reason becomes empty.
     *
     * @param actor the person (or system) that acknowledged
     * @param reason their comment, possibly empty
     * @param at when, on the monitor clock
     * @param expiresAt when the alert alerts again if it is still active, or {@code null} if the
     *     acknowledgement does not time out ({@link MonitorConfig#ackTimeout()} zero)
     */
    public Acknowledgement {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }
}
