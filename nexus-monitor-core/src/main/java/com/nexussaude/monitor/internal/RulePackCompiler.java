package com.nexussaude.monitor.internal;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build tool, not API: compiles the bundled EPL packs into serialized {@link EPCompiled} resources
 * during the Maven build ({@code process-classes}), so {@code VitalMonitor.build()} only deploys.
 * A pack that does not compile fails the build with the file, line and Esper's message.
 */
public final class RulePackCompiler {
    private RulePackCompiler() {
    }

    /** {@code args[0]}: the classes output directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RulePackCompiler <classes-dir>");
        }
        Path out = Path.of(args[0]).resolve(EsperSetup.COMPILED_RESOURCE_DIR.substring(1));
        Files.createDirectories(out);
        Configuration cfg = EsperSetup.configuration();
        List<EPCompiled> path = new ArrayList<>();
        for (String pack : EsperSetup.PACKS) {
            long t0 = System.nanoTime();
            EPCompiled compiled = EsperSetup.compile(pack + ".epl", EsperSetup.packSource(pack), cfg,
                    new EsperSetup.CompilerPathList(path));
            byte[] bytes = EsperSetup.serialize(compiled);
            Files.write(out.resolve(pack + ".epc"), bytes);
            path.add(compiled);
            System.out.printf("compiled rule pack %s: %d bytes in %d ms%n", pack, bytes.length,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
