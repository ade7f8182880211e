package com.nexussaude.monitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The measures on the BIDMC replay: alerts per patient-hour by pack and severity, the share of
 * the top 10 % of patients, the time to the first SpO2 alert for bidmc_32 and bidmc_49, and the check
 * that every sustained threshold breach (outside the default normal band for 60 s or more) has an alert.
 */
final class BidmcReport {
    static final List<String> PACKS = List.of("threshold", "technical", "anomaly", "news2", "trend", "correlation");
    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    static final Duration SUSTAINED = Duration.ofSeconds(60);
    private static final List<Vital> MONITORED = List.of(Vital.HEART_RATE, Vital.RESPIRATORY_RATE, Vital.SPO2);

    /** The bundled rules by pack; a rule not listed is reported by {@link #unknownRules()}. */
    static final Map<String, String> PACK_OF_RULE = Map.ofEntries(
            Map.entry("threshold", "threshold"),
            Map.entry("signal-loss", "technical"), Map.entry("sensor-dropout", "technical"),
            Map.entry("artefact", "technical"), Map.entry("probe-off", "technical"),
            Map.entry("baseline-deviation", "anomaly"),
            Map.entry("news2", "news2"),
            Map.entry("trend-hr-rising", "trend"), Map.entry("trend-sbp-falling", "trend"),
            Map.entry("trend-spo2-falling", "trend"), Map.entry("trend-rr-rising", "trend"),
            Map.entry("trend-temp-rising", "trend"),
            Map.entry("shock-pattern", "correlation"), Map.entry("respiratory-deterioration", "correlation"),
            Map.entry("sepsis-screen", "correlation"));

    /** A run of readings of one vital outside the normal band with no gap longer than the vital's maxGap. */
    record Breach(String patient, Vital vital, Instant start, Instant end) {
        Duration length() {
            return Duration.between(start, end);
        }
    }

    /** When an alert of a patient on a vital (its key) was open. */
    private record Open(String rule, Instant raised, Instant resolved) {
    }

    private final Map<String, Integer> observations = new TreeMap<>();
    private final Map<String, Duration> monitored = new TreeMap<>();
    private final Map<String, Map<String, Integer>> raisedByPackSeverity = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> raisedByFilePack = new TreeMap<>();
    private final Map<String, Integer> raisedByPatient = new TreeMap<>();
    private final Set<String> unknownRules = new TreeSet<>();
    private final Map<String, JsonNode> firstSpo2 = new TreeMap<>();
    private final List<Breach> breaches = new ArrayList<>();
    private final List<Breach> unalerted = new ArrayList<>();
    private final Map<String, Integer> coveringRules = new TreeMap<>();
    private Duration worstBreachToAlert = Duration.ZERO;
    private int raised;

    BidmcReport(List<Path> files, List<JsonNode> alertEvents) throws IOException {
        for (String pack : PACKS) {
            raisedByPackSeverity.put(pack, new LinkedHashMap<>());
        }
        Map<String, Map<String, List<Open>>> openByPatientKey = new TreeMap<>();
        Map<String, Open> byAlertId = new LinkedHashMap<>();
        Map<String, String[]> placeOfAlert = new LinkedHashMap<>();
        for (JsonNode e : alertEvents) {
            String event = e.get("event").asText();
            String id = e.get("alert_id").asText();
            Instant at = Instant.parse(e.get("timestamp").asText());
            if (event.equals("raised")) {
                String patient = e.get("patient_id").asText();
                String rule = e.get("rule").asText();
                String pack = PACK_OF_RULE.get(rule);
                if (pack == null) {
                    unknownRules.add(rule);
                    continue;
                }
                raised++;
                raisedByPackSeverity.get(pack).merge(e.get("severity").asText(), 1, Integer::sum);
                raisedByFilePack.computeIfAbsent(patient, k -> new TreeMap<>()).merge(pack, 1, Integer::sum);
                raisedByPatient.merge(patient, 1, Integer::sum);
                String key = e.get("key").asText();
                if (key.equals("SPO2")) {
                    firstSpo2.putIfAbsent(patient, e);
                }
                byAlertId.put(id, new Open(rule, at, null));
                placeOfAlert.put(id, new String[] {patient, key});
            } else if (event.equals("resolved") && byAlertId.containsKey(id)) {
                byAlertId.put(id, new Open(byAlertId.get(id).rule(), byAlertId.get(id).raised(), at));
            }
        }
        byAlertId.forEach((id, open) -> openByPatientKey
                .computeIfAbsent(placeOfAlert.get(id)[0], k -> new TreeMap<>())
                .computeIfAbsent(placeOfAlert.get(id)[1], k -> new ArrayList<>()).add(open));

        for (Path f : files) {
            List<Observation> obs = new BidmcReader().read(f).observations().stream()
                    .map(ObservationReader.Reading::observation)
                    .sorted(Comparator.comparing(Observation::timestamp))
                    .toList();
            if (obs.isEmpty()) {
                continue;
            }
            String patient = obs.get(0).patientId();
            observations.put(patient, obs.size());
            // One reading a second: the monitored time runs to the end of the last second.
            monitored.put(patient, Duration.between(obs.get(0).timestamp(), obs.get(obs.size() - 1).timestamp())
                    .plusSeconds(1));
            for (Vital v : MONITORED) {
                for (Breach b : breaches(patient, v, obs)) {
                    breaches.add(b);
                    checkCovered(b, openByPatientKey.getOrDefault(patient, Map.of()).getOrDefault(v.name(), List.of()));
                }
            }
        }
    }

