package com.nexussaude.monitor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results: CPU time of the benchmark thread ({@code cpuNs}) and the observations it
 * processed ({@code observations}) in the measured iterations. {@code cpuNs / observations} is the
 * thread's CPU time per observation; {@code benchmarks/run.sh} prints it.
 *
 * <p>Why: the benchmark machine is shared (two cores, other builds running). Wall-clock throughput
 * drops whenever a neighbour takes the core; the thread's own CPU time mostly does not, so it is the
 * steadier number to compare library, raw Esper and hand-written code by. It excludes GC and JIT
 * threads, so it reads lower than {@code 1e9 / score}.
 *
 * <p>Both are plain event counts because JMH sums event counters over iterations (and the ratio of
 * the sums is the mean over the measured time). Benchmarks call {@link #add(int)} after each
 * invocation, which reads the thread's CPU clock once per invocation of {@code BATCH} observations;
 * the trial tear-down that follows the last invocation is not counted.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Benchmark-thread CPU ns of this iteration, up to its last invocation. */
    public long cpuNs;
    /** Observations of this iteration. */
    public long observations;
    private long startCpuNs;

    /** Starts counting for an iteration. */
    @Setup(Level.Iteration)
    public void start() {
        observations = 0;
        cpuNs = 0;
        startCpuNs = THREADS.getCurrentThreadCpuTime();
    }

    /** Counts {@code n} observations just processed. */
    public void add(int n) {
        observations += n;
        cpuNs = THREADS.getCurrentThreadCpuTime() - startCpuNs;
    }
}
