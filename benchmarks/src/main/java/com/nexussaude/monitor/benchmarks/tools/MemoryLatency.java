package com.nexussaude.monitor.benchmarks.tools;

import java.util.Random;

/**
 * The host's load-to-use latency by working-set size: a pointer chase through one random cycle over the 64-byte lines
 * of an int array (each load's address is the previous load's value, so no two overlap and the prefetcher cannot guess
 * the next line). What it is for: at 10,000 patients a patient's state is out of cache, and part of the library's cost
 * per observation is its dependent cache misses times this host's miss latency (on the AMD guest of the seventh and
 * eighth passes the smaller part: a 100-bed ward, whose state stays in cache, cost 0.75-0.96 of a 10,000-bed one
 * there; benchmarks/RESULTS.md, eighth pass).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.tools.MemoryLatency [ROUNDS]
 * </pre>
 *
 * Prints, per size from 16 KB to 256 MB, the mean nanoseconds per load of {@value #STEPS} loads after a warm-up of the
 * same cycle; ROUNDS (default 2) repeats the whole series. Wall-clock timing is right here: the figure is itself a
 * latency, not the cost of the code under test.
 */
public final class MemoryLatency {
    private static final int[] SIZES_KB = {16, 256, 4096, 16_384, 65_536, 262_144};
    private static final int INTS_PER_LINE = 16;
    private static final long STEPS = 20_000_000;

    private MemoryLatency() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int sink = 0;
        for (int round = 1; round <= rounds; round++) {
            for (int kb : SIZES_KB) {
                int[] next = cycle(kb);
                int at = 0;
                for (int i = 0; i < 1_000_000; i++) {
                    at = next[at];
                }
                long start = System.nanoTime();
                for (long i = 0; i < STEPS; i++) {
                    at = next[at];
                }
                long ns = System.nanoTime() - start;
                sink += at;
                System.out.printf("round %d: %,9d KB: %6.1f ns a load%n", round, kb, ns / (double) STEPS);
            }
        }
        if (sink == 42) {
            System.out.println(); // keeps the chase's result alive
        }
    }

    /** An array whose lines form one random cycle (Sattolo's shuffle): {@code next[k]} is the next line's first int. */
    private static int[] cycle(int kb) {
        int lines = kb * 1024 / 4 / INTS_PER_LINE;
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        Random random = new Random(1);
        for (int i = lines - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[lines * INTS_PER_LINE];
        for (int i = 0; i < lines; i++) {
            next[order[i] * INTS_PER_LINE] = order[(i + 1) % lines] * INTS_PER_LINE;
        }
        return next;
    }
}
