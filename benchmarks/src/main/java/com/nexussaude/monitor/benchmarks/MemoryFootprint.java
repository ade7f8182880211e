package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.VitalMonitor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;

/**
 * Retained heap per monitored patient in steady state: a measuring tool, not a JMH benchmark
 * (heap after a full GC is a state, not a rate).
 *
 * <p>For each pack set and each of two ward sizes {@code N1 < N2}, a fresh child JVM builds a
 * monitor, registers the ward, feeds it {@code minutes} of {@link WardWorkload} time (35 min by
 * default: longer than the trend pack's 30-minute windows, so every per-patient window and table
 * holds its steady-state content; the 3 h NIBP and 4 h temperature windows hold 35 min of sparse
 * readings, at most three and one per patient), runs full GCs until the used heap settles, and
 * reads it from {@link MemoryMXBean}, minus the heap used before the monitor was built. Retained per
 * patient = {@code (used(N2) - used(N1)) / (N2 - N1)}: the difference cancels the runtime and the
 * deployed statements. The workload (the host's side: its per-bed arrays and the patients' id and
 * ward strings, which the monitor references but does not copy) is built before the first heap
 * reading, so neither figure counts it. Where it goes: the difference of the two children's class
 * histograms ({@code GC.class_histogram} through the DiagnosticCommand MBean; each child's taken
 * after the monitor less before it), per patient.
 *
 * <p>Why a child JVM per size, with {@code -XX:SoftRefLRUPolicyMSPerMB=0}: Esper keeps expression
 * caches behind {@code SoftReference}s and per-thread state in {@code ThreadLocal}s, so in one JVM
 * a closed monitor's state stays on the heap after a full GC until memory gets tight (measured:
 * build, fill and close three monitors in a row and the used heap after GC climbs 48, 87, 126 MB).
 * Soft-referenced caches are reclaimable, so they are not counted as retained.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.MemoryFootprint \
 *     [--packs all,threshold,...] [--patients 200,600] [--minutes 35] [--heap 4g] [--json out.json]
 * </pre>
 * {@code --packs} takes pack sets separated by commas; {@code all} is the defaults, otherwise
 * names joined by {@code +} ({@code threshold+news2}).
 */
