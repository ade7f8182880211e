package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.FileJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The library under the service's load-test workload, called directly: what
 * {@code benchmarks/service/run.sh} compares {@code POST /vital-signs} with in the same run. Like the
 * service: live clock, a file journal (fsync per record), listeners on the submitting thread, all
 * bundled packs, 1,000 patients in turn, the observation stamped with the current time and the same
 * values as the wrk scripts (heart rate 70-89, SpO2 97, respiratory rate 16: no alerts).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ServiceBaselineBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@State(Scope.Thread)
public class ServiceBaselineBenchmark {
    private Path dir;
    private VitalMonitor monitor;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("service-baseline-");
        monitor = VitalMonitor.builder()
                .clock(MonitorClock.live())
                .journal(FileJournal.open(dir.resolve("alerts.journal")))
                .listenerExecutor(Runnable::run)
                .listener(e -> { })
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        monitor.close();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public void submitOne() {
        counter++;
        monitor.submit(Observation.builder("p" + (counter % 1000), Instant.now())
                .heartRate(70 + counter % 20).spo2(97).respiratoryRate(16).build());
    }
}
