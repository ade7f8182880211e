package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EPCompiledManifest;
import com.espertech.esper.common.client.configuration.Configuration;
import com.nexussaude.monitor.internal.lifecycle.HeadlineRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Build tool, not API: compiles the bundled EPL packs into serialized {@link EPCompiled} resources
 * during the Maven build ({@code process-classes}), so {@code VitalMonitor.build()} only deploys.
 * A pack that does not compile fails the build with the file, line and Esper's message.
 *
 * <p>The packs are part of the jar, so the build is only reproducible if they are: Esper names some
 * generated classes (multi-key classes, their serdes) with a random UUID, so two compiles of the same
 * EPL differ. {@link #canonical} replaces each such UUID with one numbered in a fixed order (same
 * length, so every constant pool and serialized string keeps its size) before the pack is written and
 * before later packs compile against it. Esper's code generation also iterates identity-hashed sets,
 * so the compile runs on one thread in a JVM whose identity hashes are all equal ({@link #JVM_FLAGS}).
 */
// Package-private: the java launcher runs its main without the class being public.
final class RulePackCompiler {
    private RulePackCompiler() {
    }

    /** {@code args[0]}: the classes output directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RulePackCompiler <classes-dir>");
        }
        requireConstantIdentityHashes();
        Path out = Path.of(args[0]).resolve(EsperSetup.COMPILED_RESOURCE_DIR.substring(1));
        Files.createDirectories(out);
        Path headlines = Path.of(args[0]).resolve(EsperSetup.HEADLINE_RESOURCE_DIR.substring(1));
        Files.createDirectories(headlines);
        Configuration cfg = EsperSetup.configuration();
        // No compiler thread pool: Esper then compiles each statement's classes on this thread
        // (CompilerPool), so no second thread hashes the objects this one iterates.
        cfg.getCompiler().getByteCode().setThreadPoolCompilerNumThreads(0);
        List<EPCompiled> path = new ArrayList<>();
        for (String pack : EsperSetup.PACKS) {
            long t0 = System.nanoTime();
            EPCompiled compiled = canonical(EsperSetup.compile(pack + ".epl", EsperSetup.packSource(pack), cfg,
                    new EsperSetup.CompilerPathList(path)), pack);
            byte[] bytes = EsperSetup.serialize(compiled);
            Files.write(out.resolve(pack + ".epc"), bytes);
            // The headline tags from the text, as the engine needs them before its runtime exists (EsperSetup.packHeadlines).
            Files.writeString(headlines.resolve(pack + ".txt"),
                    HeadlineRules.inSource(EsperSetup.packSource(pack)).stream().map(r -> r + "\n")
                            .collect(Collectors.joining()), StandardCharsets.UTF_8);
            path.add(compiled);
            System.out.printf("compiled rule pack %s: %d bytes in %d ms%n", pack, bytes.length,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * The flags the compiling JVM needs (the build's exec:exec step passes the same): every identity hash
     * is 1, so the order in which Esper's code generation iterates identity-hashed sets (of {@code Class}
     * objects, for one) is the insertion order. Otherwise it follows the identity hashes, which depend on
     * the JVM's thread-local hash state: the garbage collector the JVM picked for the machine, the class
     * data sharing archive, the threads started before, and which thread hashed an object first.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2");

    private static void requireConstantIdentityHashes() {
        if (System.identityHashCode(new Object()) != 1 || System.identityHashCode(new Object()) != 1) {
            throw new IllegalStateException("RulePackCompiler must run in a JVM started with "
                    + String.join(" ", JVM_FLAGS) + ": without them the compiled packs depend on identity hash codes"
                    + " and differ from build to build");
        }
    }

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}");

    /**
     * The pack with every random UUID in its class names replaced by a numbered one of the same length
     * ({@code <pack hash>_0000_0000_0000_<n>}), numbered in an order that does not depend on the UUIDs:
     * classes by name, then by content, each with its UUIDs masked.
     */
    static EPCompiled canonical(EPCompiled compiled, String pack) {
        Map<String, byte[]> classes = compiled.getClasses();
        List<String> names = new ArrayList<>(classes.keySet());
        names.sort(Comparator.comparing((String n) -> masked(n))
                .thenComparing(n -> masked(latin1(classes.get(n))).getBytes(StandardCharsets.ISO_8859_1), Arrays::compare));
        Map<String, String> ids = new LinkedHashMap<>();
        String prefix = String.format(Locale.ROOT, "%08x", pack.hashCode());
        for (String n : names) {
            number(n, ids, prefix);
            number(latin1(classes.get(n)), ids, prefix);
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (String n : names) {
            out.put(replaced(n, ids), replaced(latin1(classes.get(n)), ids).getBytes(StandardCharsets.ISO_8859_1));
        }
        EPCompiledManifest m = compiled.getManifest();
        String query = m.getQueryProviderClassName();
        return new EPCompiled(out, new EPCompiledManifest(m.getCompilerVersion(),
                replaced(m.getModuleProviderClassName(), ids), query == null ? null : replaced(query, ids), m.isTargetHA()));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte, so it maps back exactly
    }

    private static String masked(String text) {
        return UUID.matcher(text).replaceAll("#");
    }

    private static void number(String text, Map<String, String> ids, String prefix) {
        Matcher m = UUID.matcher(text);
        while (m.find()) {
            ids.computeIfAbsent(m.group(), k -> prefix + String.format(Locale.ROOT, "_0000_0000_0000_%012x", ids.size()));
        }
    }

    private static String replaced(String text, Map<String, String> ids) {
        Matcher m = UUID.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(sb, ids.get(m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
