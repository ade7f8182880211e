package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lifecycle's one door: {@link AlertEntry#moveTo} is the only place an alert's state changes, and it
 * lets through exactly the transitions of the table in {@link AlertState}. Each legal transition is shown
 * where the real {@link AlertBook} makes it (a person acknowledges, the acknowledgement times out, the
 * severity rises, the condition clears, a person resolves); every other pair is refused, naming the alert
 * and both states, and leaves the state as it was.
 */
class AlertTransitionsTest {
    static final long T0 = 1_795_000_000_000L;
    static final long ACK_TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    final List<AlertEvent> events = new ArrayList<>();
    final AlertBook book = new AlertBook(new AlertBook.LifecycleSink() {
        @Override
        public void alert(AlertEvent event) {
            events.add(event);
        }

        @Override
        public void incident(IncidentEvent event) {
        }
    }, (entry, at) -> {
    }, MonitorConfig.defaults(), patient -> null);

    static AlertBook.Signal signal(String rule, Severity severity) {
        return new AlertBook.Signal("bed-1", rule, null, severity, Category.PHYSIOLOGICAL, rule + " " + severity.wireName(),
                Map.of(), 60_000);
    }

    /** Raises an alert of the rule at T0 and returns its id. */
    String raise(String rule, Severity severity) {
        book.signal(signal(rule, severity), T0);
        return book.activeAlerts().stream().filter(a -> a.ruleId().equals(rule)).findFirst().orElseThrow().alertId();
    }

    /** Raises the rule {@code times} times (raise, then resolve by staleness) so that the last raise flaps. */
    String raiseFlapping(String rule) {
        long t = T0;
        for (int i = 0; i < MonitorConfig.DEFAULT_FLAP_THRESHOLD - 1; i++) {
            book.signal(signal(rule, Severity.MEDIUM), t);
            book.clear("bed-1", rule, null, t + 1_000);
            t += 1_000 + MonitorConfig.DEFAULT_RESOLVE_HOLD.toMillis();
            book.advance(t);
            t += 1_000;
        }
        book.signal(signal(rule, Severity.MEDIUM), t);
        flappedAt = t;
        Alert a = book.activeAlerts().stream().filter(x -> x.ruleId().equals(rule)).findFirst().orElseThrow();
        assertThat(a.state()).isEqualTo(AlertState.FLAPPING);
        return a.alertId();
    }

    /** When {@link #raiseFlapping} raised the flapping alert. */
    long flappedAt;

    AlertState stateOf(String alertId) {
        return book.alert(alertId).state();
    }

    // ---- the table ------------------------------------------------------------------------------

    @Test
    void theTableIsTheDocumentedOne() {
        Set<String> legal = new java.util.TreeSet<>();
        for (AlertState from : AlertState.values()) {
            for (AlertState to : from.next()) {
                legal.add(from + "->" + to);
            }
        }
        assertThat(legal).containsExactlyInAnyOrder("OPEN->ACKNOWLEDGED", "OPEN->RESOLVED", "FLAPPING->ACKNOWLEDGED",
                "FLAPPING->RESOLVED", "ACKNOWLEDGED->OPEN", "ACKNOWLEDGED->FLAPPING", "ACKNOWLEDGED->RESOLVED");
    }

    @ParameterizedTest
    @EnumSource(AlertState.class)
    void everyMoveOutsideTheTableIsRefusedNamingAlertFromAndTo(AlertState from) {
        for (AlertState to : EnumSet.complementOf(EnumSet.copyOf(from.next()))) {
            AlertEntry e = new AlertEntry("alert-000042", new AlertBook.Key("bed-1", "r", null), Category.PHYSIOLOGICAL,
                    T0, from);
            assertThatThrownBy(() -> e.moveTo(to))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("alert-000042")
                    .hasMessageContaining("from " + from + " to " + to);
            assertThat(e.state()).as(from + " -> " + to + " refused").isEqualTo(from);
        }
    }

    @ParameterizedTest
    @EnumSource(AlertState.class)
    void everyMoveInTheTableIsMade(AlertState from) {
        for (AlertState to : from.next()) {
            AlertEntry e = new AlertEntry("alert-000042", new AlertBook.Key("bed-1", "r", null), Category.PHYSIOLOGICAL,
                    T0, from);
            e.moveTo(to);
            assertThat(e.state()).isEqualTo(to);
        }
    }

    // ---- each legal transition where the lifecycle makes it ------------------------------------

    @Test
    void openToAcknowledgedWhenAPersonAcknowledges() {
        String id = raise("spo2-low", Severity.MEDIUM);
        assertThat(stateOf(id)).isEqualTo(AlertState.OPEN);
        book.acknowledge(id, "nurse-a", "on my way", T0 + 5_000);
        assertThat(stateOf(id)).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(events).extracting(AlertEvent::type).containsExactly(AlertEventType.RAISED, AlertEventType.ACKNOWLEDGED);
    }

    @Test
    void openToResolvedWhenTheConditionStaysClear() {
        String id = raise("spo2-low", Severity.MEDIUM);
        book.clear("bed-1", "spo2-low", null, T0 + 1_000);
        book.advance(T0 + 1_000 + MonitorConfig.DEFAULT_RESOLVE_HOLD.toMillis());
        assertThat(stateOf(id)).isEqualTo(AlertState.RESOLVED);
        assertThat(book.alert(id).resolution()).isEqualTo("cleared");
    }

