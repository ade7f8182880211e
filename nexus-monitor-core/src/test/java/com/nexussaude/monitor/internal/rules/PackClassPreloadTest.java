package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Esper classes a class file names are read from its constant pool (and nothing from what is not a class
 * file), the bundled packs' code names Esper classes that all load, and so does the list of the classes
 * their deploys load, written at build time.
 */
class PackClassPreloadTest {
    @Test
    void readsTheEsperClassesAClassFileNames() throws Exception {
        byte[] own;
        try (InputStream in = PackClassPreload.class.getResourceAsStream("PackClassPreload.class")) {
            own = in.readAllBytes();
        }
        Set<String> names = new LinkedHashSet<>();
        PackClassPreload.classNames(own, names);
        assertThat(names).containsExactly(EPCompiled.class.getName());
    }

    @Test
    void readsNothingFromWhatIsNotAClassFile() {
        Set<String> names = new LinkedHashSet<>();
        PackClassPreload.classNames(new byte[] {1, 2, 3}, names);
        PackClassPreload.classNames("com/espertech/esper/common/client/EPCompiled".getBytes(), names);
        byte[] truncated = new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9, 7, 0, 2};
        PackClassPreload.classNames(truncated, names);
        assertThat(names).isEmpty();
    }

    @Test
    void theBundledPacksNameEsperClassesThatLoad() throws Exception {
        Configuration cfg = EsperSetup.configuration();
        List<EPCompiled> packs = new ArrayList<>();
        for (String pack : EsperSetup.PACKS) {
            packs.add(EsperSetup.loadPack(pack, cfg, packs));
        }
        Set<String> names = new LinkedHashSet<>();
        for (byte[] classFile : packs.get(0).getClasses().values()) {
            PackClassPreload.classNames(classFile, names);
        }
        assertThat(names).contains("com.espertech.esper.common.internal.context.module.ModuleProvider");
        assertThat(PackClassPreload.load(packs)).isGreaterThan(names.size());
        for (String name : names) {
            assertThat(Class.forName(name, false, EPCompiled.class.getClassLoader())).as(name).isNotNull();
        }
    }

    @Test
    void theDeployPathListWrittenAtBuildTimeNamesEsperClassesThatLoad() throws Exception {
        String list;
        try (InputStream in = PackClassPreload.class.getResourceAsStream(DeployClassLister.RESOURCE)) {
            assertThat(in).as("the build writes " + DeployClassLister.RESOURCE + " (DeployClassLister)").isNotNull();
            list = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> names = list.lines().toList();
        // The deploy path: Esper's deployer, and the classes the packs' code does not name itself.
        assertThat(names).contains("com.espertech.esper.runtime.internal.kernel.service.Deployer").doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("com.espertech.esper."));
        for (String name : names) {
            assertThat(Class.forName(name, false, EPCompiled.class.getClassLoader())).as(name).isNotNull();
        }
        assertThat(PackClassPreload.loadDeployPath()).isEqualTo(names.size());
    }
}
