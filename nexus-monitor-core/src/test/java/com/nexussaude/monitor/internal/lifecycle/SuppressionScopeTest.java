package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.InhibitionRule;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A raise, a severity change or a resolve re-evaluates only the suppressions it can change (AlertBook
 * looks at the patient's other alerts only when the changed alert can inhibit, or while silences exist).
 * This drives the book through seeded random signals, clears, silences and time, and after every step
 * holds each active alert's suppression to what the inhibition rules derive from scratch (first rule in
 * order, first source in id order), and to the last event announced for it: no suppression is missed,
 * kept too long, or changed without an event.
 */
class SuppressionScopeTest {
    static final long T0 = 1_795_000_000_000L;
    static final String[] PATIENTS = {"bed-1", "bed-2", "bed-3"};
    static final String[] KEYS = {"SPO2", "HEART_RATE"};
    static final Severity[] SEVERITIES = Severity.values();

    /** Defaults, plus a rule among threshold alerts that needs the same key and a more severe source. */
    static final InhibitionRule HIGH_THRESHOLD_INHIBITS_LOWER_SAME_VITAL = new InhibitionRule(
            "high-threshold-inhibits-lower-same-vital", AlertMatcher.rules("threshold").atLeast(Severity.HIGH),
            AlertMatcher.rules("threshold", "trend"), true, true);

    final List<AlertEvent> events = new ArrayList<>();
    final Map<String, Alert> lastAnnounced = new HashMap<>();
    List<InhibitionRule> rules;
    AlertBook book;

    void build(List<InhibitionRule> inhibitions) {
        rules = inhibitions;
        MonitorConfig config = MonitorConfig.builder().inhibitions(inhibitions).build();
        book = new AlertBook(new AlertBook.LifecycleSink() {
            @Override
            public void alert(AlertEvent event) {
                events.add(event);
                lastAnnounced.put(event.alert().alertId(), event.alert());
            }

            @Override
            public void incident(IncidentEvent event) {
            }
        }, (entry, at) -> {
        }, config, patient -> "icu");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everySuppressionIsWhatTheRulesDeriveAndWasAnnounced(long seed) {
        build(seed % 2 == 0 ? InhibitionRule.DEFAULTS : List.of(InhibitionRule.SIGNAL_LOSS_INHIBITS_CLINICAL,
                InhibitionRule.NEWS2_INHIBITS_LOWER_SINGLE_PARAMETER, HIGH_THRESHOLD_INHIBITS_LOWER_SAME_VITAL));
        Random random = new Random(seed);
        long now = T0;
        for (int step = 0; step < 3_000; step++) {
            now += 1 + random.nextInt(8_000);
            book.advance(now);
            String patient = PATIENTS[random.nextInt(PATIENTS.length)];
            String key = KEYS[random.nextInt(KEYS.length)];
            Severity severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
            int what = random.nextInt(100);
            if (what < 30) {
                signal(patient, "threshold", key, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 40) {
                signal(patient, "trend", key, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 50) {
                signal(patient, "signal-loss", key, Severity.MEDIUM, Category.TECHNICAL, now);
            } else if (what < 62) {
                signal(patient, "news2", null, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 90) {
                String rule = new String[] {"threshold", "trend", "signal-loss", "news2"}[random.nextInt(4)];
                book.clear(patient, rule, rule.equals("news2") ? null : key, now);
            } else if (what < 92) {
                book.addSilence(Silence.builder().patient(patient).by("nurse-a").because("washing")
                        .until(Instant.ofEpochMilli(now + 1 + random.nextInt(120_000))).build(), now);
            } else if (what < 94 && !book.activeAlerts().isEmpty()) {
                List<Alert> active = book.activeAlerts();
                book.resolve(active.get(random.nextInt(active.size())).alertId(), "nurse-a", "checked", now);
            }
            assertConsistent(step, now);
        }
        assertThat(events).as("the run exercised inhibition both ways")
                .anyMatch(e -> e.type() == AlertEventType.SUPPRESSED
                        && e.alert().suppression().kind() == Suppression.Kind.INHIBITION)
                .anyMatch(e -> e.type() == AlertEventType.UNSUPPRESSED)
                .anyMatch(e -> e.type() == AlertEventType.RAISED && e.alert().suppression() != null
                        && e.alert().suppression().kind() == Suppression.Kind.INHIBITION)
                .anyMatch(e -> e.type() == AlertEventType.SEVERITY_CHANGED);
    }

    private void signal(String patient, String rule, String key, Severity severity, Category category, long now) {
        book.signal(new AlertBook.Signal(patient, rule, key, severity, category, rule + " " + severity.wireName(),
                Map.of("value", 1.0), 60_000), now);
    }

    private void assertConsistent(int step, long now) {
        List<Alert> active = book.activeAlerts();
        boolean silenced = !book.silences().isEmpty();
        for (Alert target : active) {
            assertThat(lastAnnounced.get(target.alertId()).suppression())
                    .as("step %d: %s's last event carries its suppression", step, target.alertId())
                    .isEqualTo(target.suppression());
            if (silenced && target.suppression() != null && target.suppression().kind() == Suppression.Kind.SILENCE) {
                continue; // a silence comes before any inhibition; SilencesAndSuppressionsTest covers which one
            }
            Alert source = null;
            InhibitionRule by = null;
            for (InhibitionRule r : rules) {
                for (Alert candidate : active) { // activeAlerts() is in id order
                    if (r.inhibits(candidate, target)) {
                        source = candidate;
                        by = r;
                        break;
                    }
                }
                if (source != null) {
                    break;
                }
            }
            if (source == null) {
                assertThat(target.suppression()).as("step %d at %d: %s is not inhibited", step, now, target.alertId())
                        .isNull();
            } else {
                assertThat(target.suppression()).as("step %d at %d: %s", step, now, target.alertId()).isNotNull();
                assertThat(List.of(target.suppression().kind(), target.suppression().id(),
                        target.suppression().sourceAlertId()))
                        .as("step %d at %d: %s inhibited by", step, now, target.alertId())
                        .containsExactly(Suppression.Kind.INHIBITION, by.name(), source.alertId());
            }
        }
    }
}
