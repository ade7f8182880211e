package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.score.News2Parameter;
import com.nexussaude.monitor.score.News2Score;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The values the NEWS2 pack scores: the latest reading of each vital by time (from ObservationEnd), except
 * the lead-off rule: a respiratory rate of 0 while the latest SpO2 is still >= 90 % is an artefact (the
 * probe or the impedance leads came off), not apnoea: it is not kept, and the previous rate counts until it
 * is stale.
 */
class News2LatestValuesTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    final List<ScoreEvent> scores = new CopyOnWriteArrayList<>();
    final VitalMonitor monitor = VitalMonitor.builder()
            .config(MonitorConfig.builder().packs(Set.of("news2")).packSetting("news2_alert_delay_ms", 0).build())
            .scoreListener(scores::add).listenerExecutor(Runnable::run).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    static Observation.Builder at(int second) {
        return Observation.builder("p1", T0.plusSeconds(second));
    }

    News2Score last() {
        return scores.get(scores.size() - 1).news2();
    }

    @Test
    void aZeroRateWithSpo2AtLeast90IsNotKeptButWithSpo2Below90ItIs() {
        monitor.submit(at(0).respiratoryRate(16).spo2(97).build());
        assertThat(last().points(News2Parameter.RESPIRATORY_RATE)).isZero();
        int events = scores.size();
        monitor.submit(at(1).respiratoryRate(0).spo2(97).build()); // artefact: 16 still counts
        monitor.submit(at(2).respiratoryRate(0).build()); // the latest SpO2 is still 97: artefact
        assertThat(scores).hasSize(events);
        assertThat(last().absentParameters()).doesNotContain(News2Parameter.RESPIRATORY_RATE);
        monitor.submit(at(3).spo2(85).respiratoryRate(0).build()); // SpO2 85: apnoea, kept
        // Issue 13 changed this test: the score takes the median of the minute's plausible rates, 16 and 0
        // (8, which scores 3); the median SpO2 of 97, 97 and 85 is 97, so its 3 points are no longer asserted.
        assertThat(last().points(News2Parameter.RESPIRATORY_RATE)).isEqualTo(3);
    }

    // Score events come only when the total, risk or completeness changes: RR 22 scores 2, RR 0 would score 3.
    @Test
    void theKeptRateAgesOutBehindArtefacts() {
        monitor.submit(at(0).respiratoryRate(22).spo2(97).build());
        assertThat(last().total()).isEqualTo(2);
        int events = scores.size();
        for (int s = 30; s <= 300; s += 30) {
            monitor.submit(at(s).respiratoryRate(0).spo2(97).build());
        }
        assertThat(scores).hasSize(events); // 300 s: RR 22 still counts
        monitor.submit(at(301).respiratoryRate(0).spo2(97).build());
        assertThat(last().total()).isZero();
        assertThat(last().absentParameters()).contains(News2Parameter.RESPIRATORY_RATE);
    }

    @Test
    void theLeadOffTestUsesTheLatestSpo2EvenWhenItIsStale() {
        monitor.submit(at(0).respiratoryRate(22).spo2(97).build());
        monitor.submit(at(600).respiratoryRate(0).build()); // SpO2 97 is 10 min old: still an artefact
        assertThat(last().total()).isZero();
        assertThat(last().absentParameters())
                .contains(News2Parameter.RESPIRATORY_RATE, News2Parameter.OXYGEN_SATURATION);
    }

    @Test
    void aZeroRateWithNoSpo2EverIsKept() {
        monitor.submit(at(0).respiratoryRate(0).build());
        assertThat(last().points(News2Parameter.RESPIRATORY_RATE)).isEqualTo(3);
    }

    @Test
    void aLateReadingDoesNotReplaceALaterTimedOne() {
        monitor.submit(at(10).heartRate(75).respiratoryRate(16).build());
        // a second device's observation, timed 5 s earlier, arrives late (within the allowed lateness): its
        // NIBP is the latest NIBP and counts (3); its HR 135 and RR 30 are older than HR 75 and RR 16
        monitor.submit(at(5).heartRate(135).respiratoryRate(30).systolicBp(85).build());
        assertThat(last().points(News2Parameter.BLOOD_PRESSURE_SYSTOLIC)).isEqualTo(3);
        assertThat(last().points(News2Parameter.HEART_RATE)).isZero();
        assertThat(last().points(News2Parameter.RESPIRATORY_RATE)).isZero();
        assertThat(last().total()).isEqualTo(3);
    }
}
