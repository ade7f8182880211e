package com.nexussaude.monitor;

import java.util.Objects;

/**
 * Why an active alert is not notified: a {@link Silence} or an {@link InhibitionRule}. A suppressed
 * alert is still raised, updated, recorded and resolved; only notification holds back.
 *
 * @param kind          silence or inhibition
 * @param id            the silence id, or the inhibition rule's name
 * @param sourceAlertId for an inhibition, the alert that inhibits this one; else {@code null}
 * @param reason        a sentence for people, e.g. {@code "silenced by silence-000002 (nurse.ana: in transport)"}
 * @since 0.1
 */
public record Suppression(Kind kind, String id, String sourceAlertId, String reason) {
    /** The two ways an alert is suppressed. */
    public enum Kind {
        /** A {@link Silence} a person created matches the alert. */
        SILENCE,
        /** An {@link InhibitionRule}: another active alert of the same patient makes this one redundant. */
        INHIBITION
    }

    /**
     * Checks that no component is null.
     *
     * @param kind silence or inhibition
     * @param id the silence id, or the inhibition rule's name
     * @param sourceAlertId for an inhibition, the alert that inhibits this one; else {@code null}
     * @param reason a sentence for people, e.g.
     *     {@code "silenced by silence-000002 (nurse.ana: in transport)"}
     */
    public Suppression {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }
}
