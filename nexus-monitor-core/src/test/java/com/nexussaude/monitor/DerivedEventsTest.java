package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The events the engine derives for rules (schema.epl): {@code VitalMinute}, the per-minute mean of a
 * vital, and the latest readings that {@code ObservationEnd} carries. Observed through integrator rules
 * that raise one alert per event, with the event's fields as evidence.
 */
class DerivedEventsTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String MINUTE_RULE = """
            @Name('minutes')
            insert into AlertSignal
            select patientId, 'minute' as ruleId, 'low' as severity, 'technical' as category,
                   vital || ' minute' as message,
                   evidence('ward', ward, 'vital', vital, 'minuteStart', minuteStart, 'ts', ts, 'value', value,
                            'readingCount', readingCount) as evidence,
                   vital || '@' || cast(minuteStart, string) as key
            from VitalMinute;
            """;
    static final String END_RULE = """
            @Name('ends')
            insert into AlertSignal
            select patientId, 'end' as ruleId, 'low' as severity, 'technical' as category, 'end' as message,
                   evidence('ts', ts, 'heartRate', heartRate, 'heartRateTs', heartRateTs, 'spo2', spo2,
                            'spo2Ts', spo2Ts, 'systolicBp', systolicBp, 'temperature', temperature,
                            'supplementalOxygen', supplementalOxygen, 'ward', ward) as evidence,
                   cast(ts, string) as key
            from ObservationEnd;
            """;

    final RecordingListener listener = new RecordingListener();
    final VitalMonitor monitor = VitalMonitor.builder().listener(listener).listenerExecutor(Runnable::run)
            .config(MonitorConfig.builder().packs(Set.of()).build()).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    List<Map<String, Object>> raised(String ruleId) {
        return listener.of(AlertEventType.RAISED).stream().filter(e -> e.alert().ruleId().equals(ruleId))
                .map(e -> e.alert().evidence()).toList();
    }

    @Test
    void aContinuousVitalsMinuteIsPublishedByItsNextReadingWithMeanCountAndMeanTime() {
        monitor.loadRules("minutes.epl", MINUTE_RULE);
        monitor.register(PatientContext.of("p1").withWard("icu"));
        for (int s = 0; s < 60; s++) {
            monitor.submit(Observation.builder("p1", T0.plusSeconds(s)).heartRate(60 + s).build());
        }
        assertThat(raised("minute")).as("the minute is still open").isEmpty();
        monitor.submit(Observation.builder("p1", T0.plusSeconds(60)).heartRate(200).build());
        assertThat(raised("minute")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("vital", "HEART_RATE").containsEntry("ward", "icu")
                    .containsEntry("minuteStart", T0.toEpochMilli()).containsEntry("readingCount", 60)
                    .containsEntry("value", 89.5) // mean of 60..119
                    .containsEntry("ts", T0.toEpochMilli() + 29_500); // mean of 0..59 s
        });
    }

    @Test
    void aSparseReadingIsPublishedFiveSecondsAfterItsMinuteEndsOnTheClock() {
        monitor.loadRules("minutes.epl", MINUTE_RULE);
        monitor.submit(Observation.builder("p1", T0.plusSeconds(10)).systolicBp(120).build());
        monitor.advanceTo(T0.plusSeconds(64));
        assertThat(raised("minute")).isEmpty();
        monitor.advanceTo(T0.plusSeconds(65));
        assertThat(raised("minute")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("vital", "SYSTOLIC_BP").containsEntry("value", 120.0).containsEntry("readingCount", 1)
                .containsEntry("ts", T0.plusSeconds(10).toEpochMilli()));
    }

    @Test
    void anotherPatientsObservationMovesTheClockThatPublishesAQuietPatientsMinute() {
        monitor.loadRules("minutes.epl", MINUTE_RULE);
        monitor.submit(Observation.builder("p1", T0).spo2(97).build());
        monitor.submit(Observation.builder("p2", T0.plusSeconds(70)).spo2(95).build());
        assertThat(raised("minute")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("vital", "SPO2").containsEntry("value", 97.0));
    }

    @Test
    void aLateReadingForAPublishedMinuteIsInNoSummaryAndADischargedPatientsOpenMinuteIsDropped() {
        monitor.loadRules("minutes.epl", MINUTE_RULE);
        monitor.submit(Observation.builder("p1", T0.plusSeconds(50)).heartRate(80).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(61)).heartRate(90).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(55)).heartRate(10).build()); // late, minute 0 published
        monitor.submit(Observation.builder("p1", T0.plusSeconds(62)).heartRate(100).build());
        monitor.discharge("p1");
        monitor.advanceTo(T0.plusSeconds(600));
        assertThat(raised("minute")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("minuteStart", T0.toEpochMilli()).containsEntry("value", 80.0).containsEntry("readingCount", 1));
    }

    @Test
    void observationEndCarriesTheLatestReadingOfEveryVitalAndALateReadingDoesNotReplaceANewerOne() {
        monitor.loadRules("ends.epl", END_RULE);
        monitor.register(PatientContext.of("p1").withWard("ward-7"));
        monitor.submit(Observation.builder("p1", T0).heartRate(80).systolicBp(120).supplementalOxygen(true).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(30)).spo2(95).heartRate(85).build());
        monitor.submit(Observation.builder("p1", T0.plusSeconds(20)).heartRate(150).build()); // late
        monitor.submit(Observation.builder("p1", T0.plusSeconds(40)).temperature(38.2).build());
        List<Map<String, Object>> ends = raised("end");
        assertThat(ends).hasSize(4);
        assertThat(ends.get(0)).containsEntry("heartRate", 80.0).containsEntry("systolicBp", 120.0)
                .containsEntry("supplementalOxygen", 1.0).containsEntry("spo2", null).containsEntry("ward", "ward-7");
        assertThat(ends.get(1)).containsEntry("heartRate", 85.0).containsEntry("heartRateTs", T0.plusSeconds(30).toEpochMilli())
                .containsEntry("spo2", 95.0).containsEntry("spo2Ts", T0.plusSeconds(30).toEpochMilli());
        assertThat(ends.get(2)).as("the late reading's own ObservationEnd").containsEntry("ts", T0.plusSeconds(20).toEpochMilli())
                .containsEntry("heartRate", 85.0);
        assertThat(ends.get(3)).containsEntry("heartRate", 85.0).containsEntry("temperature", 38.2)
                .containsEntry("systolicBp", 120.0).containsEntry("spo2", 95.0);
    }
}
