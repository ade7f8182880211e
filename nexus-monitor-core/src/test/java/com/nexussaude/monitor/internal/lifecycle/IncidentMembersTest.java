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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incident book derives a changed incident from the entries it keeps per incident (dropping those resolved)
 * rather than by looking up each of the incident's alert ids among the active alerts. This drives a book through
 * seeded random signals, clears, silences, acknowledgements and resolves, and holds every incident event, and
 * every open incident after each step, to the plain form: the incident's alert ids, in the order they joined,
 * that name an active alert of the book.
 */
class IncidentMembersTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final String[] PATIENTS = {"bed-1", "bed-2", "bed-3"};
    private static final String[] KEYS = {"SPO2", "HEART_RATE"};

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void activeAlertsOfEveryIncidentAreTheIncidentsIdsThatAreActive(long seed) {
        List<IncidentEvent> events = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        AlertBook[] holder = new AlertBook[1];
        AlertBook book = new AlertBook(new AlertBook.LifecycleSink() {
            @Override
            public void alert(AlertEvent event) {
            }

            @Override
            public void incident(IncidentEvent event) {
                events.add(event);
                // Collected, not asserted here: the book is mid-transition, and an error must not unwind it.
                List<String> plain = plainActive(event.incident(), holder[0]);
                if (!event.incident().activeAlertIds().equals(plain)) {
                    mismatches.add(event.type() + " " + event.incident().incidentId() + ": "
                            + event.incident().activeAlertIds() + " but the plain form gives " + plain);
                }
            }
        }, new AlertBook.Recorder() {
            @Override
            public void record(JournalCodec.Entry entry, long at) {
            }
        }, MonitorConfig.builder().inhibitions(InhibitionRule.DEFAULTS).build(), patient -> "icu");
        holder[0] = book;
        Random random = new Random(seed);
        long now = T0;
        for (int step = 0; step < 3_000; step++) {
            now += 1 + random.nextInt(8_000);
            book.advance(now);
            String patient = PATIENTS[random.nextInt(PATIENTS.length)];
            String key = KEYS[random.nextInt(KEYS.length)];
            Severity severity = Severity.values()[random.nextInt(Severity.values().length)];
            int what = random.nextInt(100);
            List<Alert> active = book.activeAlerts();
            List<Incident> open = book.openIncidents();
            if (what < 35) {
                signal(book, patient, "threshold", key, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 43) {
                signal(book, patient, "signal-loss", key, Severity.MEDIUM, Category.TECHNICAL, now);
            } else if (what < 55) {
                signal(book, patient, "news2", null, severity, Category.PHYSIOLOGICAL, now);
            } else if (what < 78) {
                String rule = new String[] {"threshold", "signal-loss", "news2"}[random.nextInt(3)];
                book.clear(patient, rule, rule.equals("news2") ? null : key, now);
            } else if (what < 80) {
                book.addSilence(Silence.builder().patient(patient).by("nurse-a").because("washing")
                        .until(Instant.ofEpochMilli(now + 1 + random.nextInt(120_000))).build(), now);
            } else if (what < 87 && !active.isEmpty()) {
                Alert a = active.get(random.nextInt(active.size()));
                if (a.state().canMoveTo(com.nexussaude.monitor.AlertState.ACKNOWLEDGED)) {
                    book.acknowledge(a.alertId(), "nurse-a", "seen", now);
                }
            } else if (what < 90 && !open.isEmpty()) {
                book.acknowledgeIncident(open.get(random.nextInt(open.size())).incidentId(), "nurse-b", "on it", now);
            } else if (what < 95 && !active.isEmpty()) {
                book.resolve(active.get(random.nextInt(active.size())).alertId(), "nurse-a", "checked", now);
            } else if (what < 96) {
                book.discharge(patient, now);
            }
            for (Incident i : book.openIncidents()) {
                assertThat(i.activeAlertIds()).as("step %d: incident %s", step, i.incidentId())
                        .isEqualTo(plainActive(i, book));
            }
            assertThat(mismatches).as("step %d: incident events", step).isEmpty();
        }
        assertThat(events).as("the run opened, updated and resolved incidents with several alerts")
                .anyMatch(e -> e.type() == IncidentEvent.Type.OPENED)
                .anyMatch(e -> e.type() == IncidentEvent.Type.UPDATED)
                .anyMatch(e -> e.type() == IncidentEvent.Type.RESOLVED)
                .anyMatch(e -> e.incident().activeAlertIds().size() >= 3)
                .anyMatch(e -> e.incident().alertIds().size() > e.incident().activeAlertIds().size()
                        && !e.incident().activeAlertIds().isEmpty());
    }

    /** The incident's alert ids, in the order they joined, that name an active alert of the book. */
    private static List<String> plainActive(Incident incident, AlertBook book) {
        Set<String> active = book.activeAlerts().stream().map(Alert::alertId).collect(Collectors.toSet());
        return incident.alertIds().stream().filter(active::contains).toList();
    }

    private static void signal(AlertBook book, String patient, String rule, String key, Severity severity,
                               Category category, long now) {
        book.signal(new AlertBook.Signal(patient, rule, key, severity, category, rule + " " + severity.wireName(),
                Map.of("value", 1.0), 60_000), now);
    }
}
