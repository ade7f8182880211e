package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.DeploymentOptions;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.internal.kernel.service.EPRuntimeSPI;
import com.nexussaude.monitor.NexusMonitorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * An Esper runtime created on a thread of its own while {@code build()} goes on with the work that does not
 * need it (the journal's restore, the lifecycle, reading the precompiled packs). Creating a runtime in a fresh
 * JVM is mostly loading and verifying Esper's classes, a quarter of {@code build()}; on a second core it
 * overlaps the rest (benchmarks/RESULTS.md, "Start-up"). The runtime is used only after {@link #await}, by the
 * building thread, as before; Esper's runtime creation is thread-safe ({@link EPRuntimeProvider} is
 * synchronized) and the thread start and {@link #await} order everything the two threads share.
 *
 * <p>Once the runtime exists and the building thread has read the packs ({@link #packsRead}), the same thread
 * defines and verifies each pack's generated classes, in deployment order, in a loader of its own
 * ({@link PackClassLoader}): in a fresh JVM that is a third of each deploy, and here it overlaps the deploys of
 * the packs before it. The building thread deploys each pack through its loader ({@link #deployOptions}) once it
 * is ready; a pack whose classes could not be defined fails the build with the pack named, as its deploy would.
 */
// Public, though internal: the engine (internal.ingest) starts it.
public final class RuntimeStart {
    private final FutureTask<EPRuntime> task;
    /** The packs to prepare, by name in deployment order, handed over by the building thread. */
    private final CompletableFuture<Map<String, EPCompiled>> packs = new CompletableFuture<>();
    /** Each pack's prepared loader, by name, completed by the start thread in deployment order. */
    private final Map<String, CompletableFuture<PackClassLoader>> loaders = new LinkedHashMap<>();

    private RuntimeStart(FutureTask<EPRuntime> task) {
        this.task = task;
    }

    /** Starts creating the runtime {@code uri} with {@code configuration} on a new daemon thread. */
    public static RuntimeStart begin(String uri, Configuration configuration) {
        FutureTask<EPRuntime> task = new FutureTask<>(() -> EPRuntimeProvider.getRuntime(uri, configuration));
        RuntimeStart start = new RuntimeStart(task);
        Thread t = new Thread(() -> {
            task.run();
            start.preparePacks();
        }, uri + "-start");
        t.setDaemon(true);
        t.start();
        return start;
    }

    /**
     * Hands the packs that will be deployed (by name, in deployment order) to the start thread, which defines
     * their classes once the runtime exists. Called at most once, by the building thread.
     */
    public void packsRead(Map<String, EPCompiled> toDeploy) {
        synchronized (loaders) {
            for (String pack : toDeploy.keySet()) {
                loaders.put(pack, new CompletableFuture<>());
            }
        }
        packs.complete(new LinkedHashMap<>(toDeploy));
    }

    /** On the start thread, after the runtime's creation: each handed-over pack's classes, in order. */
    private void preparePacks() {
        EPRuntime runtime;
        Map<String, EPCompiled> toDeploy;
        try {
            runtime = task.get();
            toDeploy = packs.get();
        } catch (InterruptedException | ExecutionException | CancellationException e) {
            return; // no runtime, or no packs (the build failed first): nothing to prepare, the building thread reports
        }
        List<CompletableFuture<PackClassLoader>> pending;
        synchronized (loaders) {
            pending = new ArrayList<>(loaders.values());
        }
        try {
            ClassLoader parent = ((EPRuntimeSPI) runtime).getServicesContext().getClassLoaderParent();
            int i = 0;
            for (Map.Entry<String, EPCompiled> p : toDeploy.entrySet()) {
                CompletableFuture<PackClassLoader> loader = pending.get(i++);
                try {
                    loader.complete(PackClassLoader.prepared(p.getKey(), p.getValue(), parent));
                } catch (ClassNotFoundException | RuntimeException | Error e) {
                    // Whatever it is (a class missing or that does not verify, or no memory left), the building
                    // thread waits for this pack and reports it.
                    loader.completeExceptionally(e);
                }
            }
        } catch (RuntimeException | Error e) {
            // The runtime was destroyed already (the build failed meanwhile), or worse: each pack's waiter is told.
            for (CompletableFuture<PackClassLoader> loader : pending) {
                loader.completeExceptionally(e);
            }
        } finally {
            // A future left incomplete would hold build() forever (no effect on those completed above).
            for (CompletableFuture<PackClassLoader> loader : pending) {
                loader.completeExceptionally(new IllegalStateException("the runtime's start thread ended first"));
            }
        }
    }

    /**
     * The options to deploy {@code pack} with: its classes as the start thread defined them. Waits for them
     * (uninterruptibly, as {@link #await}); throws, naming the pack, if they could not be defined. Only after
     * {@link #packsRead} named the pack and {@link #await} returned.
     */
    public DeploymentOptions deployOptions(String pack) {
        CompletableFuture<PackClassLoader> prepared;
        synchronized (loaders) {
            prepared = loaders.get(pack);
        }
        if (prepared == null) {
            throw new IllegalStateException("bundled rule pack '" + pack + "' was not handed over to be prepared");
        }
        PackClassLoader loader;
        try {
            loader = uninterruptibly(prepared);
        } catch (ExecutionException e) {
            throw new NexusMonitorException("cannot deploy bundled rule pack '" + pack + "': its compiled classes could "
                    + "not be loaded: " + e.getCause(), e.getCause());
        }
        DeploymentOptions options = new DeploymentOptions();
        // Esper's own parent is the one the loader was prepared under: checked, so that a runtime set up otherwise
        // deploys the pack as it always did.
        options.setDeploymentClassLoaderOption(
                context -> context.getRuntimeParentClassLoader() == loader.getParent() ? loader : context.getRuntimeParentClassLoader());
        return options;
    }

    private static <T> T uninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
        packs.cancel(false); // the start thread, if still waiting for the packs, prepares none
        try {
            await().destroy();
        } catch (RuntimeException | Error e) {
            failure.addSuppressed(e);
        }
    }
}