public final class MemoryFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** A class absent from a histogram: no instances, no bytes. */
    private static final long[] NONE = {0, 0};

    private MemoryFootprint() {
    }

    /**
     * Result of one pack set; {@code topClasses}: bytes per patient by class; {@code histogramPerPatient}: the difference
     * of the two class histograms over every class, per patient (the live objects the histogram's full GC counts: it
     * varies less between runs than the used heap, which moves by 65-150 B a patient with the collector's state).
     */
    record Result(String packs, int n1, int n2, long used1, long used2, int minutes, Map<String, Long> topClasses,
            long histogramPerPatient) {
        double perPatient() {
            return (double) (used2 - used1) / (n2 - n1);
        }
    }

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--child")) {
            child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        List<String> packSets = List.of("all");
        int[] sizes = {200, 600};
        int minutes = 35;
        String heap = "4g";
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--packs" -> packSets = List.of(args[++i].split(","));
                case "--patients" -> {
                    String[] p = args[++i].split(",");
                    sizes = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
                }
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--json" -> json = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--packs all,threshold,..]"
                        + " [--patients N1,N2] [--minutes M] [--heap 4g] [--json FILE]");
            }
        }
        List<Result> results = new ArrayList<>();
        for (String packs : packSets) {
            Map<String, Long> h1 = new HashMap<>();
            long used1 = spawn(packs, sizes[0], minutes, heap, h1);
            Map<String, Long> h2 = new HashMap<>();
            long used2 = spawn(packs, sizes[1], minutes, heap, h2);
            int dn = sizes[1] - sizes[0];
            Map<String, Long> top = new LinkedHashMap<>();
            h2.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - h1.getOrDefault(e.getKey(), 0L)) / dn))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(16)
                    .forEach(e -> top.put(e.getKey(), e.getValue()));
            long all = (h2.values().stream().mapToLong(Long::longValue).sum()
                    - h1.values().stream().mapToLong(Long::longValue).sum()) / dn;
            Result r = new Result(packs, sizes[0], sizes[1], used1, used2, minutes, top, all);
            results.add(r);
            System.out.printf(Locale.ROOT, "packs=%s: %d patients %.1f MB, %d patients %.1f MB after %d min of ward time"
                            + " -> %.1f KB retained per patient%n", packs, sizes[0], used1 / 1e6, sizes[1], used2 / 1e6,
                    minutes, r.perPatient() / 1024);
            System.out.printf(Locale.ROOT, "  per patient, every class of the histograms: %d B; by class:%n", all);
            top.forEach((cls, bytes) -> System.out.printf(Locale.ROOT, "    %8.1f KB  %s%n", bytes / 1024.0, cls));
        }
        if (json != null) {
            writeJson(json, results);
        }
    }

    /** Runs one size in a child JVM; returns its retained bytes and fills its class histogram. */
    private static long spawn(String packs, int patients, int minutes, String heap, Map<String, Long> histogram)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xms" + heap, "-Xmx" + heap, "-XX:SoftRefLRUPolicyMSPerMB=0",
                "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName(), "--child", packs,
                Integer.toString(patients), Integer.toString(minutes))
                .redirectErrorStream(true).start();
        long used = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("USED ")) {
                    used = Long.parseLong(line.substring(5).trim());
                } else if (line.startsWith("CLASS ")) {
                    String[] f = line.split(" ", 3);
                    histogram.put(f[2], Long.parseLong(f[1]));
                } else if (!line.startsWith("SLF4J")) {
                    System.out.println(line);
                }
            }
        }
        if (child.waitFor() != 0 || used < 0) {
            throw new IllegalStateException("memory child for packs=" + packs + ", " + patients + " patients failed (exit "
                    + child.exitValue() + ")");
        }
        return used;
    }

    /**
     * In the child JVM: heap used after GC with a filled monitor for {@code patients} still
     * reachable, minus the heap used before building it; prints it and the class histogram.
     */
    private static void child(String packs, int patients, int minutes) throws Exception {
        // The workload is the host: its per-bed arrays, its noise tape and the patients' id and ward strings (which
        // the monitor keeps references to but never copies) exist before the monitor and are not counted.
        WardWorkload w = new WardWorkload(patients, 42);
        WardWorkload.Reading scratch = new WardWorkload.Reading();
        long before = usedAfterGc();
        Map<String, long[]> histogramBefore = classHistogram();
        MonitorConfig config = packs.equals("all") ? MonitorConfig.defaults()
                : MonitorConfig.builder().packs(Set.of(packs.split("\\+"))).build();
        long[] events = {0};
        try (VitalMonitor monitor = VitalMonitor.builder().config(config).clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run).listener(e -> events[0]++).build()) {
            for (int p = 0; p < patients; p++) {
                monitor.register(w.context(p));
            }
            long end = (long) minutes * 60 * patients;
            long t0 = System.nanoTime();
            for (long seq = 0; seq < end; seq++) {
                monitor.submit(w.observation(seq, scratch));
            }
            long fed = System.nanoTime() - t0;
            long after = usedAfterGc();
            Map<String, long[]> histogram = classHistogram();
            System.out.printf(Locale.ROOT, "  [%s, %d patients] fed %d observations in %.1f s; %d alert events;"
                            + " heap +%.1f MB%n", packs, patients, end, fed / 1e9, events[0], (after - before) / 1e6);
            System.out.println("USED " + (after - before));
            histogram.forEach((cls, v) -> System.out.println("CLASS " + (v[1] - histogramBefore.getOrDefault(cls, NONE)[1]) + " " + cls));
            // The monitor (closed only by the try-with-resources) and the workload (its 256 KB noise
            // tape) must both be reachable while the heap is read in either child, or the JIT may let
            // one child collect them early and the difference would be off by their size.
            Reference.reachabilityFence(w);
        }
    }

    /** Used heap once full GCs stop freeing more than 1 MB. */
    static long usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            // Not a test wait: reference processing and Cleaner threads free more after System.gc() returns;
            // a short pause between full GCs lets the heap settle before it is read (a measurement tool).
            Thread.sleep(100);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (previous - used < 1_000_000) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** class name -> {instances, bytes} from GC.class_histogram (which itself runs a full GC). */
    static Map<String, long[]> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // "   1:   123456   7890123  java.lang.Object[] (java.base@17)"
            if (f.length >= 4 && f[0].endsWith(":")) {
                try {
                    out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                } catch (NumberFormatException ignored) {
                    // header or total line
                }
            }
        }
        return out;
    }

    private static void writeJson(Path file, List<Result> results) {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            s.append(String.format(Locale.ROOT, "  {\"packs\": \"%s\", \"n1\": %d, \"n2\": %d, \"used1\": %d, \"used2\": %d,"
                    + " \"minutes\": %d, \"bytesPerPatient\": %.0f, \"histogramBytesPerPatient\": %d, \"topClasses\": {",
                    r.packs(), r.n1(), r.n2(), r.used1(), r.used2(), r.minutes(), r.perPatient(), r.histogramPerPatient()));
            int j = 0;
            for (Map.Entry<String, Long> e : r.topClasses().entrySet()) {
                s.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey().replace("\"", "")).append("\": ")
                        .append(e.getValue());
            }
            s.append("}}").append(i + 1 < results.size() ? ",\n" : "\n");
        }
        s.append("]\n");
        try {
            Files.writeString(file, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
