package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import java.io.Writer;
import java.util.TreeMap;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.Severity;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.UnknownPatientPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nexus-monitor demo}: replays the {@link DemoScenario} ward through a default monitor and
 * tells what happened, one line per alert event, then a summary per patient.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a simulated six-bed ward for three hours (deterministic) and prints the alerts.")
final class DemoCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--jsonl", description = "Print the events as the replay's JSON Lines instead.")
    boolean jsonl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ObservationReader.Reading> readings = DemoScenario.generate();
        List<AlertEvent> events = new ArrayList<>();
        List<IncidentEvent> incidents = new ArrayList<>();
        Replayer.Counts counts;
        // Pages go through the default five-level escalation; nobody acknowledges in the demo.
        Map<String, Map<Integer, Integer>> pagesByLevel = new LinkedHashMap<>();
        DeliveryListener countPages = new DeliveryListener() {
            @Override
            public void onAttempt(DeliveryAttempt a) {
                if (a.notification().escalationLevel() > 0) {
                    pagesByLevel.computeIfAbsent(a.notification().patientId(), k -> new TreeMap<>())
                            .merge(a.notification().escalationLevel(), 1, Integer::sum);
                }
            }
        };
        try (VitalMonitor monitor = VitalMonitor.builder()
                .listenerExecutor(Runnable::run)
                .listener(events::add)
                .incidentListener(incidents::add)
                .paging(ReplayPaging.paging(EscalationChain.defaults(), Writer.nullWriter(), countPages))
                .build()) {
            // The simulated ward's beds are admitted, as a hospital system would register them.
            DemoScenario.PATIENTS.forEach(p -> monitor.register(PatientContext.of(p.id())));
            counts = Replayer.replay(monitor, readings, err, UnknownPatientPolicy.WARN, Duration.ZERO);
        }
        if (jsonl) {
            events.forEach(e -> out.println(AlertJson.toJson(e)));
            out.flush();
            return 0;
        }
        out.printf("Nexus Monitor demo: %d beds, %s to %s, %d observations (%d accepted)%n%n",
                DemoScenario.PATIENTS.size(), TIME.format(DemoScenario.START),
                TIME.format(DemoScenario.START.plus(DemoScenario.LENGTH)), counts.read(), counts.accepted());
        for (AlertEvent e : events) {
            out.println(line(e));
        }
        out.println();
        out.println("Per patient:");
        Map<String, Map<Severity, Integer>> raised = new LinkedHashMap<>();
        Map<String, Integer> updates = new LinkedHashMap<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        Map<String, Severity> worst = new LinkedHashMap<>();
        Map<String, Integer> suppressed = new LinkedHashMap<>();
        Map<String, Integer> incidentCount = new LinkedHashMap<>();
        for (IncidentEvent e : incidents) {
            if (e.type() == IncidentEvent.Type.OPENED) {
                incidentCount.merge(e.incident().patientId(), 1, Integer::sum);
            }
        }
        for (AlertEvent e : events) {
            if (e.type() == AlertEventType.SUPPRESSED || (e.type() == AlertEventType.RAISED && e.alert().isSuppressed())) {
                suppressed.merge(e.alert().patientId(), 1, Integer::sum);
            }
        }
        for (AlertEvent e : events) {
            String p = e.alert().patientId();
            worst.merge(p, e.alert().severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            switch (e.type()) {
                case RAISED -> {
                    raised.computeIfAbsent(p, k -> new EnumMap<>(Severity.class)).merge(e.alert().severity(), 1, Integer::sum);
                    open.merge(p, 1, Integer::sum);
                }
                case RESOLVED -> open.merge(p, -1, Integer::sum);
                case UPDATED -> updates.merge(p, 1, Integer::sum);
                default -> {
                }
            }
        }
        for (DemoScenario.Patient p : DemoScenario.PATIENTS) {
            Map<Severity, Integer> r = raised.getOrDefault(p.id(), Map.of());
            StringBuilder sb = new StringBuilder();
            for (Severity s : Severity.values()) {
                if (r.containsKey(s)) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(r.get(s)).append(' ').append(s.wireName());
                }
            }
            Severity w = worst.get(p.id());
            StringBuilder levels = new StringBuilder();
            pagesByLevel.getOrDefault(p.id(), Map.of()).forEach((level, n) ->
                    levels.append(levels.length() == 0 ? "" : ", ").append('L').append(level).append(' ').append(n));
            out.printf("  %-6s %-62s raised: %-20s worst: %-8s updates: %-3d suppressed: %-3d open at end: %-3d"
                            + " incidents: %d, pages: %s%n", p.id(), p.story(),
                    sb.length() == 0 ? "none" : sb, w == null ? "-" : w.wireName(), updates.getOrDefault(p.id(), 0),
                    suppressed.getOrDefault(p.id(), 0), open.getOrDefault(p.id(), 0), incidentCount.getOrDefault(p.id(), 0),
                    levels.length() == 0 ? "none" : levels);
        }
        out.println();
        out.println("An incident groups a patient's concurrent alerts and pages once; unacknowledged, it climbs the default"
                + " escalation: bedside nurse (L1), charge nurse (L2), ward physician (L3), rapid response (L4), ICU (L5).");
        out.println("Suppressed alerts (inhibited by a NEWS2 emergency or a signal loss, or silenced) are recorded, not paged.");
        out.flush();
        return 0;
    }

    /** {@code 02:14:05  bed-3  RAISED            high      threshold/SPO2  SpO2 88 % ...}. */
    static String line(AlertEvent e) {
        String rule = e.alert().ruleId() + (e.alert().key() == null || e.alert().key().isEmpty() ? "" : "/" + e.alert().key());
        String text = e.type() == AlertEventType.RESOLVED && e.alert().resolution() != null
                ? "resolved (" + e.alert().resolution() + ")"
                : e.type() == AlertEventType.SUPPRESSED || e.type() == AlertEventType.UNSUPPRESSED ? e.reason()
                : e.alert().message();
        return String.format(Locale.ROOT, "%s  %-6s %-17s %-9s %-30s %s", TIME.format(e.timestamp()), e.alert().patientId(),
                e.type().name(), e.alert().severity().wireName(), rule, text);
    }
}
