package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.FsyncPolicy;
import com.nexussaude.monitor.journal.InMemoryJournal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency from {@code submit} to the alert callback at a fixed offered load: an open-loop harness
 * inside a JMH single-shot benchmark.
 *
 * <p><b>Load.</b> One thread submits the {@link WardWorkload} stream of {@code patients} beds in
 * real time: {@code patients} observations per second, reading {@code k} due at
 * {@code start + k / patients} s (each bed once a second, event time advancing with wall time). The
 * monitor has the defaults: all packs, its own listener thread ({@code nexus-monitor-alerts}), so
 * the latency includes the hand-off to that thread ({@code delivery=caller} removes it).
 *
 * <p><b>Probes.</b> Some of those readings carry a critical value, which the threshold pack alerts
 * at once (no persistence delay): every 60 s each stable bed has one reading with SpO2 84 % or,
 * alternately, respiratory rate 6 /min. A probe replaces a reading, so the load stays the ward.
 * The values are chosen so the probe is a real alarm, not an artefact: at most a 14-point fall from
 * the bed's previous reading (the packs treat a larger jump within 2 s as a sensor artefact), on
 * beds whose baseline keeps the vital well inside the normal band, so the alert of the previous
 * probe of that vital (120 s earlier) has cleared (60 s back in band) and resolved (30 s hold).
 *
 * <p><b>Latency</b> is the time from a probe's <em>scheduled</em> slot to the listener receiving
 * the threshold alert's {@code RAISED} (or {@code SEVERITY_CHANGED}) event for that bed and vital at
 * the probe's event time. Measuring from the schedule, not from the actual call, counts the time a
 * probe waits behind a slow earlier submit (no coordinated omission). Latencies are recorded exactly
 * ({@link LatencyRecorder}) and reported as the secondary results {@code p50Ns}, {@code p90Ns},
 * {@code p99Ns}, {@code p999Ns}, {@code maxNs}; also the duration of every {@code submit} call
 * ({@code submitP50Ns}, {@code submitP99Ns}, {@code submitMaxNs}). The primary score (the run time)
 * only says the run took {@code seconds}. Keep one fork and one measurement iteration: JMH sums
 * event counters over iterations and forks.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LatencyBenchmark -p patients=2000 -p seconds=120
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@State(Scope.Thread)
public class LatencyBenchmark {
    /** Ward size = offered load in observations per second. */
    @Param({"2000"})
    public int patients;

    /** Length of each paced iteration, seconds. */
    @Param({"60"})
    public int seconds;

    /** Ward time (seconds) fed unpaced before the first iteration: warms the JIT, fills state. */
    @Param({"120"})
    public int prefillSeconds;

    /**
     * {@code thread}: the default, listeners on the monitor's own thread; {@code caller}:
     * {@code listenerExecutor(Runnable::run)}, listeners on the submitting thread right after the
     * engine lock is released (shows what the hand-off between threads costs); {@code spin}: a listener thread of
     * the benchmark's own ({@link SpinThenPark}) that spins {@code spinMicros} after its last delivery before it
     * parks (what a cheaper wake than the default executor's would buy, and what it costs idle).
     */
    @Param({"thread"})
    public String delivery;

    /** With {@code delivery=spin}: how long the listener thread spins for more work before it parks, µs. */
    @Param({"200"})
    public int spinMicros;

    /**
     * How the submitting thread waits for the next slot: {@code park} (parks until ~100 µs before it,
     * then spins; what a host thread woken by its input looks like, caches cooled by whatever else ran)
     * or {@code spin} (busy-waits: the library's own latency with a hot core).
     */
    @Param({"park"})
    public String pacing;

    /**
     * With {@code warmShape=single} or {@code joined}: alerts raised and resolved on a separate, throwaway monitor
     * before the measured one is built, so
     * that the JIT has compiled the raise path (0: none). The ward's own raises are too few for that:
     * about 30 a second, and the warm-up iteration's few hundred leave the raise path in the
     * interpreter and C1 code; the prefill raises none (it has no probes), and more probes per bed would
     * trip flapping detection. A monitor in service gets there by itself after some thousands of alerts.
     */
    @Param({"20000"})
    public int warmRaises;

