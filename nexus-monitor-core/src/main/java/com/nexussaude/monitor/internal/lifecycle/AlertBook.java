package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.Acknowledgement;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.IllegalTransitionException;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;
import com.nexussaude.monitor.internal.journal.JournalCodec;
import com.nexussaude.monitor.internal.journal.JournalRestore;

/**
 * The alert lifecycle: turns the rules' signals and clears into alerts that open once, update,
 * change severity, are acknowledged, suppressed and resolved; groups them into incidents; and
 * records every transition before anyone hears of it.
 *
 * <p>Identity: at most one active alert per (patient, rule, key). A signal for an active alert updates
 * it (count, last seen, worst value, latest evidence). Its severity follows the signals with
 * hysteresis: a higher severity applies at once; a lower one only once the rule has signalled nothing
 * above it for {@link #STEP_DOWN_HOLD_MS} (then the alert steps down to the highest severity signalled
 * in that time). A clear starts the resolve hold; a signal within the hold cancels it. An alert not signalled within
 * its ttl resolves as stale.
 *
 * <p>Not thread-safe: only the engine thread calls it, under the engine lock. Every transition is
 * first given to the {@link Recorder} (the journal), then queued on {@code sink} for the listeners.
 */
public final class AlertBook {
    /** Receives every transition before the listeners do; the journal adapter implements it. */
    public interface Recorder {
        /** Appends what {@code entry} describes, stamped {@code at} (epoch ms). */
        void record(JournalCodec.Entry entry, long at);

        /** False when nothing is recorded: callers then skip building the record's data. */
        default boolean enabled() {
            return true;
        }
    }

    public record Key(String patientId, String ruleId, String key) {
    }

    /** A validated signal from the AlertSignal stream. */
    public record Signal(String patientId, String ruleId, String key, Severity severity, Category category, String message,
                  Map<String, Object> evidence, long ttlMs) {
    }

    private record Timer(long due, String id) {
    }

    private static final Comparator<AlertEntry> BY_ID = Comparator.comparing(x -> x.alertId);

    private static final int RESOLVED_REMEMBERED = 10_000;
    /** Resolved alerts kept whole for {@link #alert}: the last 1,000 (older ones are in the journal, if any). */
    static final int RESOLVED_KEPT = 1_000;

    /**
     * How long a rule must signal only lower severities before an open alert steps down: 60 s, the time
     * the threshold pack wants a continuous vital back in band before an episode ends. A rise is
     * immediate; a brief dip does not make the alert (and its paging) flap between severities.
     */
    static final long STEP_DOWN_HOLD_MS = 60_000;

