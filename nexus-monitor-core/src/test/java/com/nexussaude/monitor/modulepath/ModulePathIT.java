package com.nexussaude.monitor.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core on the module path, as a host that uses modules runs it: its packaged jar (so this runs after
 * {@code package}, under failsafe) is the named module {@code com.nexussaude.monitor.core}, and a monitor
 * with all default packs raises README's embedding example alert in a JVM whose module path holds core
 * and its runtime dependencies (Esper among them, as automatic modules) and nothing else.
 */
class ModulePathIT {
    static final String CORE = "com.nexussaude.monitor.core";

    @Test
    void theCoreJarIsTheModuleNamedInItsManifest() {
        List<String> names = ModuleFinder.of(coreJar()).findAll().stream()
                .map(ModuleReference::descriptor).map(d -> d.name()).toList();
        assertThat(names).as("the module(s) in %s", coreJar()).containsExactly(CORE);
    }

    @Test
    void aMonitorRaisesAlertsWithCoreAndEsperOnTheModulePath(@TempDir Path dir) throws Exception {
        // Only the launcher class on the class path: the test classes share core's packages.
        Path launcher = dir.resolve("cp/com/nexussaude/monitor/modulepath/ModulePathMain.class");
        Files.createDirectories(launcher.getParent());
        try (var in = ModulePathMain.class.getResourceAsStream("ModulePathMain.class")) {
            Files.copy(in, launcher);
        }
        List<String> modulePath = new ArrayList<>();
        modulePath.add(coreJar().toString());
        modulePath.addAll(runtimeDependencies());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-XX:-UsePerfData",
                "--module-path", String.join(File.pathSeparator, modulePath), "--add-modules", "ALL-MODULE-PATH",
                "-cp", dir.resolve("cp").toString(), ModulePathMain.class.getName())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the module-path JVM finished").isTrue();
        String out = Files.readString(dir.resolve("out.txt"));
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(child.exitValue()).as("exit status; stdout:%n%s%nstderr:%n%s", out, err).isZero();
        assertThat(out.lines()).as("stderr:%n%s", err).containsExactly(
                "core module: " + CORE,
                "notify-spi module: com.nexussaude.monitor.notify.spi (module-info)",
                "esper module: esper.runtime",
                "alert: RAISED MEDIUM bed-12: SpO2 92 % below 94 for 30 s");
    }

    static Path coreJar() {
        Path jar = Path.of(required("nexus.core.jar"));
        assertThat(jar).as("core's packaged jar (ModulePathIT runs after package)").isRegularFile();
        return jar;
    }

    /** Core's runtime dependencies, as the build wrote them (maven-dependency-plugin build-classpath). */
    static List<String> runtimeDependencies() throws Exception {
        Path file = Path.of(required("nexus.core.runtime.classpath"));
        assertThat(file).as("the runtime class path file written before integration-test").isRegularFile();
        String cp = Files.readString(file, StandardCharsets.UTF_8).trim();
        List<String> entries = Stream.of(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).collect(Collectors.toList());
        assertThat(entries).as("core's runtime dependencies").anyMatch(e -> e.contains("esper-runtime"));
        return entries;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by core's failsafe configuration)", property).isNotBlank();
        return value;
    }
}
