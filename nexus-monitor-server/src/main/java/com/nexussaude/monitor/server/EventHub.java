package com.nexussaude.monitor.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans the monitor's events out to live clients (WebSocket and SSE), each under a <b>server
 * sequence number</b>: one counter for every event this server process published, strictly
 * increasing, starting at 1 when the process starts. (It is not the journal's sequence: the
 * library's listener events do not carry it, and score and vitals events are not journalled.)
 * The last {@code capacity} events are kept so that a client that reconnects asks for everything
 * after the last number it saw; asking for more than is kept, or for a number of an earlier server
 * process (larger than the current one), gets a {@code gap} answer telling it to reload through
 * the REST API.
 *
 * <p>{@link #publish} never blocks: it runs on the monitor's listener thread, so a client that
 * does not keep up is dropped by its own bounded queue ({@link Subscriber#offer}), never waited for.
 */
final class EventHub {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published event: its sequence, channel (alerts, incidents, scores, vitals), patient and wire text. */
    record Event(long seq, String channel, String patientId, String type, String json) {
        /** Whether a subscription name ({@code alerts}, {@code vitals:bed-3}) covers this event. */
        boolean matches(String subscription) {
            int colon = subscription.indexOf(':');
            if (colon < 0) {
                return subscription.equals(channel);
            }
            return subscription.substring(0, colon).equals(channel) && subscription.substring(colon + 1).equals(patientId);
        }
    }

    /** A live client. {@code offer} must not block; it is called under the hub's lock. */
    interface Subscriber {
        Set<String> subscriptions();

        void offer(Event e, boolean replay);
    }

    /** The channels a client may subscribe to; {@code vitals} needs a patient: {@code vitals:ID}. */
    static final Set<String> CHANNELS = Set.of("alerts", "incidents", "scores", "vitals");

    private final Object lock = new Object();
    private final ArrayDeque<Event> ring = new ArrayDeque<>();
    private final int capacity;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final AtomicLong published = new AtomicLong();
    private long seq;

    EventHub(int capacity) {
        this.capacity = capacity;
    }

    /** Checks a subscription name; returns null if valid, else why not. */
    static String invalidSubscription(String name) {
        if (name == null || name.isBlank()) {
            return "channel is required: one of alerts, incidents, scores, vitals:PATIENT_ID";
        }
        int colon = name.indexOf(':');
        String base = colon < 0 ? name : name.substring(0, colon);
        if (!CHANNELS.contains(base)) {
            return "unknown channel \"" + name + "\": one of alerts, incidents, scores, vitals:PATIENT_ID";
        }
        if (base.equals("vitals") && (colon < 0 || colon == name.length() - 1)) {
            return "the vitals channel is per patient: vitals:PATIENT_ID (or \"patient_id\" in the message)";
        }
        if (!base.equals("vitals") && colon >= 0) {
            return "channel \"" + base + "\" takes no patient";
        }
        return null;
    }

    Event publish(String channel, String patientId, String type, Map<String, Object> data) {
        synchronized (lock) {
            long s = ++seq;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", s);
            m.put("channel", channel);
            m.put("type", type);
            m.put("data", data);
            Event e = new Event(s, channel, patientId, type, write(m));
            ring.addLast(e);
            if (ring.size() > capacity) {
                ring.pollFirst();
            }
            published.incrementAndGet();
            for (Subscriber sub : subscribers) {
                for (String name : sub.subscriptions()) {
                    if (e.matches(name)) {
                        sub.offer(e, false);
                        break;
                    }
                }
            }
            return e;
        }
    }

    /**
     * Adds {@code names} to a subscriber's subscriptions and, if {@code since} is given, queues the
     * kept events after it that match them, atomically with respect to {@link #publish}: nothing is
     * missed or sent twice between the replay and the live events.
     *
     * @return null if the replay is complete (or not asked for), else a {@code gap} message
     */
    Map<String, Object> subscribe(Subscriber sub, List<String> names, Long since) {
        synchronized (lock) {
            sub.subscriptions().addAll(names);
            subscribers.add(sub);
            if (since == null) {
                return null;
            }
            long oldest = ring.isEmpty() ? seq + 1 : ring.peekFirst().seq();
            Map<String, Object> gap = null;
            if (since > seq || since < oldest - 1) {
                gap = new LinkedHashMap<>();
                gap.put("type", "gap");
                gap.put("since", since);
                gap.put("oldest_kept", oldest);
                gap.put("latest", seq);
                gap.put("detail", since > seq
                        ? "sequence " + since + " is from an earlier server process (latest is " + seq + "): reload through the REST API"
                        : "events after " + since + " are no longer kept (oldest kept is " + oldest + "): reload through the REST API");
                if (since > seq) {
                    return gap;
                }
            }
            for (Event e : ring) {
                if (e.seq() > since) {
                    for (String name : names) {
                        if (e.matches(name)) {
                            sub.offer(e, true);
                            break;
                        }
                    }
                }
            }
            return gap;
        }
    }

    void unsubscribe(Subscriber sub) {
        subscribers.remove(sub);
    }

    long latestSeq() {
        synchronized (lock) {
            return seq;
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events published since start (for the metrics). */
    long published() {
        return published.get();
    }

    /** Every kept event (tests and diagnostics). */
    List<Event> kept() {
        synchronized (lock) {
            return new ArrayList<>(ring);
        }
    }
}
