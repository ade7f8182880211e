package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.Acknowledgement;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Map;

/** The mutable state of one alert inside {@link AlertBook}; {@link #snapshot()} is what leaves it. */
public final class AlertEntry {
    public final String alertId;
    public final AlertBook.Key key;
    public final Category category;
    public final long raisedAt;
    public Severity severity;
    public String message;
    public Map<String, Object> evidence;
    /** Changed only by {@link #moveTo}: the one door, checked against the transition table. */
    private AlertState state;
    public long lastSeen;
    public long ttlMs;
    public long clearingSince = -1;
    public long lastEventAt;
    public long count;
    public Double worstValue;
    public Severity worstSeverity;
    public boolean flapping;
    /** The acknowledgement in force (state ACKNOWLEDGED), else null. */
    public Acknowledgement ack;
    public long ackExpiresAt = -1;
    public Suppression suppression;
    public String incidentId;
    public long resolvedAt = -1;
    public String resolution;
    /** Since when the rule has signalled only severities below {@link #severity}; -1 while it signals it. */
    long lowerSince = -1;
    /** The highest severity signalled since {@link #lowerSince}: what the alert steps down to. */
    Severity lowerPeak;
    /** Due time of the one timer AlertBook keeps armed for this alert. */
    long scheduledDue = Long.MAX_VALUE;
    /** While {@link AlertBook} indexes it as active: from its raise (or restore) until it resolves. */
    boolean indexed;
    /** The open incident it belongs to, the one {@link #incidentId} names (set when it joins or is restored). */
    IncidentBook.Inc incident;

    /**
     * An alert in its first state: OPEN or FLAPPING when raised, or the state a journal recorded when
     * restored (restoring is not a transition: the journal holds the states the door let through).
     */
    public AlertEntry(String alertId, AlertBook.Key key, Category category, long raisedAt, AlertState state) {
        this.alertId = alertId;
        this.key = key;
        this.category = category;
        this.raisedAt = raisedAt;
        this.state = java.util.Objects.requireNonNull(state, "state");
    }

    public AlertState state() {
        return state;
    }

    /**
     * The only place an alert's state changes. A move the table in {@link AlertState} does not allow is a
     * bug of the lifecycle, never a person's request (those are refused earlier, as
     * {@link com.nexussaude.monitor.IllegalTransitionException}): it fails loudly and changes nothing.
     */
    void moveTo(AlertState to) {
        if (!state.canMoveTo(to)) {
            throw new IllegalStateException("alert " + alertId + " cannot move from " + state + " to " + to
                    + ": not a transition of the table in AlertState (from " + state + " it may move to "
                    + (state.next().isEmpty() ? "nothing" : state.next()) + ")");
        }
        state = to;
    }

    /** Back from ACKNOWLEDGED to what it was before: FLAPPING if it flaps, else OPEN; the acknowledgement ends. */
    void unacknowledge() {
        moveTo(flapping ? AlertState.FLAPPING : AlertState.OPEN);
        ackExpiresAt = -1;
        ack = null;
    }

    String keyText() {
        return key.key() == null ? "" : key.key();
    }

    void absorb(AlertBook.Signal s, long now) {
        message = s.message();
        evidence = s.evidence();
        lastSeen = now;
        ttlMs = s.ttlMs();
        count++;
        trackWorst(s.severity(), s.evidence());
    }

    /**
     * The worst value is the evidence's {@code value} at the highest severity, and among those the one
     * farthest from the evidence's reference (its {@code limit}, else its {@code baseline}): rules do not
     * say which direction is worse, but they do say what the value is compared with.
     */
    private void trackWorst(Severity signalled, Map<String, Object> ev) {
        if (!(ev.get("value") instanceof Number n)) {
            return;
        }
        double x = n.doubleValue();
        Object ref = ev.get("limit") instanceof Number ? ev.get("limit") : ev.get("baseline");
        boolean worse = worstValue == null || signalled.isAbove(worstSeverity)
                || (signalled == worstSeverity && ref instanceof Number r && Double.isFinite(r.doubleValue())
                && Math.abs(x - r.doubleValue()) > Math.abs(worstValue - r.doubleValue()));
        if (worse) {
            worstValue = x;
            worstSeverity = signalled;
        }
    }

    long effectiveTtl(long flapSettleMs) {
        return flapping ? Math.max(ttlMs, flapSettleMs) : ttlMs;
    }

    /** When it resolves unless signalled: resolve hold (or settle time) after a clear, else its ttl. */
    long resolveDue(long resolveHoldMs, long flapSettleMs) {
        return clearingSince >= 0 ? clearingSince + (flapping ? flapSettleMs : resolveHoldMs)
                : lastSeen + effectiveTtl(flapSettleMs);
    }

    long nextDue(long resolveHoldMs, long flapSettleMs) {
        long resolve = resolveDue(resolveHoldMs, flapSettleMs);
        return state == AlertState.ACKNOWLEDGED && ackExpiresAt > 0 ? Math.min(ackExpiresAt, resolve) : resolve;
    }

    public Alert snapshot() {
        Instant raised = Instant.ofEpochMilli(raisedAt);
        // A raise's own snapshot has both at the same millisecond: one Instant (immutable) serves both.
        Instant seen = lastSeen == raisedAt ? raised : Instant.ofEpochMilli(lastSeen);
        return new Alert(alertId, key.patientId(), key.ruleId(), keyText(), severity, category, message, evidence, state,
                raised, seen, count,
                resolvedAt < 0 ? null : Instant.ofEpochMilli(resolvedAt), resolution, incidentId, worstValue, ack,
                suppression, clearingSince < 0 ? null : Instant.ofEpochMilli(clearingSince));
    }
}
