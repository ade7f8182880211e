package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up: {@code VitalMonitor.builder().build()} with the default packs (precompiled at build
 * time, so this is Esper runtime start plus deploy) up to the first accepted observation, then
 * close. {@code coldStart} is a fresh JVM's first build (single shot, many forks); {@code warmStart}
 * is a build in a warmed-up JVM. {@code baseline} creates the observation only.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar StartupBenchmark
 * </pre>
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(10)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object coldStart() {
        return buildSubmitClose();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(2)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Object warmStart() {
        return buildSubmitClose();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(1)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Object baseline() {
        return Observation.builder("bed-1", T0).heartRate(80).build();
    }

    static long buildSubmitClose() {
        try (VitalMonitor monitor = VitalMonitor.builder().listenerExecutor(Runnable::run).build()) {
            monitor.submit(Observation.builder("bed-1", T0).heartRate(80).spo2(97).build());
            return monitor.stats().accepted();
        }
    }
}
