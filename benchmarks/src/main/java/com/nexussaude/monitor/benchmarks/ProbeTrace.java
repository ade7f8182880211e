package com.nexussaude.monitor.benchmarks;

import java.util.Arrays;

/**
 * What each probe's latency in {@link LatencyBenchmark} is made of, so that the slowest ones can be compared with
 * the rest: how late the sender called {@code submit} after the probe's slot, the time from that call to the
 * callback, the alert events of the same submit (before the probe's and in all; with caller delivery, exact), and
 * the longest submit that ended within 2 ms before the slot (a slow neighbour the probe waited behind). A few
 * primitive arrays written once per probe: no allocation, no effect on what is measured.
 *
 * <p>The sender writes {@link #open} and {@link #submitted}; the listener writes {@link #answered}, on its own
 * thread with thread delivery: the benchmark reads everything only after the listener has released a permit for
 * every answered probe, which orders the writes before the reads.
 */
final class ProbeTrace {
    private final long[] due;
    private final long[] second;
    private final long[] called;
    private final long[] returned;
    private final long[] callback;
    private final int[] eventsBefore;
    private final int[] eventsInSubmit;
    private final long[] slowNeighbour;
    private int opened;
    private int submitted;

    ProbeTrace(int capacity) {
        due = new long[capacity];
        second = new long[capacity];
        called = new long[capacity];
        returned = new long[capacity];
        callback = new long[capacity];
        eventsBefore = new int[capacity];
        eventsInSubmit = new int[capacity];
        slowNeighbour = new long[capacity];
    }

    /** A probe is about to be submitted for its slot {@code dueNanos}, in ward second {@code wardSecond}; its index. */
    int open(long dueNanos, long wardSecond) {
        if (opened >= due.length) {
            return -1;
        }
        due[opened] = dueNanos;
        second[opened] = wardSecond;
        return opened++;
    }

    /** The probe's submit ran from {@code t0} to {@code t1}, with {@code events} alert events delivered in it. */
    void submitted(long t0, long t1, int events, long longestNeighbour) {
        int i = submitted++;
        if (i < due.length) {
            called[i] = t0;
            returned[i] = t1;
            eventsInSubmit[i] = events;
            slowNeighbour[i] = longestNeighbour;
        }
    }

    /** The probe's alert reached the listener at {@code nanos}, after {@code before} other events of its submit. */
    void answered(int index, long nanos, int before) {
        if (index >= 0) {
            callback[index] = nanos;
            eventsBefore[index] = before;
        }
    }

