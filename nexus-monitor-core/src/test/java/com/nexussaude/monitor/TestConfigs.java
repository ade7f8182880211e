package com.nexussaude.monitor;

import java.util.Set;

/** Configurations for tests that exercise one bundled pack alone. */
final class TestConfigs {
    private TestConfigs() {
    }

    /** Only the threshold pack, so assertions count its alerts alone. */
    static MonitorConfig.Builder thresholdOnly() {
        return MonitorConfig.builder().packs(Set.of("threshold"));
    }
}