    private final Map<Key, AlertEntry> active = new HashMap<>();
    private final Map<String, AlertEntry> byId = new HashMap<>();
    private final Map<String, List<AlertEntry>> byPatient = new HashMap<>();
    private final Map<Key, RaiseTimes> raiseHistory = new HashMap<>();
    /** When {@link #release} last dropped raise histories older than the flapping window. */
    private long raiseHistoryPrunedAt;
    /** Whether the raise histories were pruned once ({@link #raiseHistoryPrunedAt} is then meaningful). */
    private boolean raiseHistoryPruned;
    /** Resolved alerts by id, so that acting on one names its state; bounded, oldest forgotten first. */
    private final Map<String, AlertState> resolvedIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AlertState> eldest) {
            return size() > RESOLVED_REMEMBERED;
        }
    };
    /** The most recently resolved alerts as they resolved, for {@link #alert}; bounded, oldest forgotten first. */
    private final Map<String, Alert> recentlyResolved = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Alert> eldest) {
            return size() > RESOLVED_KEPT;
        }
    };
    /**
     * Pending deadlines, earliest first; those due at the same time by alert id (the older alert first), so
     * their order does not depend on the queue's history: a monitor restored and warmed up resolves two
     * alerts due at once in the order the uninterrupted one does.
     */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::due)
            .thenComparing(Timer::id));
    private final IncidentBook incidents;
    private final HeadlineRules headlineRules = new HeadlineRules();
    private final Silences silences = new Silences();
    private final Suppressions suppressions;
    private final List<AlertEntry> awaitingGrace = new ArrayList<>();
    /**
     * Patients with alerts restored from the journal whose suppressions have not been re-evaluated by this
     * monitor since: their recorded suppressions may not be what this configuration derives, so the next change
     * re-evaluates all of the patient's alerts (see {@link #reevaluateSuppressionAfter}).
     */
    private final java.util.Set<String> unverifiedSuppressions = new java.util.HashSet<>();
    /**
     * Per alert restored active: {the time of its last raise or severity change, the time of its last journal
     * record}. A warm-up replays only the signals the journal's snapshot of the alert does not hold.
     */
    private final Map<String, long[]> restoredTimes = new HashMap<>();
    /** In the warm-up phase: rule signals and clears only rebuild restored alerts' unjournalled state. */
    private boolean warmingUp;

    private final LifecycleSink sink;
    private final Recorder recorder;
    private final long resolveHoldMs;
    private final long updateIntervalMs;
    private final long ackTimeoutMs;
    private final long flapWindowMs;
    private final int flapThreshold;
    private final long flapSettleMs;
    private long alertSeq;
    private long raised;

    /** Where events go after they are recorded: the listener dispatcher. */
    public interface LifecycleSink {
        void alert(AlertEvent event);

        void incident(com.nexussaude.monitor.IncidentEvent event);

        /** False when {@link #incident} would drop every event: then none is built. */
        default boolean wantsIncidents() {
            return true;
        }
    }

    public AlertBook(LifecycleSink sink, Recorder recorder, MonitorConfig config, Function<String, String> wardOf) {
        this.sink = sink;
        this.recorder = recorder;
        this.resolveHoldMs = config.resolveHold().toMillis();
        this.updateIntervalMs = config.updateInterval().toMillis();
        this.ackTimeoutMs = config.ackTimeout().toMillis();
        this.flapWindowMs = config.flapWindow().toMillis();
        this.flapThreshold = config.flapThreshold();
        this.flapSettleMs = config.flapSettle().toMillis();
        this.suppressions = new Suppressions(silences, config.inhibitions(), wardOf);
        this.incidents = new IncidentBook(new IncidentBook.IncidentRecorder() {
            @Override
            public void record(IncidentEvent.Type type, Incident incident, long at) {
                recordIncident(type, incident, at);
            }

            @Override
            public boolean enabled() {
                return recorder.enabled();
            }
        }, sink, headlineRules);
    }

    /** The rules whose alerts headline an incident; the engine tells it what each deployment tags. */
    public HeadlineRules headlineRules() {
        return headlineRules;
    }

    // ---- rule output ----------------------------------------------------------------------------

    public void signal(Signal s, long now) {
        if (warmingUp) {
            warmUpSignal(s, now);
            return;
        }
        grace(now);
        Key k = new Key(s.patientId(), s.ruleId(), s.key());
        AlertEntry e = active.get(k);
        if (e == null) {
            raise(k, s, now);
            return;
        }
        absorbSignal(e, s, now);
    }

    /**
     * A signal for an alert already active: count, evidence, severity with its step-down hold, the update event.
     * Apart from {@link #signal}'s raise path (see {@link #advance} for why): its rare turns (the first step-down,
     * the first rise, of a monitor's life) recompile this method, not the one a new alert is raised through.
     */
    private void absorbSignal(AlertEntry e, Signal s, long now) {
        Severity before = e.severity;
        e.absorb(s, now);
        e.clearingSince = -1;
        if (before.isAbove(s.severity())) {
            if (e.lowerSince < 0) {
                e.lowerSince = now;
                e.lowerPeak = s.severity();
            } else if (s.severity().isAbove(e.lowerPeak)) {
                e.lowerPeak = s.severity();
            }
            if (now - e.lowerSince >= STEP_DOWN_HOLD_MS) {
                stepDown(e, now);
            } else if (updateIntervalMs > 0 && now - e.lastEventAt >= updateIntervalMs) {
                e.lastEventAt = now;
                emit(AlertEventType.UPDATED, e, now, AlertEvent.MONITOR, "signalled " + e.count + " times");
            }
            schedule(e);
            return;
        }
        e.lowerSince = -1;
        if (s.severity().isAbove(before)) {
            e.severity = s.severity();
            e.lastEventAt = now;
            String reason = "severity rose from " + before.wireName() + " to " + s.severity().wireName();
            if (e.state() == AlertState.ACKNOWLEDGED) {
                // Worse than what was acknowledged: it needs a person again.
                reason += "; the acknowledgement by " + e.ack.actor() + " no longer holds";
                e.unacknowledge();
            }
            emit(AlertEventType.SEVERITY_CHANGED, e, now, AlertEvent.MONITOR, reason);
            reevaluateSuppressionAfter(e, before, now);
            incidents.changed(e, now);
        } else if (updateIntervalMs > 0 && now - e.lastEventAt >= updateIntervalMs) {
            e.lastEventAt = now;
            emit(AlertEventType.UPDATED, e, now, AlertEvent.MONITOR, "signalled " + e.count + " times");
        }
        schedule(e);
    }

    /** The rule has signalled only lower severities for the hold: the alert comes down to the highest of them. */
    private void stepDown(AlertEntry e, long now) {
        Severity before = e.severity;
        e.severity = e.lowerPeak;
        e.lowerSince = -1;
        e.lowerPeak = null;
        e.lastEventAt = now;
        emit(AlertEventType.SEVERITY_CHANGED, e, now, AlertEvent.MONITOR, "severity fell from " + before.wireName()
                + " to " + e.severity.wireName() + ": nothing above " + e.severity.wireName() + " signalled for "
                + STEP_DOWN_HOLD_MS / 1000 + " s");
        reevaluateSuppressionAfter(e, before, now);
        incidents.changed(e, now);
    }

    /**
     * A person raises an alert: like a rule's signal, but the raise is recorded with their name and
     * reason. If the patient already has an active alert of this rule and key, it absorbs the signal.
     */
    public Alert raiseByPerson(Signal s, String actor, String reason, long now) {
        grace(now);
        Key k = new Key(s.patientId(), s.ruleId(), s.key());
        if (active.containsKey(k)) {
            signal(s, now);
        } else {
            raise(k, s, now, actor, reason);
        }
        return active.get(k).snapshot();
    }

    private void raise(Key k, Signal s, long now) {
        raise(k, s, now, AlertEvent.MONITOR, null);
    }

    private void raise(Key k, Signal s, long now, String actor, String reason) {
        boolean flapping = countRaise(k, now) >= flapThreshold;
        AlertEntry e = new AlertEntry(JournalCodec.idOf("alert", ++alertSeq), k, s.category(), now,
                flapping ? AlertState.FLAPPING : AlertState.OPEN);
        e.severity = s.severity();
        e.absorb(s, now);
        e.lastEventAt = now;
        e.flapping = flapping;
        e.incidentId = incidents.join(e, now);
        // One look-up of the patient's active alerts for both: the suppression reads them (the new alert is not
        // among them yet, and would be skipped as its own source if it were), then the new alert joins them.
        List<AlertEntry> theirs = byPatient.computeIfAbsent(k.patientId(), p -> new ArrayList<>(4));
        e.suppression = suppressions.of(e, now, theirs);
        active.put(k, e);
        byId.put(e.alertId, e);
        theirs.add(e);
        e.indexed = true;
        raised++;
        String why = flapping
                ? "flapping: raised " + raiseHistory.get(k).size() + " times within " + flapWindowMs / 60_000 + " min"
                : "";
        emit(AlertEventType.RAISED, e, now, actor, reason == null ? why : why.isEmpty() ? reason : reason + "; " + why);
        reevaluateSuppressionAfter(e, null, now);
        incidents.changed(e, now);
        schedule(e);
    }

    /** Records a raise of this patient, rule and key; returns how many fall within the flapping window. */
    private int countRaise(Key k, long now) {
        RaiseTimes h = raiseHistory.computeIfAbsent(k, x -> new RaiseTimes());
        h.add(now);
        h.dropUpTo(now - flapWindowMs);
        return h.size();
    }

    public void clear(String patientId, String ruleId, String key, long now) {
        if (warmingUp) {
            AlertEntry e = active.get(new Key(patientId, ruleId, key));
            long[] t = e == null ? null : restoredTimes.get(e.alertId);
            if (t != null && now > t[1] && e.clearingSince < 0) {
                e.clearingSince = now; // cleared after its last record: the hold runs from then, as it did live
            }
            return;
        }
        grace(now);
        AlertEntry e = active.get(new Key(patientId, ruleId, key));
        if (e != null && e.clearingSince < 0) {
            e.clearingSince = now;
            schedule(e);
        }
    }

    // ---- people ---------------------------------------------------------------------------------

    public Alert acknowledge(String alertId, String actor, String reason, long now) {
        requireActor(actor);
        AlertEntry e = require(alertId, AlertState.ACKNOWLEDGED);
        if (e.state() == AlertState.ACKNOWLEDGED) {
            // Two people pressing "acknowledge" on one alarm both want it owned, and it is: no error, no event,
            // and the first acknowledgement stands (its actor, time and timeout).
            return e.snapshot();
        }
        if (!e.state().canMoveTo(AlertState.ACKNOWLEDGED)) {
            throw new IllegalTransitionException(alertId, e.state(), AlertState.ACKNOWLEDGED);
        }
        e.moveTo(AlertState.ACKNOWLEDGED);
        e.ackExpiresAt = ackTimeoutMs > 0 ? now + ackTimeoutMs : -1;
        e.ack = new Acknowledgement(actor, reason, Instant.ofEpochMilli(now),
                e.ackExpiresAt > 0 ? Instant.ofEpochMilli(e.ackExpiresAt) : null);
        emit(AlertEventType.ACKNOWLEDGED, e, now, actor, reason);
        incidents.changed(e, now);
        schedule(e);
        return e.snapshot();
    }

    public List<Alert> acknowledgeIncident(String incidentId, String actor, String reason, long now) {
        requireActor(actor);
        List<String> ids = incidents.activeAlertIds(incidentId);
        List<Alert> acked = new ArrayList<>();
        for (String id : ids) {
            AlertEntry e = byId.get(id);
            if (e != null && e.state().canMoveTo(AlertState.ACKNOWLEDGED)) {
                acked.add(acknowledge(id, actor, reason, now));
            }
        }
        return acked;
    }

    public Alert resolve(String alertId, String actor, String reason, long now) {
        requireActor(actor);
        AlertEntry e = require(alertId, AlertState.RESOLVED);
        if (!e.state().canMoveTo(AlertState.RESOLVED)) {
            throw new IllegalTransitionException(alertId, e.state(), AlertState.RESOLVED);
        }
        resolve(e, now, "manual", actor, reason);
        return e.snapshot();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required: who acknowledges or resolves");
        }
    }

    private AlertEntry require(String alertId, AlertState to) {
        AlertEntry e = byId.get(alertId);
        if (e != null) {
            return e;
        }
        AlertState known = resolvedIds.get(alertId);
        if (known != null) {
            throw new IllegalTransitionException(alertId, known, to);
        }
        throw new IllegalArgumentException("no alert '" + alertId + "' in this monitor");
    }

    // ---- silences -------------------------------------------------------------------------------

    public Silence addSilence(Silence request, long now) {
        Silence s = silences.add(request, now, byId::containsKey);
        recorder.record(JournalCodec.silenceCreated(s), now);
        reevaluateSuppression(null, now);
        return s;
    }

    public boolean expireSilence(String silenceId, String actor, String reason, long now) {
        Silence s = silences.remove(silenceId);
        if (s == null) {
            return false;
        }
        recorder.record(JournalCodec.silenceExpired(s, actor, reason), now);
        reevaluateSuppression(null, now);
        return true;
    }

    public List<Silence> silences() {
        return silences.all();
    }

    // ---- time -----------------------------------------------------------------------------------

    /**
     * The earliest pending timer or silence boundary, {@code Long.MAX_VALUE} if none; a timer superseded by
     * a later deadline may be reported and then fires nothing.
     */
    public long nextDue() {
        return Math.min(timers.isEmpty() ? Long.MAX_VALUE : timers.peek().due(), silences.nextBoundary());
    }

    /**
     * Fires every timer and silence boundary due at or before {@code now}, in time order. Run twice per
     * observation, and nearly always nothing is due: this method is only that check, and what fires lives in
     * methods of its own ({@link #fireDue} and the steps it calls). A branch taken for the first time after the
     * JIT compiled the method that holds it (an acknowledgement expiring, a stale alert, a silence's end) sends
     * that method back to the interpreter until it is compiled again; kept apart, such a first visit recompiles a
     * rarely run method, and the per-observation check stays compiled.
     */
    public void advance(long now) {
        if (warmingUp) {
            return; // restored deadlines fire once the warm-up ends
        }
        grace(now);
        pruneRaiseHistory(now);
        if (nextDue() > now) {
            silences.checkedUpTo(now);
            return;
        }
        fireDue(now);
    }

    /** {@link #advance}'s loop once something is due: fires the timers and silence boundaries in time order. */
    private void fireDue(long now) {
        while (true) {
            long alertDue = timers.isEmpty() ? Long.MAX_VALUE : timers.peek().due();
            long silenceDue = silences.nextBoundary();
            if (Math.min(alertDue, silenceDue) > now) {
                silences.checkedUpTo(now);
                return;
            }
            if (silenceDue <= alertDue) {
                passSilenceBoundary(silenceDue);
            } else {
                fireTimer(timers.poll());
            }
        }
    }

    /** A silence starts or ends at {@code at}: ends those due, then re-evaluates every alert's suppression. */
    private void passSilenceBoundary(long at) {
        for (String id : silences.endedBy(at)) {
            expireSilence(id, AlertEvent.MONITOR, "ended", at);
        }
        reevaluateSuppression(null, at);
        silences.passed(at);
    }

    /**
     * An alert's timer is due: nothing if the alert resolved or has an earlier timer; re-armed if it was
     * signalled since; else its acknowledgement expires or it resolves (cleared, settled or stale).
     */
    private void fireTimer(Timer t) {
        AlertEntry e = byId.get(t.id());
        if (e == null || e.scheduledDue != t.due()) {
            return; // resolved, or superseded by an earlier timer
        }
        e.scheduledDue = Long.MAX_VALUE;
        long due = e.nextDue(resolveHoldMs, flapSettleMs);
        if (due > t.due()) {
            schedule(e); // signalled since: wait for the new deadline
            return;
        }
        if (e.state() == AlertState.ACKNOWLEDGED && e.ackExpiresAt > 0 && e.ackExpiresAt <= e.resolveDue(resolveHoldMs,
                flapSettleMs)) {
            expireAck(e, e.ackExpiresAt);
            schedule(e);
        } else if (e.clearingSince >= 0) {
            resolveCleared(e, due);
        } else {
            resolveStale(e, due);
        }
    }

    /** Clear for the resolve hold (or, after flapping, the settle time): resolves at {@code due}. */
    private void resolveCleared(AlertEntry e, long due) {
        resolve(e, due, e.flapping ? "settled" : "cleared", AlertEvent.MONITOR, e.flapping
                ? "clear for " + flapSettleMs / 1000 + " s after flapping" : "clear for " + resolveHoldMs / 1000 + " s");
    }

    /** Not signalled within its ttl: resolves at {@code due} as stale. */
    private void resolveStale(AlertEntry e, long due) {
        String stale = "stale: not signalled for " + e.effectiveTtl(flapSettleMs) / 1000 + " s";
        resolve(e, due, stale, AlertEvent.MONITOR, stale);
    }

    private void expireAck(AlertEntry e, long at) {
        String by = e.ack.actor();
        e.unacknowledge();
        emit(AlertEventType.ACK_EXPIRED, e, at, AlertEvent.MONITOR,
                "acknowledged by " + by + " " + ackTimeoutMs / 60_000 + " min ago and still active");
        incidents.changed(e, at);
    }

    /**
     * Makes sure a timer is pending at or before the alert's next deadline. Signals move deadlines later
     * many times a second; those timers are not re-added but re-armed lazily when the old one fires, so
     * the queue holds about one timer per active alert.
     */
    private void schedule(AlertEntry e) {
        long due = e.nextDue(resolveHoldMs, flapSettleMs);
        if (due < e.scheduledDue) {
            e.scheduledDue = due;
            timers.add(new Timer(due, e.alertId));
        }
    }

    /**
     * Alerts restored from the journal get a full ttl from the first moment the monitor runs again, so
     * that the time the host was down does not make them stale before their rules can signal again.
     */
    private void grace(long now) {
        if (awaitingGrace.isEmpty()) {
            return;
        }
        for (AlertEntry e : awaitingGrace) {
            if (e.state().isActive()) {
                e.lastSeen = Math.max(e.lastSeen, now);
                if (e.clearingSince >= 0) {
                    e.clearingSince = Math.max(e.clearingSince, now);
                }
                schedule(e);
            }
        }
        awaitingGrace.clear();
    }

    // ---- warm-up ---------------------------------------------------------------------------------

    /** From now until {@link #endWarmUp}, rule output only rebuilds what the journal does not hold. */
    public void startWarmUp() {
        warmingUp = true;
    }

    /**
     * A signal during the warm-up. Nothing is raised, changed or announced: the journal holds every event up
     * to the resume point. Only a restored active alert takes it, and only for what its journalled snapshot
     * cannot hold: signals after its last record move its last signal time, ttl, count, message and evidence
     * (its stale deadline), and signals since its last severity change rebuild how long it has been signalled
     * below its severity (its step-down).
     */
    private void warmUpSignal(Signal s, long now) {
        AlertEntry e = active.get(new Key(s.patientId(), s.ruleId(), s.key()));
        long[] t = e == null ? null : restoredTimes.get(e.alertId);
        if (t == null || now < t[0]) {
            return;
        }
        if (now > t[1]) {
            e.absorb(s, now);
            e.clearingSince = -1;
        }
        if (e.severity.isAbove(s.severity())) {
            if (e.lowerSince < 0) {
                e.lowerSince = now;
                e.lowerPeak = s.severity();
            } else if (s.severity().isAbove(e.lowerPeak)) {
                e.lowerPeak = s.severity();
            }
        } else {
            e.lowerSince = -1;
        }
    }

    /**
     * Ends a warm-up that replayed nothing: the restored alerts then get a full ttl at the first moment, as
     * after a plain restore.
     */
    public void endWarmUpWithoutReplay() {
        warmingUp = false;
        restoredTimes.clear();
    }

    /**
     * Ends the warm-up at {@code now}, the time of the last replayed observation. A restored alert keeps the deadline
     * its journalled and replayed signals give it; one whose deadline is already past (signalled last by
     * something the warm-up does not replay, or before the replayed window) gets a full ttl from now rather
     * than resolving as stale because of the failover.
     */
    public void endWarmUp(long now) {
        warmingUp = false;
        restoredTimes.clear();
        for (AlertEntry e : awaitingGrace) {
            if (e.state().isActive()) {
                if (e.resolveDue(resolveHoldMs, flapSettleMs) <= now) {
                    e.lastSeen = Math.max(e.lastSeen, now);
                    if (e.clearingSince >= 0) {
                        e.clearingSince = Math.max(e.clearingSince, now);
                    }
                }
                schedule(e);
            }
        }
        awaitingGrace.clear();
    }

    // ---- resolution -----------------------------------------------------------------------------

    /** How many patients have active alerts, for the tests of bounded state. */
    public int patientsWithAlerts() {
        return byPatient.size();
    }

    /** Resolves every active alert of a discharged patient. */
    public void discharge(String patientId, long now) {
        grace(now);
        List<AlertEntry> theirs = new ArrayList<>(byPatient.getOrDefault(patientId, List.of()));
        theirs.sort(BY_ID);
        for (AlertEntry e : theirs) {
            resolve(e, now, "discharged", AlertEvent.MONITOR, "patient discharged");
        }
        raiseHistory.keySet().removeIf(k -> k.patientId().equals(patientId));
    }

    /**
     * A patient released for having sent nothing for a long time: resolves its technical alerts (they were
     * about the feed that ended; their resolution {@code "released"} says so, never that the signal came
     * back), except those of {@code keepRule}, the alert saying that monitoring ended. Clinical alerts are
     * left to their own ends.
     */
    public void release(String patientId, String keepRule, String reason, long now) {
        if (warmingUp) {
            return; // journalled by the monitor that ran live then
        }
        grace(now);
        List<AlertEntry> theirs = new ArrayList<>(byPatient.getOrDefault(patientId, List.of()));
        theirs.sort(BY_ID);
        for (AlertEntry e : theirs) {
            if (e.category == Category.TECHNICAL && !e.key.ruleId().equals(keepRule)) {
                resolve(e, now, "released", AlertEvent.MONITOR, reason);
            }
        }
    }

    /**
     * Drops the raise histories older than the flapping window, at most once per window: a history is
     * otherwise trimmed only when its alert raises again, so every patient who ever raised anything would
     * keep one forever. Linear in the histories, once per window of monitor time.
     */
    private void pruneRaiseHistory(long now) {
        if (!raiseHistoryPruned || now - raiseHistoryPrunedAt >= flapWindowMs) {
            pruneRaiseHistoryNow(now); // apart: once per window, and advance's check stays compiled (see advance)
        }
    }

    private void pruneRaiseHistoryNow(long now) {
        raiseHistoryPruned = true;
        raiseHistoryPrunedAt = now;
        long horizon = now - flapWindowMs;
        raiseHistory.values().removeIf(h -> {
            h.removeUpTo(horizon);
            return h.isEmpty();
        });
    }

    /** How many (patient, rule, key) raise histories are kept, for the tests of bounded state. */
    public int raiseHistorySize() {
        return raiseHistory.size();
    }

    private void resolve(AlertEntry e, long at, String resolution, String actor, String reason) {
        e.moveTo(AlertState.RESOLVED);
        unindex(e);
        e.resolvedAt = at;
        e.resolution = resolution;
        resolvedIds.put(e.alertId, AlertState.RESOLVED);
        recentlyResolved.put(e.alertId, e.snapshot());
        emit(AlertEventType.RESOLVED, e, at, actor, reason);
        // A silence made for this alert ends with it: a recurrence alerts again.
        for (String id : silences.madeFor(e.alertId)) {
            expireSilence(id, AlertEvent.MONITOR, "its alert resolved", at);
        }
        reevaluateSuppressionAfter(e, null, at);
        incidents.changed(e, at);
    }

    // ---- suppression ----------------------------------------------------------------------------

    private Suppression suppressionOf(AlertEntry e, long now) {
        return suppressions.of(e, now, byPatient.getOrDefault(e.key.patientId(), List.of()));
    }

    /**
     * Re-evaluates the suppressions that a change of {@code e} can change: {@code e} was raised (its own
     * suppression just set), resolved (already out of the index), or its severity changed from
     * {@code severityBefore}. Without silences, an alert's suppression depends only on its own rule, key,
     * category and severity and on the patient's other active alerts as inhibition sources; so when
     * {@code e} matches no inhibition's source, before or after, no other alert's suppression can change and
     * only {@code e}'s own is looked at again (if its severity changed). Otherwise, with silences (they depend
     * on time and ward), or for a patient restored from the journal and not yet re-evaluated, all of the
     * patient's alerts are re-evaluated, as every change used to do. The events come out the same either way:
     * an alert whose suppression stays the same emits nothing.
     */
    private void reevaluateSuppressionAfter(AlertEntry e, Severity severityBefore, long now) {
        String patientId = e.key.patientId();
        if (!silences.isEmpty() || unverifiedSuppressions.contains(patientId)
                || suppressions.couldInhibit(e, severityBefore)) {
            reevaluateSuppression(patientId, now);
        } else if (severityBefore != null && e.state().isActive()) {
            reevaluateOne(e, now);
        }
    }

    /** Re-evaluates the suppression of a patient's active alerts ({@code null}: everyone's), in id order. */
    private void reevaluateSuppression(String patientId, long now) {
        List<AlertEntry> candidates = patientId == null ? new ArrayList<>(byId.values())
                : new ArrayList<>(byPatient.getOrDefault(patientId, List.of()));
        candidates.sort(BY_ID);
        for (AlertEntry e : candidates) {
            reevaluateOne(e, now);
        }
        if (patientId == null) {
            unverifiedSuppressions.clear();
        } else if (!unverifiedSuppressions.isEmpty()) {
            unverifiedSuppressions.remove(patientId);
        }
    }

    /** Re-evaluates one active alert's suppression; records and announces a change. */
    private void reevaluateOne(AlertEntry e, long now) {
        Suppression s = suppressionOf(e, now);
        if (Objects.equals(s, e.suppression)) {
            return;
        }
        Suppression before = e.suppression;
        e.suppression = s;
        if (s != null) {
            emit(AlertEventType.SUPPRESSED, e, now, AlertEvent.MONITOR, s.reason());
        } else {
            emit(AlertEventType.UNSUPPRESSED, e, now, AlertEvent.MONITOR, "no longer " + before.reason());
        }
        incidents.changed(e, now);
    }

    // ---- state ----------------------------------------------------------------------------------

    private void index(AlertEntry e) {
        active.put(e.key, e);
        byId.put(e.alertId, e);
        byPatient.computeIfAbsent(e.key.patientId(), p -> new ArrayList<>(4)).add(e);
        e.indexed = true;
    }

    private void unindex(AlertEntry e) {
        e.indexed = false;
        active.remove(e.key);
        byId.remove(e.alertId);
        List<AlertEntry> theirs = byPatient.get(e.key.patientId());
        if (theirs != null) {
            theirs.remove(e);
            if (theirs.isEmpty()) {
                byPatient.remove(e.key.patientId());
            }
        }
    }

    public List<Alert> activeAlerts() {
        List<Alert> all = new ArrayList<>();
        for (AlertEntry e : byId.values()) {
            all.add(e.snapshot());
        }
        all.sort(Comparator.comparing(Alert::alertId));
        return all;
    }

    /** An active alert, or one of the last {@link #RESOLVED_KEPT} resolved ones as it resolved; else null. */
    public Alert alert(String alertId) {
        AlertEntry e = byId.get(alertId);
        return e == null ? recentlyResolved.get(alertId) : e.snapshot();
    }

    /** An active alert only, or null: what paging may still page about. */
    public Alert activeAlert(String alertId) {
        AlertEntry e = byId.get(alertId);
        return e == null ? null : e.snapshot();
    }

    public Incident incident(String incidentId) {
        return incidents.get(incidentId, byId);
    }

    public List<Incident> openIncidents() {
        return incidents.open(byId);
    }

    public int openCount() {
        return byId.size();
    }

    public long raisedCount() {
        return raised;
    }

    private void emit(AlertEventType type, AlertEntry e, long at, String actor, String reason) {
        Alert snapshot = e.snapshot();
        if (recorder.enabled()) {
            recorder.record(JournalCodec.alert(type, e, actor, reason), at);
        }
        // Most events are stamped when the alert was last signalled: its snapshot's Instant (immutable) serves.
        Instant stamp = snapshot.lastSeenAt().toEpochMilli() == at ? snapshot.lastSeenAt() : Instant.ofEpochMilli(at);
        sink.alert(new AlertEvent(type, snapshot, stamp, actor, reason));
    }

    private void recordIncident(IncidentEvent.Type type, Incident i, long at) {
        if (recorder.enabled()) {
            recorder.record(JournalCodec.incident(type, i), at);
        }
    }

    // ---- recovery -------------------------------------------------------------------------------

    /**
     * New alert, incident and silence ids continue after every id the journal names, also those of steps
     * that were not restored (a crash before their commit): an id always means one alert.
     */
    public void reserveIds(List<String> ids) {
        for (String id : ids) {
            if (id.startsWith("alert-")) {
                alertSeq = Math.max(alertSeq, JournalCodec.seqOf(id));
            } else if (id.startsWith("silence-")) {
                silences.reserve(id);
            } else if (id.startsWith("incident-")) {
                incidents.restoreSeq(id);
            }
        }
    }

    /**
     * After a restore: an alert restored as suppressed by a silence that no longer exists (or an
     * inhibition whose source is gone) is unsuppressed now, and paged; the time is that of its last record.
     */
    public void reconcileSuppressions() {
        // At the latest time a restored alert knows of; there is one, since a suppressed alert was restored.
        boolean any = byId.values().stream().anyMatch(e -> e.suppression != null);
        if (any) {
            reevaluateSuppression(null, byId.values().stream().mapToLong(e -> e.lastEventAt).max().getAsLong());
        }
    }

    private static final java.util.Set<String> WATCHED_VITALS = java.util.Set.of("HEART_RATE", "SPO2", "RESPIRATORY_RATE",
            "SYSTOLIC_BP");

    /**
     * After a restore: the vitals of restored alerts to watch for signal loss again, one {patientId, vital,
     * lastReadingTs (or null), lost} each; lost when a signal-loss alert on the vital is open.
     */
    public List<Object[]> restoredVitals() {
        Map<String, Object[]> out = new LinkedHashMap<>();
        List<AlertEntry> all = new ArrayList<>(byId.values());
        all.sort(BY_ID);
        for (AlertEntry e : all) {
            String vital = e.key.key();
            if (vital == null || !WATCHED_VITALS.contains(vital)) {
                continue;
            }
            boolean lost = e.key.ruleId().equals("signal-loss");
            Object last = lost && e.evidence.get("lastReadingTs") instanceof Number n ? n.longValue() : null;
            String id = e.key.patientId() + "\u0000" + vital;
            if (lost || !out.containsKey(id)) {
                out.put(id, new Object[] {e.key.patientId(), vital, last, lost});
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Restores the alerts, silences and incidents a journal describes: call before the first signal. */
    public void restore(JournalRestore restored) {
        alertSeq = Math.max(alertSeq, restored.alertSeq);
        restored.alertTimes.forEach((id, times) -> restoredTimes.put(id, times.clone()));
        if (restored.silenceSeq > 0) {
            silences.reserve(JournalCodec.idOf("silence", restored.silenceSeq));
        }
        restored.raises.forEach((key, times) -> {
            RaiseTimes h = new RaiseTimes();
            times.forEach(h::add);
            raiseHistory.put(key, h);
        });
        restored.incidentIds.forEach(incidents::restoreSeq);
        Map<String, AlertEntry> latest = restored.alerts;
        Map<String, Silence> silenceState = restored.silences;
        Map<String, Long> incidentOpened = restored.incidentOpened;
        silences.restore(silenceState.values());
        for (AlertEntry e : latest.values()) {
            if (e.state().isActive()) {
                index(e);
                awaitingGrace.add(e);
                unverifiedSuppressions.add(e.key.patientId());
            } else {
                resolvedIds.put(e.alertId, e.state());
                restoredTimes.remove(e.alertId);
            }
        }
        restored.lastAt().ifPresent(lastAt -> {
            long horizon = lastAt - flapWindowMs;
            raiseHistory.values().forEach(h -> h.removeUpTo(horizon));
            raiseHistory.values().removeIf(RaiseTimes::isEmpty);
        });
        List<AlertEntry> active = new ArrayList<>(byId.values());
        active.sort(BY_ID);
        incidents.restore(active, incidentOpened, restored.incidentMembers);
    }
}
