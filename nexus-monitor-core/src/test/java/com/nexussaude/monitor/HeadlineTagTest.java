package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An integrator's rule takes part in choosing an incident's headline as the bundled multi-parameter rules do:
 * a statement tagged {@code @Tag(name = 'headline', value = 'RULE')} heads the incident of the
 * single-parameter alerts of the same severity it co-occurs with, even raised after them; untagged, the
 * earlier alert stays the headline. A headline tag that names no rule is refused when the file loads.
 */
class HeadlineTagTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    static final String SINGLE = """
            @Name('single-hr') @Tag(name = 'severity', value = 'high') @Tag(name = 'category', value = 'physiological')
            insert into AlertSignal
            select patientId, 'single-hr' as ruleId, 'high' as severity, 'physiological' as category,
                   'heart rate ' || cast(cast(value, int), string) || ' /min' as message
            from VitalSign(vital = 'HEART_RATE', artefact is null)
            where value > 120;
            """;

    static String combo(String headlineTag) {
        return """
                @Name('hr-spo2-combo') @Tag(name = 'severity', value = 'high') @Tag(name = 'category', value = 'physiological')
                %s
                insert into AlertSignal
                select patientId, 'hr-spo2-combo' as ruleId, 'high' as severity, 'physiological' as category,
                       'SpO2 ' || cast(cast(value, int), string) || ' %% with tachycardia' as message
                from VitalSign(vital = 'SPO2', artefact is null)
                where value < 90;
                """.formatted(headlineTag);
    }

    VitalMonitor monitor = VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of()).build())
            .listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    /** HR 130 from the start, SpO2 85 from the fifth second: the single-parameter alert is raised first. */
    String headlineRuleAfterTheCombination() {
        for (int s = 0; s < 10; s++) {
            Observation.Builder o = Observation.builder("bed-7", T0.plusSeconds(s)).heartRate(130);
            monitor.submit((s >= 5 ? o.spo2(85) : o).build());
        }
        assertThat(monitor.openAlerts()).extracting(Alert::ruleId).containsExactly("single-hr", "hr-spo2-combo");
        Incident incident = monitor.incidents().get(0);
        assertThat(incident.activeAlertIds()).hasSize(2);
        return monitor.alert(incident.headlineAlertId()).ruleId();
    }

    @Test
    void anIntegratorsTaggedRuleHeadsTheIncident() {
        monitor.loadRules("ward-rules", SINGLE + combo("@Tag(name = 'headline', value = 'hr-spo2-combo')"));
        assertThat(headlineRuleAfterTheCombination()).isEqualTo("hr-spo2-combo");
        assertThat(monitor.incidents().get(0).headline()).isEqualTo("SpO2 85 % with tachycardia");
    }

    @Test
    void untaggedTheEarlierAlertOfTheSameSeverityStaysTheHeadline() {
        monitor.loadRules("ward-rules", SINGLE + combo(""));
        assertThat(headlineRuleAfterTheCombination()).isEqualTo("single-hr");
    }

    @Test
    void aTagMayNameSeveralRulesAndRulesOfAnotherFileCount() {
        monitor.loadRules("combo", combo("@Tag(name = 'headline', value = 'other-rule|hr-spo2-combo')"));
        monitor.loadRules("single", SINGLE);
        assertThat(headlineRuleAfterTheCombination()).isEqualTo("hr-spo2-combo");
    }

    @Test
    void aHeadlineTagNamingNoRuleIsRefusedNamingTheStatementAndNothingOfTheFileRuns() {
        assertThatThrownBy(() -> monitor.loadRules("bad", SINGLE + combo("@Tag(name = 'headline', value = 'x||y')")))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("bad")
                .hasMessageContaining("statement 'hr-spo2-combo'")
                .hasMessageContaining("names an empty one");
        assertThat(monitor.ruleNames()).doesNotContain("bad");
        monitor.submit(Observation.builder("bed-7", T0).heartRate(130).build());
        assertThat(monitor.openAlerts()).isEmpty();
    }

    /**
     * Replacing a running rule file with a version that compiles but cannot be deployed (here, a bad headline
     * tag) must not leave the ward without the earlier rules: they are deployed again, keep alerting, and the
     * error says so.
     */
    @Test
    void aReplacementThatCannotBeDeployedLeavesTheEarlierRulesRunning() {
        monitor.loadRules("ward-rules", SINGLE);
        assertThatThrownBy(() -> monitor.loadRules("ward-rules", SINGLE + combo("@Tag(name = 'headline', value = 'x||y')")))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("names an empty one")
                .hasMessageContaining("the earlier rules of 'ward-rules' were deployed again and keep running");
        assertThat(monitor.ruleNames()).contains("ward-rules");
        monitor.submit(Observation.builder("bed-7", T0).heartRate(130).spo2(85).build());
        assertThat(monitor.openAlerts()).extracting(Alert::ruleId).containsExactly("single-hr");
        monitor.unloadRules("ward-rules");
        monitor.loadRules("ward-rules", SINGLE);
        assertThat(monitor.ruleNames()).contains("ward-rules");
    }
}
