package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import com.nexussaude.monitor.internal.journal.JournalCodec;

/**
 * The silences in force or scheduled, their ids, and the next time one starts or ends. {@link AlertBook}
 * asks it which silence mutes an alert and when to look again; recording and re-evaluating the alerts
 * stay with the book. Same thread, same lock as the book.
 */
final class Silences {
    /** By id, in creation order: the first matching silence names an alert's suppression. */
    private final Map<String, Silence> byId = new LinkedHashMap<>();
    private long seq;
    /** Silence starts and ends up to this time have been applied. */
    private long checkedAt = Long.MIN_VALUE;
    /** The next silence start or end after checkedAt; kept so that advancing the clock reads one field. */
    private long nextBoundary = Long.MAX_VALUE;

    /**
     * A new silence from a request, given the next id and a start (now, unless the request says when).
     *
     * @param isActiveAlert whether an alert id names an active alert (a silence until resolved needs one)
     * @throws IllegalArgumentException when it would end before it starts to matter, or its alert is not active
     */
    Silence add(Silence request, long now, Predicate<String> isActiveAlert) {
        if (request.endsAt() != null && request.endsAt().toEpochMilli() <= now) {
            throw new IllegalArgumentException("silence ends at " + request.endsAt() + ", which is not after the monitor clock "
                    + Instant.ofEpochMilli(now));
        }
        if (request.untilResolvedAlertId() != null && !isActiveAlert.test(request.untilResolvedAlertId())) {
            throw new IllegalArgumentException("cannot silence '" + request.untilResolvedAlertId()
                    + "' until resolved: it is not an active alert");
        }
        Silence s = new Silence(JournalCodec.idOf("silence", ++seq), request.patientId(), request.ward(),
                request.matcher(), request.startsAt() == null ? Instant.ofEpochMilli(now) : request.startsAt(),
                request.endsAt(), request.untilResolvedAlertId(), request.createdBy(), request.comment());
        byId.put(s.silenceId(), s);
        nextBoundary = boundaryAfter(checkedAt);
        return s;
    }

    /** Removes a silence; returns it, or null if there was none of that id. */
    Silence remove(String silenceId) {
        Silence s = byId.remove(silenceId);
        if (s != null) {
            nextBoundary = boundaryAfter(checkedAt);
        }
        return s;
    }

    /** True when no silence is in force or scheduled. */
    boolean isEmpty() {
        return byId.isEmpty();
    }

    List<Silence> all() {
        return List.copyOf(byId.values());
    }

    /** The next start or end of a silence not yet applied, {@code Long.MAX_VALUE} if none. */
    long nextBoundary() {
        return nextBoundary;
    }

    /** Nothing starts or ends between the last boundary and {@code now}: remembers that it was looked at. */
    void checkedUpTo(long now) {
        checkedAt = Math.max(checkedAt, now);
    }

    /** The boundary at {@code at} has been applied: the next one is after it. */
    void passed(long at) {
        checkedAt = at;
        nextBoundary = boundaryAfter(checkedAt);
    }

    /** The ids of the silences whose end is at or before {@code at}, in creation order. */
    List<String> endedBy(long at) {
        List<String> ended = new ArrayList<>();
        for (Silence s : byId.values()) {
            if (s.endsAt() != null && s.endsAt().toEpochMilli() <= at) {
                ended.add(s.silenceId());
            }
        }
        return ended;
    }

    /** The ids of the silences made for one alert until it resolves, in creation order. */
    List<String> madeFor(String alertId) {
        List<String> theirs = new ArrayList<>();
        for (Silence s : byId.values()) {
            if (alertId.equals(s.untilResolvedAlertId())) {
                theirs.add(s.silenceId());
            }
        }
        return theirs;
    }

    /**
     * The first silence (in creation order) in force at {@code now} that matches the alert: its patient,
     * its own alert if it is one made until resolved, its matcher, and its ward, asked of {@code wardOf}
     * only when a silence names one; else null.
     */
    Silence silencing(AlertEntry e, long now, Function<String, String> wardOf) {
        if (byId.isEmpty()) {
            return null; // the usual case, asked on every raise: no Instant, no iterator
        }
        Instant t = Instant.ofEpochMilli(now);
        String ward = null;
        boolean wardKnown = false;
        for (Silence s : byId.values()) {
            if (!s.inForceAt(t) || (s.patientId() != null && !s.patientId().equals(e.key.patientId()))
                    || (s.untilResolvedAlertId() != null && !s.untilResolvedAlertId().equals(e.alertId))
                    || !s.matcher().matches(e.key.ruleId(), e.keyText(), e.category, e.severity)) {
                continue;
            }
            if (s.ward() != null) {
                if (!wardKnown) {
                    ward = wardOf.apply(e.key.patientId());
                    wardKnown = true;
                }
                if (!s.ward().equals(ward)) {
                    continue;
                }
            }
            return s;
        }
        return null;
    }

    /** New silence ids continue after this one (a journal names it). */
    void reserve(String silenceId) {
        seq = Math.max(seq, JournalCodec.seqOf(silenceId));
    }

    /** The silences a journal left in force, in the order they were created; call before the first signal. */
    void restore(Collection<Silence> restored) {
        for (Silence s : restored) {
            byId.put(s.silenceId(), s);
        }
        nextBoundary = boundaryAfter(checkedAt);
    }

    private long boundaryAfter(long after) {
        long next = Long.MAX_VALUE;
        for (Silence s : byId.values()) {
            long start = s.startsAt().toEpochMilli();
            if (start > after) {
                next = Math.min(next, start);
            }
            if (s.endsAt() != null && s.endsAt().toEpochMilli() > after) {
                next = Math.min(next, s.endsAt().toEpochMilli());
            }
        }
        return next;
    }
}
