package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import com.nexussaude.monitor.internal.rules.EsperSetup;

/**
 * The bundled packs tag as headline exactly the rules that combine several vitals (the rules the incident
 * headline preferred by name before the tag existed), read alike from the deployed statements and from the
 * packs' text, and the headline rules follow deployments: a rule counts while some deployment tags it.
 */
class HeadlineRulesTest {
    @Test
    void theBundledPacksTagTheMultiParameterRules() throws Exception {
        Configuration cfg = EsperSetup.configuration();
        EPRuntime runtime = EPRuntimeProvider.getRuntime("headline-rules-test", cfg);
        try {
            List<EPCompiled> path = new ArrayList<>();
            Set<String> tagged = new TreeSet<>();
            for (String pack : EsperSetup.PACKS) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                EPDeployment d = runtime.getDeploymentService().deploy(compiled);
                Set<String> declared = HeadlineRules.tagged(d.getStatements());
                // The engine reads the packs' tags from their text (incidents are restored before the runtime exists).
                assertThat(HeadlineRules.inSource(EsperSetup.packSource(pack))).as(pack).isEqualTo(declared);
                tagged.addAll(declared);
            }
            assertThat(tagged).containsExactly("news2", "respiratory-deterioration", "sepsis-screen", "shock-pattern");
        } finally {
            runtime.destroy();
        }
    }

    @Test
    void aRuleCountsWhileSomeDeploymentTagsIt() {
        HeadlineRules rules = new HeadlineRules();
        rules.deployed("d1", Set.of("a", "b"));
        rules.deployed("d2", Set.of("b"));
        rules.deployed("d3", Set.of());
        assertThat(rules.rules()).containsExactly("a", "b");
        rules.undeployed("d1");
        assertThat(rules.contains("a")).isFalse();
        assertThat(rules.contains("b")).isTrue();
        rules.undeployed("d2");
        rules.undeployed("d3");
        assertThat(rules.rules()).isEmpty();
    }
}
