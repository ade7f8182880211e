package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.testing.RecordingAlertListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs simulated patients through a monitor exactly as the command line's {@code replay} does: default
 * packs, the default five-level escalation over the stand-in roster, readings merged by timestamp
 * through {@link Replayer}, nobody acknowledging. Keeps every alert event and every page, and checks the
 * alert lifecycle of every scenario with the test kit's {@link RecordingAlertListener}: a run that breaks
 * it (an update after a resolution, a second RAISED) fails the test that made it.
 */
final class WardRun {
    final List<AlertEvent> events;
    /** Pages in the order they went out, one per notification (a retry of the same page is not a page). */
    final List<Notification> pages = new ArrayList<>();
    final String stderr;
    final Replayer.Counts counts;

    private WardRun(List<WardSim.Patient> patients, Duration length, List<ObservationReader.Reading> recorded) {
        Map<String, Notification> byKey = new LinkedHashMap<>();
        StringWriter err = new StringWriter();
        List<ObservationReader.Reading> readings = new ArrayList<>(recorded);
        RecordingAlertListener alerts = new RecordingAlertListener();
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.defaults())
                .listenerExecutor(Runnable::run)
                .listener(alerts)
                .paging(ReplayPaging.paging(EscalationChain.defaults(), Writer.nullWriter(), new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt a) {
                        Notification n = a.notification();
                        synchronized (byKey) {
                            byKey.putIfAbsent(n.idempotencyKey() + "|" + n.recipient().id(), n);
                        }
                    }
                }))
                .build()) {
            for (WardSim.Patient p : patients) {
                monitor.register(p.context);
                readings.addAll(WardSim.readings(p, length));
            }
            // As the command line does by default: unknown patients warned about, no drain after the input.
            counts = Replayer.replay(monitor, readings, new PrintWriter(err, true), UnknownPatientPolicy.WARN, Duration.ZERO);
        }
        synchronized (byKey) {
            pages.addAll(byKey.values());
        }
        stderr = err.toString();
        events = alerts.events();
        alerts.assertNoFailures();
    }

    static WardRun of(List<WardSim.Patient> patients, Duration length) {
        return new WardRun(patients, length, List.of());
    }

    /** Recorded readings (a BIDMC replay, say) with no simulated patients. */
    static WardRun ofReadings(List<ObservationReader.Reading> readings) {
        return new WardRun(List.of(), Duration.ZERO, readings);
    }

    static double minute(Instant t) {
        return Duration.between(WardSim.START, t).toMillis() / 60_000.0;
    }

    List<AlertEvent> physiological(String patientId) {
        return events.stream().filter(e -> e.alert().patientId().equals(patientId)
                && e.alert().category() == Category.PHYSIOLOGICAL).toList();
    }

    /** Level-1 pages of physiological alerts that ask for a response (not the resolved notices). */
    List<Notification> bedsidePages(String patientId) {
        return pages.stream().filter(n -> n.patientId().equals(patientId) && n.escalationLevel() == 1
                && n.category() == Category.PHYSIOLOGICAL && n.event() != EventKind.RESOLVED).toList();
    }

    /** Every page that asks a person to respond, at any level, physiological or technical. */
    List<Notification> actionablePages(String patientId) {
        return pages.stream().filter(n -> n.patientId().equals(patientId) && n.escalationLevel() > 0
                && n.event() != EventKind.RESOLVED).toList();
    }
}
