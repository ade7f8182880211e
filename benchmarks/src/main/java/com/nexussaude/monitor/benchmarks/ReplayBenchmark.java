package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.examples.NexusMonitorCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Replay speed: observations per second for a day-long recording through the command line's
 * {@code replay} command, in-process ({@code NexusMonitorCli.commandLine().execute("replay", "--out",
 * OUT, IN)}): read and parse the JSON Lines file, sort by time, build a monitor with the default
 * packs, submit everything in event time, write every alert and NEWS2 score record as JSON Lines.
 *
 * <p>The recording is one bed for one day ({@value DayRecording#DAY_S} observations: HR, SpO2, RR
 * every second, NIBP every 15 min, temperature hourly), written from the {@link WardWorkload} as
 * JSON Lines in the command's input contract ({@link DayRecording}); {@code bed} picks a stable or
 * a deteriorating bed. One invocation is one whole replay (a fresh monitor, as the command makes);
 * iterations are as long as one replay.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReplayBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ReplayBenchmark {
    /**
     * Which bed of a 100-bed {@link WardWorkload} the recording follows: {@code stable} (the usual
     * recording: few alerts) or {@code deteriorating} (in its 30-minute cycle two thirds of the
     * time outside some band: alerts, updates and score changes on most readings).
     */
    @Param({"stable", "deteriorating"})
    public String bed;

    private Path dir;
    private Path input;
    private Path output;
    private String lastSummary = "";

    /** Writes the day-long recording to a temporary directory. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("nexus-replay-bench");
        input = dir.resolve("bed-day.jsonl");
        output = dir.resolve("alerts.jsonl");
        WardWorkload ward = new WardWorkload(100, 42);
        int chosen = -1;
        for (int p = 0; p < ward.patients() && chosen < 0; p++) {
            if (ward.deteriorating(p) == bed.equals("deteriorating")) {
                chosen = p;
            }
        }
        long lines = DayRecording.write(ward, new int[] {chosen}, DayRecording.DAY_S, input);
        System.out.printf("%n[replay] recording of %s %s: %d observations, %d MB%n", bed, ward.patientId(chosen), lines,
                Files.size(input) >> 20);
    }

    /** Deletes the recording. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.printf("%n[replay] last run's summary:%n%s", lastSummary);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(DayRecording.DAY_S)
    public int replayOneBedDay() {
        StringWriter err = new StringWriter();
        int exit = NexusMonitorCli.commandLine()
                .setOut(new PrintWriter(Writer.nullWriter()))
                .setErr(new PrintWriter(err))
                .execute("replay", "--out", output.toString(), input.toString());
        if (exit != 0) {
            throw new IllegalStateException("replay failed with exit code " + exit + ": " + err);
        }
        lastSummary = err.toString();
        try {
            return (int) Files.size(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
