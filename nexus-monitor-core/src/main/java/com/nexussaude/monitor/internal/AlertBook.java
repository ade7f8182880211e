package com.nexussaude.monitor.internal;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The alert lifecycle: turns the stream of alert signals and clears from the rules into alerts that
 * open once, update, change severity and resolve.
 *
 * <p>Identity: at most one open alert per (patient, rule, key). A signal for an open alert updates
 * it; its severity is the highest signalled while open. A clear moves it to CLEARING; it resolves if
 * no new signal arrives within {@code resolveHold} (hysteresis). An alert not signalled again
 * within its ttl resolves as stale.
 *
 * <p>Not thread-safe: only the engine thread calls it, under the engine lock. Events go to
 * {@code sink} in the order they happen; the sink hands them to the listener dispatcher.
 */
final class AlertBook {
    record Key(String patientId, String ruleId, String key) {
    }

    /** A validated signal from the AlertSignal stream. */
    record Signal(String patientId, String ruleId, String key, Severity severity, Category category, String message,
                  Map<String, Object> evidence, long ttlMs) {
    }

    private static final class Entry {
        final String alertId;
        final Key key;
        final Category category;
        final long raisedAt;
        Severity severity;
        String message;
        Map<String, Object> evidence;
        AlertState state = AlertState.OPEN;
        long lastSeen;
        long ttlMs;
        long clearAt;
        long lastEventAt;
        long count;

        Entry(String alertId, Key key, Category category, long raisedAt) {
            this.alertId = alertId;
            this.key = key;
            this.category = category;
            this.raisedAt = raisedAt;
        }

        long deadline() {
            return state == AlertState.CLEARING ? clearAt : lastSeen + ttlMs;
        }
    }

    private record Timer(long due, Key key) {
    }

    private final Map<Key, Entry> open = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::due));
    private final Consumer<AlertEvent> sink;
    private final long resolveHoldMs;
    private final long updateIntervalMs;
    private long seq;
    private long raised;

    AlertBook(Consumer<AlertEvent> sink, long resolveHoldMs, long updateIntervalMs) {
        this.sink = sink;
        this.resolveHoldMs = resolveHoldMs;
        this.updateIntervalMs = updateIntervalMs;
    }

    void signal(Signal s, long now) {
        Key k = new Key(s.patientId(), s.ruleId(), s.key());
        Entry e = open.get(k);
        if (e == null) {
            e = new Entry(String.format("alert-%06d", ++seq), k, s.category(), now);
            e.severity = s.severity();
            absorb(e, s, now);
            e.lastEventAt = now;
            open.put(k, e);
            raised++;
            timers.add(new Timer(e.deadline(), k));
            emit(AlertEventType.RAISED, e, now);
            return;
        }
        absorb(e, s, now);
        e.state = AlertState.OPEN;
        if (s.severity().isAbove(e.severity)) {
            e.severity = s.severity();
            e.lastEventAt = now;
            emit(AlertEventType.SEVERITY_CHANGED, e, now);
        } else if (updateIntervalMs > 0 && now - e.lastEventAt >= updateIntervalMs) {
            e.lastEventAt = now;
            emit(AlertEventType.UPDATED, e, now);
        }
    }

    void clear(String patientId, String ruleId, String key, long now) {
        Entry e = open.get(new Key(patientId, ruleId, key));
        if (e != null && e.state == AlertState.OPEN) {
            e.state = AlertState.CLEARING;
            e.clearAt = now + resolveHoldMs;
            timers.add(new Timer(e.clearAt, e.key));
        }
    }

    /** Fires every timer due at or before {@code now}. */
    void advance(long now) {
        while (!timers.isEmpty() && timers.peek().due() <= now) {
            Timer t = timers.poll();
            Entry e = open.get(t.key());
            if (e == null) {
                continue;
            }
            long deadline = e.deadline();
            if (deadline > now) {
                // The alert was signalled since this timer was set: wait for its new deadline.
                if (deadline != t.due()) {
                    timers.add(new Timer(deadline, t.key()));
                }
                continue;
            }
            resolve(e, deadline, e.state == AlertState.CLEARING ? "cleared" : "stale: not signalled for " + e.ttlMs / 1000 + " s");
        }
    }

    /** Resolves every open alert of a discharged patient. */
    void discharge(String patientId, long now) {
        List<Entry> theirs = new ArrayList<>();
        for (Entry e : open.values()) {
            if (e.key.patientId().equals(patientId)) {
                theirs.add(e);
            }
        }
        theirs.sort(Comparator.comparing(e -> e.alertId));
        for (Entry e : theirs) {
            resolve(e, now, "discharged");
        }
    }

    List<Alert> openAlerts() {
        List<Alert> all = new ArrayList<>();
        for (Entry e : open.values()) {
            all.add(snapshot(e, null, null));
        }
        all.sort(Comparator.comparing(Alert::alertId));
        return all;
    }

    int openCount() {
        return open.size();
    }

    long raisedCount() {
        return raised;
    }

    private void absorb(Entry e, Signal s, long now) {
        e.message = s.message();
        e.evidence = s.evidence();
        e.lastSeen = now;
        e.ttlMs = s.ttlMs();
        e.count++;
    }

    private void resolve(Entry e, long at, String reason) {
        open.remove(e.key);
        e.state = AlertState.RESOLVED;
        sink.accept(new AlertEvent(AlertEventType.RESOLVED, snapshot(e, Instant.ofEpochMilli(at), reason),
                Instant.ofEpochMilli(at)));
    }

    private void emit(AlertEventType type, Entry e, long now) {
        sink.accept(new AlertEvent(type, snapshot(e, null, null), Instant.ofEpochMilli(now)));
    }

    private static Alert snapshot(Entry e, Instant resolvedAt, String resolution) {
        return new Alert(e.alertId, e.key.patientId(), e.key.ruleId(), Objects.requireNonNullElse(e.key.key(), ""),
                e.severity, e.category, e.message, e.evidence, e.state, Instant.ofEpochMilli(e.raisedAt),
                Instant.ofEpochMilli(e.lastSeen), e.count, resolvedAt, resolution);
    }
}
