package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.VitalMonitor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * Ratios measured by interleaving: two implementations ("lanes") live in one JVM and take turns,
 * {@value PipelineBenchmark#BATCH} readings each, in alternating order; each lane's wall and
 * thread-CPU time is summed separately. Why: on the shared two-core machine the load of other
 * processes changes within seconds, so two JMH benchmarks run one after the other can differ by 2×
 * for no reason of their own. Taking turns every few milliseconds exposes both lanes to the same
 * load, which is what a ratio needs. The price: both lanes share the heap and the GC, as they
 * would in one application.
 *
 * <p>{@code lanes} is {@code IMPL:PACKS:PATIENTS|IMPL:PACKS:PATIENTS} with IMPL one of
 * {@code library}, {@code rawEsper}, {@code handWritten} (see {@link PipelineBenchmark}); e.g.
 * {@code library:all:1000|rawEsper:all:1000} (what the wrapper costs) or
 * {@code library:all:1000|library:all:100000} (how the cost per observation grows with patients).
 * Secondary results: {@code lane0Ns}, {@code lane1Ns}, {@code lane0CpuNs}, {@code lane1CpuNs}
 * and {@code laneObservations} (per lane); the ratio lane0 ÷ lane1 is printed by
 * {@code benchmarks/run.sh}. The primary score mixes both lanes and means little.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar InterleavedBenchmark -p lanes='library:all:1000|rawEsper:all:1000'
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

    /** Ward time (seconds) fed to each lane before measurement. */
    @Param({"60"})
    public int prefillSeconds;

    private Lane[] lane;
    private long turn;

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
        /** Observations per lane. */
        public long laneObservations;

        /** Resets for an iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            lane0Ns = 0;
            lane1Ns = 0;
            lane0CpuNs = 0;
            lane1CpuNs = 0;
            laneObservations = 0;
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

        abstract void accept(long s);

        void run(int n) {
            for (int i = 0; i < n; i++, seq++) {
                accept(seq);
            }
        }

        void close() {
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
            case "library" -> new Lane(spec, patients) {
                final VitalMonitor monitor = VitalMonitor.builder().config(config).clock(MonitorClock.eventTime())
                        .listenerExecutor(Runnable::run).listener(e -> { }).build();

                {
                    for (int p = 0; p < patients; p++) {
                        monitor.register(workload.context(p));
                    }
                }

                @Override
                void accept(long s) {
                    monitor.submit(workload.observation(s, scratch));
                }

                @Override
                void close() {
                    System.out.printf("%n[%s] %s; ward time %d s%n", name, monitor.stats(), workload.secondOf(seq));
                    monitor.close();
                }
            };
            case "rawEsper" -> new Lane(spec, patients) {
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
            case "handWritten" -> new Lane(spec, patients) {
                final HandWrittenThresholds thresholds = new HandWrittenThresholds(config);

                @Override
                void accept(long s) {
                    thresholds.accept(workload.observation(s, scratch));
                }
            };
            default -> throw new IllegalArgumentException("IMPL must be library, rawEsper or handWritten, but was " + f[0]);
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
        for (Lane l : lane) {
            l.run(prefillSeconds * l.workload.patients());
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
        int first = (int) (turn++ & 1);
        for (int k = 0; k < 2; k++) {
            int i = first ^ k;
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            lane[i].run(PipelineBenchmark.BATCH);
            long wall = System.nanoTime() - t0;
            long cpu = THREADS.getCurrentThreadCpuTime() - c0;
            if (i == 0) {
                times.lane0Ns += wall;
                times.lane0CpuNs += cpu;
            } else {
                times.lane1Ns += wall;
                times.lane1CpuNs += cpu;
            }
        }
        times.laneObservations += PipelineBenchmark.BATCH;
        return lane[0].seq + lane[1].seq;
    }
}