    /**
     * Prints the slowest {@code share} of the answered probes one a line, and each part's median over them against
     * its median over all. {@code uptimeMs} and {@code nanos} are one instant on both clocks, so that a line's time
     * can be matched with {@code -Xlog:gc,safepoint}'s uptime stamps.
     */
    void printTail(double share, long uptimeMs, long nanos) {
        int n = Math.min(opened, Math.min(submitted, due.length));
        Integer[] order = new Integer[n];
        int answeredCount = 0;
        for (int i = 0; i < n; i++) {
            if (callback[i] != 0) {
                order[answeredCount++] = i;
            }
        }
        order = Arrays.copyOf(order, answeredCount);
        Arrays.sort(order, (a, b) -> Long.compare(callback[b] - due[b], callback[a] - due[a]));
        int tail = Math.max(1, (int) Math.ceil(answeredCount * share));
        if (answeredCount == 0) {
            return;
        }
        System.out.printf("%n[latency tail] the slowest %d of %d answered probes (uptime s: latency = late start +"
                + " call to callback; events before/in the submit; longest submit ending within 2 ms before the slot;"
                + " ward second mod 60):%n", tail, answeredCount);
        for (int r = 0; r < tail && r < order.length; r++) {
            int i = order[r];
            System.out.printf("[latency tail] %9.3f s: %8.1f µs = late %8.1f + call %8.1f; events %d/%d; neighbour %8.1f µs;"
                    + " second %2d%n", (uptimeMs - (nanos - callback[i]) / 1e6) / 1e3, (callback[i] - due[i]) / 1e3,
                    (called[i] - due[i]) / 1e3, (callback[i] - called[i]) / 1e3, eventsBefore[i], eventsInSubmit[i],
                    slowNeighbour[i] / 1e3, second[i] % 60);
        }
        printSlowestCalls(order, tail, uptimeMs, nanos);
        Integer[] slow = Arrays.copyOf(order, tail);
        int lateLed = 0;
        for (Integer i : slow) {
            if (called[i] - due[i] > callback[i] - called[i]) {
                lateLed++;
            }
        }
        long[] call = new long[answeredCount];
        for (int k = 0; k < answeredCount; k++) {
            call[k] = callback[order[k]] - called[order[k]];
        }
        Arrays.sort(call);
        System.out.printf("[latency tail] call to callback over all answered probes (the library's part): p50 %.1f µs,"
                + " p90 %.1f µs, p99 %.1f µs, max %.1f µs; of the slowest %d, %d are more late start than call%n",
                LatencyRecorder.quantile(call, 0.5) / 1e3, LatencyRecorder.quantile(call, 0.9) / 1e3,
                LatencyRecorder.quantile(call, 0.99) / 1e3, call[call.length - 1] / 1e3, tail, lateLed);
        System.out.printf("[latency tail] medians, slowest %d / all %d: late %.1f / %.1f µs, call to callback %.1f / %.1f"
                + " µs, events before %d / %d, in the submit %d / %d, neighbour %.1f / %.1f µs%n", tail, answeredCount,
                median(slow, i -> called[i] - due[i]) / 1e3, median(order, i -> called[i] - due[i]) / 1e3,
                median(slow, i -> callback[i] - called[i]) / 1e3, median(order, i -> callback[i] - called[i]) / 1e3,
                median(slow, i -> eventsBefore[i]), median(order, i -> eventsBefore[i]),
                median(slow, i -> eventsInSubmit[i]), median(order, i -> eventsInSubmit[i]),
                median(slow, i -> slowNeighbour[i]) / 1e3, median(order, i -> slowNeighbour[i]) / 1e3);
    }

    /**
     * The probes whose library part (call to callback) was slowest, whatever their latency: what the tail is made of
     * when the sender starts on time (an idle machine).
     */
    private void printSlowestCalls(Integer[] answered, int count, long uptimeMs, long nanos) {
        Integer[] byCall = answered.clone();
        Arrays.sort(byCall, (a, b) -> Long.compare(callback[b] - called[b], callback[a] - called[a]));
        System.out.printf("[latency tail] the %d slowest calls to the callback (uptime s: call; events before/in the"
                + " submit; neighbour; ward second mod 60):%n", count);
        for (int r = 0; r < count && r < byCall.length; r++) {
            int i = byCall[r];
            System.out.printf("[latency call] %9.3f s: call %8.1f µs (late %8.1f); events %d/%d; neighbour %8.1f µs;"
                    + " second %2d%n", (uptimeMs - (nanos - callback[i]) / 1e6) / 1e3, (callback[i] - called[i]) / 1e3,
                    (called[i] - due[i]) / 1e3, eventsBefore[i], eventsInSubmit[i], slowNeighbour[i] / 1e3,
                    second[i] % 60);
        }
        Integer[] slow = Arrays.copyOf(byCall, Math.min(count, byCall.length));
        System.out.printf("[latency call] medians, slowest %d calls / all: events before %d / %d, in the submit %d / %d,"
                + " neighbour %.1f / %.1f µs, returned after the callback %.1f / %.1f µs%n", slow.length,
                median(slow, i -> eventsBefore[i]), median(answered, i -> eventsBefore[i]),
                median(slow, i -> eventsInSubmit[i]), median(answered, i -> eventsInSubmit[i]),
                median(slow, i -> slowNeighbour[i]) / 1e3, median(answered, i -> slowNeighbour[i]) / 1e3,
                median(slow, i -> returned[i] - callback[i]) / 1e3, median(answered, i -> returned[i] - callback[i]) / 1e3);
    }

    private static long median(Integer[] indexes, java.util.function.IntToLongFunction part) {
        long[] v = new long[indexes.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = part.applyAsLong(indexes[k]);
        }
        Arrays.sort(v);
        return v.length == 0 ? 0 : v[(v.length - 1) / 2];
    }
}
