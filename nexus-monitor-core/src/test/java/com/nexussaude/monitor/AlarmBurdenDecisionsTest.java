package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.EscalationConfigException;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


/**
 * The alarm-burden decisions of issue 13 (docs/alarm-semantics.md §6, docs/escalation.md), each tested on
 * both sides with the real engine in event time: the nuisance no longer alarms or pages, and the real
 * emergency still does, on time.
 */
class AlarmBurdenDecisionsTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final RecordingListener listener = new RecordingListener();
    final List<VitalMonitor> monitors = new ArrayList<>();
    final EscalationPagingTest.Recorder push = new EscalationPagingTest.Recorder("push");
    final EscalationPagingTest.Recorder sms = new EscalationPagingTest.Recorder("sms");

    VitalMonitor monitor(Set<String> packs) {
        VitalMonitor m = VitalMonitor.builder().config(MonitorConfig.builder().packs(packs).build())
                .listener(listener).listenerExecutor(Runnable::run)
                .paging(Paging.builder().channel(push).channel(sms)
                        .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                .build();
        monitors.add(m);
        return m;
    }

    @AfterEach
    void close() {
        monitors.forEach(VitalMonitor::close);
        assertThat(listener.failures()).isEmpty();
    }

    static void obs(VitalMonitor m, long second, Double hr, Double spo2, Double rr) {
        Observation.Builder b = Observation.builder("p1", T0.plusSeconds(second));
        if (hr != null) {
            b.heartRate(hr);
        }
        if (spo2 != null) {
            b.spo2(spo2);
        }
        if (rr != null) {
            b.respiratoryRate(rr);
        }
        m.submit(b.build());
    }

    List<AlertEvent> raised(Severity atLeast) {
        return listener.events.stream().filter(e -> e.alert().category() == Category.PHYSIOLOGICAL
                && (e.type() == AlertEventType.RAISED || e.type() == AlertEventType.SEVERITY_CHANGED)
                && !atLeast.isAbove(e.alert().severity())).toList();
    }

    List<Notification> pages() {
        return push.received.stream().filter(n -> !n.event().wireName().equals("resolved")).toList();
    }

    // ---- critical on a confirmed reading ---------------------------------------------------------------

    @Test
    void aLoneOneSecondExtremeIsNotCritical() {
        VitalMonitor m = monitor(Set.of("threshold"));
        // Rate-controlled AF: one beat-to-beat rate of 39 among normal ones; an impedance rate of 6 as the patient turns.
        for (int s = 0; s < 120; s++) {
            obs(m, s, s == 60 ? 39.0 : 72.0, 97.0, s == 90 ? 6.0 : 15.0);
        }
        assertThat(raised(Severity.MEDIUM)).isEmpty();
        assertThat(pages()).isEmpty();
    }

    @Test
    void trueBradycardiaIsCriticalOnItsSecondReadingAndPagesTheBedsideNurseThen() {
        VitalMonitor m = monitor(Set.of("threshold"));
        for (int s = 0; s < 60; s++) {
            obs(m, s, 72.0, 97.0, 15.0);
        }
        for (int s = 60; s < 70; s++) {
            obs(m, s, 36.0, 97.0, 15.0);
        }
        // One reading later than before 0.2 (1 s at 1 Hz), and no later.
        assertThat(raised(Severity.CRITICAL)).first().satisfies(e -> {
            assertThat(e.alert().key()).isEqualTo("HEART_RATE");
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(61));
        });
        assertThat(pages()).first().satisfies(n -> {
            assertThat(n.escalationLevel()).isEqualTo(1);
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.timestamp()).isEqualTo(T0.plusSeconds(61));
        });
    }

    @Test
    void trueDesaturationIsCriticalOneSecondAfterItsFirstCriticalReading() {
        VitalMonitor m = monitor(Set.of("threshold"));
        for (int s = 0; s < 60; s++) {
            obs(m, s, 80.0, 96.0, 15.0);
        }
        for (int s = 60; s < 80; s++) {
            obs(m, s, 80.0, 82.0, 15.0);
        }
        assertThat(raised(Severity.CRITICAL)).first().satisfies(e -> {
            assertThat(e.alert().key()).isEqualTo("SPO2");
            assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(61));
        });
    }

    @Test
    void asystoleCorroboratedByApnoeaIsCriticalOnItsFirstReading() {
        VitalMonitor m = monitor(Set.of("threshold", "technical"));
        for (int s = 0; s < 60; s++) {
            obs(m, s, 80.0, 96.0, 15.0);
        }
        obs(m, 60, 0.0, 0.0, 0.0); // the artefact gate corroborated the zeros: that is the confirmation
        assertThat(raised(Severity.CRITICAL)).extracting(e -> e.alert().key() + "@" + e.timestamp())
                .contains("HEART_RATE@" + T0.plusSeconds(60), "SPO2@" + T0.plusSeconds(60));
        assertThat(pages()).first().satisfies(n -> assertThat(n.timestamp()).isEqualTo(T0.plusSeconds(60)));
    }

    @Test
    void aSpotCheckCriticalReadingNeedsNoPartner() {
        VitalMonitor m = monitor(Set.of("threshold"));
        obs(m, 0, null, 96.0, null);
        obs(m, 900, null, 80.0, null); // a nurse's spot check 15 min later: critical at once
        assertThat(raised(Severity.CRITICAL)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(900)));
    }

    // ---- motion: every channel of a moving patient -----------------------------------------------------

    @Test
    void theImpedanceRateOfAMovingPatientIsMotionNotApnoeaOrTachypnoea() {
        VitalMonitor m = monitor(Set.of("threshold", "technical", "news2", "correlation"));
        for (int s = 0; s < 60; s++) {
            obs(m, s, 76.0, 97.0, 16.0);
        }
        // Walking: the pulse rate jumps, SpO2 drifts low, the impedance rate reads garbage, for 6 s, twice.
        double[][] walk = {{128, 95, 4}, {140, 92, 37}, {141, 90, 3}, {138, 88, 35}, {139, 86, 5}, {130, 85, 31}};
        for (int rep = 0; rep < 2; rep++) {
            int at = 60 + rep * 30;
            for (int i = 0; i < walk.length; i++) {
                obs(m, at + i, walk[i][0], walk[i][1], walk[i][2]);
            }
            for (int s = at + walk.length; s < at + 30; s++) {
                obs(m, s, 78.0, 97.0, 16.0);
            }
        }
        for (int s = 120; s < 300; s++) {
            obs(m, s, 78.0, 97.0, 16.0);
        }
        assertThat(raised(Severity.MEDIUM)).isEmpty();
        assertThat(listener.events).filteredOn(e -> e.type() == AlertEventType.RAISED)
                .extracting(e -> e.alert().ruleId() + ":" + e.alert().severity()).contains("artefact:LOW");
        assertThat(pages()).as("a low technical alert is shown, not paged").isEmpty();
    }

    @Test
    void aRealDesaturationWithoutMovementStillAlarms() {
        VitalMonitor m = monitor(Set.of("threshold", "technical"));
        for (int s = 0; s < 60; s++) {
            obs(m, s, 76.0, 97.0, 16.0);
        }
        for (int s = 60; s < 120; s++) { // 97 -> 83 over a minute: no jump, no motion
            obs(m, s, 80.0, Math.round(97 - (s - 60) * 14 / 60.0) * 1.0, 22.0);
        }
        assertThat(raised(Severity.CRITICAL)).extracting(e -> e.alert().key()).contains("SPO2");
    }

    // ---- technical alerts: shown, or paged when the patient is not monitored ---------------------------

    @Test
    void signalLossPagesTheBedsideNurseAsTechnical() {
        VitalMonitor m = monitor(Set.of("technical"));
        for (int s = 0; s < 30; s++) {
            obs(m, s, 76.0, 97.0, 16.0);
        }
        m.advanceTo(T0.plusSeconds(120)); // nothing for 90 s: signal loss (medium): the patient is unmonitored
        assertThat(pages()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.category()).isEqualTo(Category.TECHNICAL);
            assertThat(n.ruleId()).isEqualTo("signal-loss");
        });
        assertThat(pages().get(0).escalationLevel()).isEqualTo(1);
    }

    @Test
    void theDefaultPolicyShowsLowTechnicalAlertsAndPagesEverythingElse() {
        EscalationChain d = EscalationChain.defaults();
        assertThat(d.notPaged()).containsOnlyKeys(Category.TECHNICAL);
        assertThat(d.notPaged().get(Category.TECHNICAL)).containsExactly(Severity.LOW);
        String json = d.toJson();
        assertThat(json).contains("\"not_paged\"");
        assertThat(EscalationChain.fromJson(json)).isEqualTo(d);
        assertThat(d.toBuilder().paged(Category.TECHNICAL, Severity.LOW).build().notPaged()).isEmpty();
    }

    @Test
    void aBadNotPagedEntryNamesItsPath() {
        String json = "{\"name\": \"x\", \"not_paged\": {\"technicl\": [\"low\"], \"physiological\": [\"urgent\"]},"
                + " \"levels\": [{\"name\": \"l1\", \"targets\": [{\"role\": \"n\"}]}]}";
        assertThatThrownBy(() -> EscalationChain.fromJson(json)).isInstanceOf(EscalationConfigException.class)
                .hasMessageContaining("not_paged.technicl").hasMessageContaining("not_paged.physiological[0]");
    }

    // ---- trends: activity, and the scale-2 target ------------------------------------------------------

    @Test
    void aHeartRateRisingWithWalkingIsNotATrendButTheSameRiseAtRestIs() {
        VitalMonitor m = monitor(Set.of("trend", "technical"));
        // p1 walks (a movement artefact every few minutes) while its HR climbs 76 -> 100 over 30 min; p2 is at rest.
        for (int s = 0; s <= 40 * 60; s++) {
            double hr = 76 + Math.min(24, s / 75.0);
            boolean jolt = s % 240 == 100;
            m.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(jolt ? hr + 60 : hr).build());
            m.submit(Observation.builder("p2", T0.plusSeconds(s)).heartRate(hr).build());
        }
        assertThat(listener.events).filteredOn(e -> e.type() == AlertEventType.RAISED
                        && e.alert().ruleId().equals("trend-hr-rising"))
                .extracting(e -> e.alert().patientId()).containsExactly("p2");
    }

    @Test
    void scaleTwoSpo2DriftingWithinItsTargetIsNotATrendButFallingBelowItIs() {
        VitalMonitor m = monitor(Set.of("trend"));
        m.register(PatientContext.of("copd").withSpo2Scale(2));
        m.register(PatientContext.of("copd-worse").withSpo2Scale(2));
        for (int s = 0; s <= 40 * 60; s += 5) {
            double drift = 92 - Math.min(4, s / 450.0); // 92 -> 88 over 30 min: inside the prescribed 88-92 %
            double worse = 91 - Math.min(6, s / 300.0); // 91 -> 85: below the target
            m.submit(Observation.builder("copd", T0.plusSeconds(s)).spo2(drift).build());
            m.submit(Observation.builder("copd-worse", T0.plusSeconds(s)).spo2(worse).build());
        }
        assertThat(listener.events).filteredOn(e -> e.type() == AlertEventType.RAISED
                        && e.alert().ruleId().equals("trend-spo2-falling"))
                .extracting(e -> e.alert().patientId()).containsExactly("copd-worse");
    }

    @Test
    void theDefaultMediumDelaysAreTwentyThirtyAndFortyFiveSeconds() {
        assertThat(MonitorConfig.DEFAULT_PERSISTENCE.get(Vital.HEART_RATE).mediumDelay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(MonitorConfig.DEFAULT_PERSISTENCE.get(Vital.SPO2).mediumDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(MonitorConfig.DEFAULT_PERSISTENCE.get(Vital.RESPIRATORY_RATE).mediumDelay())
                .isEqualTo(Duration.ofSeconds(45));
        // A sleep desaturation of 25 s to 91 % is below the SpO2 delay: no alert; 31 s of it alerts.
        VitalMonitor m = monitor(Set.of("threshold"));
        for (int s = 0; s < 200; s++) {
            obs(m, s, 64.0, s >= 30 && s < 55 ? 91.0 : s >= 120 && s < 151 ? 91.0 : 96.0, 14.0);
        }
        assertThat(raised(Severity.MEDIUM)).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0.plusSeconds(150)));
    }
}
