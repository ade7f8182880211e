package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The single-process replay of the ward, the way the command line's replay drives an event-time monitor:
 * one monitor for every patient, observations sorted by timestamp, listeners in line, then the clock
 * advanced to the end of the input. What it announces is the expected output of the Kafka nodes.
 */
final class Reference {
    /** Alert events as {@code patient|rule|key|event|severity|at}, in order. */
    final List<String> alertEvents = new ArrayList<>();
    /** Raised alerts as {@code patient|rule|key|severity|at}. */
    final List<String> raised = new ArrayList<>();
    /** Incident events as {@code patient|event|severity|at}. */
    final List<String> incidentEvents = new ArrayList<>();
    /** Pages as {@code patient|recipient|channel|level|event|severity|at}. */
    final List<String> pages = new ArrayList<>();
    /** Per patient, when each alert was raised and resolved (null while open at the end). */
    final List<Instant[]> spans = new ArrayList<>();
    final List<String> spanPatients = new ArrayList<>();

    private static Reference ward;

    /** The replay of {@link Ward}, computed once per test JVM. */
    static synchronized Reference ward() {
        if (ward == null) {
            ward = replay(Ward.observations(), Ward.end());
        }
        return ward;
    }

    static Reference replay(List<Observation> input, Instant end) {
        Reference ref = new Reference();
        WardSetup setup = new WardSetup();
        Paging.Builder paging = setup.paging();
        for (String name : setup.pageChannels()) {
            paging.channel(ref.channel(name));
        }
        List<Observation> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing(Observation::timestamp));
        try (VitalMonitor m = setup.monitor().clock(MonitorClock.eventTime()).listenerExecutor(Runnable::run)
                .listener(ref::onAlert).incidentListener(e -> ref.incidentEvents.add(incidentEvent(
                        e.incident().patientId(), e.type().wireName(), e.incident().severity().wireName(),
                        e.timestamp().toString())))
                .paging(paging.build()).build()) {
            setup.prepare(m);
            for (Observation o : sorted) {
                m.submit(o);
            }
            m.advanceTo(end);
        }
        return ref;
    }

    private void onAlert(AlertEvent e) {
        var a = e.alert();
        String event = e.type().name().toLowerCase(Locale.ROOT);
        alertEvents.add(alertEvent(a.patientId(), a.ruleId(), a.key(), event, a.severity().wireName(),
                e.timestamp().toString()));
        if (event.equals("raised")) {
            raised.add(raisedAlert(a.patientId(), a.ruleId(), a.key(), a.severity().wireName(), a.raisedAt().toString()));
            spans.add(new Instant[] {a.raisedAt(), null});
            spanPatients.add(a.patientId() + "|" + a.alertId());
        } else if (event.equals("resolved")) {
            int i = spanPatients.indexOf(a.patientId() + "|" + a.alertId());
            spans.get(i)[1] = e.timestamp();
        }
    }

    /** Whether {@code patient} had an alert open at {@code t}: raised before it and resolved after it. */
    boolean openAt(String patient, Instant t) {
        for (int i = 0; i < spans.size(); i++) {
            Instant[] s = spans.get(i);
            if (spanPatients.get(i).startsWith(patient + "|") && s[0].isBefore(t) && (s[1] == null || s[1].isAfter(t))) {
                return true;
            }
        }
        return false;
    }

    static String alertEvent(String patient, String rule, String key, String event, String severity, String at) {
        return patient + "|" + rule + "|" + key + "|" + event + "|" + severity + "|" + at;
    }

    static String incidentEvent(String patient, String event, String severity, String at) {
        return patient + "|" + event + "|" + severity + "|" + at;
    }

    static String raisedAlert(String patient, String rule, String key, String severity, String at) {
        return patient + "|" + rule + "|" + key + "|" + severity + "|" + at;
    }

    static String page(String patient, String recipient, String channel, Object level, String event, String severity,
                       String at) {
        return patient + "|" + recipient + "|" + channel + "|" + level + "|" + event + "|" + severity + "|" + at;
    }

    private NotificationChannel channel(String name) {
        return new NotificationChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public DeliveryResult deliver(Notification n) {
                pages.add(page(n.patientId(), n.recipient().id(), n.channel(), n.escalationLevel(), n.event().wireName(),
                        n.severity().wireName(), n.timestamp().toString()));
                return DeliveryResult.delivered("recorded");
            }

            @Override
            public boolean deduplicates() {
                return true; // as the node's pages-topic channel
            }
        };
    }
}
