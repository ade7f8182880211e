package com.nexussaude.monitor.escalation;

import static com.nexussaude.monitor.notify.escalation.EscalationTarget.person;
import static com.nexussaude.monitor.notify.escalation.EscalationTarget.role;
import static com.nexussaude.monitor.notify.escalation.EscalationTarget.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EscalationChainTest {

    static EscalationSubject at(Severity s) {
        return EscalationSubject.builder().incidentId("i").alertId("a").patientId("p").ruleId("r").severity(s)
                .openedAt(Instant.EPOCH).build();
    }

    static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    @Test
    @DisplayName("the bundled default: five levels from the bedside nurse to intensive care, repeated twice")
    void defaults() {
        EscalationChain d = EscalationChain.defaults();
        assertThat(d.name()).isEqualTo("default");
        assertThat(d.repeat()).isEqualTo(2);
        assertThat(d.levels()).extracting(EscalationChain.Level::name).containsExactly(
                "bedside nurse", "charge nurse", "ward physician", "rapid response team", "intensive care");
        assertThat(d.levels()).extracting(l -> l.targets().get(0)).containsExactly(role("bedside-nurse"),
                role("charge-nurse"), schedule("ward-physician"), role("rapid-response-team"), schedule("intensive-care"));
        assertThat(d.levels()).extracting(l -> l.waits().get(Severity.CRITICAL))
                .containsExactly(min(2), min(2), min(3), min(3), min(5));
        assertThat(d.levels()).extracting(l -> l.waits().get(Severity.HIGH))
                .containsExactly(min(5), min(5), min(10), min(10), min(15));
        // Issue 13: medium stops at the charge nurse (it used to reach the rapid response team and ICU).
        assertThat(d.levels()).extracting(l -> l.waits().get(Severity.MEDIUM))
                .containsExactly(min(15), null, null, null, null);
        assertThat(d.reminders()).isEqualTo(Map.of(Severity.CRITICAL, min(15)));
        assertThat(d.levels()).allSatisfy(l -> assertThat(l.waits()).doesNotContainKey(Severity.LOW));
        assertThat(d.ackTimeouts()).isEqualTo(Map.of(Severity.CRITICAL, min(15), Severity.HIGH, min(30),
                Severity.MEDIUM, min(60)));
        assertThat(d.levels().get(0).channels()).containsExactly("push");
        assertThat(d.levels().get(1).channels()).containsExactly("push", "sms");
    }

    @Test
    @DisplayName("step: waits by severity, the last level starts the chain over until the final pass, low stops at level 1")
    void steps() {
        EscalationChain d = EscalationChain.defaults();
        EscalationStep l1 = d.step(at(Severity.CRITICAL), 1, 0);
        assertThat(l1.waitBeforeNext()).contains(min(2));
        assertThat(l1.name()).isEqualTo("bedside nurse");
        assertThat(l1.lastLevel()).isFalse();
        EscalationStep l5 = d.step(at(Severity.CRITICAL), 5, 0);
        assertThat(l5.lastLevel()).isTrue();
        assertThat(l5.waitBeforeNext()).contains(min(5));
        assertThat(l5.nextLevel()).isEqualTo(1);
        assertThat(l5.nextRepeat()).isEqualTo(1);
        assertThat(d.step(at(Severity.CRITICAL), 5, 2).waitBeforeNext()).isEmpty();
        assertThat(d.step(at(Severity.LOW), 1, 0).waitBeforeNext()).isEmpty();
        assertThat(d.acknowledgementTimeout(at(Severity.HIGH))).contains(min(30));
        assertThat(d.acknowledgementTimeout(at(Severity.LOW))).isEmpty();
        assertThatThrownBy(() -> d.step(at(Severity.HIGH), 6, 0)).hasMessageContaining("levels 1 to 5, not 6");
        assertThatThrownBy(() -> d.step(at(Severity.HIGH), 1, 3)).hasMessageContaining("repeats 0 to 2, not 3");
    }

    @Test
    @DisplayName("JSON round trip: toJson reads back equal, for the default and for a chain built in code")
    void roundTrip() throws IOException {
        EscalationChain d = EscalationChain.defaults();
        assertThat(EscalationChain.fromJson(d.toJson())).isEqualTo(d);
        EscalationChain coded = EscalationChain.builder("icu-step-down").repeat(1)
                .ackTimeout(Severity.CRITICAL, min(10))
                .level(EscalationChain.Level.builder("nurse").target(person("ana"), role("charge-nurse"))
                        .escalateAfter(min(1)).build())
                .level(EscalationChain.Level.builder("doctors").target(schedule("icu")).channels("sms", "push")
                        .escalateAfter(Severity.CRITICAL, Duration.ZERO).build())
                .build();
        String json = coded.toJson();
        assertThat(EscalationChain.fromJson(json)).isEqualTo(coded);
        assertThat(EscalationChain.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(coded);
        assertThat(coded.toBuilder().build()).isEqualTo(coded);
        try (InputStream in = EscalationChain.class.getResourceAsStream(EscalationChain.DEFAULT_RESOURCE)) {
            String bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bundled).contains("//"); // documented with comments, which the reader allows
            assertThat(EscalationChain.fromJson(bundled)).isEqualTo(d);
        }
    }

    @Test
    @DisplayName("a number for wait_minutes applies to every severity; channels may be omitted; repeat defaults to 0")
    void shorthand() {
        EscalationChain c = EscalationChain.fromJson("""
                {"name": "short", "levels": [
                  {"name": "one", "targets": [{"person": "ana"}], "wait_minutes": 10},
                  {"name": "two", "targets": [{"schedule": "icu"}]}]}""");
        assertThat(c.repeat()).isZero();
        assertThat(c.ackTimeouts()).isEmpty();
        assertThat(c.levels().get(0).waits()).hasSize(4).containsEntry(Severity.LOW, min(10));
        assertThat(c.levels().get(0).channels()).isEmpty();
        assertThat(c.levels().get(1).waits()).isEmpty();
        assertThat(c.step(at(Severity.LOW), 1, 0).waitBeforeNext()).contains(min(10));
        assertThat(c.step(at(Severity.LOW), 2, 0).waitBeforeNext()).isEmpty();
    }

    static final String LEVEL = "{\"name\": \"n\", \"targets\": [{\"role\": \"r\"}], \"wait_minutes\": 5}";

    static String withLevels(String... levels) {
        return "{\"name\": \"x\", \"repeat\": 1, \"levels\": [" + String.join(",", levels) + "]}";
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(withLevels(LEVEL, LEVEL, LEVEL.replace("5}", "-5}")),
                        "levels[2].wait_minutes: must be >= 0, but was -5"),
                Arguments.of(withLevels(LEVEL.replace("5}", "{\"critical\": -1, \"high\": 3}}")),
                        "levels[0].wait_minutes.critical: must be >= 0, but was -1"),
                Arguments.of(withLevels(LEVEL.replace("5}", "{\"urgent\": 3}}")),
                        "levels[0].wait_minutes.urgent: unknown severity; expected one of critical|high|medium|low"),
                Arguments.of(withLevels(LEVEL, LEVEL.replace("5}", "\"ten\"}")),
                        "levels[1].wait_minutes: must be a number of minutes or an object of minutes by severity "
                                + "(critical|high|medium|low), but was \"ten\""),
                Arguments.of(withLevels(LEVEL.replace("5}", "{\"high\": 1.5}}")),
                        "levels[0].wait_minutes.high: must be a whole number of minutes, but was 1.5"),
                Arguments.of(withLevels(LEVEL.replace("5}", "20000}")),
                        "levels[0].wait_minutes: must be <= 10080 (7 days), but was 20000"),
                Arguments.of(withLevels(LEVEL).replace("\"repeat\": 1", "\"repeat\": 21"),
                        "repeat: must be <= 20, but was 21"),
                // Issue 14: values beyond an int are range errors, never wrapped (4294967297 would be 1 as an int).
                Arguments.of(withLevels(LEVEL).replace("\"repeat\": 1", "\"repeat\": 4294967297"),
                        "repeat: must be <= 20, but was 4294967297"),
                Arguments.of(withLevels(LEVEL.replace("5}", "1e308}")),
                        "levels[0].wait_minutes: must be <= 10080 (7 days), but was 1000000000000"),
                Arguments.of(withLevels(LEVEL).replace("\"repeat\": 1", "\"repeat\": -1"),
                        "repeat: must be >= 0, but was -1"),
                Arguments.of(withLevels(LEVEL).replace("\"repeat\": 1", "\"repeat\": \"twice\""),
                        "repeat: must be a whole number, but was \"twice\""),
                Arguments.of(withLevels(LEVEL).replace("\"repeat\": 1", "\"ack_timeout_minutes\": {\"critical\": 0}"),
                        "ack_timeout_minutes.critical: must be >= 1, but was 0"),
                Arguments.of(withLevels(), "levels: must have 1 to 10 levels, but had 0"),
                Arguments.of(withLevels(LEVEL.replace("{\"role\": \"r\"}", "{\"role\": \"r\", \"person\": \"p\"}")),
                        "levels[0].targets[0]: must name exactly one of person|role|schedule, but was "
                                + "{\"role\":\"r\",\"person\":\"p\"}"),
                Arguments.of(withLevels(LEVEL.replace("{\"role\": \"r\"}", "{\"role\": \"r\"}, {\"pager\": \"p\"}")),
                        "levels[0].targets[1].pager: unknown field; expected one of person|role|schedule"),
                Arguments.of(withLevels(LEVEL.replace("{\"role\": \"r\"}", "\"r\"")),
                        "levels[0].targets[0]: must be an object such as {\"role\": \"charge-nurse\"}, but was \"r\""),
                Arguments.of(withLevels(LEVEL.replace("[{\"role\": \"r\"}]", "[]")),
                        "levels[0].targets: must name at least one target, but was []"),
                Arguments.of(withLevels(LEVEL.replace("\"r\"}", "\"\"}")),
                        "levels[0].targets[0].role: must be a non-blank string, but was \"\""),
                Arguments.of(withLevels(LEVEL.replace("\"wait_minutes\"", "\"channels\": [\"push\", \"push\"], \"wait_minutes\"")),
                        "levels[0].channels[1]: must not repeat a channel, but was \"push\""),
                Arguments.of(withLevels(LEVEL.replace("\"wait_minutes\"", "\"channels\": \"sms\", \"wait_minutes\"")),
                        "levels[0].channels: must be an array, but was \"sms\""),
                Arguments.of(withLevels(LEVEL, LEVEL, LEVEL, LEVEL.replace("wait_minutes", "wiat_minutes")),
                        "levels[3].wiat_minutes: unknown field; expected one of name|targets|channels|wait_minutes"),
                Arguments.of(withLevels(LEVEL).replace("\"name\": \"x\", ", ""),
                        "name: must be a non-blank string, but was null"),
                Arguments.of(withLevels(LEVEL).replace("\"repeat\"", "\"repaet\""),
                        "repaet: unknown field; expected one of name|repeat|ack_timeout_minutes|remind_minutes|not_paged|levels"),
                Arguments.of("{\"name\": \"x\", \"levels\": {}}", "levels: must be an array, but was {}"),
                Arguments.of(withLevels("5"), "levels[0]: must be an object, but was 5"),
                Arguments.of("[]", "(document): must be an object, but was []"),
                Arguments.of("{\"name\": \"x\",\n \"levels\": [}", "(document): line 2, column 13: Unexpected close marker '}': expected ']' (for Array starting at [line: 2, column: 12])"),
                Arguments.of("{\"name\": \"x\", \"name\": \"y\", \"levels\": []}", "(document): line 1, column 21: Duplicate field 'name'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    @DisplayName("each invalid configuration is refused with its JSON path and value")
    void invalidConfig(String json, String expected) {
        assertThatThrownBy(() -> EscalationChain.fromJson(json))
                .isInstanceOf(EscalationConfigException.class)
                .hasMessageStartingWith("invalid escalation policy")
                .hasMessageContaining(expected);
    }

    @Test
    @DisplayName("every problem is reported at once, each with its path")
    void allProblemsAtOnce() {
        String json = withLevels(LEVEL.replace("5}", "-5}"), LEVEL.replace("\"r\"}", "\"\"}"))
                .replace("\"repeat\": 1", "\"repeat\": 99");
        assertThatThrownBy(() -> EscalationChain.fromJson(json))
                .isInstanceOfSatisfying(EscalationConfigException.class, e -> assertThat(e.problems())
                        .extracting(EscalationConfigException.Problem::path)
                        .containsExactly("repeat", "levels[0].wait_minutes", "levels[1].targets[0].role"))
                .hasMessageContaining("3 problems");
    }

    @Test
    @DisplayName("the builder checks as it builds: whole minutes, non-negative waits, positive acknowledgement timeouts")
    void builderChecks() {
        EscalationChain.Level.Builder level = EscalationChain.Level.builder("nurse").target(role("n"));
        assertThatThrownBy(() -> level.escalateAfter(Severity.HIGH, Duration.ofSeconds(90)).build())
                .hasMessageContaining("level nurse wait for high must be whole minutes").hasMessageContaining("PT1M30S");
        assertThatThrownBy(() -> EscalationChain.Level.builder("nurse").target(role("n"))
                .escalateAfter(Severity.HIGH, min(-5)).build()).hasMessageContaining("PT-5M");
        assertThatThrownBy(() -> EscalationChain.Level.builder("nurse").build())
                .hasMessageContaining("level nurse needs at least one target");
        EscalationChain.Level ok = EscalationChain.Level.builder("nurse").target(role("n")).build();
        assertThatThrownBy(() -> EscalationChain.builder("c").level(ok).ackTimeout(Severity.LOW, Duration.ZERO).build())
                .hasMessageContaining("ack timeout for low must be whole minutes between 1 and 10080");
        assertThatThrownBy(() -> EscalationChain.builder("c").build()).hasMessageContaining("1 to 10 levels, but had 0");
        assertThatThrownBy(() -> EscalationChain.builder("c").level(ok).repeat(21).build())
                .hasMessageContaining("repeat must be between 0 and 20, but was 21");
        assertThat(EscalationChain.builder("c").level(ok).build().step(at(Severity.HIGH), 1, 0))
                .isEqualTo(new EscalationStep(1, 0, "nurse", List.of(role("n")), List.of(), Optional.empty(), true));
    }
}
