package com.nexussaude.monitor.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The core library as built at an earlier commit ({@code benchmarks/before.sh}, by default d7665f0, issue
 * 21's equivalence base), loaded next to the current one in the same JVM for {@link InterleavedBenchmark}'s
 * {@code before} lane.
 *
 * <p>The loader's parent is the platform class loader, so every {@code com.nexussaude.monitor} class and
 * every Esper, Jackson and Caffeine class it sees comes from the old classpath, never from this jar. The
 * only classes it takes from this jar are {@link WardWorkload} and {@link WardFeed} (defined again, from
 * their bytes, in the old loader), so the old library is fed the same readings by the same bytecode.
 */
final class BeforeCode {
    /** System property: the classpath file {@code before.sh} writes (one jar a line, the core first). */
    static final String PROPERTY = "nexus.before.classpath";

    private static final List<Path> DEFAULTS = List.of(Path.of("target/before/classpath.txt"),
            Path.of("benchmarks/target/before/classpath.txt"));
    private static final Set<String> FROM_THIS_JAR = Set.of(WardWorkload.class.getName(),
            WardWorkload.Reading.class.getName(), WardFeed.class.getName());

    private BeforeCode() {
    }

    /** The classpath file: the property's, else the first default that exists; empty if none. */
    static Optional<Path> find() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return Optional.of(Path.of(property));
        }
        return DEFAULTS.stream().filter(Files::isRegularFile).findFirst();
    }

    /** A class loader over the old library, or a clear error if {@code before.sh} has not been run. */
    static ClassLoader loader() {
        Path file = find().orElseThrow(() -> new IllegalStateException("the 'before' lane needs the core built at "
                + "the base commit: run benchmarks/before.sh (it writes benchmarks/target/before/classpath.txt) "
                + "or pass -D" + PROPERTY + "=FILE; neither " + DEFAULTS + " exists under "
                + Path.of("").toAbsolutePath()));
        return loader(file);
    }

    static ClassLoader loader(Path classpathFile) {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("-D" + PROPERTY + " names " + classpathFile.toAbsolutePath()
                    + ", which is not a file: run benchmarks/before.sh to build it");
        }
        List<URL> urls = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(classpathFile)) {
                if (line.isBlank()) {
                    continue;
                }
                Path jar = Path.of(line.strip());
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(classpathFile + " lists " + jar
                            + ", which is missing: run benchmarks/before.sh again");
                }
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a bad path in " + classpathFile, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile, e);
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException(classpathFile + " lists no jar: run benchmarks/before.sh again");
        }
        return new Loader(urls.toArray(URL[]::new));
    }

    /** A {@link WardFeed} of the old library: {@code packs} over {@code patients} beds, seed 42. */
    static Object feed(ClassLoader loader, String packs, int patients) {
        try {
            Class<?> type = Class.forName(WardFeed.class.getName(), true, loader);
            return type.getConstructor(String.class, int.class, long.class).newInstance(packs, patients, 42L);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the old library failed to build a monitor", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load WardFeed against the old library", e);
        }
    }

    /** Old library first (parent: the platform loader); {@link #FROM_THIS_JAR} defined from this jar's bytes. */
    private static final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        Loader(URL[] urls) {
            super("before", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!FROM_THIS_JAR.contains(name)) {
                return super.findClass(name);
            }
            String resource = name.replace('.', '/') + ".class";
            try (InputStream in = BeforeCode.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ClassNotFoundException(name + ": " + resource + " is not on this jar's classpath");
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
