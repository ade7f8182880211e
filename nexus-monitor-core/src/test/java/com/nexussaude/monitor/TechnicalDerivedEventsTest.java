package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The technical pack keeps its per-reading state in Java and sends Esper its derived events only when a statement
 * has something to decide (issue 21): a steady feed sends none, and signal losses found at one tick reach the
 * lifecycle in the order the pack's former table scan gave them (the order of the alerts' ids).
 */
class TechnicalDerivedEventsTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    /** Raises one alert per derived event of the technical pack (key: type and time), to count them. */
    static final String SEEN = String.join("\n", List.of("SignalBack", "SensorGap", "ProbeZero", "ProbeBack",
            "ArtefactJump", "RrFlatZero", "RrFlatEnded", "SignalSilent").stream().map(type -> """
            insert into AlertSignal
            select patientId, 'seen' as ruleId, 'low' as severity, 'technical' as category, '%1$s' as message,
                   '%1$s@' || cast(ts, string) as key
            from %1$s;
            """.formatted(type)).toList());

    /**
     * The pack's signal-loss statement as it was before issue 21: a table with a row per patient and vital, merged on
     * every reading, scanned every 5 s. It raises 'old-signal-loss' in the table's order.
     */
    static final String OLD_SCAN = """
            create table OldSeen(patientId string primary key, vital string primary key, lastTs long);
            on VitalSign(vital in ('HEART_RATE', 'SPO2', 'RESPIRATORY_RATE', 'SYSTOLIC_BP')) as v
            merge OldSeen as s
            where s.patientId = v.patientId and s.vital = v.vital
            when matched then update set s.lastTs = max(s.lastTs, v.ts)
            when not matched then insert select v.patientId as patientId, v.vital as vital, v.ts as lastTs;
            on pattern[every timer:at(*, *, *, *, *, */5)]
            merge OldSeen as s
            where s.vital != 'SYSTOLIC_BP' and current_timestamp() - s.lastTs >= 60000
            when matched then
              insert into AlertSignal
                select s.patientId as patientId, 'old-signal-loss' as ruleId, 'medium' as severity,
                       'technical' as category, 'lost' as message, s.vital as key;
            """;

    final RecordingListener listener = new RecordingListener();
    VitalMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    void start() {
        monitor = VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of("technical")).build())
                .listener(listener).listenerExecutor(Runnable::run).build();
    }

    List<String> raised(String ruleId) {
        return listener.of(AlertEventType.RAISED).stream().filter(e -> e.alert().ruleId().equals(ruleId))
                .map(e -> e.alert().patientId() + "/" + e.alert().key()).toList();
    }

    @Test
    void aSteadyFeedSendsEsperNoTechnicalEventAndALossSendsOnePerTick() {
        start();
        monitor.loadRules("seen.epl", SEEN);
        for (int s = 0; s < 600; s++) {
            Observation.Builder o = Observation.builder("p1", T0.plusSeconds(s)).heartRate(72 + s % 3).spo2(97)
                    .respiratoryRate(16);
            if (s % 300 == 0) {
                o.systolicBp(120);
            }
            monitor.submit(o.build());
        }
        assertThat(raised("seen")).as("ten minutes of plausible 1 Hz readings").isEmpty();
        // Heart rate stops; SpO2 and RR go on. The loss is due at 659 s, found at the 660-s tick, then every 5 s.
        for (int s = 600; s <= 680; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).spo2(97).respiratoryRate(16).build());
        }
        assertThat(raised("seen")).containsExactly("p1/SignalSilent@" + T0.plusSeconds(660).toEpochMilli(),
                "p1/SignalSilent@" + T0.plusSeconds(665).toEpochMilli(),
                "p1/SignalSilent@" + T0.plusSeconds(670).toEpochMilli(),
                "p1/SignalSilent@" + T0.plusSeconds(675).toEpochMilli(),
                "p1/SignalSilent@" + T0.plusSeconds(680).toEpochMilli());
        assertThat(raised("signal-loss")).containsExactly("p1/HEART_RATE");
        monitor.submit(Observation.builder("p1", T0.plusSeconds(681)).heartRate(72).spo2(97).respiratoryRate(16).build());
        assertThat(raised("seen")).hasSize(6).last().isEqualTo("p1/SignalBack@" + T0.plusSeconds(681).toEpochMilli());
    }

    @Test
    void lossesFoundAtOneTickKeepTheOrderOfTheFormerTableScan() {
        start();
        monitor.loadRules("old-scan.epl", OLD_SCAN);
        int patients = 300;
        // Rows are created in an order that is neither the patients' nor the vitals' (NIBP first for every third
        // bed, the others' later), so the scan order depends on the table's hashing and insertion order.
        for (int s = 0; s < 30; s++) {
            for (int p = 0; p < patients; p++) {
                Observation.Builder o = Observation.builder("bed-" + (p * 7919 % patients), T0.plusSeconds(s));
                if (p % 3 == 0 && s == 0 || p % 3 != 0 && s == 20) {
                    o.systolicBp(120);
                }
                if (s > 0 || p % 3 != 0) {
                    o.heartRate(72).spo2(97).respiratoryRate(16);
                }
                monitor.submit(o.build());
            }
        }
        // Every feed stops at 29 s (NIBP keeps its 75-min timeout); losses are due at 89 s, found at 90 s.
        monitor.advanceTo(T0.plusSeconds(90));
        List<String> old = raised("old-signal-loss");
        assertThat(old).hasSize(3 * patients);
        assertThat(raised("signal-loss")).containsExactlyElementsOf(old);
    }
}
