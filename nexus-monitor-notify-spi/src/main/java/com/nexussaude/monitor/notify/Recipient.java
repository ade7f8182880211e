package com.nexussaude.monitor.notify;

import java.util.Objects;

/**
 * A person, role or team that is paged, and the one contact point this notification uses.
 *
 * <p>One {@link Notification} goes to one contact point. A recipient with a phone and a pager
 * gets one notification per contact point, each with its own idempotency key.
 *
 * @param id      a stable identifier of the recipient in the host system (a staff id, a role such
 *                as {@code "charge-nurse-ward-3"}); not blank
 * @param name    how templates greet the recipient; may be empty, never null
 * @param contact where to deliver
 * @since 0.1
 */
public record Recipient(String id, String name, ContactPoint contact) {

    /**
     * Checks the components.
     *
     * @param id a stable identifier of the recipient in the host system (a staff id, a role such as {@code
     *     "charge-nurse-ward-3"}); not blank
     * @param name how templates greet the recipient; may be empty, never null
     * @param contact where to deliver
     */
    public Recipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contact, "contact");
        if (id.isBlank()) {
            throw new IllegalArgumentException("recipient id must not be blank");
        }
    }

    /**
     * A recipient without a display name.
     *
     * @param id a stable identifier of the recipient in the host system (a staff id, a role such as {@code
     *     "charge-nurse-ward-3"}); not blank
     * @param contact where to deliver
     * @return a recipient without a display name
     */
    public static Recipient of(String id, ContactPoint contact) {
        return new Recipient(id, "", contact);
    }
}