    /**
     * How the JIT is warmed before the measured monitor is built. {@code ward} (the default since session 9: with
     * the other two, the measured minute still compiled and deoptimized lifecycle and rule methods, 8-11 of them
     * deoptimized at C2 in each run, against 0-2 with {@code ward}; RESULTS.md, branch lat9), or one of the two
     * {@code warmRaises} shapes, in which each throwaway patient gets: {@code single} (the default until session 8:
     * one SpO2 alert)
     * or {@code joined} (also a respiratory-rate alert 5 s later, which joins the SpO2 alert's incident: the incident
     * then compares headlines and re-derives from two members, paths the ward takes, with ~one open alert per bed,
     * and {@code single} leaves to be compiled during the measured minute), or {@code ward}: instead of those
     * patients, {@code warmWardSeconds} of the measured ward itself (same beds, same seed, the same probes) on the
     * throwaway monitor, unpaced, heard by the same listener: stale resolves, step-downs, incidents of several
     * alerts, every rule's alerts and the benchmark's listener class all reach the JIT before the measured monitor
     * exists, as in a monitor that has run for a while; the other two leave some of them to the measured minute.
     */
    @Param({"ward"})
    public String warmShape;

    /** With {@code warmShape=ward}: ward seconds fed to the throwaway monitor (2,000 beds: 2,000 observations each). */
    @Param({"600"})
    public int warmWardSeconds;

    /**
     * The journal the measured monitor records to: {@code none} (the default, as before), {@code file} (a
     * {@link FileJournal} in a temporary directory with its default {@link FsyncPolicy#EVERY_RECORD}: a
     * {@code write} and a {@code force} per record, under the engine lock and before any listener hears, by
     * contract), {@code buffered} (the same with {@link FsyncPolicy#OS_BUFFERED}) or {@code memory}
     * ({@link InMemoryJournal}: the records' encoding without the file). The directory is deleted at tear-down.
     */
    @Param({"none"})
    public String journal;

    private static final int PROBE_PERIOD_S = 60;
    private static final double SPO2_PROBE = 84;
    private static final double RR_PROBE = 6;

    private VitalMonitor monitor;
    private java.nio.file.Path journalDir;
    private SpinThenPark spinExecutor;
    private WardWorkload workload;
    private final WardWorkload.Reading scratch = new WardWorkload.Reading();
    private final WardWorkload.Reading previous = new WardWorkload.Reading();
    private long seq;
    private boolean[] spo2Probe;
    private boolean[] rrProbe;

    // Written by the sender before the submit that raises the alert, read by the listener thread:
    // the hand-off through the listener executor's queue orders the write before the read.
    private long[] probeDue;
    private long[] probeTs;
    private String[] probeKey;
    /** Per bed: the index of its open probe in {@link #trace}. */
    private int[] probeIndex;
    /** Per probe of the measured run: what its latency is made of ({@link ProbeTrace}). */
    private ProbeTrace trace = new ProbeTrace(0);
    /** Alert events (any) delivered since the sender last reset it; with caller delivery, those of one submit. */
    private int eventsThisSubmit;
    private volatile LatencyRecorder alertLatency = new LatencyRecorder(0);
    /** While the throwaway monitor of {@code warmShape=ward} runs: {@link #onAlert} only counts its raises. */
    private boolean warmingWard;
    private long warmWardRaised;
    /** One permit per probe answered by an alert event (released on the listener thread). */
    private final java.util.concurrent.Semaphore answered = new java.util.concurrent.Semaphore(0);

