package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.CoverageGap;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import com.nexussaude.monitor.notify.escalation.RecipientResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation state machine: one escalation per incident, driven entirely by the instants its
 * caller passes in. It reads no clock, starts no thread and sends nothing; it says which
 * {@link Notification}s are due and when it next needs to be {@link #advance advanced}, so the
 * same calls always give the same pages.
 *
 * <pre>{@code
 * Escalator escalator = new Escalator(roster);
 * EscalationOutcome first = escalator.start(subject, EscalationChain.defaults(), now); // level 1
 * // ... the host's timer fires at escalator.nextDue():
 * EscalationOutcome due = escalator.advance(now);   // send due.notifications(), report due.gaps()
 * escalator.acknowledge(incidentId, now);           // nothing more is paged
 * escalator.resolve(incidentId, now);               // the escalation is forgotten
 * }</pre>
 *
 * <h2>Timing</h2>
 * <ul>
 *   <li>{@link #start} pages level 1 at once. Each level then waits its step's
 *       {@code waitBeforeNext}, counted from when it was actually paged, for an acknowledgement;
 *       {@link #advance} pages the next level when that has passed. A level paged late (the
 *       escalator was advanced late, or restored after a restart) still gets its full wait, so
 *       the person paged has the time the policy promises to answer; in normal running the host's
 *       timer advances at {@link #nextDue()} and the two coincide.</li>
 *   <li>A level where nobody can be paged (every target resolves to nobody, or to nobody on the
 *       level's channels) is skipped at once: the next level is paged at the same instant. Each
 *       target that could not be paged is reported as a {@link CoverageGap}, whether or not its
 *       level was skipped. A zero wait also pages the next level at once.</li>
 *   <li>The chain ends when a step has no wait: the escalation is then
 *       {@link EscalationStatus.State#EXHAUSTED exhausted}. Exhausted is never silence: if the
 *       policy has a {@link EscalationPolicy#reminderInterval reminder} for the severity (the
 *       bundled default: critical, every 15 minutes), the last step is paged again at that
 *       interval, each time in a new {@code round}, until somebody acknowledges or the incident
 *       resolves; a severity rise above what level 1 heard (below) and a
 *       {@link #newCondition new condition} page level 1 again whatever the policy.</li>
 * </ul>
 *
 * <h2>Acknowledgement</h2>
 * {@link #acknowledge} stops all paging at once: nothing is due until the policy's acknowledgement
 * timeout for the severity passes. If the incident is still unresolved then, the escalation starts
 * again <b>at the level it had reached</b> (the level last paged, which the acknowledger was among
 * or had been reached while they held it), in a new {@code round}, and goes on from there. Not at
 * level 1: the people below were already passed over once, and going back through them would delay
 * a critical patient's path to intensive care by every earlier wait again. {@link #reopen} does
 * the same at once (the host decides an acknowledgement no longer holds). A new round's pages have
 * new idempotency keys, so receivers do not drop them as duplicates.
 *
 * <h2>Severity changes</h2>
 * A rise to a severity above the one level 1 (the bedside nurse) was last paged with (for
 * example to critical, after a lesser alert paged first) pages level 1 at once, in a new
 * {@code round}, and runs the new severity's chain from there: the person at the
 * bed hears "critical" first, not the next level minutes later. This holds in any state
 * (escalating, exhausted, acknowledged: a rise overrides an acknowledgement, as it does in the
 * alert lifecycle). {@link #severityChanged} marks the restart and returns {@code now} as the due
 * time; the {@link #advance} that follows pages it. The restart never delays the level that was
 * next: the restarted chain pages each level up to it no later than the old chain would have paged
 * it at the new severity (so a high incident at level 3 that turns critical pages level 1 at once
 * and levels 2 to 4 by level 4's critical due time, at once if that has passed).
 *
 * <p>Any other change (a fall, or a rise back to a severity level 1 already heard: restarting
 * then would delay the levels above, already paged at it) recomputes the pending wait from when the current level was paged,
 * with the new severity's wait for that level (or, while acknowledged, the new severity's
 * acknowledgement timeout from when it was acknowledged), and keeps whichever is earlier, the old
 * due time or the recomputed one; a recomputed time already past is due at once. So a rise to
 * critical escalates sooner and no change of severity ever delays a pending page. Later levels use
 * the new severity's waits. A severity whose chain does not reach the current level (low, in the
 * default policy) ends the escalation there; an exhausted escalation whose severity rises to one
 * that goes further escalates again.
 *
 * <h2>Snapshot</h2>
 * {@link #start} walks the policy for the subject at every severity and keeps the steps; the
 * policy object is not used again. A policy changed or replaced later applies only to incidents
 * started later. Targets, however, are resolved at each page through the {@link RecipientResolver}
 * given to the constructor, so a rota change or an override applies to escalations already running.
 *
 * <h2>Durability</h2>
 * {@link #exportState()} writes every escalation (subject, policy snapshot, state, level, repeat,
 * round, due times) as JSON-shaped maps; {@link #restore} reads them back into a new escalator,
 * which then resumes at the same level and due time. An escalation whose due time passed while
 * the host was down is paged on the first {@link #advance}, at once. Delivery is at least once: a
 * page sent just before a crash but after the last export is sent again after the restart, with
 * the same idempotency key, so receivers that deduplicate drop it. {@link #overdue} lists
 * escalations whose due time passed without an advance, so that a stalled timer is noticed.
 *
 * <h2>Threads</h2>
 * Every method is synchronized on the escalator; the resolver is called while the lock is held
 * and must be quick. It calls nothing but the resolver; a resolver that throws is logged and
 * reported as a {@link CoverageGap.Reason#RESOLVER_FAILED} gap.
 *
 * @since 0.1
 */
public final class Escalator {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private static final Comparator<Escalation> BY_DUE =
            Comparator.comparing((Escalation e) -> e.nextDue).thenComparing(Escalation::incidentId);

    private final RecipientResolver resolver;
    // Sorted by incident id, so that exports and equal-time pages come out in a stable order.
    private final Map<String, Escalation> escalations = new TreeMap<>();

    /**
     * An escalator with no escalations, resolving targets through {@code resolver} at each page.
     *
     * @param resolver turns the policy's targets into recipients at the moment of each page; not null
     */
    public Escalator(RecipientResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Starts escalating an incident: snapshots {@code policy} and pages level 1 (and any level
     * after it that is due at once). Starting an incident that is already escalating does nothing
     * and returns an empty outcome, so a start delivered twice pages once.
     *
     * @param subject the incident as it is now; its id keys the escalation
     * @param policy the policy to follow; snapshotted, so a later change of the policy does not affect this
     *     incident
     * @param now the current time (the monitor clock)
     * @return the pages to send now and the targets nobody could be paged for; empty if the incident was
     *     already escalating
     * @throws IllegalArgumentException if the policy breaks its contract (see
     *                                  {@link EscalationPolicy})
     */
    public synchronized EscalationOutcome start(EscalationSubject subject, EscalationPolicy policy, Instant now) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        if (escalations.containsKey(subject.incidentId())) {
            return EscalationOutcome.empty();
        }
        Escalation e = new Escalation(subject, PolicySnapshot.take(policy, subject));
        Out out = new Out();
        pageFrom(e, 0, now, now, out);
        escalations.put(e.incidentId(), e);
        return out.outcome();
    }

    /**
     * Pages everything due at or before {@code now}: the next level of each escalation whose wait
     * has passed, and the current level again for each whose acknowledgement has lapsed. Pages
     * come in order of due time.
     *
     * @param now the current time (the monitor clock); everything due at or before it is paged
     * @return the pages that were due, in order of due time, and the targets nobody could be paged for
     */
    public synchronized EscalationOutcome advance(Instant now) {
        Objects.requireNonNull(now, "now");
        List<Escalation> due = escalations.values().stream()
                .filter(e -> e.nextDue != null && !e.nextDue.isAfter(now))
                .sorted(BY_DUE)
                .toList();
        Out out = new Out();
        for (Escalation e : due) {
            Instant dueAt = e.nextDue;
            if (e.restartPending) {
                restart(e, dueAt, now, out);
            } else if (e.state == EscalationStatus.State.ACKNOWLEDGED) {
                escalateAgain(e, dueAt, now, out);
            } else if (e.state == EscalationStatus.State.EXHAUSTED) {
                // A reminder: the last step again, in a new round so that its pages have new keys.
                escalateAgain(e, dueAt, now, out);
            } else {
                pageFrom(e, e.index + 1, dueAt, now, out);
            }
        }
        return out.outcome();
    }

    /**
     * Somebody acknowledged the incident: nothing more is paged for it from this instant, until
     * the acknowledgement times out (see the class description). Acknowledging again restarts the
     * timeout.
     *
     * @param incidentId the incident
     * @param now when it was acknowledged (the monitor clock)
     * @return false if the incident is not escalating here (unknown, or already resolved)
     */
    public synchronized boolean acknowledge(String incidentId, Instant now) {
        Objects.requireNonNull(now, "now");
        Escalation e = escalations.get(Objects.requireNonNull(incidentId, "incidentId"));
        if (e == null) {
            return false;
        }
        e.state = EscalationStatus.State.ACKNOWLEDGED;
        e.acknowledgedAt = now;
        e.nextDue = e.policy.ackTimeout(e.subject.severity()).map(now::plus).orElse(null);
        return true;
    }

    /**
     * The incident needs attention again although it was acknowledged (the host's own
     * acknowledgement timeout, or its alert lifecycle reopened it): escalates again at once, as
     * when an acknowledgement times out. Does nothing if the incident is not acknowledged.
     *
     * @param incidentId the incident
     * @param now the current time (the monitor clock)
     * @return the pages to send now; empty if the incident is not acknowledged
     */
    public synchronized EscalationOutcome reopen(String incidentId, Instant now) {
        Objects.requireNonNull(now, "now");
        Escalation e = escalations.get(Objects.requireNonNull(incidentId, "incidentId"));
        if (e == null || e.state != EscalationStatus.State.ACKNOWLEDGED) {
            return EscalationOutcome.empty();
        }
        Out out = new Out();
        escalateAgain(e, now, now, out);
        return out.outcome();
    }

    /**
     * A condition this escalation has not paged about joined the incident (the host decides what
     * is new; the monitor: an alert that needs a person and was not part of the incident while it
     * escalated). If the chain has run out ({@link EscalationStatus.State#EXHAUSTED exhausted}),
     * level 1 is paged at once in a new round and the chain runs again for {@code updated}'s
     * severity: an exhausted escalation never means that a new condition goes unheard. Otherwise
     * (escalating, or acknowledged) only the view is updated, as {@link #severityChanged} does.
     *
     * @param updated the incident's view now; its incident id names the escalation
     * @param now the current time (the monitor clock)
     * @return the pages made; empty if the incident is not escalating here or was not exhausted
     * @since 0.2
     */
    public synchronized EscalationOutcome newCondition(EscalationSubject updated, Instant now) {
        return newCondition(updated, updated.severity(), now);
    }

    /**
     * As {@link #newCondition(EscalationSubject, Instant)}, for a new condition of severity
     * {@code condition}: one at least as severe as the incident runs the chain again from level 1; a
     * lesser one (a low technical alert joining a critical incident) pages level 1 once, in a new
     * round, and leaves the escalation where it was, so a minor addition does not send the incident
     * up the whole chain again.
     *
     * @param updated the incident's view now; its incident id names the escalation
     * @param condition the severity of the new condition
     * @param now the current time (the monitor clock)
     * @return the pages made; empty if the incident is not escalating here or was not exhausted
     * @since 0.2
     */
    public synchronized EscalationOutcome newCondition(EscalationSubject updated, Severity condition, Instant now) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(now, "now");
        Escalation e = escalations.get(updated.incidentId());
        if (e == null) {
            return EscalationOutcome.empty();
        }
        if (e.state != EscalationStatus.State.EXHAUSTED || e.restartPending) {
            severityChanged(updated, now);
            return EscalationOutcome.empty();
        }
        boolean rise = updated.severity().isAbove(e.subject.severity());
        e.subject = updated;
        Out out = new Out();
        if (rise || !updated.severity().isAbove(condition)) {
            restart(e, now, now, out);
        } else {
            e.round++;
            page(e, e.chain().get(0), now, now, out);
        }
        return out.outcome();
    }

    /**
     * The incident resolved: its escalation stops and is forgotten.
     *
     * @param incidentId the incident
     * @param now when it resolved (the monitor clock)
     * @return false if the incident was not escalating here
     */
    public synchronized boolean resolve(String incidentId, Instant now) {
        Objects.requireNonNull(now, "now");
        return escalations.remove(Objects.requireNonNull(incidentId, "incidentId")) != null;
    }

    /**
     * The incident's view changed, usually its severity: later pages carry the new view, and the
     * pending wait is recomputed as the class description says. Call {@link #advance} if the
     * returned due time is not after {@code now}.
     *
     * @param updated the incident's new view; its incident id names the escalation
     * @param now the current time (the monitor clock)
     * @return the escalation's next due time; empty if nothing is pending or the incident is not
     *         escalating here
     */
    public synchronized Optional<Instant> severityChanged(EscalationSubject updated, Instant now) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(now, "now");
        Escalation e = escalations.get(updated.incidentId());
        if (e == null) {
            return Optional.empty();
        }
        EscalationStep current = e.current();
        boolean changed = e.subject.severity() != updated.severity();
        e.subject = updated;
        if (!changed) {
            return Optional.ofNullable(e.nextDue);
        }
        if (updated.severity().isAbove(e.level1Severity)) {
            // Worse than anything the bedside nurse has heard: level 1 now, then the chain from there. A rise back
            // to a severity level 1 already heard does not restart: that would delay the levels above, which were
            // paged (or due) at that severity already. Nor does the restart delay the level that was next: the
            // restarted chain reaches it no later than the old one would have at the new severity (catch-up).
            e.catchUpLevel = 0;
            e.catchUpDue = null;
            if (e.state != EscalationStatus.State.ACKNOWLEDGED && !e.restartPending) {
                // Escalating, or exhausted at a level the new severity's chain goes beyond (medium stopped at the
                // charge nurse, now critical): the level after it was due at the new severity's wait.
                List<EscalationStep> chain = e.chain();
                int j = e.policy.indexOf(updated.severity(), current.level(), current.repeat());
                if (j >= 0 && chain.get(j).hasNext()) {
                    e.catchUpLevel = chain.get(j + 1).level();
                    Instant pending = e.state == EscalationStatus.State.ESCALATING ? e.nextDue : null;
                    e.catchUpDue = earlier(pending, e.pagedAt.plus(chain.get(j).waitBeforeNext().orElseThrow()));
                }
            }
            e.index = 0;
            e.restartPending = true;
            e.acknowledgedAt = null;
            e.state = EscalationStatus.State.ESCALATING;
            e.nextDue = now;
            return Optional.of(now);
        }
        if (e.restartPending) {
            // A restart is already due at level 1: it pages with the severity current when it runs.
            return Optional.ofNullable(e.nextDue);
        }
        List<EscalationStep> chain = e.chain();
        int j = e.policy.indexOf(updated.severity(), current.level(), current.repeat());
        // Every chain walks the same (level, repeat) order and only ends at a different point, so
        // a missing position means the new severity stops before it: its last step stands in.
        e.index = j >= 0 ? j : chain.size() - 1;
        if (e.state == EscalationStatus.State.ACKNOWLEDGED) {
            Instant recomputed = e.policy.ackTimeout(updated.severity()).map(e.acknowledgedAt::plus).orElse(null);
            e.nextDue = notBefore(earlier(e.nextDue, recomputed), now);
        } else {
            EscalationStep step = chain.get(e.index);
            if (j < 0 || !step.hasNext()) {
                Instant pending = e.state == EscalationStatus.State.EXHAUSTED ? e.nextDue : null;
                e.state = EscalationStatus.State.EXHAUSTED;
                Instant remind = e.policy.reminder(updated.severity()).map(e.pagedAt::plus).orElse(null);
                e.nextDue = remind == null ? null : notBefore(earlier(pending, remind), now);
            } else {
                Instant recomputed = e.pagedAt.plus(step.waitBeforeNext().orElseThrow());
                Instant pending = e.state == EscalationStatus.State.EXHAUSTED ? null : e.nextDue;
                e.state = EscalationStatus.State.ESCALATING;
                e.nextDue = notBefore(earlier(pending, recomputed), now);
            }
        }
        return Optional.ofNullable(e.nextDue);
    }

    /**
     * The earliest due time of all escalations, for the host's timer; empty if nothing is pending.
     *
     * @return the earliest due time of all escalations, for the host's timer; empty if nothing is pending
     */
    public synchronized Optional<Instant> nextDue() {
        return escalations.values().stream().map(e -> e.nextDue).filter(Objects::nonNull).min(Comparator.naturalOrder());
    }

    /**
     * Where the incident's escalation stands; empty if it is not escalating here.
     *
     * @param incidentId the incident
     * @return where the incident's escalation stands; empty if it is not escalating here
     */
    public synchronized Optional<EscalationStatus> status(String incidentId) {
        Escalation e = escalations.get(Objects.requireNonNull(incidentId, "incidentId"));
        return e == null ? Optional.empty() : Optional.of(e.status());
    }

    /**
     * The incident's view as this escalator last heard it ({@link #start}, {@link #severityChanged},
     * {@link #newCondition}); empty if it is not escalating here.
     *
     * @param incidentId the incident
     * @return the incident's view as this escalator last heard it ({@link #start}, {@link #severityChanged},
     *     {@link #newCondition}); empty if it is not escalating here
     * @since 0.2
     */
    public synchronized Optional<EscalationSubject> subject(String incidentId) {
        Escalation e = escalations.get(Objects.requireNonNull(incidentId, "incidentId"));
        return e == null ? Optional.empty() : Optional.of(e.subject);
    }

    /**
     * The incidents escalating here (in any state), sorted.
     *
     * @return the incidents escalating here (in any state), sorted
     */
    public synchronized Set<String> incidentIds() {
        return Collections.unmodifiableSet(new TreeSet<>(escalations.keySet()));
    }

    /**
     * The auditor: escalations whose next step was due more than {@code grace} before {@code now}
     * and has not happened, most overdue first. Empty while the host advances on time.
     *
     * @param now the current time (the monitor clock)
     * @param grace how late a step may be before it counts as overdue; not negative
     * @return the overdue escalations, most overdue first; empty while the host advances on time
     */
    public synchronized List<OverdueEscalation> overdue(Instant now, Duration grace) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, but was " + grace);
        }
        return escalations.values().stream()
                .filter(e -> e.nextDue != null && e.nextDue.plus(grace).isBefore(now))
                .sorted(BY_DUE)
                .map(e -> new OverdueEscalation(e.incidentId(), e.state, e.current().level(), e.current().repeat(),
                        e.nextDue, Duration.between(e.nextDue, now)))
                .toList();
    }

    /**
     * Every escalation as a JSON-shaped map (maps, lists, strings, numbers, booleans, nulls;
     * instants as ISO-8601 strings), sorted by incident id: {@code format}, {@code incident_id},
     * {@code subject} (the incident's view, with the patient's name if the subject had one: store
     * it as carefully as the journal), {@code policy} (the snapshot), {@code state}, {@code round},
     * {@code step_index}, {@code level}, {@code repeat}, {@code paged_at}, {@code next_due},
     * {@code acknowledged_at}. Resolved incidents are not in it: they can never page again.
     *
     * @return every escalation as a JSON-shaped map (maps, lists, strings, numbers, booleans, nulls; instants
     *     as ISO-8601 strings), sorted by incident id: {@code format}, {@code incident_id}, {@code subject} (the
     *     incident's view, with the patient's name if the subject had one: store it as carefully as the journal),
     *     {@code policy} (the snapshot), {@code state}, {@code round}, {@code step_index}, {@code level},
     *     {@code repeat}, {@code paged_at}, {@code next_due}, {@code acknowledged_at}
     */
    public synchronized List<Map<String, Object>> exportState() {
        return escalations.values().stream().map(Escalation::toMap).toList();
    }

    /**
     * Adds the escalations of an {@link #exportState()} export, which then resume where they
     * were: same level, repeat, round and due time. All or nothing.
     *
     * @param exported the maps {@link #exportState()} returned, e.g. read back from JSON
     * @throws EscalationConfigException listing every problem with its path ({@code [2].next_due})
     *                                   and value; nothing was restored
     */
    public synchronized void restore(Collection<? extends Map<String, ?>> exported) {
        Objects.requireNonNull(exported, "exported");
        Tree t = new Tree();
        Map<String, Escalation> restored = new LinkedHashMap<>();
        int i = 0;
        for (Map<String, ?> m : exported) {
            String path = Tree.index("", i++);
            Escalation e = Escalation.fromMap(t, m, path);
            if (e == null) {
                continue;
            }
            if (escalations.containsKey(e.incidentId()) || restored.containsKey(e.incidentId())) {
                t.problem(Tree.field(path, "incident_id"), "is already escalating here, but was "
                        + Tree.show(e.incidentId()));
                continue;
            }
            restored.put(e.incidentId(), e);
        }
        t.throwIfAny("escalation state");
        escalations.putAll(restored);
    }

    @Override
    public synchronized String toString() {
        return "Escalator[escalations=" + escalations.size() + ", nextDue=" + nextDue().orElse(null) + "]";
    }

    /** Pages level 1 in a new round and runs the chain of the current severity from there. */
    private void restart(Escalation e, Instant dueAt, Instant now, Out out) {
        e.restartPending = false;
        e.round++;
        e.acknowledgedAt = null;
        pageFrom(e, 0, dueAt, now, out);
    }

    /** Pages the current level again in a new round, after an acknowledgement lapsed or as a reminder. */
    private void escalateAgain(Escalation e, Instant dueAt, Instant now, Out out) {
        e.round++;
        e.acknowledgedAt = null;
        pageFrom(e, e.index, dueAt, now, out);
    }

    /**
     * Pages step {@code index} of the escalation's chain, and goes on at once past steps that
     * paged nobody or wait zero; then sets what is due next.
     */
    private void pageFrom(Escalation e, int index, Instant dueAt, Instant now, Out out) {
        List<EscalationStep> chain = e.chain();
        int i = index;
        while (true) {
            EscalationStep step = chain.get(i);
            int sent = page(e, step, dueAt, now, out);
            e.index = i;
            e.pagedAt = now;
            if (!step.hasNext()) {
                e.state = EscalationStatus.State.EXHAUSTED;
                e.nextDue = e.policy.reminder(e.subject.severity()).map(now::plus).orElse(null);
                e.catchUpLevel = 0;
                e.catchUpDue = null;
                return;
            }
            Instant next = now.plus(step.waitBeforeNext().orElseThrow());
            if (e.catchUpDue != null) {
                if (step.level() >= e.catchUpLevel) {
                    // Caught up. The step after the catch-up level is the chain's next pass (level 1 again) or a
                    // level the old chain had not reached: it keeps its own wait. Applying the catch-up to it paged
                    // the bedside nurse twice in one second, and the next pass's levels with it.
                    e.catchUpLevel = 0;
                    e.catchUpDue = null;
                } else if (chain.get(i + 1).repeat() == step.repeat() && chain.get(i + 1).level() <= e.catchUpLevel) {
                    next = notBefore(earlier(next, e.catchUpDue), now);
                }
            }
            if (sent == 0 || !next.isAfter(now)) {
                i++;
                continue;
            }
            e.state = EscalationStatus.State.ESCALATING;
            e.nextDue = next;
            return;
        }
    }

    /** Pages one step; returns how many notifications it made. */
    private int page(Escalation e, EscalationStep step, Instant dueAt, Instant now, Out out) {
        EscalationSubject s = e.subject;
        EventKind kind = e.round == 0 && step.level() == 1 && step.repeat() == 0 ? EventKind.RAISED : EventKind.ESCALATED;
        Set<String> seen = new HashSet<>();
        int sent = 0;
        for (EscalationTarget target : step.targets()) {
            List<Recipient> found;
            try {
                found = resolver.resolve(target, s, now);
            } catch (RuntimeException ex) {
                // Propagating would lose the pages of every escalation already advanced in this
                // call and retry this one forever; a reported gap lets the chain go on.
                log.warn("resolving {} for incident {} failed; reported as a coverage gap", target, s.incidentId(), ex);
                out.gaps.add(new CoverageGap(s.incidentId(), step.level(), step.repeat(), target, now,
                        CoverageGap.Reason.RESOLVER_FAILED));
                continue;
            }
            if (found == null || found.isEmpty()) {
                out.gaps.add(new CoverageGap(s.incidentId(), step.level(), step.repeat(), target, now,
                        CoverageGap.Reason.NOBODY));
                continue;
            }
            boolean reachable = false;
            for (Recipient r : found) {
                if (!step.usesChannel(r.contact().channel())) {
                    continue;
                }
                reachable = true;
                // Two targets may name the same person (on call on two schedules): page them once.
                if (!seen.add(r.id() + '\u0000' + r.contact().channel() + '\u0000' + r.contact().address())) {
                    continue;
                }
                Notification n = Notification.builder()
                        .alertId(s.alertId())
                        .incidentId(s.incidentId())
                        .patientId(s.patientId())
                        .patientName(s.patientName())
                        .ward(s.ward())
                        .bed(s.bed())
                        .ruleId(s.ruleId())
                        .severity(s.severity())
                        .category(s.category())
                        .event(kind)
                        .escalationLevel(step.level())
                        .timestamp(now)
                        .message(s.headline())
                        .recipient(r)
                        .idempotencyKey(idempotencyKey(s.incidentId(), e.round, step, r))
                        .build();
                out.pages.add(new EscalationPage(s.incidentId(), step.level(), step.repeat(), e.round, dueAt, n));
                sent++;
            }
            if (sent > 0 && step.level() == 1) {
                e.level1Severity = s.severity();
            }
            if (!reachable) {
                out.gaps.add(new CoverageGap(s.incidentId(), step.level(), step.repeat(), target, now,
                        CoverageGap.Reason.NO_CONTACT_ON_CHANNELS));
            }
        }
        return sent;
    }

    /**
     * The same for the same incident, round, level, repeat, recipient and contact point, and for
     * nothing else: no timestamp in it, so a page re-created after a restart, or by a late advance,
     * has the key the first one had.
     */
    static String idempotencyKey(String incidentId, int round, EscalationStep step, Recipient r) {
        // NUL separators: no field can make two different pages collide by concatenation.
        String material = String.join("\u0000", "escalation", incidentId, Integer.toString(round),
                Integer.toString(step.level()), Integer.toString(step.repeat()), r.id(), r.contact().channel(),
                r.contact().address());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "esc_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant notBefore(Instant t, Instant now) {
        return t == null || !t.isBefore(now) ? t : now;
    }

    /** Collects one call's pages and gaps. */
    private static final class Out {
        final List<EscalationPage> pages = new ArrayList<>();
        final List<CoverageGap> gaps = new ArrayList<>();

        EscalationOutcome outcome() {
            return pages.isEmpty() && gaps.isEmpty() ? EscalationOutcome.empty() : new EscalationOutcome(pages, gaps);
        }
    }
}
