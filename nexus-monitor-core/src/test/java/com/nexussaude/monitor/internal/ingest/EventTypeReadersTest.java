package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import com.nexussaude.monitor.internal.journal.Journaling;

/**
 * The engine sends a {@code VitalSign} per accepted vital, and an {@code ObservationEnd} per observation, only while a
 * deployed statement reads that type: a rule on raw readings still sees every one of them, and a ward without such a
 * statement does not pay for the events.
 */
class EventTypeReadersTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final String RAW_RULE = """
            @Name('raw-hr') insert into AlertSignal
            select patientId, 'raw-hr' as ruleId, 'high' as severity, 'physiological' as category,
                   'heart rate above 130' as message, ts as ts
            from VitalSign(vital = 'HEART_RATE', value > 130);
            """;
    static final String WINDOW_RULE = """
            @Name('raw-window') insert into AlertSignal
            select patientId, 'raw-window' as ruleId, 'low' as severity, 'physiological' as category,
                   'five readings' as message
            from VitalSign#length(5) group by patientId having count(*) = 5;
            """;
    static final String OBSERVATION_RULE = """
            @Name('obs-hr') insert into AlertSignal
            select patientId, 'obs-hr' as ruleId, 'high' as severity, 'physiological' as category,
                   'heart rate above 130' as message, ts as ts
            from ObservationEnd(heartRate > 130);
            """;

    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    final Engine engine = new Engine(MonitorConfig.builder().packs(Set.of()).build(), MonitorClock.eventTime(),
            List.<com.nexussaude.monitor.AlertListener>of(events::add), List.of(), List.of(), Runnable::run,
            Duration.ofMinutes(2), Journaling.none(), null);

    @AfterEach
    void close() {
        engine.close();
    }

    void hr(int second, double bpm) {
        engine.submit(Observation.builder("p1", T0.plusSeconds(second)).heartRate(bpm).build());
    }

    List<String> raised() {
        return events.stream().filter(e -> e.type() == AlertEventType.RAISED).map(e -> e.alert().ruleId()).toList();
    }

    @Test
    void aRuleOnRawReadingsTurnsTheEventsOnAndUndeployingItTurnsThemOff() {
        assertThat(engine.vitalSignsRead()).as("no pack, no rule file: nobody reads VitalSign").isFalse();
        assertThat(engine.observationEndsRead()).isFalse();
        hr(0, 140);
        engine.deployRules("raw", "raw.epl", RAW_RULE);
        assertThat(engine.vitalSignsRead()).isTrue();
        hr(1, 140);
        assertThat(raised()).as("the raw rule sees the reading after it was deployed").containsExactly("raw-hr");

        engine.undeployRules("raw");
        assertThat(engine.vitalSignsRead()).isFalse();
        engine.deployRules("window", "window.epl", WINDOW_RULE);
        assertThat(engine.vitalSignsRead()).as("a data window on VitalSign reads it too").isTrue();
        for (int s = 2; s < 7; s++) {
            hr(s, 80);
        }
        assertThat(raised()).containsExactly("raw-hr", "raw-window");
    }

    @Test
    void aRuleOnDerivedEventsAloneLeavesThemOffAndStillDecides() {
        assertThat(engine.observationEndsRead()).isFalse();
        engine.deployRules("obs", "obs.epl", OBSERVATION_RULE);
        assertThat(engine.vitalSignsRead()).isFalse();
        assertThat(engine.observationEndsRead()).as("a rule on ObservationEnd turns those on").isTrue();
        hr(0, 140);
        assertThat(raised()).containsExactly("obs-hr");
        engine.undeployRules("obs");
        assertThat(engine.observationEndsRead()).isFalse();
    }

    @Test
    void noBundledPackReadsVitalSignsOrObservationEndsSoTheDefaultWardSendsNeither() {
        try (Engine defaults = new Engine(MonitorConfig.defaults(), MonitorClock.eventTime(),
                List.<com.nexussaude.monitor.AlertListener>of(events::add), List.of(), List.of(), Runnable::run,
                Duration.ofMinutes(2), Journaling.none(), null)) {
            assertThat(defaults.vitalSignsRead()).as("every pack reads derived events, none reads VitalSign").isFalse();
            assertThat(defaults.observationEndsRead()).as("nor ObservationEnd").isFalse();
            defaults.deployRules("raw", "raw.epl", RAW_RULE);
            assertThat(defaults.vitalSignsRead()).isTrue();
        }
    }

    @Test
    void replacingARawRuleFileByOneOnDerivedEventsTurnsThemOff() {
        engine.deployRules("r", "r.epl", RAW_RULE);
        assertThat(engine.vitalSignsRead()).isTrue();
        engine.deployRules("r", "r.epl", OBSERVATION_RULE);
        assertThat(engine.vitalSignsRead()).isFalse();
    }
}
