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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Observations per second on one thread through three implementations of the same monitoring,
 * fed the same {@link WardWorkload} observations:
 *
 * <ul>
 *   <li>{@code library}: {@code VitalMonitor.submit} with the bundled packs ({@code packs=all}: the
 *       defaults; {@code packs=threshold}: the threshold pack alone), event-time clock, listeners
 *       called on the submitting thread ({@code listenerExecutor(Runnable::run)}) so that all of
 *       the work is on the measured thread;</li>
 *   <li>{@code rawEsper}: the same precompiled EPL on a bare Esper runtime, events sent straight to
 *       {@code EPEventService} ({@link RawEsperPipeline}; since issue 21 its threshold pack signals nothing, as
 *       the packs read events the engine derives, see {@link EquivalenceCheck});</li>
 *   <li>{@code handWritten}: the threshold pack's rules in plain Java ({@link HandWrittenThresholds}), which
 *       signals exactly as often as {@code library} with {@code packs=threshold} on this workload
 *       ({@link EquivalenceCheck}, {@code HandWrittenThresholdsTest});</li>
 *   <li>{@code baseline}: building the observations only (the share of every score that is the
 *       workload, not the monitor).</li>
 * </ul>
 *
 * <p>Each invocation processes the next {@value #BATCH} readings of the endless, time-ordered ward
 * stream. Before measuring, every implementation is fed {@code prefillSeconds} of ward time (every
 * patient has state in every pack) — the event-time position then advances with the measurement,
 * by {@code observations / patients} seconds. The secondary result {@code cpuNsPerObservation}
 * ({@link CpuTime}) is the steadier figure on a shared machine. Ratios (library / raw Esper,
 * library / hand-written) are computed by {@code benchmarks/run.sh} from one JMH run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -p patients=10000 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class PipelineBenchmark {
    /** Readings per invocation. */
    public static final int BATCH = 1000;

    /** The ward: shared by every implementation in the fork. */
    @State(Scope.Benchmark)
    public static class Ward {
        /** Monitored patients. */
        @Param({"1000", "10000", "100000"})
        public int patients;

        /** Ward time (seconds) fed before measurement. */
        @Param({"60"})
        public int prefillSeconds;

        WardWorkload workload;

        /** Generates the workload tables. */
        @Setup(Level.Trial)
        public void setUp() {
            workload = new WardWorkload(patients, 42);
        }

        long prefillReadings() {
            return (long) prefillSeconds * patients;
        }
    }

    /** The library, built and prefilled once per fork. */
    @State(Scope.Thread)
    public static class Library {
        /**
         * {@code all}: the default packs; otherwise pack names joined by {@code +}, e.g.
         * {@code threshold} (the threshold pack alone, what {@code handWritten} reproduces) or
         * {@code trend} (to see what one pack costs).
         */
        @Param({"all", "threshold"})
        public String packs;

        VitalMonitor monitor;
        final WardWorkload.Reading scratch = new WardWorkload.Reading();
        long seq;
        long alertEvents;

        /** Builds the monitor, registers the ward, feeds the prefill. */
        @Setup(Level.Trial)
        public void setUp(Ward ward) {
            monitor = VitalMonitor.builder()
                    .config(config(packs))
                    .clock(MonitorClock.eventTime())
                    .listenerExecutor(Runnable::run)
                    .listener(e -> alertEvents++)
                    .build();
            WardWorkload w = ward.workload;
            for (int p = 0; p < w.patients(); p++) {
                monitor.register(w.context(p));
            }
            for (long end = ward.prefillReadings(); seq < end; seq++) {
                monitor.submit(w.observation(seq, scratch));
            }
        }

        /** Reports what the rules did, so a silent workload would be noticed. */
        @TearDown(Level.Trial)
        public void tearDown(Ward ward) {
            System.out.printf("%n[library packs=%s patients=%d] %s; alert events %d; ward time %d s%n", packs,
                    ward.patients, monitor.stats(), alertEvents, ward.workload.secondOf(seq));
            monitor.close();
        }
    }

    /** The same EPL on a bare Esper runtime. */
    @State(Scope.Thread)
    public static class RawEsper {
        /** As {@link Library#packs}. */
        @Param({"all", "threshold"})
        public String packs;

        RawEsperPipeline esper;
        final WardWorkload.Reading scratch = new WardWorkload.Reading();
        long seq;

        /** Deploys, registers the ward, feeds the prefill. */
        @Setup(Level.Trial)
        public void setUp(Ward ward) {
            MonitorConfig config = config(packs);
            esper = new RawEsperPipeline(config.packs(), config);
            WardWorkload w = ward.workload;
            for (int p = 0; p < w.patients(); p++) {
                esper.register(w.patientId(p), w.ward(p));
            }
            for (long end = ward.prefillReadings(); seq < end; seq++) {
                esper.send(w.observation(seq, scratch));
            }
        }

        /** Reports what the rules did. */
        @TearDown(Level.Trial)
        public void tearDown(Ward ward) {
            System.out.printf("%n[rawEsper packs=%s patients=%d] signals %d, clears %d; ward time %d s%n", packs,
                    ward.patients, esper.signals(), esper.clears(), ward.workload.secondOf(seq));
            esper.close();
        }
    }

    /** The threshold logic by hand. */
    @State(Scope.Thread)
    public static class HandWritten {
        HandWrittenThresholds thresholds;
        final WardWorkload.Reading scratch = new WardWorkload.Reading();
        long seq;

        /** Feeds the prefill. */
        @Setup(Level.Trial)
        public void setUp(Ward ward) {
            thresholds = new HandWrittenThresholds(MonitorConfig.defaults());
            for (long end = ward.prefillReadings(); seq < end; seq++) {
                thresholds.accept(ward.workload.observation(seq, scratch));
            }
        }

        /** Reports what the evaluator did. */
        @TearDown(Level.Trial)
        public void tearDown(Ward ward) {
            System.out.printf("%n[handWritten patients=%d] signals %d, raised %d, cleared %d; ward time %d s%n",
                    ward.patients, thresholds.signals(), thresholds.raised(), thresholds.cleared(),
                    ward.workload.secondOf(seq));
        }
    }

    /** Workload only: the state of the cursor for {@link #baseline}. */
    @State(Scope.Thread)
    public static class Cursor {
        final WardWorkload.Reading scratch = new WardWorkload.Reading();
        long seq;
    }

    /** The packs named by a {@code packs} parameter: see {@link WardFeed#config}. */
    static MonitorConfig config(String packs) {
        return WardFeed.config(packs);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long library(Ward ward, Library lib, CpuTime cpu) {
        WardWorkload w = ward.workload;
        VitalMonitor monitor = lib.monitor;
        long seq = lib.seq;
        for (int i = 0; i < BATCH; i++, seq++) {
            monitor.submit(w.observation(seq, lib.scratch));
        }
        lib.seq = seq;
        cpu.add(BATCH);
        return lib.alertEvents;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rawEsper(Ward ward, RawEsper raw, CpuTime cpu) {
        WardWorkload w = ward.workload;
        RawEsperPipeline esper = raw.esper;
        long seq = raw.seq;
        for (int i = 0; i < BATCH; i++, seq++) {
            esper.send(w.observation(seq, raw.scratch));
        }
        raw.seq = seq;
        cpu.add(BATCH);
        return esper.signals();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long handWritten(Ward ward, HandWritten hand, CpuTime cpu) {
        WardWorkload w = ward.workload;
        HandWrittenThresholds t = hand.thresholds;
        long seq = hand.seq;
        for (int i = 0; i < BATCH; i++, seq++) {
            t.accept(w.observation(seq, hand.scratch));
        }
        hand.seq = seq;
        cpu.add(BATCH);
        return t.signals();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void baseline(Ward ward, Cursor cursor, CpuTime cpu, Blackhole bh) {
        WardWorkload w = ward.workload;
        long seq = cursor.seq;
        for (int i = 0; i < BATCH; i++, seq++) {
            Observation o = w.observation(seq, cursor.scratch);
            bh.consume(o);
        }
        cursor.seq = seq;
        cpu.add(BATCH);
    }
}
