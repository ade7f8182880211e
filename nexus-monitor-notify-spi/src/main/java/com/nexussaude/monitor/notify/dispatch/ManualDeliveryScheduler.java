package com.nexussaude.monitor.notify.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A {@link DeliveryScheduler} whose time moves only when told to, for tests and for replays that
 * run on recorded time. Worker tasks and due timers run on the thread that calls
 * {@link #runReady()}, {@link #advanceBy(Duration)} or {@link #advanceTo(Instant)}, in a
 * deterministic order: ready tasks first-in first-out, timers by due time and then by the order
 * they were set.
 *
 * <p>Because tasks run on the caller's thread, a channel that blocks blocks the caller: use
 * {@link DeliveryScheduler#system()} to exercise a channel that hangs.
 *
 * <p>Thread-safe: tasks may be scheduled from any thread; time should be moved from one.
 *
 * @since 0.1
 */
public final class ManualDeliveryScheduler implements DeliveryScheduler {

    /** Guards {@link #runReady()} against a task that keeps re-submitting itself. */
    private static final int MAX_TASKS_PER_RUN = 1_000_000;

    private final Instant start;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long elapsedNanos;
    private long sequence;
    private boolean closed;

    /**
     * A scheduler whose clock starts at {@code start}.
     *
     * @param start the wall-clock time the scheduler reports before time is first moved; not null
     */
    public ManualDeliveryScheduler(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    @Override
    public synchronized Instant now() {
        return start.plusNanos(elapsedNanos);
    }

    @Override
    public synchronized long nanoTime() {
        return elapsedNanos;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        Timer t = new Timer(elapsedNanos + Math.max(0, delay.toNanos()), sequence++, task);
        if (!closed) {
            timers.add(t);
        }
        return () -> {
            synchronized (ManualDeliveryScheduler.this) {
                timers.remove(t);
            }
        };
    }

    @Override
    public Executor newWorker(String name) {
        // One shared FIFO keeps every worker serial and the whole run deterministic.
        return task -> {
            Objects.requireNonNull(task, "task");
            synchronized (this) {
                if (!closed) {
                    ready.add(task);
                }
            }
        };
    }

    /** Runs ready worker tasks (and those they submit) until none is left; time does not move. */
    public void runReady() {
        for (int i = 0; i < MAX_TASKS_PER_RUN; i++) {
            Runnable task;
            synchronized (this) {
                task = ready.poll();
            }
            if (task == null) {
                return;
            }
            task.run();
        }
        throw new IllegalStateException("more than " + MAX_TASKS_PER_RUN + " tasks in one run: a task keeps re-submitting itself");
    }

    /**
     * Moves time forward by {@code duration}, running ready tasks first and then every timer that
     * falls due on the way, at its due time, each followed by the tasks it made ready.
     *
     * @param duration how far to move time; zero runs only the tasks that are ready; not negative
     */
    public void advanceBy(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
        long target;
        synchronized (this) {
            target = elapsedNanos + duration.toNanos();
        }
        runReady();
        while (true) {
            Timer due;
            synchronized (this) {
                Timer next = timers.peek();
                if (next == null || next.dueNanos > target) {
                    elapsedNanos = target;
                    return;
                }
                due = timers.poll();
                elapsedNanos = Math.max(elapsedNanos, due.dueNanos);
            }
            due.task.run();
            runReady();
        }
    }

    /**
     * Moves time forward to {@code instant} as {@link #advanceBy(Duration)} does; never backwards.
     *
     * @param instant the wall-clock time to move to; not before {@link #now()}
     */
    public void advanceTo(Instant instant) {
        Duration d = Duration.between(now(), instant);
        advanceBy(d.isNegative() ? Duration.ZERO : d);
    }

    /**
     * Runs everything until no timer is left, moving time to each timer in turn: what a replay does
     * at its end so every retry comes to an outcome.
     *
     * @param limit the furthest to move time; timers due later stay pending
     */
    public void advanceUntilIdle(Duration limit) {
        Instant end = now().plus(limit);
        runReady();
        while (true) {
            Optional<Duration> next = untilNextTimer();
            if (next.isEmpty() || now().plus(next.get()).isAfter(end)) {
                return;
            }
            advanceBy(next.get());
        }
    }

    /**
     * How long until the next timer is due, if one is pending.
     *
     * @return how long until the next timer is due, if one is pending
     */
    public synchronized Optional<Duration> untilNextTimer() {
        Timer next = timers.peek();
        return next == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, next.dueNanos - elapsedNanos)));
    }

    /**
     * The number of pending timers.
     *
     * @return the number of pending timers
     */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    /**
     * The number of worker tasks ready to run.
     *
     * @return the number of worker tasks ready to run
     */
    public synchronized int readyTasks() {
        return ready.size();
    }

    /** Drops every pending task and timer; later submissions are ignored. */
    @Override
    public synchronized void close() {
        closed = true;
        ready.clear();
        timers.clear();
    }

    @Override
    public synchronized String toString() {
        return "ManualDeliveryScheduler[now=" + now() + ", timers=" + timers.size() + ", ready=" + ready.size() + "]";
    }

    private record Timer(long dueNanos, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
