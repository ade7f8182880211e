package com.nexussaude.monitor;

import java.util.Objects;

/**
 * What {@link VitalMonitor#acknowledgeAndReport(String, String, String)} did.
 *
 * @param alert   the alert after the call
 * @param changed {@code true} if this call acknowledged it; {@code false} if it was already acknowledged
 *                (the call changed nothing, recorded nothing and announced nothing: {@link Alert#acknowledgement()}
 *                still names the first acknowledgement)
 * @since 0.3
 */
public record Acknowledged(Alert alert, boolean changed) {

    /**
     * Validates the components.
     *
     * @param alert the alert after the call
     * @param changed {@code true} if this call acknowledged it; {@code false} if it was already acknowledged
     *     (the call changed nothing, recorded nothing and announced nothing: {@link Alert#acknowledgement()}
     *     still names the first acknowledgement)
     */
    public Acknowledged {
        Objects.requireNonNull(alert, "alert");
    }
}
