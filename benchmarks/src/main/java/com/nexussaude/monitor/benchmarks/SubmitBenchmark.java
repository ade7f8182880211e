package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Preliminary hot-path figure: observations per second through {@code submit} with the default
 * packs, one thread, event time advancing one second per round of patients. Each observation
 * carries HR, SpO2 and RR; 1% of patients are hypoxic (SpO2 88). The full workload of issue #7
 * (NIBP, temperature, raw-Esper and hand-written baselines) is not here yet.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SubmitBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class SubmitBenchmark {
    private static final long T0 = Instant.parse("2026-11-25T08:00:00Z").toEpochMilli();

    @Param({"1000"})
    int patients;

    VitalMonitor monitor;
    String[] ids;
    long second;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
        monitor = VitalMonitor.builder().listenerExecutor(Runnable::run).build();
        ids = new String[patients];
        for (int i = 0; i < patients; i++) {
            ids[i] = "bed-" + i;
        }
        random = new SplittableRandom(42);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long submitOneSecondOfAWard() {
        Instant t = Instant.ofEpochMilli(T0 + 1000 * second++);
        for (int i = 0; i < 1000; i++) {
            double spo2 = i % 100 == 0 ? 88 : 96 + random.nextInt(3);
            monitor.submit(Observation.builder(ids[i % patients], t).heartRate(70 + random.nextInt(20)).spo2(spo2)
                    .respiratoryRate(14 + random.nextInt(4)).build());
        }
        return second;
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long baseline() {
        long sum = 0;
        Instant t = Instant.ofEpochMilli(T0 + 1000 * second++);
        for (int i = 0; i < 1000; i++) {
            sum += Observation.builder(ids[i % patients], t).heartRate(70 + random.nextInt(20)).build().hashCode();
        }
        return sum;
    }
}
