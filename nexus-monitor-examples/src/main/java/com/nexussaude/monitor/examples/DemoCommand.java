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

    @Option(names = "--all", description = "Show every alert event; by default an open alert's repeated updates are"
            + " folded into the next line shown for it ([+N updates]).")
    boolean all;

    /** A page's first attempt, for the timeline. */
    private record Page(java.time.Instant at, com.nexussaude.monitor.notify.Notification notification) {
    }

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
        List<Page> pages = java.util.Collections.synchronizedList(new ArrayList<>());
        DeliveryListener countPages = new DeliveryListener() {
            @Override
            public void onAttempt(DeliveryAttempt a) {
                if (a.attempt() == 1) {
                    pages.add(new Page(a.startedAt(), a.notification()));
                }
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
        out.println("Severity is the response called for. A NEWS2 alert's is the RCP guidance's: aggregate 1-4 or 3 in one"
                + " parameter medium (ward-based, urgent ward-based), 5-6 high (urgent response), 7+ critical (emergency).");
        out.println();
        timeline(events, pages, all).forEach(out::println);
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

    /**
     * The alert events and the pages, in time order (a page after the event that caused it). Unless
     * {@code all}, an alert's {@code UPDATED} events are left out and counted on its next line shown.
     */
    private static List<String> timeline(List<AlertEvent> events, List<Page> pages, boolean all) {
        record Entry(java.time.Instant at, int order, String text) {
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> folded = new java.util.HashMap<>();
        int order = 0;
        for (AlertEvent e : events) {
            String id = e.alert().alertId();
            if (!all && e.type() == AlertEventType.UPDATED) {
                folded.merge(id, 1, Integer::sum);
                continue;
            }
            Integer n = folded.remove(id);
            entries.add(new Entry(e.timestamp(), order++, line(e) + (n == null ? "" : "  [+" + n + " update" + (n == 1 ? "" : "s") + "]")));
        }
        for (Page p : pages) {
            entries.add(new Entry(p.at(), order++, page(p)));
        }
        entries.sort(java.util.Comparator.comparing(Entry::at).thenComparingInt(Entry::order));
        return entries.stream().map(Entry::text).toList();
    }

    /** {@code 01:32:30  bed-4  PAGE L1 raised      high      news2  to Bedside nurse (push): NEWS2 5 ...}. */
    private static String page(Page p) {
        com.nexussaude.monitor.notify.Notification n = p.notification();
        String what = "PAGE " + (n.escalationLevel() > 0 ? "L" + n.escalationLevel() + " " : "") + n.event().name().toLowerCase(Locale.ROOT);
        String to = n.recipient().name() == null ? n.recipient().id() : n.recipient().name();
        return String.format(Locale.ROOT, "%s  %-6s %-17s %-9s %-30s to %s (%s): %s", TIME.format(p.at()), n.patientId(),
                what, n.severity().wireName(), n.ruleId(), to, n.recipient().contact().channel(), readable(n.ruleId(),
                        n.message() == null ? "" : n.message()));
    }

    private static final java.util.regex.Pattern NEWS2_MESSAGE =
            java.util.regex.Pattern.compile("^NEWS2 (\\d+) \\(([\\w-]+) risk\\): ([^;]+)(;.*)?$");

    /**
     * A NEWS2 message led by the response it calls for, the one its severity follows ({@code NEWS2 5: urgent
     * response (RCP clinical risk: medium); ...}): "high ... NEWS2 5 (medium risk)" reads as a contradiction.
     */
    static String readable(String ruleId, String message) {
        java.util.regex.Matcher m = NEWS2_MESSAGE.matcher(message);
        if (!"news2".equals(ruleId) || !m.matches()) {
            return message;
        }
        return "NEWS2 " + m.group(1) + ": " + m.group(3) + " (RCP clinical risk: " + m.group(2) + ")"
                + (m.group(4) == null ? "" : m.group(4));
    }

    /** {@code 02:14:05  bed-3  RAISED            high      threshold/SPO2  SpO2 88 % ...}. */
    static String line(AlertEvent e) {
        String rule = e.alert().ruleId() + (e.alert().key() == null || e.alert().key().isEmpty() ? "" : "/" + e.alert().key());
        String text = e.type() == AlertEventType.RESOLVED && e.alert().resolution() != null
                ? "resolved (" + e.alert().resolution() + ")"
                : e.type() == AlertEventType.SUPPRESSED || e.type() == AlertEventType.UNSUPPRESSED ? e.reason()
                : readable(e.alert().ruleId(), e.alert().message());
        return String.format(Locale.ROOT, "%s  %-6s %-17s %-9s %-30s %s", TIME.format(e.timestamp()), e.alert().patientId(),
                e.type().name(), e.alert().severity().wireName(), rule, text);
    }
}
