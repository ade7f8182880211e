package com.nexussaude.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled packs compile to the same bytes in every build, so the jar that carries them is
 * reproducible. Each compile runs in a fresh JVM, as the build's does (Esper also numbers some classes
 * with JVM-wide counters, which a second compile in one JVM would see moved on).
 */
class RulePackCompilerTest {
    /** A version-4 UUID as Esper writes it into class names (underscores for dashes). */
    private static final Pattern RANDOM_UUID =
            Pattern.compile("[0-9a-f]{8}_[0-9a-f]{4}_4[0-9a-f]{3}_[89ab][0-9a-f]{3}_[0-9a-f]{12}");

    @TempDir
    Path dir;

    private Path compileInAFreshJvm(String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), RulePackCompiler.class.getName(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the compile finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve(name + ".log"))).isZero();
        return out.resolve(EsperSetup.COMPILED_RESOURCE_DIR.substring(1));
    }

    @Test
    void twoBuildsWriteByteIdenticalPacksWithNoRandomClassName() throws Exception {
        Path first = compileInAFreshJvm("first");
        Path second = compileInAFreshJvm("second");
        for (String pack : EsperSetup.PACKS) {
            byte[] a = Files.readAllBytes(first.resolve(pack + ".epc"));
            byte[] b = Files.readAllBytes(second.resolve(pack + ".epc"));
            assertThat(a).as(pack).isEqualTo(b);
            assertThat(RANDOM_UUID.matcher(new String(a, StandardCharsets.ISO_8859_1)).find())
                    .as("a random UUID left in %s", pack).isFalse();
        }
        assertThat(List.of(first.toFile().list())).hasSize(EsperSetup.PACKS.size());
    }
}
