package com.nexussaude.monitor.benchmarks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns one {@code benchmarks/run.sh} results directory (JMH {@code -rf json} files and the
 * memory tool's JSON) into the summary table of {@code RESULTS.md}, with the ratios and the
 * targets of issue 7.
 *
 * <p>Files it reads (all optional): {@code pipeline-*.json} (one per round of
 * {@code PipelineBenchmark}; ratios are computed within a round, then the median over rounds is
 * shown with its range), {@code baseline.json}, {@code memory.json} and {@code memory-steady.json},
 * and every
 * {@code interleaved*.json}, {@code packcost*.json}, {@code latency*.json}, {@code startup*.json}, {@code rules*.json},
 * {@code replay*.json}. Where both exist, the targets on ratios use the interleaved measurement
 * ({@code InterleavedBenchmark}), which the machine's changing load disturbs least.
 *
 * <p>Ratios are costs: time per observation of the library divided by that of the baseline, so
 * 1.10× means the library takes 10% longer. "wall" is from the JMH score (observations per second);
 * "CPU" from the benchmark thread's CPU time per observation ({@code cpuNs / observations}), which a
 * neighbour process on the shared machine disturbs less.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.tools.Summary DIR
 * </pre>
 */
public final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Summary() {
    }

    /** One JMH result: benchmark method, params, primary score, secondary scores. */
    record Row(String method, Map<String, String> params, double score, double error, String unit,
               Map<String, Double> secondary) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        double cpuNsPerObservation() {
            Double cpu = secondary.get("cpuNs");
            Double n = secondary.get("observations");
            return cpu == null || n == null || n == 0 ? Double.NaN : cpu / n;
        }

        double allocPerObservation() {
            return secondary.getOrDefault("gc.alloc.rate.norm", Double.NaN);
        }
    }

    /** {@code args[0]}: the results directory. Prints Markdown to stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Summary RESULTS_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        StringBuilder out = new StringBuilder();
        List<List<Row>> rounds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().matches("pipeline-.+\\.json")).sorted()
                    .forEach(p -> rounds.add(read(p)));
        }
        List<Row> baseline = read(dir.resolve("baseline.json"));
        Targets targets = new Targets();

        pipeline(out, rounds, baseline, targets);
        interleaved(out, readAll(dir, "interleaved"), targets);
        packCost(out, readAll(dir, "packcost"));
        latency(out, readAll(dir, "latency"), targets);
        memory(out, List.of(dir.resolve("memory.json"), dir.resolve("memory-steady.json")), targets);
        startup(out, readAll(dir, "startup"), targets);
        rules(out, readAll(dir, "rules"));
        replay(out, readAll(dir, "replay"));
        targets.print(out);
        System.out.print(out);
    }

    // ---- reading ---------------------------------------------------------------------------------

    /** Every {@code PREFIX*.json} of the directory, in name order. */
    static List<Row> readAll(Path dir, String prefix) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json")).sorted()
                    .forEach(p -> rows.addAll(read(p)));
        }
        return rows;
    }

    static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            System.err.println("skipping unreadable " + file + ": " + e.getMessage());
            return rows;
        }
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText();
            String method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new TreeMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Map<String, Double> secondary = new TreeMap<>();
            b.path("secondaryMetrics").fields().forEachRemaining(e -> secondary.put(e.getKey(),
                    e.getValue().path("score").asDouble(Double.NaN)));
            // Event counters that JMH sums over iterations but that are per-iteration values: keep the first.
            b.path("secondaryMetrics").fields().forEachRemaining(e -> {
                if (e.getKey().equals("buildMs")) {
                    secondary.put(e.getKey(), e.getValue().path("rawData").path(0).path(0).asDouble(Double.NaN));
                }
            });
            JsonNode pm = b.path("primaryMetric");
            rows.add(new Row(method, params, pm.path("score").asDouble(Double.NaN),
                    pm.path("scoreError").asDouble(Double.NaN), pm.path("scoreUnit").asText(), secondary));
        }
        return rows;
    }

    static Row find(List<Row> rows, String method, Predicate<Row> where) {
        return rows.stream().filter(r -> r.method().endsWith(method) && where.test(r)).findFirst().orElse(null);
    }

    // ---- sections --------------------------------------------------------------------------------

    private static void pipeline(StringBuilder out, List<List<Row>> rounds, List<Row> baseline, Targets targets) {
        if (rounds.isEmpty()) {
            return;
        }
        List<String> patientCounts = rounds.stream().flatMap(List::stream).map(r -> r.param("patients"))
                .filter(s -> !s.isEmpty()).distinct()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList();
        out.append("### Throughput, one thread (PipelineBenchmark; median of the rounds, range in brackets)\n\n");
        out.append("| packs | patients | rounds | library obs/s | raw Esper obs/s | hand-written obs/s | library CPU µs/obs"
                + " | raw CPU µs/obs | library ÷ raw (wall) | library ÷ raw (CPU) | library ÷ hand-written (wall)"
                + " | library ÷ hand-written (CPU) | library alloc B/obs | raw alloc B/obs |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double worst = 0;
        String worstName = "";
        for (String packs : List.of("all", "threshold")) {
            for (String n : patientCounts) {
                List<Double> lib = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                List<Double> hand = new ArrayList<>();
                List<Double> libCpu = new ArrayList<>();
                List<Double> rawCpu = new ArrayList<>();
                List<Double> rWall = new ArrayList<>();
                List<Double> rCpu = new ArrayList<>();
                List<Double> hWall = new ArrayList<>();
                List<Double> hCpu = new ArrayList<>();
                List<Double> libAlloc = new ArrayList<>();
                List<Double> rawAlloc = new ArrayList<>();
                for (List<Row> round : rounds) {
                    Row l = find(round, "library", r -> r.param("packs").equals(packs) && r.param("patients").equals(n));
                    Row e = find(round, "rawEsper", r -> r.param("packs").equals(packs) && r.param("patients").equals(n));
                    Row h = find(round, "handWritten", r -> r.param("patients").equals(n));
                    if (l != null) {
                        lib.add(l.score());
                        libCpu.add(l.cpuNsPerObservation() / 1000);
                        libAlloc.add(l.allocPerObservation());
                    }
                    if (e != null) {
                        raw.add(e.score());
                        rawCpu.add(e.cpuNsPerObservation() / 1000);
                        rawAlloc.add(e.allocPerObservation());
                    }
                    if (h != null) {
                        hand.add(h.score());
                    }
                    if (l != null && e != null) {
                        rWall.add(e.score() / l.score());
                        rCpu.add(l.cpuNsPerObservation() / e.cpuNsPerObservation());
                    }
                    if (l != null && h != null) {
                        hWall.add(h.score() / l.score());
                        hCpu.add(l.cpuNsPerObservation() / h.cpuNsPerObservation());
                    }
                }
                if (lib.isEmpty() && raw.isEmpty()) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        packs, group(n), Math.max(lib.size(), raw.size()), count(lib), count(raw), count(hand), dec(libCpu), dec(rawCpu), ratio(rWall),
                        ratio(rCpu), ratio(hWall), ratio(hCpu), count(libAlloc), count(rawAlloc)));
                if (!hWall.isEmpty() && median(hWall) > worst) {
                    worst = median(hWall);
                    worstName = "library (packs=" + packs + ", " + group(n) + " patients) ÷ hand-written thresholds";
                }
                if (packs.equals("all") && n.equals("10000")) {
                    targets.put("≥ 1,000,000 observations/s, one thread, 10,000 patients, default packs",
                            count(lib) + " obs/s", !lib.isEmpty() && median(lib) >= 1_000_000);
                }
                if (packs.equals("all") && !rWall.isEmpty()) {
                    targets.put("library within 1.2× of raw Esper (same EPL), " + group(n) + " patients",
                            ratio(rWall) + " wall, " + ratio(rCpu) + " CPU", median(rWall) <= 1.2);
                }
            }
        }
        out.append("\nRatios are costs per observation (library time ÷ other time): 1.10× = the library takes 10% longer."
                + " \"hand-written\" evaluates the threshold pack's logic only, so the packs=all row compares all six packs"
                + " with thresholds in plain Java. CPU = benchmark-thread CPU time (excludes GC and JIT threads).\n");
        if (!baseline.isEmpty()) {
            Row b = baseline.get(0);
            out.append(String.format(Locale.ROOT, "Building the observations alone (PipelineBenchmark.baseline): %s obs/s"
                    + " (%.0f ns each), included in every score above.%n", count(List.of(b.score())), 1e9 / b.score()));
        }
        if (worst > 0) {
            out.append(String.format(Locale.ROOT, "%nWorst ratio: %s = %.0f× (wall).%n", worstName, worst));
        }
        // Flatness: library cost per observation at N relative to the smallest N.
        if (patientCounts.size() > 1) {
            out.append("\n#### Cost per observation vs patients (library, packs=all; relative to ")
                    .append(group(patientCounts.get(0))).append(" patients)\n\n| patients | wall | CPU |\n|---:|---:|---:|\n");
            List<Double> worstWall = new ArrayList<>();
            String largest = patientCounts.get(0);
            for (String n : patientCounts) {
                List<Double> wall = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                for (List<Row> round : rounds) {
                    Row base = find(round, "library", r -> r.param("packs").equals("all")
                            && r.param("patients").equals(patientCounts.get(0)));
                    Row at = find(round, "library", r -> r.param("packs").equals("all") && r.param("patients").equals(n));
                    if (base != null && at != null) {
                        wall.add(base.score() / at.score());
                        cpu.add(at.cpuNsPerObservation() / base.cpuNsPerObservation());
                    }
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", group(n), ratio(wall), ratio(cpu)));
                if (!wall.isEmpty()) {
                    worstWall.add(median(wall));
                    largest = n;
                }
            }
            double max = worstWall.stream().mapToDouble(d -> Math.abs(d - 1)).max().orElse(Double.NaN);
            // Only sizes measured in the same round as the smallest count (a size run alone has no ratio here;
            // the interleaved benchmark gives it one).
            targets.put("cost per observation flat (±20%) from " + group(patientCounts.get(0)) + " to "
                    + group(largest) + " patients",
                    String.format(Locale.ROOT, "largest deviation %+.0f%% (wall)", 100 * max), max <= 0.2);
        }
        out.append('\n');
    }

    private static void interleaved(StringBuilder out, List<Row> rows, Targets targets) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("### Ratios by interleaving (InterleavedBenchmark: two lanes take turns in one JVM; cost per observation)\n\n"
                + "| lane 0 | lane 1 | lane 0 obs/s | lane 1 obs/s | lane 0 ÷ lane 1 cost (wall) | lane 0 ÷ lane 1 cost (CPU) |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            String[] lanes = r.param("lanes").split("\\|");
            Map<String, Double> s = r.secondary();
            // Per-lane counts since turn=wardSecond (lanes of different sizes then process different counts).
            double n = s.getOrDefault("laneObservations", Double.NaN);
            double n0 = s.getOrDefault("lane0Observations", n);
            double n1 = s.getOrDefault("lane1Observations", n);
            double wall = (s.get("lane0Ns") / n0) / (s.get("lane1Ns") / n1);
            double cpu = (s.get("lane0CpuNs") / n0) / (s.get("lane1CpuNs") / n1);
            String turns = r.param("turn").equals("wardSecond") ? " (turns of a ward second)" : "";
            out.append(String.format(Locale.ROOT, "| %s | %s%s | %s | %s | %s | %s |%n", lanes[0], lanes[1], turns,
                    count(List.of(n0 / (s.get("lane0Ns") / 1e9))), count(List.of(n1 / (s.get("lane1Ns") / 1e9))),
                    ratio(List.of(wall)), ratio(List.of(cpu))));
            String[] a = lanes[0].split(":");
            String[] b = lanes[1].split(":");
            if (a[0].equals("library") && b[0].equals("rawEsper") && a[1].equals("all")) {
                targets.put("library within 1.2× of raw Esper (same EPL), " + group(a[2]) + " patients",
                        ratio(List.of(wall)) + " wall, " + ratio(List.of(cpu)) + " CPU (interleaved)", wall <= 1.2);
            }
            if (a[0].equals("library") && b[0].equals("library") && a[1].equals("all") && !a[2].equals(b[2])) {
                double dev = 1 / wall - 1; // cost at b relative to cost at a
                targets.put("cost per observation flat (±20%) from " + group(a[2]) + " to " + group(b[2]) + " patients",
                        String.format(Locale.ROOT, "%+.0f%% wall, %+.0f%% CPU (interleaved)", 100 * dev, 100 * (1 / cpu - 1)),
                        Math.abs(dev) <= 0.2);
            }
        }
        out.append("\nA lane's obs/s is its observations over the wall time spent in its turns.\n\n");
    }

    private static void packCost(StringBuilder out, List<Row> rows) {
        List<Row> lib = rows.stream().filter(r -> r.method().endsWith("library")).toList();
        if (lib.isEmpty()) {
            return;
        }
        out.append("### Cost of each pack alone (PipelineBenchmark.library, ").append(group(lib.get(0).param("patients")))
                .append(" patients)\n\n| packs | obs/s | CPU µs/obs | alloc B/obs |\n|---|---:|---:|---:|\n");
        double sumCpu = 0;
        for (Row r : lib) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s |%n", r.param("packs"), count(List.of(r.score())),
                    r.cpuNsPerObservation() / 1000, count(List.of(r.allocPerObservation()))));
            if (!r.param("packs").equals("all")) {
                sumCpu += r.cpuNsPerObservation() / 1000;
            }
        }
        out.append(String.format(Locale.ROOT, "%nSum of the single packs: %.2f CPU µs/obs (each single-pack run also pays"
                + " the schema, the wrapper and building the observation once).%n%n", sumCpu));
    }

    private static void latency(StringBuilder out, List<Row> rows, Targets targets) {
        Row r = find(rows, "pacedRun", x -> true);
        if (r == null) {
            return;
        }
        Map<String, Double> s = r.secondary();
        out.append(String.format(Locale.ROOT, "### Latency, submit → alert callback (LatencyBenchmark)%n%n"
                        + "Offered load %s observations/s (%s patients at 1 Hz, default packs, listener on the monitor's"
                        + " thread), %s s; %.0f probes (%.0f unanswered).%n%n"
                        + "| p50 | p90 | p99 | p99.9 | max | submit() p50 | submit() p99 | submit() max |%n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|%n"
                        + "| %s | %s | %s | %s | %s | %s | %s | %s |%n%n",
                group(r.param("patients")), group(r.param("patients")), r.param("seconds"), s.get("probes"),
                s.getOrDefault("unanswered", 0.0), us(s.get("p50Ns")), us(s.get("p90Ns")), us(s.get("p99Ns")),
                us(s.get("p999Ns")), us(s.get("maxNs")), us(s.get("submitP50Ns")), us(s.get("submitP99Ns")),
                us(s.get("submitMaxNs"))));
        targets.put("p99 latency ≤ 100 µs", us(s.get("p99Ns")), s.get("p99Ns") != null && s.get("p99Ns") <= 100_000);
    }

    /** The memory tool's runs, in order; the target takes the last run of all packs (the longest ward time). */
    private static void memory(StringBuilder out, List<Path> files, Targets targets) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                JSON.readTree(file.toFile()).forEach(runs::add);
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        out.append("### Retained heap per patient (MemoryFootprint)\n\n"
                + "| packs | ward time | patients (N1, N2) | retained per patient | top classes per patient |\n"
                + "|---|---:|---:|---:|---|\n");
        for (JsonNode m : runs) {
            StringBuilder top = new StringBuilder();
            int i = 0;
            for (var it = m.path("topClasses").fields(); it.hasNext() && i < 4; i++) {
                var e = it.next();
                String cls = simpleName(e.getKey());
                top.append(i == 0 ? "" : ", ").append(cls).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f KB", e.getValue().asDouble() / 1024));
            }
            double kb = m.path("bytesPerPatient").asDouble() / 1024;
            out.append(String.format(Locale.ROOT, "| %s | %d min | %d, %d | **%.1f KB** | %s |%n", m.path("packs").asText(),
                    m.path("minutes").asInt(), m.path("n1").asInt(), m.path("n2").asInt(), kb, top));
            if (m.path("packs").asText().equals("all")) {
                targets.put("≤ 16 KB retained per patient", String.format(Locale.ROOT, "%.1f KB (%d min of ward time)",
                        kb, m.path("minutes").asInt()), kb <= 16);
            }
        }
        out.append('\n');
    }

    private static void startup(StringBuilder out, List<Row> rows, Targets targets) {
        Row cold = find(rows, "coldStart", r -> true);
        Row warm = find(rows, "warmStart", r -> true);
        if (cold == null && warm == null) {
            return;
        }
        out.append("### Start-up, build() → first accepted observation, default packs (StartupBenchmark)\n\n"
                + "| fresh JVM (single shot per fork) | warmed-up JVM |\n|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| %s | %s |%n%n", ms(cold), ms(warm)));
        if (cold != null) {
            targets.put("build() ≤ 500 ms (fresh JVM)", ms(cold), cold.score() <= 500);
        }
    }

    private static void rules(StringBuilder out, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Row base = find(rows, "submit", r -> r.param("rules").equals("0"));
        out.append("### Scaling with integrator rules (RuleScalingBenchmark, default packs + generated rules)\n\n"
                + "| rules | patients | obs/s | CPU µs/obs | cost ÷ 0 rules (wall) | cost ÷ 0 rules (CPU) | build() with the rule file |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a.param("rules")), Integer.parseInt(b.param("rules"))))
                .forEach(r -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %s |%n",
                        group(r.param("rules")), group(r.param("patients")), count(List.of(r.score())),
                        r.cpuNsPerObservation() / 1000, base == null ? "" : ratio(List.of(base.score() / r.score())),
                        base == null ? "" : ratio(List.of(r.cpuNsPerObservation() / base.cpuNsPerObservation())),
                        String.format(Locale.ROOT, "%,.0f ms", r.secondary().getOrDefault("buildMs", Double.NaN)))));
        out.append('\n');
    }

    private static void replay(StringBuilder out, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("### Replay, one bed for one day (86,400 observations) through `nexus-monitor replay` (ReplayBenchmark)\n\n"
                + "| bed | obs/s | one day replayed in |\n|---|---:|---:|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f s |%n", r.param("bed"), count(List.of(r.score())),
                    86_400 / r.score()));
        }
        out.append('\n');
    }

    // ---- formatting ------------------------------------------------------------------------------

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String range(List<Double> xs, String fmt) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (a.length < 2) {
            return "";
        }
        return " [" + String.format(Locale.ROOT, fmt, a[0]) + "–" + String.format(Locale.ROOT, fmt, a[a.length - 1]) + "]";
    }

    private static String count(List<Double> xs) {
        double m = median(xs);
        return Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%,.0f", m) + range(xs, "%,.0f");
    }

    private static String dec(List<Double> xs) {
        double m = median(xs);
        return Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.2f", m) + range(xs, "%.2f");
    }

    private static String ratio(List<Double> xs) {
        double m = median(xs);
        if (Double.isNaN(m)) {
            return "–";
        }
        String fmt = m >= 100 ? "%.0f×" : m >= 10 ? "%.1f×" : "%.2f×";
        return String.format(Locale.ROOT, fmt, m) + range(xs, fmt);
    }

    /** {@code [Ljava.lang.Object;} -> {@code Object[]}, {@code com.x.Y} -> {@code Y}, {@code [B} -> {@code byte[]}. */
    static String simpleName(String jvmName) {
        String n = jvmName;
        String suffix = "";
        while (n.startsWith("[")) {
            n = n.substring(1);
            suffix += "[]";
        }
        if (!suffix.isEmpty()) {
            n = switch (n) {
                case "B" -> "byte";
                case "C" -> "char";
                case "I" -> "int";
                case "J" -> "long";
                case "D" -> "double";
                case "Z" -> "boolean";
                default -> n.startsWith("L") && n.endsWith(";") ? n.substring(1, n.length() - 1) : n;
            };
        }
        return n.substring(n.lastIndexOf('.') + 1) + suffix;
    }

    private static String group(String n) {
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(n));
        } catch (NumberFormatException e) {
            return n;
        }
    }

    private static String us(Double ns) {
        if (ns == null || ns.isNaN()) {
            return "–";
        }
        return ns >= 1e6 ? String.format(Locale.ROOT, "%,.1f ms", ns / 1e6) : String.format(Locale.ROOT, "%.0f µs", ns / 1e3);
    }

    private static String ms(Row r) {
        if (r == null) {
            return "–";
        }
        double factor = switch (r.unit()) {
            case "s/op" -> 1000;
            case "us/op" -> 0.001;
            default -> 1;
        };
        return String.format(Locale.ROOT, "%.1f ± %.1f ms", r.score() * factor, r.error() * factor);
    }

    /** The targets with where we stand. */
    static final class Targets {
        private final Map<String, String[]> rows = new java.util.LinkedHashMap<>();

        void put(String target, String measured, boolean met) {
            rows.put(target, new String[] {measured, met ? "met" : "**not met**"});
        }

        void print(StringBuilder out) {
            if (rows.isEmpty()) {
                return;
            }
            out.append("### Targets\n\n| target | measured | |\n|---|---|---|\n");
            rows.forEach((t, v) -> out.append("| ").append(t).append(" | ").append(v[0]).append(" | ").append(v[1])
                    .append(" |\n"));
            out.append('\n');
        }
    }
}