    private static List<Breach> breaches(String patient, Vital vital, List<Observation> obs) {
        Bands bands = MonitorConfig.DEFAULT_BANDS.get(vital);
        Duration maxGap = MonitorConfig.DEFAULT_PERSISTENCE.get(vital).maxGap();
        List<Breach> out = new ArrayList<>();
        Instant start = null;
        Instant last = null;
        for (Observation o : obs) {
            Double value = o.value(vital);
            if (value == null) {
                continue;
            }
            boolean outside = bands.bandOf(value) != Bands.NORMAL;
            boolean gap = last != null && Duration.between(last, o.timestamp()).compareTo(maxGap) > 0;
            if (start != null && (!outside || gap)) {
                addIfSustained(out, patient, vital, start, last);
                start = null;
            }
            if (outside && start == null) {
                start = o.timestamp();
            }
            last = o.timestamp();
        }
        if (start != null) {
            addIfSustained(out, patient, vital, start, last);
        }
        return out;
    }

    private static void addIfSustained(List<Breach> out, String patient, Vital vital, Instant start, Instant end) {
        if (Duration.between(start, end).compareTo(SUSTAINED) >= 0) {
            out.add(new Breach(patient, vital, start, end));
        }
    }

    /** Covered: an alert on the vital was open at some time in the breach's first {@link #SUSTAINED}. */
    private void checkCovered(Breach b, List<Open> opens) {
        Instant windowEnd = b.start().plus(SUSTAINED);
        Open cover = opens.stream()
                .filter(o -> !o.raised().isAfter(windowEnd) && (o.resolved() == null || !o.resolved().isBefore(b.start())))
                .min(Comparator.comparing(Open::raised))
                .orElse(null);
        if (cover == null) {
            unalerted.add(b);
            return;
        }
        coveringRules.merge(cover.rule(), 1, Integer::sum);
        Duration wait = cover.raised().isAfter(b.start()) ? Duration.between(b.start(), cover.raised()) : Duration.ZERO;
        if (wait.compareTo(worstBreachToAlert) > 0) {
            worstBreachToAlert = wait;
        }
    }

    Set<String> unknownRules() {
        return unknownRules;
    }

    List<Breach> sustainedBreaches() {
        return breaches;
    }

    List<Breach> unalertedSustainedBreaches() {
        return unalerted;
    }

    double patientHours() {
        return monitored.values().stream().mapToLong(Duration::toMillis).sum() / 3_600_000.0;
    }

    /** The top 10 % of patients by alerts raised (rounded, at least one) and their share of all alerts. */
    int topDecilePatients() {
        return Math.max(1, (int) Math.round(observations.size() * 0.1));
    }

    int topDecileAlerts() {
        return raisedByPatient.values().stream().sorted(Comparator.reverseOrder()).limit(topDecilePatients())
                .mapToInt(Integer::intValue).sum();
    }

    int raised() {
        return raised;
    }

    /** Time from the start of the recording to its first SpO2 alert, or {@code null}. */
    Duration firstSpo2Alert(String patient) {
        JsonNode e = firstSpo2.get(patient);
        return e == null ? null : Duration.between(BidmcReader.EPOCH, Instant.parse(e.get("timestamp").asText()));
    }

    String summary() {
        return String.format(Locale.ROOT, "BIDMC: %d files, %d observations, %.2f patient-hours, %d alerts raised "
                        + "(%.1f per patient-hour), top %d patients %d alerts; %d sustained breaches, %d without alert",
                observations.size(), observations.values().stream().mapToInt(Integer::intValue).sum(), patientHours(),
                raised, raised / patientHours(), topDecilePatients(), topDecileAlerts(), breaches.size(),
                unalerted.size());
    }

