package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.nexussaude.monitor.internal.journal.JournalCodec;

/**
 * Groups a patient's concurrent alerts into one incident and keeps its headline, severity and state.
 * Part of {@link AlertBook}: same thread, same lock.
 */
final class IncidentBook {
    interface IncidentRecorder {
        void record(IncidentEvent.Type type, Incident incident, long at);

        /** False when nothing is recorded. */
        default boolean enabled() {
            return true;
        }
    }

    /**
     * The headline order: the most severe active alert, then the most specific (physiological before
     * technical, a headline rule's before the single-parameter alerts it explains), then the earliest raised,
     * then the lower id. Negative when {@code a} comes first. Written out rather than composed from
     * {@link Comparator} combinators: it runs on every raise, where each lambda and boxed key costs.
     */
    private int headlineOrder(AlertEntry a, AlertEntry b) {
        int c = b.severity.compareTo(a.severity);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(specificity(b), specificity(a));
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.raisedAt, b.raisedAt);
        return c != 0 ? c : a.alertId.compareTo(b.alertId);
    }

    static final class Inc {
        final String id;
        final String patientId;
        final long openedAt;
        final List<String> alertIds = new ArrayList<>();
        /**
         * The entries of {@link #alertIds} this book has, in the same order; those resolved since are dropped as
         * they are met. What a change derives from, without a look-up of each id in the active alerts' map.
         */
        final List<AlertEntry> members = new ArrayList<>(4);
        /** An unmodifiable copy of {@link #alertIds} for snapshots, made once per change of it; null: stale. */
        private List<String> alertIdsCopy;
        Incident.State state;
        Severity severity;
        String headlineId;
        /** Unmodifiable (List.of), so that an {@link Incident} made of it shares it instead of copying it. */
        List<String> activeIds = List.of();

        Inc(String id, String patientId, long openedAt) {
            this.id = id;
            this.patientId = patientId;
            this.openedAt = openedAt;
        }

        void add(String alertId) {
            alertIds.add(alertId);
            alertIdsCopy = null;
        }

        void addAll(java.util.Collection<String> ids) {
            alertIds.addAll(ids);
            alertIdsCopy = null;
        }

        List<String> alertIdsCopy() {
            if (alertIdsCopy == null) {
                alertIdsCopy = List.copyOf(alertIds);
            }
            return alertIdsCopy;
        }
    }

    private final Map<String, Inc> openByPatient = new HashMap<>();
    /** The active members of the incident {@link #changed} derives, reused: nothing keeps it past the call. */
    private final ArrayList<AlertEntry> scratch = new ArrayList<>();
    private final Map<String, Inc> byId = new HashMap<>();
    private final IncidentRecorder recorder;
    private final AlertBook.LifecycleSink sink;
    private final HeadlineRules headlineRules;
    private long seq;

    IncidentBook(IncidentRecorder recorder, AlertBook.LifecycleSink sink, HeadlineRules headlineRules) {
        this.recorder = recorder;
        this.sink = sink;
        this.headlineRules = headlineRules;
    }

    private int specificity(AlertEntry e) {
        int rank = headlineRules.contains(e.key.ruleId()) ? 2 : 1;
        return e.category == Category.PHYSIOLOGICAL ? rank + 10 : rank;
    }

    /** A new alert joins its patient's open incident, or opens one; returns the incident id. */
    String join(AlertEntry e, long now) {
        Inc inc = openByPatient.get(e.key.patientId());
        if (inc == null) {
            inc = new Inc(JournalCodec.idOf("incident", ++seq), e.key.patientId(), now);
            openByPatient.put(inc.patientId, inc);
            byId.put(inc.id, inc);
        }
        inc.add(e.alertId);
        inc.members.add(e);
        e.incident = inc;
        return inc.id;
    }

    /** Re-derives the incident of an alert that changed; records and emits what changed about it. */
    void changed(AlertEntry e, long now) {
        // The alert's own incident, as byId.get(e.incidentId) would find it: null once resolved (then removed).
        Inc inc = e.incident;
        if (inc == null || inc.state == Incident.State.RESOLVED) {
            return;
        }
        List<AlertEntry> active = activeMembers(inc);
        try {
            rederive(inc, active, now);
        } finally {
            scratch.clear();
        }
    }

    /** Derives {@code inc} from its {@code active} alerts; records and emits what changed about it. */
    private void rederive(Inc inc, List<AlertEntry> active, long now) {
        Incident.State before = inc.state;
        Severity severityBefore = inc.severity;
        String headlineBefore = inc.headlineId;
        List<String> activeBefore = inc.activeIds;
        derive(inc, active);

        IncidentEvent.Type type;
        if (active.isEmpty()) {
            inc.state = Incident.State.RESOLVED;
            openByPatient.remove(inc.patientId);
            byId.remove(inc.id);
            type = IncidentEvent.Type.RESOLVED;
        } else if (before == null) {
            type = IncidentEvent.Type.OPENED;
        } else if (before == Incident.State.ACKNOWLEDGED && inc.state == Incident.State.OPEN) {
            type = IncidentEvent.Type.REOPENED;
        } else if (inc.severity.isAbove(severityBefore)) {
            type = IncidentEvent.Type.ESCALATED;
        } else if (before == Incident.State.OPEN && inc.state == Incident.State.ACKNOWLEDGED) {
            type = IncidentEvent.Type.ACKNOWLEDGED;
        } else if (!inc.headlineId.equals(headlineBefore) || inc.severity != severityBefore
                || !inc.activeIds.equals(activeBefore)) {
            type = IncidentEvent.Type.UPDATED;
        } else {
            return;
        }
        if (!recorder.enabled() && !sink.wantsIncidents()) {
            return; // nobody records or hears it: the incident's state above is all that changes
        }
        Incident snapshot = snapshot(inc, active, now);
        recorder.record(type, snapshot, now);
        sink.incident(new IncidentEvent(type, snapshot, Instant.ofEpochMilli(now)));
    }

    /**
     * Headline and severity from the active alerts; ACKNOWLEDGED when no active alert needs a person
     * (each is acknowledged or suppressed) and at least one is acknowledged.
     */
    private void derive(Inc inc, List<AlertEntry> active) {
        inc.activeIds = idsOf(active);
        if (active.isEmpty()) {
            return;
        }
        AlertEntry head = active.get(0);
        for (int i = 1; i < active.size(); i++) {
            AlertEntry a = active.get(i);
            if (headlineOrder(head, a) > 0) {
                head = a;
            }
        }
        inc.headlineId = head.alertId;
        inc.severity = head.severity;
        boolean needsPerson = false;
        boolean acked = false;
        for (AlertEntry a : active) {
            if (a.state() == AlertState.ACKNOWLEDGED) {
                acked = true;
            } else if (a.suppression == null) {
                needsPerson = true;
            }
        }
        inc.state = !needsPerson && acked ? Incident.State.ACKNOWLEDGED : Incident.State.OPEN;
    }

    /** The ids of {@code active}, unmodifiable (as {@code List.of}), without an array for one or two. */
    private static List<String> idsOf(List<AlertEntry> active) {
        switch (active.size()) {
            case 0: return List.of();
            case 1: return List.of(active.get(0).alertId);
            case 2: return List.of(active.get(0).alertId, active.get(1).alertId);
            default:
                String[] ids = new String[active.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = active.get(i).alertId;
                }
                return List.of(ids);
        }
    }

    /**
     * The incident's active alerts in the order they joined, as {@link #activeOf}{@code (inc.alertIds, activeById)}
     * finds them: an entry is active while the book indexes it; a member no longer indexed is resolved for good
     * (ids are never reused), so it is dropped from the members here.
     */
    private List<AlertEntry> activeMembers(Inc inc) {
        List<AlertEntry> members = inc.members;
        for (int i = 0; i < members.size(); ) {
            AlertEntry a = members.get(i);
            if (a.indexed) {
                scratch.add(a);
                i++;
            } else {
                members.remove(i);
            }
        }
        return scratch;
    }

    private static Incident snapshot(Inc inc, List<AlertEntry> active, long now) {
        AlertEntry head = null;
        for (AlertEntry a : active) {
            if (a.alertId.equals(inc.headlineId)) {
                head = a;
                break;
            }
        }
        return new Incident(inc.id, inc.patientId, inc.state, inc.severity, inc.headlineId,
                head == null ? null : head.message, inc.alertIdsCopy(), inc.activeIds, Instant.ofEpochMilli(inc.openedAt),
                inc.state == Incident.State.RESOLVED ? Instant.ofEpochMilli(now) : null);
    }

    /** The entries of {@code ids} that are active, in the order of {@code ids}. */
    private static List<AlertEntry> activeOf(List<String> ids, Map<String, AlertEntry> activeById) {
        List<AlertEntry> active = new ArrayList<>(ids.size());
        for (String id : ids) {
            AlertEntry a = activeById.get(id);
            if (a != null) {
                active.add(a);
            }
        }
        return active;
    }

    /** An open incident, or null. */
    Incident get(String incidentId, Map<String, AlertEntry> activeById) {
        Inc inc = byId.get(incidentId);
        if (inc == null) {
            return null;
        }
        return snapshot(inc, activeOf(inc.activeIds, activeById), 0);
    }

    List<String> activeAlertIds(String incidentId) {
        Inc inc = byId.get(incidentId);
        if (inc == null) {
            throw new IllegalArgumentException("no open incident '" + incidentId + "' in this monitor");
        }
        return inc.activeIds;
    }

    List<Incident> open(Map<String, AlertEntry> activeById) {
        List<Incident> out = new ArrayList<>();
        for (Inc inc : byId.values()) {
            out.add(snapshot(inc, activeOf(inc.activeIds, activeById), 0));
        }
        out.sort(Comparator.comparing(Incident::incidentId));
        return out;
    }

    void restoreSeq(String incidentId) {
        seq = Math.max(seq, JournalCodec.seqOf(incidentId));
    }

    /**
     * Rebuilds the open incidents of restored active alerts, silently (they were announced before), each with
     * every alert the journal names in it ({@code members}, in the order they joined), resolved ones included.
     */
    void restore(List<AlertEntry> activeAlerts, Map<String, Long> openedAt,
                 Map<String, ? extends java.util.Collection<String>> members) {
        for (AlertEntry e : activeAlerts) {
            if (e.incidentId == null) {
                e.incidentId = join(e, e.raisedAt);
                continue;
            }
            Inc inc = byId.computeIfAbsent(e.incidentId, id -> {
                Inc restored = new Inc(id, e.key.patientId(), openedAt.getOrDefault(id, e.raisedAt));
                java.util.Collection<String> all = members.get(id);
                if (all != null) {
                    restored.addAll(all);
                }
                return restored;
            });
            openByPatient.putIfAbsent(inc.patientId, inc);
            if (!inc.alertIds.contains(e.alertId)) {
                inc.add(e.alertId);
            }
            e.incident = inc;
            seq = Math.max(seq, JournalCodec.seqOf(e.incidentId));
        }
        Map<String, AlertEntry> byAlert = new HashMap<>();
        activeAlerts.forEach(a -> byAlert.put(a.alertId, a));
        for (Inc inc : byId.values()) {
            List<AlertEntry> active = activeOf(inc.alertIds, byAlert);
            inc.members.clear();
            inc.members.addAll(active);
            derive(inc, active);
        }
    }
}
