package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integrator EPL files: the alert contract, compile errors with file:line, atomic replace. */
class RuleFilesTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String HR_RULE = """
            @Name('hr-over-130')
            insert into AlertSignal
            select patientId, 'hr-over-130' as ruleId, 'high' as severity, 'physiological' as category,
                   'heart rate above 130' as message, evidence('value', value) as evidence
            from VitalSign(vital = 'HEART_RATE', value > 130);
            """;

    @TempDir
    Path dir;
    final RecordingListener listener = new RecordingListener();
    // Threshold pack off so only the integrator rules speak.
    VitalMonitor monitor = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run)
            .config(MonitorConfig.builder().packs(Set.of()).build()).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    void hr(int second, double bpm) {
        monitor.submit(Observation.builder("p1", T0.plusSeconds(second)).heartRate(bpm).build());
    }

    @Test
    void ruleFileRaisesAlertsThroughTheContractAndTheyAreDeduplicated() throws IOException {
        Path file = Files.writeString(dir.resolve("hr.epl"), HR_RULE);
        assertThat(monitor.loadRules(file)).isEqualTo("hr.epl");
        for (int s = 0; s < 30; s++) {
            hr(s, 140);
        }
        assertThat(listener.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AlertEventType.RAISED);
            assertThat(e.alert().ruleId()).isEqualTo("hr-over-130");
            assertThat(e.alert().severity()).isEqualTo(Severity.HIGH);
            assertThat(e.alert().category()).isEqualTo(Category.PHYSIOLOGICAL);
            assertThat(e.alert().key()).isEmpty();
            assertThat(e.alert().evidence()).containsEntry("value", 140.0);
        });
        assertThat(monitor.openAlerts()).singleElement().satisfies(a -> assertThat(a.signalCount()).isEqualTo(30));
        // Without a clear, the alert resolves once it is not signalled for the default ttl (2 min).
        hr(30, 90);
        monitor.advanceTo(T0.plusSeconds(29 + 120));
        assertThat(listener.of(AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("stale: not signalled for 120 s"));
    }

    @Test
    void ruleFileFromTheClasspathWithTimeWindows() {
        assertThat(monitor.loadRulesResource("rules/tachycardia.epl")).isEqualTo("rules/tachycardia.epl");
        for (int s = 0; s < 40; s++) {
            hr(s, 120);
        }
        assertThat(listener.of(AlertEventType.RAISED)).singleElement()
                .satisfies(e -> assertThat(e.alert().message()).isEqualTo("heart rate averaged 120 /min over 60 s"));
        assertThat(monitor.ruleNames()).containsExactly("rules/tachycardia.epl");
    }

    @Test
    void compileErrorsNameFileAndLineOfEveryFailingStatementAndDeployNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.epl"), """
                // line 1: a good statement first
                @Name('ok') insert into AlertSignal select patientId, 'ok' as ruleId, 'low' as severity,
                  'physiological' as category, 'x' as message from VitalSign(vital = 'HEART_RATE');

                @Name('bad-property') select nonsense from VitalSign;

                @Name('bad-stream') select * from NoSuchStream;
                """);
        assertThatThrownBy(() -> monitor.loadRules(file))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.problems()).extracting(RuleCompilationException.Problem::line).containsExactly(5, 7);
                    assertThat(e.problems().get(0).message()).contains("nonsense");
                    assertThat(e.problems().get(1).message()).contains("NoSuchStream");
                    assertThat(e.getMessage()).startsWith("rule file " + file + " has 2 problems:")
                            .contains(file + ":5: ").contains(file + ":7: ");
                });
        assertThat(monitor.ruleNames()).isEmpty();
        hr(0, 140); // the good statement of the failing file was not deployed
        assertThat(listener.events).isEmpty();
    }

    @Test
    void syntaxErrorReportsItsLineInTheFile() {
        assertThatThrownBy(() -> monitor.loadRules("syntax.epl", "\n\n@Name('x') select * fromm VitalSign;\n"))
                .isInstanceOfSatisfying(RuleCompilationException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.line()).isEqualTo(3);
                            assertThat(p.message()).containsIgnoringCase("syntax");
                        }));
    }

    @Test
    void missingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.epl");
        assertThatThrownBy(() -> monitor.loadRules(missing)).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("cannot read the file");
    }

    @Test
    void rulesAreReplacedWhileTheMonitorRunsAndABadReplacementKeepsTheOldRules() {
        monitor.loadRules("hr", HR_RULE);
        assertThatThrownBy(() -> monitor.loadRules("hr", "select broken from"))
                .isInstanceOf(RuleCompilationException.class);
        hr(0, 140);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId()).containsExactly("hr-over-130");

        monitor.loadRules("hr", HR_RULE.replace("hr-over-130", "hr-over-150").replace("value > 130", "value > 150"));
        hr(1, 140);
        hr(2, 160);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId())
                .containsExactly("hr-over-130", "hr-over-150");
        assertThat(monitor.unloadRules("hr")).isTrue();
        assertThat(monitor.unloadRules("hr")).isFalse();
        hr(3, 170);
        assertThat(listener.of(AlertEventType.RAISED)).hasSize(2);
    }

    @Test
    void signalBreakingTheContractIsDroppedCountedAndHarmless() {
        monitor.loadRules("bad", """
                insert into AlertSignal select patientId, 'bad-severity' as ruleId, 'urgent' as severity,
                  'physiological' as category, 'x' as message from VitalSign(vital = 'SPO2');
                insert into AlertSignal select patientId, 'no-message' as ruleId, 'low' as severity,
                  'technical' as category from VitalSign(vital = 'SPO2');
                """);
        monitor.loadRules("hr", HR_RULE);
        monitor.submit(Observation.builder("p1", T0).spo2(97).heartRate(140).build());
        assertThat(monitor.stats().invalidSignals()).isEqualTo(2);
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().ruleId()).containsExactly("hr-over-130");
    }

    @Test
    void aRuleBreakingTheContractOnEveryReadingIsReportedOncePerRuleWithItsCount() {
        monitor.loadRules("bad", """
                insert into AlertSignal select patientId, 'no-message' as ruleId, 'low' as severity,
                  'technical' as category from VitalSign(vital = 'SPO2');
                insert into AlertSignal select patientId, 'bad-severity' as ruleId, 'urgent' as severity,
                  'physiological' as category, 'x' as message from VitalSign(vital = 'SPO2', value < 95);
                """);
        for (int i = 0; i < 5; i++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(i)).spo2(i < 2 ? 94 : 97).build());
        }
        assertThat(monitor.invalidSignals()).extracting(InvalidSignals::ruleId, InvalidSignals::count)
                .containsExactlyInAnyOrder(tuple("no-message", 5L), tuple("bad-severity", 2L));
        assertThat(monitor.invalidSignals()).anySatisfy(i -> assertThat(i.firstReason())
                .contains("AlertSignal.message is required")).anySatisfy(i -> assertThat(i.firstReason()).contains("urgent"));
        assertThat(monitor.stats().invalidSignals()).isEqualTo(7);
    }

    @Test
    void keyedRulesAndExplicitClearsFollowTheContract() {
        monitor.loadRules("low-vitals", """
                insert into AlertSignal select patientId, 'very-low' as ruleId, 'critical' as severity,
                  'physiological' as category, vital || ' very low' as message, vital as key
                from VitalSign(vital in ('SPO2', 'HEART_RATE'), value < 50);
                insert into AlertClear select patientId, 'very-low' as ruleId, vital as key, 'recovered' as reason
                from VitalSign(vital in ('SPO2', 'HEART_RATE'), value >= 50);
                """);
        monitor.submit(Observation.builder("p1", T0).spo2(40).heartRate(45).build());
        assertThat(listener.of(AlertEventType.RAISED)).extracting(e -> e.alert().key())
                .containsExactlyInAnyOrder("SPO2", "HEART_RATE");
        monitor.submit(Observation.builder("p1", T0.plusSeconds(1)).spo2(95).build());
        monitor.advanceTo(T0.plusSeconds(31));
        assertThat(listener.of(AlertEventType.RESOLVED)).extracting(e -> e.alert().key() + ":" + e.alert().resolution())
                .containsExactly("SPO2:cleared");
    }
}