    String markdown() {
        double hours = patientHours();
        StringBuilder md = new StringBuilder();
        md.append("# BIDMC replay: alerts by pack (default configuration, all bundled packs)\n\n");
        md.append(String.format(Locale.ROOT, "%d recordings, %d observations, %.2f patient-hours (8 min each at 1 Hz). "
                        + "Alerts raised (new alerts; updates and severity changes of an open alert are not counted).%n%n",
                observations.size(), observations.values().stream().mapToInt(Integer::intValue).sum(), hours));
        md.append("## Alerts per patient-hour by pack and severity\n\n");
        packTable(md);
        md.append(String.format(Locale.ROOT, "**Concentration**: the top %d patients (10 %% of %d) raised %d of the %d "
                        + "alerts (%.0f %%).%n%n", topDecilePatients(), observations.size(), topDecileAlerts(), raised,
                raised == 0 ? 0.0 : 100.0 * topDecileAlerts() / raised));

        md.append("**Time to the first SpO2 alert** (both recordings have SpO2 of 83–88 % throughout):\n\n");
        for (String p : List.of("bidmc_32", "bidmc_49")) {
            JsonNode e = firstSpo2.get(p);
            md.append("- ").append(p).append(": ");
            if (e == null) {
                md.append("none\n");
            } else {
                md.append(firstSpo2Alert(p).toSeconds()).append(" s after the start, rule `")
                        .append(e.get("rule").asText()).append("`, ").append(e.get("severity").asText())
                        .append(": ").append(e.get("message").asText()).append('\n');
            }
        }

        md.append(String.format(Locale.ROOT, "%n**Sustained conditions**: %d runs of HR, RR or SpO2 outside the default "
                        + "normal band for %d s or more (a run ends at a normal reading or a gap longer than the vital's "
                        + "maxGap); %d of them without an alert on that vital within the first %d s. Alerts that covered "
                        + "them, by rule: %s; longest wait from the start of a run to its alert: %d s.%n%n",
                breaches.size(), SUSTAINED.toSeconds(), unalerted.size(), SUSTAINED.toSeconds(), coveringRules,
                worstBreachToAlert.toSeconds()));
        for (Breach b : unalerted) {
            md.append("- unalerted: ").append(b).append('\n');
        }

        md.append("## Alerts raised per recording and pack\n\n| file | observations |");
        PACKS.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append("\n|---|---:|");
        PACKS.forEach(p -> md.append("---:|"));
        md.append('\n');
        for (Map.Entry<String, Integer> f : observations.entrySet()) {
            Map<String, Integer> byPack = raisedByFilePack.getOrDefault(f.getKey(), Map.of());
            md.append("| ").append(f.getKey()).append(" | ").append(f.getValue()).append(" |");
            PACKS.forEach(p -> md.append(' ').append(byPack.getOrDefault(p, 0)).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    /** Raised alerts by pack and severity, with rates per patient-hour. */
    void packTable(StringBuilder md) {
        double hours = patientHours();
        md.append("| pack |");
        SEVERITIES.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append(" all | per patient-hour |\n|---|");
        SEVERITIES.forEach(s -> md.append("---:|"));
        md.append("---:|---:|\n");
        Map<String, Integer> totalBySeverity = new LinkedHashMap<>();
        for (String pack : PACKS) {
            Map<String, Integer> bySev = raisedByPackSeverity.get(pack);
            md.append("| ").append(pack).append(" |");
            int all = 0;
            for (String s : SEVERITIES) {
                int n = bySev.getOrDefault(s, 0);
                all += n;
                totalBySeverity.merge(s, n, Integer::sum);
                md.append(' ').append(n).append(" |");
            }
            md.append(' ').append(all).append(" | ").append(String.format(Locale.ROOT, "%.2f", all / hours)).append(" |\n");
        }
        md.append("| **all packs** |");
        SEVERITIES.forEach(s -> md.append(' ').append(totalBySeverity.get(s)).append(" |"));
        md.append(' ').append(raised).append(" | ").append(String.format(Locale.ROOT, "%.2f", raised / hours)).append(" |\n");
        md.append("| per patient-hour |");
        SEVERITIES.forEach(s -> md.append(String.format(Locale.ROOT, " %.2f |", totalBySeverity.get(s) / hours)));
        md.append(String.format(Locale.ROOT, " %.2f | |%n%n", raised / hours));
    }

    /** Alerts raised by a pack's rules. */
    int raisedBy(String pack) {
        return raisedByPackSeverity.get(pack).values().stream().mapToInt(Integer::intValue).sum();
    }
}
