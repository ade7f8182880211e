package com.nexussaude.monitor.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nexussaude.monitor.benchmarks.InterleavedBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SwappedRatio} recovers a known A ÷ B and a known position bias from the lines {@link InterleavedBenchmark}
 * prints, and names a log it cannot read.
 */
class SwappedRatioTest {
    @TempDir
    Path dir;

    /**
     * Two runs' lines of lanes whose true costs per observation are {@code a} and {@code b} ns, lane 0 reading
     * {@code bias} times its cost: the A|B run and the B|A run, with a warm-up line each that must not count.
     */
    private List<List<String>> runs(double[] a, double[] b, double bias) {
        List<String> ab = new ArrayList<>();
        List<String> ba = new ArrayList<>();
        ab.add(InterleavedBenchmark.iterationLine("warmup", 1, 1, 1, 1, 1000, 60, 9, 9, 1000, 60, "0 0 0"));
        ba.add(InterleavedBenchmark.iterationLine("warmup", 1, 1, 9, 9, 1000, 60, 1, 1, 1000, 60, "0 0 0"));
        for (int i = 0; i < a.length; i++) {
            ab.add("");
            ab.add(InterleavedBenchmark.iterationLine("measure", i + 1, a.length, a[i] * bias * 1.1, a[i] * bias, 1000,
                    70, b[i] * 1.1, b[i], 1000, 70, "1.00 1.00 1.00"));
            ba.add(InterleavedBenchmark.iterationLine("measure", i + 1, a.length, b[i] * bias * 1.1, b[i] * bias, 1000,
                    70, a[i] * 1.1, a[i], 1000, 70, "1.00 1.00 1.00"));
        }
        return List.of(ab, ba);
    }

    @Test
    void thePositionBiasCancelsAndIsReported() {
        double[] a = {3000, 3100, 2900, 3050, 2950};
        double[] b = {3750, 3875, 3625, 3812.5, 3687.5}; // a ÷ b = 0.8 in every iteration
        List<List<String>> runs = runs(a, b, 0.92);
        List<SwappedRatio.Ratios> ab = SwappedRatio.parse(runs.get(0));
        List<SwappedRatio.Ratios> ba = SwappedRatio.parse(runs.get(1));

        assertThat(ab).hasSize(5);
        assertThat(ab.get(0).cpu()).isCloseTo(0.8 * 0.92, within(0.0006)); // one run alone reads the change times the bias
        for (int i = 0; i < 5; i++) {
            assertThat(SwappedRatio.cancelled(ab.get(i).cpu(), ba.get(i).cpu())).isCloseTo(0.8, within(0.001));
        }
        assertThat(SwappedRatio.report(ab, ba))
                .contains("median A÷B: cpu 0.800 (0.800-0.800), wall 0.800; position bias 0.920");
    }

    @Test
    void theMedianIsOfThePairsAndUnequalRunsAreNamed() {
        List<SwappedRatio.Ratios> ab = List.of(new SwappedRatio.Ratios(0.81, 0.81), new SwappedRatio.Ratios(0.64, 0.64),
                new SwappedRatio.Ratios(1.0, 1.0));
        List<SwappedRatio.Ratios> ba = List.of(new SwappedRatio.Ratios(1.0, 1.0), new SwappedRatio.Ratios(1.0, 1.0));

        assertThat(SwappedRatio.report(ab, ba))
                .startsWith("note: 3 and 2 measured iterations; the first 2 of each paired")
                .contains("median A÷B: cpu 0.850 (0.800-0.900), wall 0.850; position bias 0.850");
    }

    @Test
    void aLogWithoutMeasuredIterationsIsNamed() throws IOException {
        Path log = Files.writeString(dir.resolve("warmup-only.log"),
                InterleavedBenchmark.iterationLine("warmup", 1, 4, 1, 1, 1, 1, 1, 1, 1, 1, "0 0 0") + "\n");

        assertThatThrownBy(() -> SwappedRatio.read(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("no '[measure N/M]");
    }

    @Test
    void readsTheLinesOfALogFile() throws IOException {
        List<List<String>> runs = runs(new double[] {2000, 2000}, new double[] {2500, 2500}, 1.0);
        Path log = Files.write(dir.resolve("ab.log"), runs.get(0));

        assertThat(SwappedRatio.read(log)).extracting(SwappedRatio.Ratios::cpu).containsExactly(0.8, 0.8);
    }
}
