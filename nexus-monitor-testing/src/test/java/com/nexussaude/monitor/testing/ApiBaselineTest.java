package com.nexussaude.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The API-compatibility check (japicmp in the parent pom) compares each shipped module's jar with its
 * src/api-baseline/&lt;artifactId&gt;.jar: this test keeps every shipped module under that check (but a new
 * one whose pom sets japicmp.skip until its first release), with a baseline written by .ci/api-baseline
 * (API packages only, the commit it came from in the manifest).
 */
class ApiBaselineTest {
    @Test
    void everyShippedModuleHasAnApiBaselineOfItsApiPackagesOnly() throws Exception {
        Document parent = BomTest.read(BomTest.ROOT.resolve("pom.xml"));
        List<String> shipped = new ArrayList<>(BomTest.texts(parent, "module"));
        shipped.removeAll(BomTest.NOT_SHIPPED);
        assertThat(shipped).as("the shipped modules").contains("nexus-monitor-core", "nexus-monitor-notify-spi");
        for (String module : shipped) {
            Document pom = BomTest.read(BomTest.ROOT.resolve(module).resolve("pom.xml"));
            if ("true".equals(ModuleNamesTest.property(pom, "japicmp.skip"))) {
                continue; // a new module, not released yet (README: until its first release)
            }
            Path baseline = BomTest.ROOT.resolve(module).resolve("src/api-baseline").resolve(module + ".jar");
            assertThat(baseline).as("%s's API baseline (write it with .ci/api-baseline <release>)", module).isRegularFile();
            try (JarFile jar = new JarFile(baseline.toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Baseline-Commit"))
                        .as("%s: the commit it was written from", baseline).matches("[0-9a-f]{7,40}");
                List<String> names = jar.stream().map(e -> e.getName()).filter(n -> !n.startsWith("META-INF/")).toList();
                assertThat(names).as("%s: classes", baseline).anyMatch(n -> n.endsWith(".class"));
                assertThat(names).as("%s: API packages' classes only", baseline)
                        .allMatch(n -> n.endsWith("/") || n.endsWith(".class"))
                        .noneMatch(n -> n.contains("/internal/"));
            }
        }
    }
}
