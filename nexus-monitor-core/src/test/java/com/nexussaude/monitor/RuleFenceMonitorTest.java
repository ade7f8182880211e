package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrator rule files inside a fence, through the monitor: no Java beyond the allow-list, an
 * insert-into loop stopped with a technical alert, and a large file's error reported at its line.
 */
class RuleFenceMonitorTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String BREACH = "nexus.rulefence.breached";

    @TempDir
    Path dir;
    final RecordingListener listener = new RecordingListener();
    VitalMonitor monitor = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
        System.clearProperty(BREACH);
    }

    @Test
    void aRuleThatCallsJavaIsRejectedAtLoadWithFileLineAndConstructAndNeverRuns() throws IOException {
        Path file = Files.writeString(dir.resolve("evil.epl"), """
                // looks like a rule
                @Name('evil')
                select patientId,
                       java.lang.System.setProperty('%s', 'yes') as x
                from VitalSign;
                """.formatted(BREACH));
        assertThatThrownBy(() -> monitor.loadRules(file))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.source()).isEqualTo(file.toString());
                        assertThat(p.line()).isEqualTo(4);
                        assertThat(p.message()).contains("java.lang.System.setProperty").contains("not allowed");
                    });
                    assertThat(e.getMessage()).contains(file + ":4: ");
                });
        assertThat(monitor.ruleNames()).isEmpty();
        monitor.submit(Observation.builder("p1", T0).heartRate(80).build());
        assertThat(System.getProperty(BREACH)).isNull();
    }

    @Test
    void runtimeExecIsRejected() {
        assertThatThrownBy(() -> monitor.loadRules("exec.epl",
                "select java.lang.Runtime.getRuntime().exec('touch /tmp/nexus-breach') from VitalSign;"))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .extracting(RuleCompilationException.Problem::message)
                        .anyMatch(m -> m.contains("java.lang.Runtime.getRuntime")));
        assertThat(monitor.ruleNames()).isEmpty();
    }

    @Test
    @Timeout(120) // without the limit this test never ends: the loop runs inside submit, under the engine lock
    void anInsertIntoLoopIsStoppedWithATechnicalAlertAndClinicalAlertingGoesOn() {
        monitor.loadRules("loop.epl", """
                create schema Loop(patientId string, n long);
                @Name('seed') insert into Loop select patientId, 0L as n from VitalSign;
                @Name('again') insert into Loop select patientId, n + 1 as n from Loop;
                """);
        monitor.submit(Observation.builder("bed-3", T0).spo2(84).heartRate(80).build());
        assertThat(monitor.openAlerts()).anySatisfy(a -> {
            assertThat(a.ruleId()).isEqualTo("rule-loop");
            assertThat(a.category()).isEqualTo(Category.TECHNICAL);
            assertThat(a.patientId()).isEqualTo("bed-3");
            assertThat(a.message()).contains("loop.epl").contains("insert into").contains("again");
        });
        // The monitor is not hung: the next observations are processed and the clinical rule alerts.
        for (int s = 1; s <= 120; s++) {
            monitor.submit(Observation.builder("bed-3", T0.plusSeconds(s)).spo2(84).heartRate(80).build());
        }
        assertThat(monitor.stats().accepted()).isEqualTo(121);
        assertThat(monitor.openAlerts()).anySatisfy(a -> {
            assertThat(a.category()).isEqualTo(Category.PHYSIOLOGICAL);
            assertThat(a.patientId()).isEqualTo("bed-3");
        });
    }

    @Test
    void aLargeFileWithOneErrorReportsItAtTheErrorsOwnLine() {
        StringBuilder epl = new StringBuilder("// 120 statements, one of them wrong\n");
        int badLine = -1;
        for (int i = 0; i < 120; i++) {
            epl.append("@Name('r").append(i).append("')\n");
            epl.append("insert into AlertSignal\n");
            epl.append("select patientId, 'r").append(i).append("' as ruleId, 'low' as severity,\n");
            epl.append("       'physiological' as category, 'x' as message\n");
            if (i == 77) {
                badLine = epl.toString().split("\n", -1).length;
                epl.append("from VitalSign(vital = 'HEART_RATE', valu > ").append(100 + i).append(");\n");
            } else {
                epl.append("from VitalSign(vital = 'HEART_RATE', value > ").append(100 + i).append(");\n");
            }
        }
        int expected = badLine;
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> monitor.loadRules("big.epl", epl.toString()))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.line()).isEqualTo(expected);
                            assertThat(p.message()).contains("valu");
                        }));
        // Reported, not asserted (speed is not measured in tests): the old per-prefix search took minutes.
        System.out.printf("120-statement file with one error reported in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(monitor.ruleNames()).isEmpty();
    }
}
