package com.nexussaude.monitor.notify.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Time and threads for a {@link NotificationDispatcher}: the clock it reads, the timers it sets
 * for retries and rate limits, and one serial worker per channel.
 *
 * <p>Two implementations ship: {@link #system()} (wall time, a timer thread, one daemon thread
 * per channel) for production, and {@link ManualDeliveryScheduler} (time moves only when told,
 * tasks run on the thread that moves it) for tests and deterministic replays.
 *
 * @since 0.1
 */
public interface DeliveryScheduler extends AutoCloseable {

    /**
     * Wall-clock time, for the timestamps in reports.
     *
     * @return wall-clock time, for the timestamps in reports
     */
    Instant now();

    /**
     * Monotonic time in nanoseconds, for elapsed durations (backoff, age, rate limits).
     *
     * @return monotonic time in nanoseconds, for elapsed durations (backoff, age, rate limits)
     */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delay}. The task must be short (the dispatcher's tasks
     * only hand work to a worker).
     *
     * @param delay how long from now (scheduler time) the task runs; zero runs it as soon as possible
     * @param task what to run; short and non-blocking
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * A new executor that runs its tasks one at a time, in submission order, never concurrently
     * with each other. The dispatcher creates one per channel, named after it.
     *
     * @param name the channel's name, for thread names and diagnostics
     * @return a new executor that runs its tasks one at a time, in submission order, never concurrently with
     *     each other
     */
    Executor newWorker(String name);

    /**
     * Where the attempts of the channel {@code name} run, so that the dispatcher can give up on one
     * at its deadline and go on with the channel's other pages while it still runs: an executor that
     * runs each task on a thread of its own (a channel that hangs may keep that thread; it is
     * interrupted at the deadline). Empty, the default, runs attempts on the channel's
     * {@linkplain #newWorker worker}, in line: deterministic, but a channel that hangs then holds its
     * channel (the dispatcher's deadline cannot be enforced) and, with {@link ManualDeliveryScheduler},
     * the thread that moves time.
     *
     * @param name the channel's name, for thread names and diagnostics
     * @return an executor that runs each attempt of this channel on a thread of its own; empty (the default)
     *     to run attempts on the channel's worker
     * @since 0.2
     */
    default Optional<Executor> newAttemptRunner(String name) {
        return Optional.empty();
    }

    /** Stops timers and workers; a task still running may be interrupted. */
    @Override
    void close();

    /** A handle to a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run; does nothing otherwise. */
        void cancel();
    }

    /**
     * The production scheduler: {@link System#currentTimeMillis() wall time} and
     * {@link System#nanoTime()}, one daemon timer thread ({@code nexus-notify-timer}), one
     * daemon thread per worker ({@code nexus-notify-<name>}) and daemon threads for the attempts
     * ({@code nexus-notify-<name>-attempt}, one per attempt in flight, reused). {@link #close()} interrupts the
     * workers and waits up to five seconds for them to stop.
     *
     * @return the production scheduler: {@link System#currentTimeMillis() wall time} and {@link
     *     System#nanoTime()}, one daemon timer thread ({@code nexus-notify-timer}), one daemon thread per worker
     *     ({@code nexus-notify-<name>}) and daemon threads for the attempts ({@code nexus-notify-<name>-attempt},
     *     one per attempt in flight, reused)
     */
    static DeliveryScheduler system() {
        return new SystemDeliveryScheduler();
    }
}
