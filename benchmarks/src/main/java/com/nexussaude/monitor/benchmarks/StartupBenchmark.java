package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up: from {@code VitalMonitor.builder()...build()} with the default packs (precompiled at
 * build time, so this is Esper runtime start plus deploy) to the first accepted observation (the
 * first reading of the {@link WardWorkload}). {@code close()} runs after the timed part, in an
 * invocation tear-down. {@code coldStart} is a fresh JVM's first build (single shot, one per fork,
 * so class loading and interpretation are included, as for an application starting);
 * {@code warmStart} is a build in a warmed-up JVM. {@code baseline} builds the observation only.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StartupBenchmark
 * </pre>
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class StartupBenchmark {
    private final WardWorkload.Reading scratch = new WardWorkload.Reading();
    private WardWorkload workload;
    private VitalMonitor monitor;

    /** Generates the workload before the timed part. */
    @Setup(Level.Trial)
    public void setUp() {
        workload = new WardWorkload(1, 42);
    }

    private Observation first() {
        return workload.observation(0, scratch);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(10)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public long coldStart() {
        return buildAndSubmit();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(2)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long warmStart() {
        return buildAndSubmit();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(1)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Object baseline() {
        return first();
    }

    private long buildAndSubmit() {
        Observation o = first();
        monitor = VitalMonitor.builder()
                .config(MonitorConfig.defaults())
                .clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run)
                .build();
        monitor.submit(o);
        return monitor.stats().accepted();
    }

    /** Closes the monitor outside the timed part. */
    @TearDown(Level.Invocation)
    public void close() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
    }
}
