package com.nexussaude.monitor.notify.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EscalationSpiTest {

    static EscalationSubject subject() {
        return EscalationSubject.builder().incidentId("inc-1").alertId("a-1").patientId("p-1")
                .patientName("Maria Silva").ward("3B").bed("12").ruleId("news2").severity(Severity.HIGH)
                .headline("NEWS2 7").openedAt(Instant.parse("2026-03-29T00:00:00Z")).build();
    }

    @Test
    @DisplayName("a subject checks its required fields, hides the name and headline, and changes severity by copy")
    void subject_() {
        EscalationSubject s = subject();
        assertThat(s.toString()).contains("inc-1", "a-1", "p-1", "3B", "high").doesNotContain("Maria", "NEWS2");
        assertThat(s.withSeverity(Severity.CRITICAL)).isEqualTo(s.toBuilder().severity(Severity.CRITICAL).build());
        assertThat(s.withSeverity(Severity.CRITICAL).severity()).isEqualTo(Severity.CRITICAL);
        assertThatThrownBy(() -> s.toBuilder().incidentId(" ").build()).hasMessageContaining("incidentId");
        assertThatThrownBy(() -> s.toBuilder().openedAt(null).build()).hasMessageContaining("openedAt");
    }

    @Test
    @DisplayName("targets are values of three kinds with non-blank ids")
    void targets() {
        assertThat(EscalationTarget.person("ana")).isEqualTo(EscalationTarget.of(EscalationTarget.Kind.PERSON, "ana"))
                .isNotEqualTo(EscalationTarget.role("ana"));
        assertThat(EscalationTarget.schedule("icu").kind().wireName()).isEqualTo("schedule");
        assertThat(EscalationTarget.role("rrt")).hasToString("role:rrt");
        assertThatThrownBy(() -> EscalationTarget.role(" ")).hasMessageContaining("blank");
    }

    @Test
    @DisplayName("a step says what follows it: the next level, or level 1 of the next pass after the last level")
    void stepOrder() {
        EscalationStep mid = new EscalationStep(2, 0, "charge nurse", List.of(EscalationTarget.role("cn")),
                List.of("sms"), Optional.of(Duration.ofMinutes(5)), false);
        assertThat(mid.hasNext()).isTrue();
        assertThat(mid.nextLevel()).isEqualTo(3);
        assertThat(mid.nextRepeat()).isZero();
        assertThat(mid.usesChannel("sms")).isTrue();
        assertThat(mid.usesChannel("push")).isFalse();
        EscalationStep last = new EscalationStep(5, 1, "icu", List.of(), List.of(), Optional.of(Duration.ZERO), true);
        assertThat(last.nextLevel()).isEqualTo(1);
        assertThat(last.nextRepeat()).isEqualTo(2);
        assertThat(last.usesChannel("anything")).isTrue();
        assertThatThrownBy(() -> new EscalationStep(0, 0, "", List.of(), List.of(), Optional.empty(), true))
                .hasMessageContaining("level must be >= 1, but was 0");
        assertThatThrownBy(() -> new EscalationStep(1, 0, "", List.of(), List.of(),
                Optional.of(Duration.ofMinutes(-1)), true)).hasMessageContaining("PT-1M");
    }

    @Test
    @DisplayName("the none policy pages nobody and ends at level 1; the nobody resolver finds nobody")
    void nullObjects() {
        EscalationPolicy none = EscalationPolicy.none();
        EscalationStep step = none.step(subject(), 1, 0);
        assertThat(step.targets()).isEmpty();
        assertThat(step.hasNext()).isFalse();
        assertThat(none.acknowledgementTimeout(subject())).isEmpty();
        assertThatThrownBy(() -> none.step(subject(), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecipientResolver.nobody().resolve(EscalationTarget.role("x"), subject(), Instant.EPOCH)).isEmpty();
    }

    @Test
    @DisplayName("a coverage gap names the target, the level and the instant")
    void gap() {
        CoverageGap g = new CoverageGap("inc-1", 3, 0, EscalationTarget.schedule("ward-physician"),
                Instant.parse("2026-03-29T01:00:00Z"), CoverageGap.Reason.NOBODY);
        assertThat(g.target().id()).isEqualTo("ward-physician");
        assertThat(g.reason().wireName()).isEqualTo("nobody");
        assertThatThrownBy(() -> new CoverageGap("i", 0, 0, g.target(), g.at(), g.reason()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
