package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.notify.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.nexussaude.monitor.internal.journal.Journaling;

/**
 * An event-time day of a ward where 100 patients stop sending without a discharge: each is released
 * four hours after its last reading (the idle time set here), first with a technical alert saying its
 * monitoring ended, then its state is freed, in the engine and in the rules; the per-patient state
 * returns to what it was before they came, and a released patient who comes back is monitored afresh.
 * The real engine with every bundled pack, on the real Esper runtime.
 */
class IdlePatientReleaseTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Duration IDLE = Duration.ofHours(4);
    static final int PATIENTS = 100;

    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    final Engine engine = new Engine(MonitorConfig.defaults(), MonitorClock.eventTime(), List.<com.nexussaude.monitor.AlertListener>of(events::add), List.of(),
            List.of(), Runnable::run, Duration.ofMinutes(2), Journaling.none(), null);

    IdlePatientReleaseTest() {
        engine.inputPolicy(false, UnknownPatientPolicy.WARN);
        engine.eventTimeFutureTolerance(Duration.ofHours(24));
        engine.patientLimits(IDLE, 1_000);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** The steady patient, every 30 s: the ward that goes on while the others stop. */
    void steadyUntil(Instant from, Instant to) {
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(30)) {
            engine.submit(Observation.builder("steady", t).heartRate(72).spo2(97).respiratoryRate(14).build());
        }
    }

    static Observation normal(String patient, Instant t) {
        return Observation.builder(patient, t).heartRate(80).spo2(97).respiratoryRate(16).build();
    }

    List<AlertEvent> of(String rule, AlertEventType type) {
        return events.stream().filter(e -> e.alert().ruleId().equals(rule) && e.type() == type).toList();
    }

    @Test
    void patientsWhoStopSendingAreReleasedAndTheirStateReturnsToBaseline() {
        steadyUntil(T0, T0.plusSeconds(600));
        Map<String, Integer> baseline = engine.stateSizes();
        assertThat(baseline).containsEntry("patients", 1).containsEntry("patientsWithAlerts", 0);

        // 100 patients send for 10 minutes, patient p-i until 08:10 + i s, and then nothing, never discharged.
        Instant start = T0.plusSeconds(600);
        for (int s = 0; s < 600 + PATIENTS; s += 10) {
            Instant t = start.plusSeconds(s);
            for (int p = 0; p < PATIENTS && s <= 600 + p; p++) {
                engine.submit(normal("p-" + p, t.plusMillis(p)));
            }
            engine.submit(Observation.builder("steady", t).heartRate(72).spo2(97).respiratoryRate(14).build());
        }
        Instant lastOfP0 = start.plusSeconds(600);
        steadyUntil(start.plusSeconds(720), start.plusSeconds(3600));
        assertThat(engine.monitoredPatients()).isEqualTo(PATIENTS + 1);
        // Their feeds were lost: signal-loss alerts, re-signalled by the technical pack's sweep every 5 s.
        assertThat(of("signal-loss", AlertEventType.RAISED)).hasSize(3 * PATIENTS);
        long signalsBefore = engine.stats().signals();
        steadyUntil(start.plusSeconds(3630), start.plusSeconds(7200));
        assertThat(engine.stats().signals()).as("the sweep re-signals lost feeds").isGreaterThan(signalsBefore);

        // Four hours after each patient's last reading: released, the alert first.
        steadyUntil(start.plusSeconds(7230), lastOfP0.plus(IDLE).plusSeconds(PATIENTS + 60));
        assertThat(engine.releasedPatients()).isEqualTo(PATIENTS);
        List<AlertEvent> ended = of(Engine.MONITORING_ENDED, AlertEventType.RAISED);
        assertThat(ended).hasSize(PATIENTS);
        Alert first = ended.get(0).alert();
        assertThat(first.patientId()).isEqualTo("p-0");
        assertThat(first.category()).isEqualTo(Category.TECHNICAL);
        // Event time: exactly the idle time after the last reading, whatever else the input holds.
        assertThat(first.raisedAt()).isEqualTo(lastOfP0.plus(IDLE));
        assertThat(first.message()).startsWith("monitoring of patient p-0 ended: no reading for 4 h 0 min (last at "
                + lastOfP0 + ")").doesNotContain("deteriorat", "critical", "unwell");
        // The signal-loss alerts resolved as released (the signal did not come back), after the alert saying why.
        List<AlertEvent> lossResolved = of("signal-loss", AlertEventType.RESOLVED);
        assertThat(lossResolved).hasSize(3 * PATIENTS).allSatisfy(e -> assertThat(e.alert().resolution()).isEqualTo("released"));
        assertThat(events.indexOf(ended.get(0))).isLessThan(events.indexOf(lossResolved.get(0)));
        assertThat(engine.monitoredPatients()).isEqualTo(1);

        // The rules forgot them too: nothing re-signals their lost feeds any more.
        long signalsAtRelease = engine.stats().signals();
        Instant afterRelease = lastOfP0.plus(IDLE).plusSeconds(PATIENTS + 90);
        steadyUntil(afterRelease, afterRelease.plus(Duration.ofHours(2)));
        assertThat(engine.stats().signals()).isEqualTo(signalsAtRelease);

        // The monitoring-ended alerts stay open 24 h; then every per-patient map is back to its baseline.
        Instant dayLater = lastOfP0.plus(IDLE).plus(Duration.ofHours(24)).plusSeconds(PATIENTS + 120);
        steadyUntil(afterRelease.plus(Duration.ofHours(2)).plusSeconds(30), dayLater);
        assertThat(of(Engine.MONITORING_ENDED, AlertEventType.RESOLVED)).hasSize(PATIENTS);
        assertThat(engine.openAlerts()).isEmpty();
        assertThat(engine.stateSizes()).isEqualTo(baseline);
    }

    @Test
    void aReleasedPatientWhoComesBackIsMonitoredAfresh() {
        for (int s = 0; s <= 600; s += 10) {
            engine.submit(normal("p-0", T0.plusSeconds(s)));
            engine.submit(Observation.builder("steady", T0.plusSeconds(s)).heartRate(72).spo2(97).respiratoryRate(14).build());
        }
        Instant last = T0.plusSeconds(600);
        steadyUntil(last.plusSeconds(30), last.plus(IDLE).plusSeconds(60));
        assertThat(engine.releasedPatients()).isEqualTo(1);
        Alert ended = of(Engine.MONITORING_ENDED, AlertEventType.RAISED).get(0).alert();
        assertThat(engine.openAlerts()).extracting(Alert::alertId).contains(ended.alertId());

        // Back an hour later, desaturating: monitored as a new patient, and the monitoring-ended alert clears.
        Instant back = last.plus(IDLE).plus(Duration.ofHours(1));
        for (int s = 0; s <= 60; s += 5) {
            engine.submit(Observation.builder("p-0", back.plusSeconds(s)).heartRate(80).spo2(80).respiratoryRate(16).build());
            engine.submit(Observation.builder("steady", back.plusSeconds(s)).heartRate(72).spo2(97).respiratoryRate(14).build());
        }
        assertThat(engine.monitoredPatients()).isEqualTo(2);
        assertThat(engine.openAlerts()).filteredOn(a -> a.patientId().equals("p-0")).extracting(Alert::ruleId)
                .contains("threshold").doesNotContain(Engine.MONITORING_ENDED);
        assertThat(of(Engine.MONITORING_ENDED, AlertEventType.RESOLVED)).singleElement()
                .satisfies(e -> assertThat(e.alert().resolution()).isEqualTo("cleared"));
        // Its feed is watched again from its new readings: a loss is reported 60 s after the last of them.
        steadyUntil(back.plusSeconds(90), back.plusSeconds(180));
        assertThat(of("signal-loss", AlertEventType.RAISED)).filteredOn(e -> e.alert().raisedAt().isAfter(back))
                .isNotEmpty();
    }
}
