package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.espertech.esper.runtime.client.EPRuntimeProvider;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A build that fails after the Esper runtime exists (here: the packs are deployed, then a pack setting names no
 * variable of theirs) says what was wrong and leaves no runtime of the monitor that never existed registered.
 */
class BuildFailureTest {
    @Test
    void aBuildThatFailsOnceThePacksAreDeployedLeavesNoRuntimeRegistered() {
        Set<String> before = Set.of(EPRuntimeProvider.getRuntimeURIs());
        assertThatThrownBy(() -> VitalMonitor.builder()
                .config(TestConfigs.thresholdOnly().packSetting("no_such_setting", 1).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("packSettings: unknown setting 'no_such_setting'");
        Set<String> left = new HashSet<>(List.of(EPRuntimeProvider.getRuntimeURIs()));
        left.removeAll(before);
        assertThat(left).as("runtimes registered by the failed build").isEmpty();
    }
}
