package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * An Esper runtime created on a thread of its own while {@code build()} goes on with the work that does not
 * need it (the journal's restore, the lifecycle, reading the precompiled packs). Creating a runtime in a fresh
 * JVM is mostly loading and verifying Esper's classes, a quarter of {@code build()}; on a second core it
 * overlaps the rest (benchmarks/RESULTS.md, "Start-up"). The runtime is used only after {@link #await}, by the
 * building thread, as before; Esper's runtime creation is thread-safe ({@link EPRuntimeProvider} is
 * synchronized) and the thread start and {@link #await} order everything the two threads share.
 */
// Public, though internal: the engine (internal.ingest) starts it.
public final class RuntimeStart {
    private final FutureTask<EPRuntime> task;

    private RuntimeStart(FutureTask<EPRuntime> task) {
        this.task = task;
    }

    /** Starts creating the runtime {@code uri} with {@code configuration} on a new daemon thread. */
    public static RuntimeStart begin(String uri, Configuration configuration) {
        FutureTask<EPRuntime> task = new FutureTask<>(() -> EPRuntimeProvider.getRuntime(uri, configuration));
        Thread t = new Thread(task, uri + "-start");
        t.setDaemon(true);
        t.start();
        return new RuntimeStart(task);
    }

    /**
     * The runtime, once created; what its creation threw otherwise, as thrown. Waits uninterruptibly (a
     * {@code build()} was never interruptible) and keeps the caller's interrupt status.
     */
    public EPRuntime await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("creating the Esper runtime failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The build failed before it took the runtime: destroys the runtime once created, so that no runtime of a
     * monitor that never existed stays registered. A failure doing so is added to {@code failure}.
     */
    public void abandon(Throwable failure) {
        try {
            await().destroy();
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }
}