    @Test
    void flappingToAcknowledgedWhenAPersonAcknowledges() {
        String id = raiseFlapping("hr-high");
        book.acknowledge(id, "nurse-a", "known", flappedAt + 5_000);
        assertThat(stateOf(id)).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void flappingToResolvedWhenAPersonResolves() {
        String id = raiseFlapping("hr-high");
        book.resolve(id, "dr-b", "probe refitted", flappedAt + 5_000);
        assertThat(stateOf(id)).isEqualTo(AlertState.RESOLVED);
        assertThat(book.alert(id).resolution()).isEqualTo("manual");
    }

    @Test
    void acknowledgedToOpenWhenTheSeverityRises() {
        String id = raise("spo2-low", Severity.MEDIUM);
        book.acknowledge(id, "nurse-a", "on my way", T0 + 5_000);
        book.signal(signal("spo2-low", Severity.HIGH), T0 + 10_000);
        Alert a = book.alert(id);
        assertThat(a.state()).isEqualTo(AlertState.OPEN);
        assertThat(a.acknowledgement()).isNull();
        assertThat(events.get(events.size() - 1).reason()).contains("the acknowledgement by nurse-a no longer holds");
    }

    @Test
    void acknowledgedToOpenWhenTheAcknowledgementTimesOut() {
        String id = raise("spo2-low", Severity.MEDIUM);
        long acked = T0 + 5_000;
        book.acknowledge(id, "nurse-a", "on my way", acked);
        for (long t = acked; t <= acked + ACK_TIMEOUT_MS; t += 30_000) {
            book.signal(signal("spo2-low", Severity.MEDIUM), t); // still signalled, so it does not go stale
            book.advance(t);
        }
        assertThat(stateOf(id)).isEqualTo(AlertState.OPEN);
        assertThat(events).extracting(AlertEvent::type).contains(AlertEventType.ACK_EXPIRED);
    }

    @Test
    void acknowledgedToFlappingWhenAFlappingAlertsAcknowledgementEnds() {
        String id = raiseFlapping("hr-high");
        book.acknowledge(id, "nurse-a", "known", flappedAt + 5_000);
        book.signal(signal("hr-high", Severity.HIGH), flappedAt + 10_000);
        assertThat(stateOf(id)).isEqualTo(AlertState.FLAPPING);
    }

    @Test
    void acknowledgedToResolvedWhenAPersonResolves() {
        String id = raise("spo2-low", Severity.MEDIUM);
        book.acknowledge(id, "nurse-a", "on my way", T0 + 5_000);
        book.resolve(id, "nurse-a", "treated", T0 + 6_000);
        assertThat(stateOf(id)).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aResolvedAlertCannotBeActedOnAndItsStateStays() {
        String id = raise("spo2-low", Severity.MEDIUM);
        book.resolve(id, "nurse-a", "treated", T0 + 6_000);
        assertThatThrownBy(() -> book.acknowledge(id, "nurse-b", "late", T0 + 7_000))
                .isInstanceOf(com.nexussaude.monitor.IllegalTransitionException.class)
                .hasMessageContaining(id);
        assertThat(stateOf(id)).isEqualTo(AlertState.RESOLVED);
    }

    // ---- nobody else writes the state ----------------------------------------------------------

    @Test
    void theStateFieldIsPrivateAndWrittenOnlyByTheConstructorAndTheDoor() throws Exception {
        Field state = AlertEntry.class.getDeclaredField("state");
        assertThat(Modifier.isPrivate(state.getModifiers())).as("AlertEntry.state is private").isTrue();

        Path source = Path.of("src/main/java/com/nexussaude/monitor/internal/lifecycle/AlertEntry.java");
        assertThat(source).as("run from the module directory").exists();
        String code = Files.readString(source).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        Matcher writes = Pattern.compile("(?<![\\w.=!<>])(this\\.)?state\\s*=(?!=)").matcher(code);
        List<String> writers = new ArrayList<>();
        while (writes.find()) {
            writers.add(enclosingMethod(code, writes.start()));
        }
        assertThat(writers).containsExactly("AlertEntry", "moveTo");
    }

    @Test
    void noOtherLifecycleClassReachesIntoTheStateField() throws Exception {
        List<String> offenders = new ArrayList<>();
        try (var files = Files.walk(Path.of("src/main/java/com/nexussaude/monitor/internal"))) { // every stage package
            // AlertEntry's own writes are the previous test's; here: the classes around it.
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("AlertEntry.java")).toList()) {
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
                Matcher m = Pattern.compile("\\.state\\s*=(?!=)|\\bsetState\\(|getDeclaredField\\(\"state\"\\)")
                        .matcher(code);
                while (m.find()) {
                    String line = code.substring(code.lastIndexOf('\n', m.start()) + 1, code.indexOf('\n', m.start()));
                    if (!line.contains("inc.state")) { // an incident's state, derived from its alerts
                        offenders.add(f.getFileName() + ": " + line.trim());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** The name of the method or constructor whose body contains {@code at}: the last declaration before it. */
    private static String enclosingMethod(String code, int at) {
        Matcher decl = Pattern.compile("(?m)^    (?:[\\w<>,. ]+\\s)?(\\w+)\\(([^)]*)\\)\\s*\\{").matcher(code);
        String name = null;
        while (decl.find() && decl.start() < at) {
            name = decl.group(1);
        }
        return name;
    }
}
