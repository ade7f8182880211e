package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled packs compile to the same bytes in every build, so the jar that carries them is
 * reproducible. Each compile runs in a fresh JVM, as the build's does (Esper also numbers some classes
 * with JVM-wide counters, which a second compile in one JVM would see moved on).
 *
 * <p>The two JVMs deliberately differ in what moves identity hash codes: the garbage collector (the
 * JVM picks one by the machine's size) and class data sharing. Without {@link RulePackCompiler#JVM_FLAGS}
 * these two compiles wrote different bytes for all seven packs (JDK 17), so
 * the test does not depend on a race to catch a regression.
 */
class RulePackCompilerTest {
    /** A version-4 UUID as Esper writes it into class names (underscores for dashes). */
    private static final Pattern RANDOM_UUID =
            Pattern.compile("[0-9a-f]{8}_[0-9a-f]{4}_4[0-9a-f]{3}_[89ab][0-9a-f]{3}_[0-9a-f]{12}");

    @TempDir
    Path dir;

    private Path compileInAFreshJvm(String name, List<String> jvmFlags) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RulePackCompiler.class.getName(),
                out.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the compile finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve(name + ".log"))).isZero();
        return out.resolve(EsperSetup.COMPILED_RESOURCE_DIR.substring(1));
    }

    @Test
    void twoBuildsWriteByteIdenticalPacksWithNoRandomClassName() throws Exception {
        Path first = compileInAFreshJvm("first", flags("-XX:+UseSerialGC", "-Xshare:auto"));
        Path second = compileInAFreshJvm("second", flags("-XX:+UseG1GC", "-Xshare:off"));
        for (String pack : EsperSetup.PACKS) {
            byte[] a = Files.readAllBytes(first.resolve(pack + ".epc"));
            byte[] b = Files.readAllBytes(second.resolve(pack + ".epc"));
            assertThat(a).as(pack).isEqualTo(b);
            assertThat(RANDOM_UUID.matcher(new String(a, StandardCharsets.ISO_8859_1)).find())
                    .as("a random UUID left in %s", pack).isFalse();
        }
        assertThat(List.of(first.toFile().list())).hasSize(EsperSetup.PACKS.size());
    }

    @Test
    void refusesToCompileWithIdentityHashesThatVary() throws Exception {
        Path out = dir.resolve("unflagged");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), RulePackCompiler.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("unflagged.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the compiler finished").isTrue();
        String log = Files.readString(dir.resolve("unflagged.log"));
        assertThat(p.exitValue()).as(log).isNotZero();
        assertThat(log).contains("RulePackCompiler must run in a JVM started with -XX:+UnlockExperimentalVMOptions -XX:hashCode=2");
        assertThat(out).doesNotExist();
    }

    private static List<String> flags(String... more) {
        List<String> flags = new ArrayList<>(RulePackCompiler.JVM_FLAGS);
        flags.addAll(List.of(more));
        return flags;
    }
}
