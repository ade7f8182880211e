package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Build tool, not API: lists the Esper classes that deploying the bundled packs loads beyond what creating the
 * runtime, reading the packs and {@link PackClassPreload} already loaded, in the order the deploys load them,
 * into {@code packs/deploy-classes.txt} ({@link PackClassPreload#loadDeployPath} loads them ahead of the deploys
 * in {@code build()}). Runs after {@link RulePackCompiler} during the Maven build ({@code process-classes}).
 *
 * <p>The library and Esper are loaded a second time, by a loader of this tool's that records every Esper class
 * it is asked for; the packs are deployed there, on this thread only, so the list is the same in every build.
 */
// Package-private: the java launcher runs its main without the class being public.
final class DeployClassLister {
    static final String RESOURCE = EsperSetup.COMPILED_RESOURCE_DIR + "deploy-classes.txt";

    private DeployClassLister() {
    }

    /** {@code args[0]}: the classes output directory (with the compiled packs in it). */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DeployClassLister <classes-dir>");
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(new URL[0]))) {
            // Esper copies its configuration through the context class loader: the recording one, as in an application.
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> run = Class.forName(Deploys.class.getName(), true, loader);
            invoke(run, "prepare");
            int before = loader.esperClasses.size();
            invoke(run, "deploy");
            List<String> loaded = loader.esperClasses.subList(before, loader.esperClasses.size());
            Path out = Path.of(args[0]).resolve(RESOURCE.substring(1));
            Files.writeString(out, loaded.stream().map(c -> c + "\n").collect(Collectors.joining()), StandardCharsets.UTF_8);
            System.out.printf("listed %d Esper classes the packs' deploys load%n", loaded.size());
        }
    }

    private static void invoke(Class<?> run, String method) throws Exception {
        try {
            java.lang.reflect.Method m = run.getMethod(method);
            m.setAccessible(true);
            m.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Run inside the recording loader: the building thread's work before the deploys, then the deploys. */
    public static final class Deploys {
        private static EPRuntime runtime;
        private static List<EPCompiled> packs;

        private Deploys() {
        }

        public static void prepare() {
            runtime = EPRuntimeProvider.getRuntime("nexus-monitor-deploy-class-lister", EsperSetup.configuration());
            List<EPCompiled> path = new ArrayList<>();
            for (String pack : EsperSetup.PACKS) {
                path.add(EsperSetup.loadPack(pack, EsperSetup.configuration(), path));
            }
            packs = path;
            PackClassPreload.load(packs);
        }

        public static void deploy() throws EPDeployException {
            try {
                for (EPCompiled pack : packs) {
                    runtime.getDeploymentService().deploy(pack);
                }
            } finally {
                runtime.destroy();
            }
        }
    }

    /** Defines the class path's classes itself (not its parent's), recording the Esper classes in load order. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> esperClasses = new ArrayList<>();

        RecordingLoader(URL[] urls) {
            super("deploy-class-lister", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (findLoadedClass(name) == null && name.startsWith("com.espertech.esper.")) {
                    Class<?> c = super.loadClass(name, resolve);
                    synchronized (esperClasses) {
                        esperClasses.add(name);
                    }
                    return c;
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
