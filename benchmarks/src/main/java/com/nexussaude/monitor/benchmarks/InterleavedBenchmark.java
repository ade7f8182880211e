package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.VitalMonitor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Ratios measured by interleaving: two implementations ("lanes") live in one JVM and take turns,
 * {@value PipelineBenchmark#BATCH} readings each, in alternating order; each lane's wall and
 * thread-CPU time is summed separately. Why: on the shared two-core machine the load of other
 * processes changes within seconds, so two JMH benchmarks run one after the other can differ by 2×
 * for no reason of their own. Taking turns every few milliseconds exposes both lanes to the same
 * load, which is what a ratio needs. The price: both lanes share the heap and the GC, as they
 * would in one application.
 *
 * <p>{@code lanes} is {@code IMPL:PACKS:PATIENTS|IMPL:PACKS:PATIENTS} with IMPL one of
 * {@code library}, {@code libraryBatch} (the same, each turn's readings one {@code submitAll} list),
 * {@code rawEsper}, {@code handWritten} (see {@link PipelineBenchmark}) or {@code before}
 * (the library built at issue 21's base commit by {@code benchmarks/before.sh}, in its own class loader,
 * fed by the same {@link WardFeed} code as {@code library}; see {@link BeforeCode}); e.g.
 * {@code library:all:1000|rawEsper:all:1000} (what the wrapper costs),
 * {@code library:all:10000|before:all:10000} (the current code against the code before issue 21) or
 * {@code library:all:1000|library:all:100000} with {@code turn=wardSecond} (how the cost per observation
 * grows with patients at equal ward time). Secondary results: {@code lane0Ns}, {@code lane1Ns},
 * {@code lane0CpuNs}, {@code lane1CpuNs}, {@code lane0Observations}, {@code lane1Observations} and
 * {@code laneObservations} (lane 0's); the ratio lane0 ÷ lane1 of the cost per observation is printed by
 * {@code benchmarks/run.sh}, and each iteration prints its own ({@code [measure N/M] ...}). The primary
 * score mixes both lanes and means little.
 *
 * <p>One run's ratio also carries the lanes' positions: lane 0 is built and prefilled first and its code compiled on
 * its own profile first, and on this project's hosts that favoured it by 2-5 % between identical lanes and by up to
 * 9 % between two versions of the library, varying from run to run (benchmarks/RESULTS.md, eighth pass). For a
 * ratio between two versions, run both orders ({@code A|B} and {@code B|A}) and read them with
 * {@code tools.SwappedRatio}, which cancels the position.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar InterleavedBenchmark -p lanes='library:all:1000|rawEsper:all:1000'
 * benchmarks/before.sh &amp;&amp; java -jar benchmarks/target/benchmarks.jar InterleavedBenchmark \
 *     -p lanes='library:all:10000|before:all:10000'
 * java -jar benchmarks/target/benchmarks.jar InterleavedBenchmark -p lanes='library:all:1000|library:all:100000' \
 *     -p turn=wardSecond
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class InterleavedBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The two lanes, {@code IMPL:PACKS:PATIENTS|IMPL:PACKS:PATIENTS}. */
    @Param({"library:all:1000|rawEsper:all:1000"})
    public String lanes;

    /** Ward time (seconds) fed to each lane before measurement: {@code prefillSeconds × patients} readings. */
    @Param({"60"})
    public int prefillSeconds;

    /**
     * How long a lane's turn is: {@code readings} ({@value PipelineBenchmark#BATCH} readings each, so both
     * lanes process the same number of observations and a smaller ward's event time runs ahead of a larger
     * one's), or {@code wardSecond} (each lane one second of its own ward, {@code patients} readings, so two
     * ward sizes stay at the same ward time throughout: what "cost against ward size at equal ward time"
     * needs). With {@code wardSecond} the lanes' observation counts differ; compare cost per observation
     * ({@code laneNNs ÷ laneNObservations}).
     */
    @Param({"readings"})
    public String turn;

    private Lane[] lane;
    private int[] turnReadings;
    private long turnCount;
    private int warmupIterations;
    private int measuredIterations;
    /** This iteration's sums (the aux counters' copy), for the per-iteration line. */
    private final long[] iterationNs = new long[2];
    private final long[] iterationCpuNs = new long[2];
    private final long[] iterationObservations = new long[2];

    /** Per-lane sums of the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        /** Wall ns spent in lane 0. */
        public long lane0Ns;
        /** Wall ns spent in lane 1. */
        public long lane1Ns;
        /** Thread-CPU ns spent in lane 0. */
        public long lane0CpuNs;
        /** Thread-CPU ns spent in lane 1. */
        public long lane1CpuNs;
        /** Observations of lane 0 (with {@code turn=readings}, of each lane). */
        public long laneObservations;
        /** Observations of lane 0. */
        public long lane0Observations;
        /** Observations of lane 1. */
        public long lane1Observations;

        /** Resets for an iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            lane0Ns = 0;
            lane1Ns = 0;
            lane0CpuNs = 0;
            lane1CpuNs = 0;
            laneObservations = 0;
            lane0Observations = 0;
            lane1Observations = 0;
        }
    }

    /** One implementation with its own ward and cursor. */
    abstract static class Lane {
        final WardWorkload workload;
        final WardWorkload.Reading scratch = new WardWorkload.Reading();
        final String name;
        long seq;

        Lane(String name, int patients) {
            this.name = name;
            this.workload = new WardWorkload(patients, 42);
        }

        /** Feeds the lane's next {@code n} readings. */
        abstract void run(int n);

        void close() {
        }
    }

    /** A lane fed one reading at a time (the raw-Esper and hand-written baselines). */
    abstract static class ReadingLane extends Lane {
        ReadingLane(String name, int patients) {
            super(name, patients);
        }

        abstract void accept(long s);

        @Override
        void run(int n) {
            for (int i = 0; i < n; i++, seq++) {
                accept(seq);
            }
        }
    }

    /**
     * The library through a {@link WardFeed}: this jar's library ({@code loader} null), or the library
     * built at the base commit in its own class loader ({@link BeforeCode}). Both are driven the same
     * way, one call per turn through {@link IntConsumer}, so neither pays anything per reading that the
     * other does not. Each call runs with the feed's class loader as the thread's context class loader:
     * Esper resolves classes through it (its configuration snapshot, at least), and the old library must
     * find its own Esper there, not this jar's.
     */
    static final class FeedLane extends Lane {
        final IntConsumer feed;
        final Object instance;
        final ClassLoader loader;

        FeedLane(String name, int patients, ClassLoader before, String packs, boolean batch) {
            super(name, patients);
            loader = before == null ? WardFeed.class.getClassLoader() : before;
            instance = inContext(() -> before == null ? new WardFeed(packs, workload, batch)
                    : BeforeCode.feed(before, packs, patients));
            feed = (IntConsumer) instance;
        }

        private <T> T inContext(Supplier<T> call) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return call.get();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        @Override
        void run(int n) {
            inContext(() -> {
                feed.accept(n);
                return null;
            });
            seq += n;
        }

        @Override
        @SuppressWarnings("unchecked")
        void close() {
            System.out.printf("%n[%s] %s (class loader %s)%n", name, ((Supplier<String>) instance).get(),
                    loader.getName());
            inContext(() -> {
                try {
                    ((AutoCloseable) instance).close();
                } catch (Exception e) {
                    throw new IllegalStateException(name + " did not close", e);
                }
                return null;
            });
        }
    }

    static Lane lane(String spec) {
        String[] f = spec.split(":");
        if (f.length != 3) {
            throw new IllegalArgumentException("a lane is IMPL:PACKS:PATIENTS, but was '" + spec + "'");
        }
        MonitorConfig config = PipelineBenchmark.config(f[1]);
        int patients = Integer.parseInt(f[2]);
        return switch (f[0]) {
            case "library" -> new FeedLane(spec, patients, null, f[1], false);
            case "libraryBatch" -> new FeedLane(spec, patients, null, f[1], true);
            case "before" -> new FeedLane(spec, patients, BeforeCode.loader(), f[1], false);
            case "rawEsper" -> new ReadingLane(spec, patients) {
                final RawEsperPipeline esper = new RawEsperPipeline(config.packs(), config);

                {
                    for (int p = 0; p < patients; p++) {
                        esper.register(workload.patientId(p), workload.ward(p));
                    }
                }

                @Override
                void accept(long s) {
                    esper.send(workload.observation(s, scratch));
                }

                @Override
                void close() {
                    System.out.printf("%n[%s] signals %d, clears %d; ward time %d s%n", name, esper.signals(),
                            esper.clears(), workload.secondOf(seq));
                    esper.close();
                }
            };
            case "handWritten" -> new ReadingLane(spec, patients) {
                final HandWrittenThresholds thresholds = new HandWrittenThresholds(config);

                @Override
                void accept(long s) {
                    thresholds.accept(workload.observation(s, scratch));
                }
            };
            default -> throw new IllegalArgumentException(
                    "IMPL must be library, libraryBatch, before, rawEsper or handWritten, but was " + f[0]);
        };
    }

    /** Builds both lanes and feeds each its prefill. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] specs = lanes.split("\\|");
        if (specs.length != 2) {
            throw new IllegalArgumentException("lanes must name two lanes separated by |, but was '" + lanes + "'");
        }
        lane = new Lane[] {lane(specs[0]), lane(specs[1])};
        turnReadings = switch (turn) {
            case "readings" -> new int[] {PipelineBenchmark.BATCH, PipelineBenchmark.BATCH};
            case "wardSecond" -> new int[] {lane[0].workload.patients(), lane[1].workload.patients()};
            default -> throw new IllegalArgumentException("turn must be readings or wardSecond, but was " + turn);
        };
        for (Lane l : lane) {
            // One ward second at a time: an int per call, whatever the ward size.
            for (int s = 0; s < prefillSeconds; s++) {
                l.run(l.workload.patients());
            }
        }
        System.out.printf("%n[prefill] %s at ward time %d s, %s at %d s%n", lane[0].name,
                lane[0].workload.secondOf(lane[0].seq), lane[1].name, lane[1].workload.secondOf(lane[1].seq));
    }

    /** Starts an iteration's per-lane sums. */
    @Setup(Level.Iteration)
    public void startIteration() {
        java.util.Arrays.fill(iterationNs, 0);
        java.util.Arrays.fill(iterationCpuNs, 0);
        java.util.Arrays.fill(iterationObservations, 0);
    }

    /**
     * Prints the iteration's cost per observation in each lane and their ratio, so the spread between
     * iterations can be read without the JSON.
     */
    @TearDown(Level.Iteration)
    public void reportIteration(IterationParams iteration) {
        boolean warmup = iteration.getType() == IterationType.WARMUP;
        int index = warmup ? ++warmupIterations : ++measuredIterations;
        double wall0 = (double) iterationNs[0] / iterationObservations[0];
        double wall1 = (double) iterationNs[1] / iterationObservations[1];
        double cpu0 = (double) iterationCpuNs[0] / iterationObservations[0];
        double cpu1 = (double) iterationCpuNs[1] / iterationObservations[1];
        System.out.printf("%n%s%n", iterationLine(warmup ? "warmup" : "measure", index, iteration.getCount(), wall0, cpu0,
                iterationObservations[0], lane[0].workload.secondOf(lane[0].seq), wall1, cpu1, iterationObservations[1],
                lane[1].workload.secondOf(lane[1].seq), loadAverage()));
    }

    /**
     * The line {@link #reportIteration} prints for an iteration ({@code kind} "warmup" or "measure"); public because
     * {@code tools.SwappedRatio} reads these lines back and its test writes them with this method.
     */
    public static String iterationLine(String kind, int index, int count, double wall0, double cpu0, long observations0,
            long wardSecond0, double wall1, double cpu1, long observations1, long wardSecond1, String load) {
        return String.format(java.util.Locale.ROOT, "[%s %d/%d] lane 0 %.1f ns wall %.1f ns CPU per obs (%d obs, "
                        + "ward time %d s), lane 1 %.1f ns wall %.1f ns CPU (%d obs, ward time %d s); lane 0 ÷ lane 1: "
                        + "wall %.3f, CPU %.3f; load %s",
                kind, index, count, wall0, cpu0, observations0, wardSecond0, wall1, cpu1, observations1, wardSecond1,
                wall0 / wall1, cpu0 / cpu1, load);
    }

    /** Each lane's ward time, seconds: the second its next reading belongs to. */
    long[] wardSeconds() {
        return new long[] {lane[0].workload.secondOf(lane[0].seq), lane[1].workload.secondOf(lane[1].seq)};
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    /** Reports and closes both lanes. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (Lane l : lane) {
            l.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * PipelineBenchmark.BATCH)
    public long bothLanes(Times times) {
        // Alternate which lane goes first, so neither always inherits the other's garbage.
        int first = (int) (turnCount++ & 1);
        for (int k = 0; k < 2; k++) {
            int i = first ^ k;
            int n = turnReadings[i];
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            lane[i].run(n);
            long wall = System.nanoTime() - t0;
            long cpu = THREADS.getCurrentThreadCpuTime() - c0;
            if (i == 0) {
                times.lane0Ns += wall;
                times.lane0CpuNs += cpu;
                times.lane0Observations += n;
                times.laneObservations += n;
            } else {
                times.lane1Ns += wall;
                times.lane1CpuNs += cpu;
                times.lane1Observations += n;
            }
            iterationNs[i] += wall;
            iterationCpuNs[i] += cpu;
            iterationObservations[i] += n;
        }
        return lane[0].seq + lane[1].seq;
    }
}