    /** The percentiles of the iteration, as JMH secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Percentiles {
        /** Probe latency, median, ns. */
        public long p50Ns;
        /** Probe latency, 90th percentile, ns. */
        public long p90Ns;
        /** Probe latency, 99th percentile, ns. */
        public long p99Ns;
        /** Probe latency, 99.9th percentile, ns. */
        public long p999Ns;
        /** Probe latency, maximum, ns. */
        public long maxNs;
        /** Probes answered by an alert event. */
        public long probes;
        /** Probes with no alert event (an alert of that bed and vital was still open). */
        public long unanswered;
        /** Duration of the submit call, median over all observations, ns. */
        public long submitP50Ns;
        /** Duration of the submit call, 99th percentile, ns. */
        public long submitP99Ns;
        /** Duration of the submit call, maximum, ns. */
        public long submitMaxNs;
        /** Observations offered per second, as achieved by the sender. */
        public long achievedRate;
        /** How late the sender called {@code submit} for a probe after its slot, 99th percentile, ns. */
        public long probeStartLateP99Ns;
        /** Duration of the submit call that carried a probe (it raises the alert), median, ns. */
        public long probeSubmitP50Ns;
        /** Duration of the submit call that carried a probe, 99th percentile, ns. */
        public long probeSubmitP99Ns;
        /** Garbage collections during the paced run (all collectors). */
        public long gcCount;
        /** Time spent in them, ms, as the collectors' MXBeans report it. */
        public long gcMs;
        /** CPU time of the listener thread during the paced run, ms ({@code delivery=caller}: 0, none). */
        public long listenerCpuMs;
    }

    /** Builds the monitor with its own listener thread, registers the ward, feeds the prefill. */
    @Setup(Level.Trial)
    public void setUp() {
        workload = new WardWorkload(patients, 42);
        spo2Probe = new boolean[patients];
        rrProbe = new boolean[patients];
        for (int p = 0; p < patients; p++) {
            // Baselines whose noise never leaves the normal band, so each probe's alert resolves in time.
            spo2Probe[p] = !workload.deteriorating(p) && workload.spo2Baseline(p) >= 96;
            double rr = workload.respiratoryRateBaseline(p);
            rrProbe[p] = !workload.deteriorating(p) && rr >= 14 && rr <= 17;
        }
        if (warmShape.equals("ward")) {
            warmOnWard(warmWardSeconds);
        } else {
            warmRaisePath(warmRaises);
        }
        probeDue = new long[patients];
        probeTs = new long[patients];
        probeKey = new String[patients];
        probeIndex = new int[patients];
        VitalMonitor.Builder builder = builder();
        switch (delivery) {
            case "thread" -> { }
            case "caller" -> builder.listenerExecutor(Runnable::run);
            case "spin" -> {
                spinExecutor = new SpinThenPark(TimeUnit.MICROSECONDS.toNanos(spinMicros));
                builder.listenerExecutor(spinExecutor);
            }
            default -> throw new IllegalArgumentException("delivery must be thread, caller or spin, but was " + delivery);
        }
        switch (journal) {
            case "none" -> { }
            case "memory" -> builder.journal(new InMemoryJournal());
            case "file", "buffered" -> {
                try {
                    journalDir = java.nio.file.Files.createTempDirectory("latency-journal");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                builder.journal(FileJournal.builder(journalDir.resolve("alerts.journal"))
                        .fsync(journal.equals("file") ? FsyncPolicy.EVERY_RECORD : FsyncPolicy.OS_BUFFERED).build());
            }
            default -> throw new IllegalArgumentException("journal must be none, memory, file or buffered, but was "
                    + journal);
        }
        monitor = builder.build();
        for (int p = 0; p < patients; p++) {
            monitor.register(workload.context(p));
        }
        for (long end = (long) prefillSeconds * patients; seq < end; seq++) {
            submit(seq, 0);
        }
    }

    /** The measured monitor's builder before its delivery and journal: configuration, clock, listener. */
    private VitalMonitor.Builder builder() {
        return VitalMonitor.builder().config(probeConfig()).clock(MonitorClock.eventTime()).listener(this::onAlert);
    }

    /**
     * {@code warmShape=ward}: {@code wardSeconds} of the measured ward, its probes included, on a throwaway monitor
     * built as the measured one is (delivery on the caller's or the monitor's own thread), unpaced.
     */
    private void warmOnWard(int wardSeconds) {
        VitalMonitor.Builder builder = builder();
        if (delivery.equals("caller")) {
            builder.listenerExecutor(Runnable::run);
        }
        WardWorkload.Reading r = new WardWorkload.Reading();
        WardWorkload.Reading before = new WardWorkload.Reading();
        warmingWard = true;
        try (VitalMonitor warm = builder.build()) {
            for (int p = 0; p < patients; p++) {
                warm.register(workload.context(p));
            }
            for (long s = 0, end = (long) wardSeconds * patients; s < end; s++) {
                workload.fill(s, r);
                probeInto(s, r, before);
                warm.submit(r.toObservation());
            }
        } finally {
            warmingWard = false;
        }
        System.out.printf("%n[latency] raise path warmed: %d threshold alerts raised in %d s of the ward on a throwaway"
                + " monitor%n", warmWardRaised, wardSeconds);
    }

    /**
     * The default configuration with a critical reading critical at once: each probe is ONE critical reading
     * and this benchmark measures the time from that reading to its alert. Since 0.2 the default waits for the
     * next reading to confirm a critical one (threshold_critical_confirm_ms, 1 s at 1 Hz), which would measure
     * the sampling interval instead of the engine.
     */
    private static MonitorConfig probeConfig() {
        return MonitorConfig.builder().packSetting("threshold_critical_confirm_ms", 0L).build();
    }

    /**
     * Raises and resolves {@code alerts} SpO2 alerts on a throwaway monitor with the same configuration:
     * batches of 1,000 patients, each with a 97 % reading, an 84 % one (raised), then 97 % every 5 s for
     * 100 s (cleared, resolved). Distinct patients, so none is flapping.
     */
    private void warmRaisePath(int alerts) {
        if (alerts <= 0) {
            return;
        }
        long[] raised = {0};
        VitalMonitor.Builder builder = VitalMonitor.builder().config(probeConfig())
                .clock(MonitorClock.eventTime()).listener(e -> {
                    // The threshold alert each probe is for (the 84 % also raises others, NEWS2 among them).
                    if (e.type() == AlertEventType.RAISED && e.alert().ruleId().equals("threshold")) {
                        raised[0]++;
                    }
                });
        if (delivery.equals("caller")) {
            builder.listenerExecutor(Runnable::run);
        }
        boolean joined = switch (warmShape) {
            case "single" -> false;
            case "joined" -> true;
            default -> throw new IllegalArgumentException("warmShape must be single, joined or ward, but was "
                    + warmShape);
        };
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        try (VitalMonitor warm = builder.build()) {
            for (int first = 0; first < alerts; first += 1000) {
                int last = Math.min(alerts, first + 1000);
                for (int s = 0; s <= 100; s += 5) {
                    Instant at = t.plusSeconds(s);
                    for (int p = first; p < last; p++) {
                        Observation.Builder o = Observation.builder("warm-" + p, at).spo2(s == 5 ? SPO2_PROBE : 97);
                        if (joined) {
                            o.respiratoryRate(s == 10 ? RR_PROBE : 16);
                        }
                        warm.submit(o.build());
                    }
                }
                t = t.plusSeconds(105);
            }
            warm.advanceTo(t.plusSeconds(300));
        }
        System.out.printf("%n[latency] raise path warmed: %d threshold alerts raised on a throwaway monitor%n", raised[0]);
    }

    private void onAlert(AlertEvent e) {
        if (warmingWard) {
            if (e.type() == AlertEventType.RAISED && e.alert().ruleId().equals("threshold")) {
                warmWardRaised++;
            }
            return;
        }
        eventsThisSubmit++;
        if (e.type() != AlertEventType.RAISED && e.type() != AlertEventType.SEVERITY_CHANGED) {
            return;
        }
        long now = System.nanoTime();
        Alert a = e.alert();
        String pid = a.patientId();
        if (!a.ruleId().equals("threshold") || !pid.startsWith("bed-")) {
            return;
        }
        int p = Integer.parseInt(pid, 4, pid.length(), 10);
        long due = probeDue[p];
        if (due != 0 && a.key().equals(probeKey[p]) && e.timestamp().toEpochMilli() == probeTs[p]) {
            probeDue[p] = 0;
            trace.answered(probeIndex[p], now, eventsThisSubmit - 1);
            alertLatency.record(now - due);
            answered.release();
        }
    }

    /** Submits reading {@code s}, as a probe if it is one; returns whether it was a probe. */
    private boolean submit(long s, long due) {
        workload.fill(s, scratch);
        int p = scratch.patient;
        long second = workload.secondOf(s);
        boolean probe = false;
        if (due != 0) {
            String key = probeInto(s, scratch, previous);
            if (key != null) {
                probeKey[p] = key;
                probe = true;
                probeTs[p] = scratch.timestampMs;
                probeIndex[p] = trace.open(due, second);
                probeDue[p] = due;
            }
        }
        monitor.submit(scratch.toObservation());
        return probe;
    }

    /**
     * Makes reading {@code s} (filled in {@code r}) its bed's probe if it is one: sets the critical value; returns the
     * probed vital's alert key, or null. {@code before}: scratch for the bed's previous reading.
     */
    private String probeInto(long s, WardWorkload.Reading r, WardWorkload.Reading before) {
        int p = r.patient;
        long second = workload.secondOf(s);
        long k = second + p;
        if (k % PROBE_PERIOD_S != 0 || second <= 0) {
            return null;
        }
        boolean spo2Turn = (k / PROBE_PERIOD_S) % 2 == 0;
        workload.fill(s - patients, before);
        if (spo2Turn && spo2Probe[p] && before.spo2 - SPO2_PROBE <= 14) {
            r.spo2 = SPO2_PROBE;
            return "SPO2";
        } else if (!spo2Turn && rrProbe[p] && before.respiratoryRate - RR_PROBE <= 14) {
            r.respiratoryRate = RR_PROBE;
            return "RESPIRATORY_RATE";
        }
        return null;
    }

    /** Closes the monitor. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf("%n[latency] %s%n", monitor.stats());
        monitor.close();
        if (spinExecutor != null) {
            spinExecutor.close();
        }
        if (journalDir != null) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(journalDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                System.out.printf("%n[latency] could not delete %s: %s%n", journalDir, e);
            }
        }
    }

    /** One paced run of {@code seconds}; fills {@code out} with its percentiles. */
    @Benchmark
    public long pacedRun(Percentiles out) throws InterruptedException {
        long slots = (long) patients * seconds;
        answered.drainPermits();
        alertLatency = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE, slots));
        LatencyRecorder submitTime = new LatencyRecorder((int) slots);
        // The probes' own submits, and how late each started: the latency's parts before the callback.
        int probeCap = (int) Math.min(Integer.MAX_VALUE, slots / PROBE_PERIOD_S * 2 + 16);
        LatencyRecorder probeSubmit = new LatencyRecorder(probeCap);
        LatencyRecorder probeLate = new LatencyRecorder(probeCap);
        trace = new ProbeTrace(probeCap);
        long[] recentSubmitEnd = new long[64];
        long[] recentSubmitTook = new long[64];
        long gcCountBefore = gcCount();
        long gcMsBefore = gcMillis();
        Thread listenerThread = listenerThread();
        long listenerCpuBefore = cpuNanos(listenerThread);

        long interval = 1_000_000_000L / patients;
        long start = System.nanoTime() + 1_000_000;
        int issued = 0;
        for (long k = 0; k < slots; k++, seq++) {
            long due = start + k * interval;
            waitUntil(due, pacing.equals("spin"));
            eventsThisSubmit = 0;
            long t0 = System.nanoTime();
            boolean probe = submit(seq, due);
            long t1 = System.nanoTime();
            long took = t1 - t0;
            submitTime.record(took);
            if (probe) {
                issued++;
                probeSubmit.record(took);
                probeLate.record(t0 - due);
                trace.submitted(t0, t1, eventsThisSubmit, longestRecent(recentSubmitEnd, recentSubmitTook, due));
            }
            recentSubmitEnd[(int) (k & 63)] = t1;
            recentSubmitTook[(int) (k & 63)] = took;
        }
        long end = System.nanoTime();
        long gcs = gcCount() - gcCountBefore;
        long gcMs = gcMillis() - gcMsBefore;
        long listenerCpu = cpuNanos(listenerThread) - listenerCpuBefore;
        // Wait (bounded) for the listener thread to deliver the last probes' events.
        answered.tryAcquire(issued, 5, TimeUnit.SECONDS);

        long[] lat = alertLatency.sorted();
        long[] sub = submitTime.sorted();
        out.p50Ns = LatencyRecorder.quantile(lat, 0.50);
        out.p90Ns = LatencyRecorder.quantile(lat, 0.90);
        out.p99Ns = LatencyRecorder.quantile(lat, 0.99);
        out.p999Ns = LatencyRecorder.quantile(lat, 0.999);
        out.maxNs = lat.length == 0 ? 0 : lat[lat.length - 1];
        out.probes = lat.length;
        out.unanswered = issued - lat.length;
        out.submitP50Ns = LatencyRecorder.quantile(sub, 0.50);
        out.submitP99Ns = LatencyRecorder.quantile(sub, 0.99);
        out.submitMaxNs = sub.length == 0 ? 0 : sub[sub.length - 1];
        out.achievedRate = Math.round(slots / ((end - start) / 1e9));
        long[] ps = probeSubmit.sorted();
        out.probeSubmitP50Ns = LatencyRecorder.quantile(ps, 0.50);
        out.probeSubmitP99Ns = LatencyRecorder.quantile(ps, 0.99);
        out.probeStartLateP99Ns = LatencyRecorder.quantile(probeLate.sorted(), 0.99);
        out.gcCount = gcs;
        out.gcMs = gcMs;
        out.listenerCpuMs = listenerCpu / 1_000_000;
        System.out.printf("%n[latency parts] probe submits p50 %.1f µs, p99 %.1f µs; probe start late p99 %.1f µs;"
                + " %d GCs, %d ms; listener thread CPU %d ms in %d s%n", out.probeSubmitP50Ns / 1e3,
                out.probeSubmitP99Ns / 1e3, out.probeStartLateP99Ns / 1e3, gcs, gcMs, out.listenerCpuMs, seconds);
        trace.printTail(0.02, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), end);
        System.out.printf("%n[latency %d obs/s] %d probes answered, %d not: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs,"
                        + " p99.9 %.1f µs, max %.1f µs; submit p50 %.1f µs, p99 %.1f µs, max %.1f µs; achieved %d/s;"
                        + " ward time %d s%n", patients, lat.length, out.unanswered, out.p50Ns / 1e3, out.p90Ns / 1e3,
                out.p99Ns / 1e3, out.p999Ns / 1e3, out.maxNs / 1e3, out.submitP50Ns / 1e3, out.submitP99Ns / 1e3,
                out.submitMaxNs / 1e3, out.achievedRate, workload.secondOf(seq));
        return lat.length;
    }

    /** The longest of the last 64 submits that ended within 2 ms before {@code due} (what a probe may have waited behind). */
    private static long longestRecent(long[] ends, long[] took, long due) {
        long longest = 0;
        for (int i = 0; i < ends.length; i++) {
            if (ends[i] > due - 2_000_000 && took[i] > longest) {
                longest = took[i];
            }
        }
        return longest;
    }

    /** The thread listeners run on: the monitor's own, the spinning one, or none (on the caller). */
    private Thread listenerThread() {
        if (spinExecutor != null) {
            return spinExecutor.thread;
        }
        if (delivery.equals("thread")) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("nexus-monitor-alerts")) {
                    return t;
                }
            }
        }
        return null;
    }

    private static long cpuNanos(Thread t) {
        if (t == null) {
            return 0;
        }
        return Math.max(0, java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()));
    }

    /**
     * A listener executor with one thread that, after each task, spins up to {@code spinNanos} for the next one
     * before it parks; {@code execute} unparks it only when it has parked (or is about to). Measures whether a
     * cheaper wake than a blocking queue's shortens the hand-off, and its idle CPU.
     */
    static final class SpinThenPark implements java.util.concurrent.Executor, AutoCloseable {
        private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final long spinNanos;
        private final Thread thread;
        private volatile boolean parked;
        private volatile boolean closed;

        SpinThenPark(long spinNanos) {
            this.spinNanos = spinNanos;
            this.thread = new Thread(this::loop, "latency-spin-listener");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        private void loop() {
            long idleSince = System.nanoTime();
            while (!closed) {
                Runnable task = tasks.poll();
                if (task != null) {
                    task.run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (tasks.isEmpty() && !closed) { // a task added before parked was set is seen here
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            LockSupport.unpark(thread);
        }
    }

    private static long gcCount() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** Parks for most of a long wait (saving the shared core), then spins for precision. */
    private static void waitUntil(long due, boolean spin) {
        long now;
        while ((now = System.nanoTime()) < due) {
            long left = due - now;
            if (left > 200_000 && !spin) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
