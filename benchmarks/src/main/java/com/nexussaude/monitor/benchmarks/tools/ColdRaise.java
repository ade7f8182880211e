package com.nexussaude.monitor.benchmarks.tools;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.benchmarks.LatencyRecorder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * What a raise costs when the caches no longer hold it, as in a paced ward, where the next raise comes tens of
 * milliseconds of other work later. Each run builds a monitor with the default packs (critical SpO2 raised at once,
 * the listener on the caller's thread) and sends 30,000 patients SpO2 every 5 s for 100 s: 97 %, then 84 % (the
 * raise), then 97 % again, each patient discharged after its 100 s. The last {@value #MEASURED} patients' raising
 * submit and one plain submit each (at 50 s: nothing raised, changed or resolved) are timed; before each, the run
 * writes one byte in every 64-byte line of an array of EVICT MB (pushing code and data out of the caches and the
 * TLB) and then submits a reading for another patient (so the path every reading takes is hot again, as the ward's
 * other readings keep it). EVICT 0 times the same submits hot. EVICT {@code idleN} evicts nothing and parks the thread
 * N ms instead, and {@code spinN} keeps it spinning N ms on a pause loop that touches no memory (only the last
 * {@value #MEASURED_IDLE} patients measured, as each costs 2 × N ms): what the host's other work does to the caches in
 * that time, without any of ours.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.tools.ColdRaise [EVICT,...] [ROUNDS]
 * </pre>
 *
 * Defaults: {@code 0,8,32,idle5,spin5}, 2 rounds (the cases alternate within each round). Prints, per run, the
 * percentiles of the raising and the plain submits and the difference of their medians: what the raise itself costs
 * after that eviction. A run fails when a measured raise does not raise exactly one alert event, or a plain submit
 * makes any. Wall-clock timing is right here, as in {@link MemoryLatency}: the figure is itself a latency.
 */
public final class ColdRaise {
    private static final int PATIENTS = 30_000;
    private static final int MEASURED = 2_000;
    private static final int MEASURED_IDLE = 500;
    private static final int GROUP = 1_000;
    private static final int RAISE_S = 5;
    private static final int PLAIN_S = 50;
    private static final int LAST_S = 100;

    private ColdRaise() {
    }

    public static void main(String[] args) {
        String[] cases = (args.length > 0 ? args[0] : "0,8,32,idle5,spin5").split(",");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[] amounts = new int[cases.length];
        for (int i = 0; i < cases.length; i++) { // all read before the first run, so a typo fails at once
            String c = cases[i];
            amounts[i] = amount(c.startsWith("idle") || c.startsWith("spin") ? c.substring(4) : c, c);
        }
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < cases.length; i++) {
                boolean idle = cases[i].startsWith("idle");
                boolean spin = cases[i].startsWith("spin");
                int n = amounts[i];
                Run r = idle || spin ? run(0, n, spin, MEASURED_IDLE) : run(n, 0, false, MEASURED);
                System.out.printf(Locale.ROOT, "round %d, %-13s: raising submit p50 %6.1f µs, p90 %6.1f, p99 %6.1f;"
                                + " plain submit p50 %5.1f µs, p90 %5.1f, p99 %6.1f; the raise's own: %6.1f µs%n", round,
                        idle ? "idle " + n + " ms" : spin ? "spin " + n + " ms" : "evict " + n + " MB",
                        us(r.raising, 0.5), us(r.raising, 0.9), us(r.raising, 0.99), us(r.plain, 0.5), us(r.plain, 0.9),
                        us(r.plain, 0.99), us(r.raising, 0.5) - us(r.plain, 0.5));
                System.out.flush();
            }
        }
    }

    /** The measured submits' durations, sorted, in nanoseconds. */
    record Run(long[] raising, long[] plain) {
    }

    /**
     * One monitor, {@link #PATIENTS} patients; the last {@code measured} timed after evicting {@code evictMb} or
     * waiting {@code idleMs} (parked, or spinning when {@code spin}).
     */
    static Run run(int evictMb, int idleMs, boolean spin, int measured) {
        return run(evictMb, idleMs, spin, measured, PATIENTS);
    }

    /** As {@link #run(int, int, boolean, int)}, with {@code patients} patients in all. */
    static Run run(int evictMb, int idleMs, boolean spin, int measured, int patients) {
        byte[] evict = new byte[Math.max(1, evictMb << 20)];
        int[] events = {0};
        VitalMonitor.Builder builder = VitalMonitor.builder()
                .config(MonitorConfig.builder().packSetting("threshold_critical_confirm_ms", 0L).build())
                .clock(MonitorClock.eventTime())
                .listener(e -> events[0]++)
                .listenerExecutor(Runnable::run);
        long[] raising = new long[measured];
        long[] plain = new long[measured];
        int measuredRaises = 0;
        int measuredPlain = 0;
        long sink = 0;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (VitalMonitor monitor = builder.build()) {
            for (int first = 0; first < patients; first += GROUP) {
                int last = Math.min(patients, first + GROUP);
                for (int s = 0; s <= LAST_S; s += 5) {
                    Instant at = start.plusSeconds(s);
                    for (int p = first; p < last; p++) {
                        boolean timed = p >= patients - measured && (s == RAISE_S || s == PLAIN_S);
                        if (timed) {
                            sink += evict(evict, evictMb);
                            if (idleMs > 0 && spin) {
                                for (long end = System.nanoTime() + idleMs * 1_000_000L; System.nanoTime() < end; ) {
                                    Thread.onSpinWait();
                                }
                            } else if (idleMs > 0) {
                                LockSupport.parkNanos(idleMs * 1_000_000L);
                            }
                            // Another patient's reading: the common path hot again, its misses outside the timing.
                            monitor.submit(Observation.builder("neighbour-" + (p % GROUP), at).spo2(96).build());
                        }
                        Observation o = Observation.builder("patient-" + p, at).spo2(s == RAISE_S ? 84 : 97).build();
                        events[0] = 0;
                        long t0 = System.nanoTime();
                        monitor.submit(o);
                        long took = System.nanoTime() - t0;
                        if (!timed) {
                            continue;
                        }
                        if (s == RAISE_S) {
                            require(events[0] == 1, "the raise of patient-" + p + " made " + events[0] + " alert events");
                            raising[measuredRaises++] = took;
                        } else {
                            require(events[0] == 0, "the plain submit of patient-" + p + " made " + events[0]
                                    + " alert events");
                            plain[measuredPlain++] = took;
                        }
                    }
                }
                for (int p = first; p < last; p++) {
                    monitor.discharge("patient-" + p);
                }
                start = start.plusSeconds(LAST_S + 5);
            }
        }
        if (sink == 42) {
            System.out.println(); // keeps the eviction's writes alive
        }
        require(measuredRaises == measured && measuredPlain == measured, "timed " + measuredRaises + " raises and "
                + measuredPlain + " plain submits of " + measured);
        Arrays.sort(raising);
        Arrays.sort(plain);
        return new Run(raising, plain);
    }

    /** Writes one byte in every 64-byte line of the first {@code mb} MB of {@code lines}. */
    private static long evict(byte[] lines, int mb) {
        if (mb == 0) {
            return 0;
        }
        for (int i = 0; i < lines.length; i += 64) {
            lines[i]++;
        }
        return lines[lines.length / 2];
    }

    /** The number in an EVICT case, or a clear refusal naming the case. */
    private static int amount(String digits, String evictCase) {
        try {
            int n = Integer.parseInt(digits);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("EVICT must be MB to evict (0, 8, 32), idleN or spinN (ms), but was '"
                + evictCase + "'");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + ": the measurement would not time what it says");
        }
    }

    private static double us(long[] sorted, double q) {
        return LatencyRecorder.quantile(sorted, q) / 1e3;
    }
}
