package com.nexussaude.monitor.notify.escalation;

import com.nexussaude.monitor.notify.Recipient;
import java.time.Instant;
import java.util.List;

/**
 * Turns an {@link EscalationTarget} into the recipients to page at a given instant: a person into
 * their contact points, a role into the post's phone or bleep, a schedule into whoever is on call.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Returns one {@link Recipient} per contact point (a person with a phone and a pager is two
 *       recipients with the same id). The escalator keeps those on the step's channels.</li>
 *   <li>An empty list means nobody can be paged for this target at {@code at} (nobody on call,
 *       an unknown id): the escalator reports a {@link CoverageGap} and, when no target of the
 *       level can be paged, moves on to the next level at once.</li>
 *   <li>Called on the escalator's thread while it decides what to page; it must be quick and must
 *       not block. It should not throw; if it does, the escalator reports a
 *       {@link CoverageGap.Reason#RESOLVER_FAILED} gap for the target and goes on, so that one
 *       broken lookup cannot stall every escalation.</li>
 * </ul>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RecipientResolver {

    /**
     * The recipients for {@code target} at {@code at}.
     *
     * @param target  whom the level names
     * @param subject the incident (for its ward and bed)
     * @param at      the instant of the page
     * @return the recipients, one per contact point; empty if nobody; never null
     */
    List<Recipient> resolve(EscalationTarget target, EscalationSubject subject, Instant at);

    /**
     * A resolver that finds nobody for any target: every level is a gap.
     *
     * @return a resolver that finds nobody for any target: every level is a gap
     */
    static RecipientResolver nobody() {
        return (target, subject, at) -> List.of();
    }
}
