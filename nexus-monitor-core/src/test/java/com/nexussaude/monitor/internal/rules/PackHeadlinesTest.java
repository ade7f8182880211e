package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.internal.lifecycle.HeadlineRules;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The headline rules the engine reads at build() (EsperSetup.packHeadlines, from the list the pack compiler
 * wrote) are the ones the packs' text tags, which HeadlineRulesTest holds to what the deployed statements
 * declare; and the list is there, so build() does not fall back to scanning the text.
 */
class PackHeadlinesTest {
    @Test
    void theCompiledListsNameWhatThePacksTextTags() throws Exception {
        for (String pack : EsperSetup.PACKS) {
            try (InputStream in = EsperSetup.class.getResourceAsStream(EsperSetup.HEADLINE_RESOURCE_DIR + pack + ".txt")) {
                assertThat(in).as("the compiled headline list of %s", pack).isNotNull();
            }
            assertThat(EsperSetup.packHeadlines(pack)).as(pack)
                    .containsExactlyElementsOf(HeadlineRules.inSource(EsperSetup.packSource(pack)));
        }
        assertThat(EsperSetup.packHeadlines("correlation")).contains("shock-pattern");
    }
}
