package com.nexussaude.monitor.benchmarks.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An A ÷ B cost ratio from two {@code InterleavedBenchmark} runs, one with the lanes {@code A|B} and one with
 * {@code B|A}, with the lanes' positions cancelled. Why: in one JVM the lane in position 0 is favoured (built and
 * prefilled first, and its code compiled on its own profile first), by 2-4 % between identical lanes and by up to 8 %
 * between two versions of the library on this project's hosts (benchmarks/RESULTS.md, eighth pass), so one run's
 * ratio is the change times that bias. If a run reads {@code r1 = t·b} and the swapped run {@code r2 = b / t}, then
 * {@code t = √(r1 / r2)} whatever {@code b} was, and {@code b = √(r1·r2)} is the bias itself.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar InterleavedBenchmark -p lanes='library:all:10000|before:all:10000' &gt; ab.log
 * java -jar benchmarks/target/benchmarks.jar InterleavedBenchmark -p lanes='before:all:10000|library:all:10000' &gt; ba.log
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.tools.SwappedRatio ab.log ba.log
 * </pre>
 *
 * Reads the {@code [measure N/M]} lines of each log (the measured iterations, not the warm-up), pairs them in order
 * and prints, for CPU and wall time, each pair's A ÷ B, the median of those, and the median position bias (below 1:
 * position 0 was favoured).
 */
public final class SwappedRatio {
    private static final Pattern MEASURE =
            Pattern.compile("^\\[measure \\d+/\\d+\\].*lane 0 ÷ lane 1: wall ([0-9.]+), CPU ([0-9.]+);");

    private SwappedRatio() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SwappedRatio A_THEN_B.log B_THEN_A.log (two InterleavedBenchmark outputs)");
            System.exit(2);
        }
        try {
            System.out.print(report(read(Path.of(args[0])), read(Path.of(args[1]))));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** One measured iteration's lane 0 ÷ lane 1 ratios. */
    record Ratios(double wall, double cpu) {
    }

    /** The measured iterations' ratios of one log, in order; an error naming the file if it has none. */
    static List<Ratios> read(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        List<Ratios> ratios = parse(lines);
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException(log + " has no '[measure N/M] ... lane 0 ÷ lane 1: wall W, CPU C;' line: "
                    + "not an InterleavedBenchmark output, or its run ended before the first measured iteration");
        }
        return ratios;
    }

    static List<Ratios> parse(List<String> lines) {
        List<Ratios> ratios = new ArrayList<>();
        for (String line : lines) {
            Matcher m = MEASURE.matcher(line);
            if (m.find()) {
                ratios.add(new Ratios(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
            }
        }
        return ratios;
    }

    /** The report for the {@code A|B} run's ratios and the {@code B|A} run's, paired in order (the shorter sets the count). */
    static String report(List<Ratios> ab, List<Ratios> ba) {
        int n = Math.min(ab.size(), ba.size());
        StringBuilder out = new StringBuilder();
        if (ab.size() != ba.size()) {
            out.append(String.format(Locale.ROOT, "note: %d and %d measured iterations; the first %d of each paired%n",
                    ab.size(), ba.size(), n));
        }
        double[] cpu = new double[n];
        double[] wall = new double[n];
        double[] bias = new double[n];
        out.append("iteration  A|B cpu  B|A cpu  A÷B cpu  A÷B wall  position bias (cpu)\n");
        for (int i = 0; i < n; i++) {
            cpu[i] = cancelled(ab.get(i).cpu(), ba.get(i).cpu());
            wall[i] = cancelled(ab.get(i).wall(), ba.get(i).wall());
            bias[i] = Math.sqrt(ab.get(i).cpu() * ba.get(i).cpu());
            out.append(String.format(Locale.ROOT, "%9d  %7.3f  %7.3f  %7.3f  %8.3f  %19.3f%n", i + 1, ab.get(i).cpu(),
                    ba.get(i).cpu(), cpu[i], wall[i], bias[i]));
        }
        out.append(String.format(Locale.ROOT, "median A÷B: cpu %.3f (%.3f-%.3f), wall %.3f; position bias %.3f%n",
                median(cpu), min(cpu), max(cpu), median(wall), median(bias)));
        return out.toString();
    }

    /** A ÷ B from lane 0 ÷ lane 1 read with A in position 0 ({@code ab}) and in position 1 ({@code ba}). */
    static double cancelled(double ab, double ba) {
        return Math.sqrt(ab / ba);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }
}
