package com.nexussaude.monitor.notify.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides how an incident escalates: for each level and repeat, whom to page, on which channels,
 * and how long to wait for an acknowledgement before going on.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>An escalator asks for {@code step(subject, 1, 0)} first, then follows each step as
 *       {@link EscalationStep} describes, until a step has no {@code waitBeforeNext}. The returned
 *       step has the level and repeat that were asked for.</li>
 *   <li>{@link #step} is a pure function of its arguments: the same subject, level and repeat
 *       give the same step, now and later. Escalators rely on this to take a snapshot of the
 *       policy when an incident starts (every step, for every severity), so that a policy changed
 *       later applies only to new incidents.</li>
 *   <li>Every chain ends: some step must have no {@code waitBeforeNext}. Escalators may refuse a
 *       policy whose chain for a severity is longer than they can hold.</li>
 *   <li>The policy names targets; it does not resolve them. A {@link RecipientResolver} does that
 *       at the moment a level is paged.</li>
 * </ul>
 *
 * <p>Policies are registered explicitly with the engine; nothing is discovered from the class
 * path.
 *
 * @since 0.1
 */
public interface EscalationPolicy {

    /**
     * A label for the policy, kept with every snapshot for audit; not blank. The default is the
     * class's simple name, or its full name for an anonymous class.
     *
     * @return a label for the policy, kept with every snapshot for audit
     */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /**
     * The step at {@code level} of pass {@code repeat} of the chain, for {@code subject}.
     *
     * @param subject the incident, at the severity the step is wanted for
     * @param level   from 1
     * @param repeat  from 0
     * @return the step; never null
     * @throws IllegalArgumentException if the policy has no such level or repeat
     */
    EscalationStep step(EscalationSubject subject, int level, int repeat);

    /**
     * How long an acknowledgement holds: an acknowledged incident that is not resolved within this
     * time escalates again. Empty means an acknowledgement holds until the incident resolves. The
     * default is empty.
     *
     * @param subject the incident, at the severity the step is wanted for
     * @return how long an acknowledgement holds: an acknowledged incident that is not resolved within this
     *     time escalates again
     */
    default Optional<Duration> acknowledgementTimeout(EscalationSubject subject) {
        return Optional.empty();
    }

    /**
     * How often an incident whose chain has run out, unacknowledged, is paged again at the chain's
     * last step: a reminder, so that an exhausted escalation of a serious incident never goes
     * quiet. Empty means no reminders (the escalation then pages again only for a new or more
     * severe condition). The default is empty.
     *
     * @param subject the incident, at the severity the step is wanted for
     * @return how often an incident whose chain has run out, unacknowledged, is paged again at the chain's
     *     last step: a reminder, so that an exhausted escalation of a serious incident never goes quiet
     * @since 0.2
     */
    default Optional<Duration> reminderInterval(EscalationSubject subject) {
        return Optional.empty();
    }

    /**
     * Whether an alert pages people at all. An alert the policy does not page is still raised, shown
     * (alert list, dashboard, central station) and journalled, but it is never sent to anybody: it
     * does not open, restart or join an escalation, and it is not a new condition. Hosts that page
     * through a policy ask this of every alert that needs a person, with the alert itself as the
     * subject (its rule, severity and category). The default pages every alert.
     *
     * @param alert the alert, as an escalation subject of its own
     * @return {@code true} if the alert is to be paged; {@code false} if it is only shown and journalled
     * @since 0.2
     */
    default boolean pages(EscalationSubject alert) {
        return true;
    }

    /**
     * A policy that pages nobody: one level with no targets and nothing after it. A null object
     * for hosts that do not escalate.
     *
     * @return a policy that pages nobody: one level with no targets and nothing after it
     */
    static EscalationPolicy none() {
        return new EscalationPolicy() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public EscalationStep step(EscalationSubject subject, int level, int repeat) {
                if (level != 1 || repeat != 0) {
                    throw new IllegalArgumentException("the 'none' policy has only level 1 of repeat 0, but level "
                            + level + " of repeat " + repeat + " was asked for");
                }
                return new EscalationStep(1, 0, "", List.of(), List.of(), Optional.empty(), true);
            }
        };
    }
}
