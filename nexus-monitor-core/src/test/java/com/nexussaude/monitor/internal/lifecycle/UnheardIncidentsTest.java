package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.InhibitionRule;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.internal.journal.JournalCodec;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When nothing records or hears incidents (no journal, no incident listener, no paging), the incident book
 * derives an incident's state, severity, headline and active alerts when it is read rather than at every change
 * of one of its alerts. This drives two books through the same seeded random signals, clears, silences,
 * acknowledgements (of alerts and of incidents), resolves and time: one whose incidents are recorded and heard,
 * one whose are not; after every step both hold the same alerts (incident ids included), the same open
 * incidents, and announced the same alert events.
 */
class UnheardIncidentsTest {
    static final long T0 = 1_795_000_000_000L;
    static final String[] PATIENTS = {"bed-1", "bed-2", "bed-3"};
    static final String[] KEYS = {"SPO2", "HEART_RATE"};
    static final Severity[] SEVERITIES = Severity.values();

    /** A book, and the alert and incident events it announced. */
    static final class Book {
        final List<AlertEvent> alertEvents = new ArrayList<>();
        final List<IncidentEvent> incidentEvents = new ArrayList<>();
        final AlertBook book;

        Book(boolean heard) {
            MonitorConfig config = MonitorConfig.builder().inhibitions(InhibitionRule.DEFAULTS).build();
            book = new AlertBook(new AlertBook.LifecycleSink() {
                @Override
                public void alert(AlertEvent event) {
                    alertEvents.add(event);
                }

                @Override
                public void incident(IncidentEvent event) {
                    incidentEvents.add(event);
                }

                @Override
                public boolean wantsIncidents() {
                    return heard;
                }
            }, new AlertBook.Recorder() {
                @Override
                public void record(JournalCodec.Entry entry, long at) {
                }

                @Override
                public boolean enabled() {
                    return heard;
                }
            }, config, patient -> "icu");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void incidentsReadTheSameWhetherOrNotAnyoneHearsThem(long seed) {
        Book heard = new Book(true);
        Book unheard = new Book(false);
        Random random = new Random(seed);
        long now = T0;
        for (int step = 0; step < 3_000; step++) {
            now += 1 + random.nextInt(8_000);
            heard.book.advance(now);
            unheard.book.advance(now);
            String patient = PATIENTS[random.nextInt(PATIENTS.length)];
            String key = KEYS[random.nextInt(KEYS.length)];
            Severity severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
            int what = random.nextInt(100);
            List<Alert> active = heard.book.activeAlerts();
            List<Incident> open = heard.book.openIncidents();
            if (what < 30) {
                signal(heard, unheard, patient, "threshold", key, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 38) {
                signal(heard, unheard, patient, "signal-loss", key, Severity.MEDIUM, Category.TECHNICAL, now);
            } else if (what < 50) {
                signal(heard, unheard, patient, "news2", null, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 75) {
                String rule = new String[] {"threshold", "signal-loss", "news2"}[random.nextInt(3)];
                heard.book.clear(patient, rule, rule.equals("news2") ? null : key, now);
                unheard.book.clear(patient, rule, rule.equals("news2") ? null : key, now);
            } else if (what < 77) {
                Instant until = Instant.ofEpochMilli(now + 1 + random.nextInt(120_000));
                heard.book.addSilence(Silence.builder().patient(patient).by("nurse-a").because("washing").until(until)
                        .build(), now);
                unheard.book.addSilence(Silence.builder().patient(patient).by("nurse-a").because("washing").until(until)
                        .build(), now);
            } else if (what < 85 && !active.isEmpty()) {
                String id = active.get(random.nextInt(active.size())).alertId();
                if (active.stream().filter(a -> a.alertId().equals(id)).findFirst().orElseThrow().state()
                        .canMoveTo(com.nexussaude.monitor.AlertState.ACKNOWLEDGED)) {
                    assertThat(unheard.book.acknowledge(id, "nurse-a", "seen", now))
                            .isEqualTo(heard.book.acknowledge(id, "nurse-a", "seen", now));
                }
            } else if (what < 90 && !open.isEmpty()) {
                String id = open.get(random.nextInt(open.size())).incidentId();
                assertThat(unheard.book.acknowledgeIncident(id, "nurse-b", "on it", now))
                        .as("step %d: the alerts acknowledged with incident %s", step, id)
                        .isEqualTo(heard.book.acknowledgeIncident(id, "nurse-b", "on it", now));
            } else if (what < 93 && !active.isEmpty()) {
                String id = active.get(random.nextInt(active.size())).alertId();
                heard.book.resolve(id, "nurse-a", "checked", now);
                unheard.book.resolve(id, "nurse-a", "checked", now);
            }
            assertThat(unheard.book.activeAlerts()).as("step %d: active alerts", step)
                    .isEqualTo(heard.book.activeAlerts());
            List<Incident> incidents = heard.book.openIncidents();
            assertThat(unheard.book.openIncidents()).as("step %d: open incidents", step).isEqualTo(incidents);
            for (Incident i : incidents) {
                assertThat(unheard.book.incident(i.incidentId())).as("step %d: incident %s", step, i.incidentId())
                        .isEqualTo(heard.book.incident(i.incidentId()));
            }
            assertThat(unheard.alertEvents).as("step %d: alert events", step).isEqualTo(heard.alertEvents);
        }
        assertThat(unheard.incidentEvents).as("an unheard book makes no incident event").isEmpty();
        assertThat(heard.incidentEvents).as("the run opened, escalated, acknowledged and resolved incidents")
                .anyMatch(e -> e.type() == IncidentEvent.Type.OPENED)
                .anyMatch(e -> e.type() == IncidentEvent.Type.ESCALATED)
                .anyMatch(e -> e.type() == IncidentEvent.Type.ACKNOWLEDGED)
                .anyMatch(e -> e.type() == IncidentEvent.Type.UPDATED)
                .anyMatch(e -> e.type() == IncidentEvent.Type.RESOLVED);
    }

    /**
     * A headline tag deployed after an incident's last change does not re-derive it in a heard book (its next change
     * does); an unheard book derives what it left stale before the tags change, so it reads the same.
     */
    @org.junit.jupiter.api.Test
    void aHeadlineTagDeployedLaterReadsTheSame() {
        Book heard = new Book(true);
        Book unheard = new Book(false);
        long now = T0;
        signal(heard, unheard, "bed-1", "threshold", "SPO2", Severity.HIGH, Category.PHYSIOLOGICAL, now);
        signal(heard, unheard, "bed-1", "news2", null, Severity.HIGH, Category.PHYSIOLOGICAL, now + 1_000);
        for (Book b : List.of(heard, unheard)) {
            b.book.headlineRules().deployed("rules-1", java.util.Set.of("news2"));
        }
        List<Incident> incidents = heard.book.openIncidents();
        assertThat(incidents).hasSize(1);
        assertThat(unheard.book.openIncidents()).isEqualTo(incidents);
        signal(heard, unheard, "bed-1", "threshold", "HEART_RATE", Severity.HIGH, Category.PHYSIOLOGICAL, now + 2_000);
        for (Book b : List.of(heard, unheard)) {
            b.book.headlineRules().undeployed("rules-1");
        }
        assertThat(unheard.book.openIncidents()).isEqualTo(heard.book.openIncidents());
        assertThat(heard.book.openIncidents().get(0).headlineAlertId())
                .as("the tag applied at the change after it was deployed").isEqualTo(
                        heard.book.activeAlerts().stream().filter(a -> a.ruleId().equals("news2")).findFirst()
                                .orElseThrow().alertId());
    }

    private static void signal(Book heard, Book unheard, String patient, String rule, String key, Severity severity,
                               Category category, long now) {
        for (Book b : List.of(heard, unheard)) {
            b.book.signal(new AlertBook.Signal(patient, rule, key, severity, category, rule + " " + severity.wireName(),
                    Map.of("value", 1.0), 60_000), now);
        }
    }
}
