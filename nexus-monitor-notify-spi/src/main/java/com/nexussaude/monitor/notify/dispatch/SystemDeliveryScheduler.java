package com.nexussaude.monitor.notify.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link DeliveryScheduler#system()}: real threads, real time. */
final class SystemDeliveryScheduler implements DeliveryScheduler {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor timer;
    private final List<ExecutorService> workers = new CopyOnWriteArrayList<>();
    /** Attempt threads: interrupted on close, not waited for (one may be stuck in a channel that hangs). */
    private final List<ExecutorService> runners = new CopyOnWriteArrayList<>();

    SystemDeliveryScheduler() {
        timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "nexus-notify-timer"));
        // Cancelled retries would otherwise stay in the timer queue until their due time.
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Executor newWorker(String name) {
        // Single thread, unbounded queue: the dispatcher bounds what it hands over itself.
        var worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "nexus-notify-" + name));
        workers.add(worker);
        return worker;
    }

    @Override
    public Optional<Executor> newAttemptRunner(String name) {
        // A thread per attempt in flight: an attempt abandoned at its deadline may keep its thread
        // until the channel returns, and the next attempt must not wait for it. Idle threads end.
        var runner = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "nexus-notify-" + name + "-attempt"));
        runners.add(runner);
        return Optional.of(runner);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runners.forEach(ExecutorService::shutdownNow);
        workers.forEach(ExecutorService::shutdownNow);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            for (ExecutorService w : workers) {
                w.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        // A page stuck in a retry must not keep the host's JVM alive.
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return "DeliveryScheduler.system()";
    }
}
