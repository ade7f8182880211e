package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.VitalMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scaling with integrator rules: observations per second with the default packs plus {@code rules}
 * generated integrator rules ({@link GeneratedRules}: four shapes, ward-scoped, raising alerts
 * through {@code insert into AlertSignal}), loaded from a rule file with the builder's
 * {@code rules(Path)} as an integrator would. {@code rules=0} is the baseline for the ratio.
 *
 * <p>Also reported, as secondary results: {@code buildMs}, the time {@code build()} took with the
 * rule file (compile and deploy; the bundled packs are precompiled), and {@code cpuNs} /
 * {@code observations} ({@link CpuTime}). Each invocation processes the next
 * {@value PipelineBenchmark#BATCH} readings of the ward, after {@code prefillSeconds} of ward time.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RuleScalingBenchmark -p rules=0,10,100,1000
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class RuleScalingBenchmark {
    /** Generated integrator rules deployed next to the default packs. */
    @Param({"0", "10", "100", "1000"})
    public int rules;

    /** Monitored patients. */
    @Param({"1000"})
    public int patients;

    /** Ward time (seconds) fed before measurement. */
    @Param({"60"})
    public int prefillSeconds;

    private VitalMonitor monitor;
    private WardWorkload workload;
    private final WardWorkload.Reading scratch = new WardWorkload.Reading();
    private long seq;
    private long alertEvents;
    private long buildNs;

    /** How long build() took with the rule file. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Deploy {
        /** build() with the rule file, ms (repeated in every iteration; JMH sums iterations). */
        public long buildMs;
    }

    /** Writes the rule file, builds the monitor with it, registers the ward, feeds the prefill. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        workload = new WardWorkload(patients, 42);
        VitalMonitor.Builder builder = VitalMonitor.builder()
                .config(MonitorConfig.defaults())
                .clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run)
                .listener(e -> alertEvents++);
        Path dir = Files.createTempDirectory("nexus-rules-bench");
        if (rules > 0) {
            builder.rules(GeneratedRules.write(dir, rules, patients));
        }
        long t0 = System.nanoTime();
        monitor = builder.build();
        buildNs = System.nanoTime() - t0;
        System.out.printf("%n[rules=%d] build() with the rule file took %d ms%n", rules, buildNs / 1_000_000);
        for (int p = 0; p < patients; p++) {
            monitor.register(workload.context(p));
        }
        for (long end = (long) prefillSeconds * patients; seq < end; seq++) {
            monitor.submit(workload.observation(seq, scratch));
        }
    }

    /** Reports what the rules did; closes the monitor. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%n[rules=%d] %s; alert events %d; ward time %d s%n", rules, monitor.stats(), alertEvents,
                workload.secondOf(seq));
        monitor.close();
    }

    @Benchmark
    @OperationsPerInvocation(PipelineBenchmark.BATCH)
    public long submit(CpuTime cpu, Deploy deploy) {
        for (int i = 0; i < PipelineBenchmark.BATCH; i++, seq++) {
            monitor.submit(workload.observation(seq, scratch));
        }
        cpu.add(PipelineBenchmark.BATCH);
        deploy.buildMs = buildNs / 1_000_000;
        return alertEvents;
    }
}
