package com.nexussaude.monitor.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OnCallScheduleTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Shift shift(String person, String start, String end) {
        return new Shift(person, at(start), at(end));
    }

    static OnCallSchedule schedule(ZoneId zone, Rotation... rotations) {
        OnCallSchedule.Builder b = OnCallSchedule.builder("s", zone);
        for (Rotation r : rotations) {
            b.rotation(r);
        }
        return b.build();
    }

    @Nested
    @DisplayName("rotations")
    class Rotations {

        @Test
        @DisplayName("daily: one person a day from the hand-off, in turn; nobody before the first hand-off")
        void daily() {
            OnCallSchedule s = schedule(LONDON,
                    Rotation.daily("physician", LocalDate.of(2026, 3, 2), LocalTime.of(8, 0), List.of("a", "b", "c")));
            assertThat(s.whoIsOnCall(at("2026-03-02T07:59:59Z"))).isEmpty();
            assertThat(s.whoIsOnCall(at("2026-03-02T08:00:00Z"))).contains("a");
            assertThat(s.whoIsOnCall(at("2026-03-03T07:59:59Z"))).contains("a");
            assertThat(s.whoIsOnCall(at("2026-03-03T08:00:00Z"))).contains("b");
            assertThat(s.whoIsOnCall(at("2026-03-05T08:00:00Z"))).contains("a");
            assertThat(s.shifts(at("2026-03-02T00:00:00Z"), at("2026-03-05T08:00:00Z"))).containsExactly(
                    shift(null, "2026-03-02T00:00:00Z", "2026-03-02T08:00:00Z"),
                    shift("a", "2026-03-02T08:00:00Z", "2026-03-03T08:00:00Z"),
                    shift("b", "2026-03-03T08:00:00Z", "2026-03-04T08:00:00Z"),
                    shift("c", "2026-03-04T08:00:00Z", "2026-03-05T08:00:00Z"));
        }

        @Test
        @DisplayName("weekly: from the first hand-off day on or after the start; the week across spring-forward is an hour short")
        void weekly() {
            // 2026-03-04 is a Wednesday: the first hand-off is Monday 2026-03-09 09:00.
            OnCallSchedule s = schedule(LONDON, Rotation.weekly("icu", LocalDate.of(2026, 3, 4), DayOfWeek.MONDAY,
                    LocalTime.of(9, 0), List.of("x", "y")));
            assertThat(s.shifts(at("2026-03-09T00:00:00Z"), at("2026-04-06T08:00:00Z"))).containsExactly(
                    shift(null, "2026-03-09T00:00:00Z", "2026-03-09T09:00:00Z"),
                    shift("x", "2026-03-09T09:00:00Z", "2026-03-16T09:00:00Z"),
                    shift("y", "2026-03-16T09:00:00Z", "2026-03-23T09:00:00Z"),
                    // Monday 30 March 09:00 is BST: 08:00Z.
                    shift("x", "2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z"),
                    shift("y", "2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z"));
            assertThat(Duration.between(at("2026-03-23T09:00:00Z"), at("2026-03-30T08:00:00Z"))).hasHours(167);
        }

        @Test
        @DisplayName("day/night shifts: each list advances one person a day")
        void dayNight() {
            OnCallSchedule s = schedule(LONDON, Rotation.dayNight("charge", LocalDate.of(2026, 3, 1),
                    LocalTime.of(7, 0), List.of("d1", "d2"), LocalTime.of(19, 0), List.of("n1", "n2")));
            assertThat(s.shifts(at("2026-03-01T07:00:00Z"), at("2026-03-03T07:00:00Z"))).containsExactly(
                    shift("d1", "2026-03-01T07:00:00Z", "2026-03-01T19:00:00Z"),
                    shift("n1", "2026-03-01T19:00:00Z", "2026-03-02T07:00:00Z"),
                    shift("d2", "2026-03-02T07:00:00Z", "2026-03-02T19:00:00Z"),
                    shift("n2", "2026-03-02T19:00:00Z", "2026-03-03T07:00:00Z"));
        }

        @Test
        @DisplayName("a hand-off with nobody is a planned gap; a later layer with someone on call fills it")
        void gapsAndLayers() {
            Rotation days = Rotation.dayNight("days", LocalDate.of(2026, 3, 1), LocalTime.of(7, 0), List.of("d"),
                    LocalTime.of(19, 0), List.of());
            OnCallSchedule daysOnly = schedule(LONDON, days);
            assertThat(daysOnly.whoIsOnCall(at("2026-03-02T03:00:00Z"))).isEmpty();
            assertThat(daysOnly.gaps(at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"))).containsExactly(
                    shift(null, "2026-03-02T00:00:00Z", "2026-03-02T07:00:00Z"),
                    shift(null, "2026-03-02T19:00:00Z", "2026-03-03T00:00:00Z"));

            Rotation nights = Rotation.dayNight("nights", LocalDate.of(2026, 3, 1), LocalTime.of(7, 0), List.of(),
                    LocalTime.of(19, 0), List.of("n"));
            OnCallSchedule both = schedule(LONDON, days, nights);
            assertThat(both.gaps(at("2026-03-02T00:00:00Z"), at("2026-03-09T00:00:00Z"))).isEmpty();
            assertThat(both.whoIsOnCall(at("2026-03-02T03:00:00Z"))).contains("n");
            assertThat(both.whoIsOnCall(at("2026-03-02T12:00:00Z"))).contains("d");
        }

        @Test
        @DisplayName("rotations refuse mixed daily/weekly hand-offs, two hand-offs at one time, no hand-off, blank ids")
        void invalid() {
            assertThatThrownBy(() -> Rotation.builder("r", LocalDate.of(2026, 1, 1)).handoff(LocalTime.NOON, "a")
                    .handoff(DayOfWeek.MONDAY, LocalTime.NOON, "b")).hasMessageContaining("mixes daily and weekly");
            assertThatThrownBy(() -> Rotation.builder("r", LocalDate.of(2026, 1, 1)).handoff(LocalTime.NOON, "a")
                    .handoff(LocalTime.NOON, "b")).hasMessageContaining("already has a hand-off at 12:00");
            assertThatThrownBy(() -> Rotation.builder("r", LocalDate.of(2026, 1, 1)).build())
                    .hasMessageContaining("at least one hand-off");
            assertThatThrownBy(() -> Rotation.daily("r", LocalDate.of(2026, 1, 1), LocalTime.NOON, List.of(" ")))
                    .hasMessageContaining("blank");
        }
    }

    @Nested
    @DisplayName("overrides")
    class Overrides {

        final Rotation dayNight = Rotation.dayNight("charge", LocalDate.of(2026, 3, 1), LocalTime.of(7, 0),
                List.of("d"), LocalTime.of(19, 0), List.of("n"));

        @Test
        @DisplayName("an override takes precedence over the rotation for exactly its span")
        void precedence() {
            OnCallSchedule s = OnCallSchedule.builder("charge", LONDON).rotation(dayNight)
                    .override("cover", at("2026-03-10T12:00:00Z"), at("2026-03-10T22:00:00Z")).build();
            assertThat(s.shifts(at("2026-03-10T07:00:00Z"), at("2026-03-11T07:00:00Z"))).containsExactly(
                    shift("d", "2026-03-10T07:00:00Z", "2026-03-10T12:00:00Z"),
                    shift("cover", "2026-03-10T12:00:00Z", "2026-03-10T22:00:00Z"),
                    shift("n", "2026-03-10T22:00:00Z", "2026-03-11T07:00:00Z"));
        }

        @Test
        @DisplayName("of two overlapping overrides the later wins; withOverride adds one to a copy; local times read in the zone")
        void laterWins() {
            OnCallSchedule s = OnCallSchedule.builder("charge", LONDON).rotation(dayNight)
                    .override("first", LocalDateTime.parse("2026-06-10T08:00"), LocalDateTime.parse("2026-06-10T16:00"))
                    .build();
            OnCallSchedule more = s.withOverride(
                    new ScheduleOverride("second", at("2026-06-10T10:00:00Z"), at("2026-06-10T12:00:00Z")));
            // 08:00 BST is 07:00Z.
            assertThat(s.shifts(at("2026-06-10T06:00:00Z"), at("2026-06-10T18:00:00Z"))).containsExactly(
                    shift("d", "2026-06-10T06:00:00Z", "2026-06-10T07:00:00Z"),
                    shift("first", "2026-06-10T07:00:00Z", "2026-06-10T15:00:00Z"),
                    shift("d", "2026-06-10T15:00:00Z", "2026-06-10T18:00:00Z"));
            assertThat(more.shifts(at("2026-06-10T06:00:00Z"), at("2026-06-10T18:00:00Z"))).containsExactly(
                    shift("d", "2026-06-10T06:00:00Z", "2026-06-10T07:00:00Z"),
                    shift("first", "2026-06-10T07:00:00Z", "2026-06-10T10:00:00Z"),
                    shift("second", "2026-06-10T10:00:00Z", "2026-06-10T12:00:00Z"),
                    shift("first", "2026-06-10T12:00:00Z", "2026-06-10T15:00:00Z"),
                    shift("d", "2026-06-10T15:00:00Z", "2026-06-10T18:00:00Z"));
            assertThat(s.overrides()).hasSize(1);
            assertThat(more.people()).isEqualTo(Set.of("d", "n", "first", "second"));
        }

        @Test
        @DisplayName("an override fills a gap, and must end after it starts")
        void fillsGap() {
            OnCallSchedule s = OnCallSchedule.builder("empty", LONDON)
                    .override("locum", at("2026-03-10T00:00:00Z"), at("2026-03-10T08:00:00Z")).build();
            assertThat(s.shifts(at("2026-03-09T23:00:00Z"), at("2026-03-10T09:00:00Z"))).containsExactly(
                    shift(null, "2026-03-09T23:00:00Z", "2026-03-10T00:00:00Z"),
                    shift("locum", "2026-03-10T00:00:00Z", "2026-03-10T08:00:00Z"),
                    shift(null, "2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z"));
            assertThatThrownBy(() -> new ScheduleOverride("x", at("2026-03-10T08:00:00Z"), at("2026-03-10T08:00:00Z")))
                    .hasMessageContaining("must end after it starts");
        }
    }

    @Nested
    @DisplayName("daylight saving")
    class DaylightSaving {

        final Rotation dayNight = Rotation.dayNight("charge", LocalDate.of(2026, 3, 1), LocalTime.of(7, 0),
                List.of("d1", "d2"), LocalTime.of(19, 0), List.of("n1"));

        @Test
        @DisplayName("London spring forward 2026-03-29: the night lasts 11 h and the day starts at 07:00 BST")
        void londonSpring() {
            OnCallSchedule s = schedule(LONDON, dayNight);
            List<Shift> shifts = s.shifts(at("2026-03-28T07:00:00Z"), at("2026-03-29T18:00:00Z"));
            assertThat(shifts).containsExactly(
                    shift("d2", "2026-03-28T07:00:00Z", "2026-03-28T19:00:00Z"),
                    shift("n1", "2026-03-28T19:00:00Z", "2026-03-29T06:00:00Z"),
                    shift("d1", "2026-03-29T06:00:00Z", "2026-03-29T18:00:00Z"));
            assertThat(shifts.get(1).duration()).isEqualTo(Duration.ofHours(11));
            assertThat(shifts.get(2).start().atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(7, 0));
            assertThat(shifts.get(2).duration()).isEqualTo(Duration.ofHours(12));
        }

        @Test
        @DisplayName("London fall back 2026-10-25: the night lasts 13 h and the day starts at 07:00 GMT")
        void londonAutumn() {
            OnCallSchedule s = schedule(LONDON, dayNight);
            List<Shift> shifts = s.shifts(at("2026-10-24T18:00:00Z"), at("2026-10-25T19:00:00Z"));
            assertThat(shifts).extracting(Shift::start, Shift::end).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(at("2026-10-24T18:00:00Z"), at("2026-10-25T07:00:00Z")),
                    org.assertj.core.groups.Tuple.tuple(at("2026-10-25T07:00:00Z"), at("2026-10-25T19:00:00Z")));
            assertThat(shifts.get(0).personId()).isEqualTo("n1");
            assertThat(shifts.get(0).duration()).isEqualTo(Duration.ofHours(13));
        }

        @Test
        @DisplayName("London: a 01:30 hand-off happens when the clock jumps past it in spring, and at its first occurrence in autumn")
        void londonHandoffInGapAndOverlap() {
            OnCallSchedule s = schedule(LONDON,
                    Rotation.daily("odd", LocalDate.of(2026, 3, 27), LocalTime.of(1, 30), List.of("a", "b")));
            // 27th a, 28th b, 29th a (01:30 does not exist: 01:00Z, when 00:59:59 GMT becomes 02:00 BST).
            assertThat(s.shifts(at("2026-03-28T01:30:00Z"), at("2026-03-30T00:30:00Z"))).containsExactly(
                    shift("b", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z"),
                    shift("a", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
            OnCallSchedule autumn = schedule(LONDON,
                    Rotation.daily("odd", LocalDate.of(2026, 10, 24), LocalTime.of(1, 30), List.of("a", "b")));
            // 01:30 on the 25th happens twice; the hand-off is at the first, 01:30 BST = 00:30Z.
            assertThat(autumn.shifts(at("2026-10-24T00:30:00Z"), at("2026-10-26T01:30:00Z"))).containsExactly(
                    shift("a", "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z"),
                    shift("b", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        }

        @Test
        @DisplayName("Sao Paulo 2018-11-04, midnight did not exist: the 00:00 hand-off gives one person, no gap, no overlap")
        void saoPauloMidnightGap() {
            OnCallSchedule s = schedule(SAO_PAULO,
                    Rotation.daily("icu", LocalDate.of(2018, 11, 1), LocalTime.MIDNIGHT, List.of("a", "b", "c")));
            List<Shift> shifts = s.shifts(at("2018-11-03T03:00:00Z"), at("2018-11-05T02:00:00Z"));
            // 3rd 00:00-03:00 = 03:00Z; 4th 00:00 skipped to 01:00-02:00 = 03:00Z; 5th 00:00-02:00 = 02:00Z.
            assertThat(shifts).containsExactly(
                    shift("c", "2018-11-03T03:00:00Z", "2018-11-04T03:00:00Z"),
                    shift("a", "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"));
            assertThat(shifts.get(1).duration()).isEqualTo(Duration.ofHours(23));
            assertThat(s.whoIsOnCall(at("2018-11-04T02:59:59Z"))).contains("c");
            assertThat(s.whoIsOnCall(at("2018-11-04T03:00:00Z"))).contains("a");
            assertThat(s.whoIsOnCall(at("2018-11-05T02:00:00Z"))).contains("b");
            assertThat(shifts.get(1).start().atZone(SAO_PAULO).toLocalDateTime())
                    .isEqualTo(LocalDateTime.parse("2018-11-04T01:00"));
        }

        @Test
        @DisplayName("Sao Paulo 2019-02-17, DST ended at midnight: the day before lasts 25 h; a 23:00 hand-off is at its first occurrence")
        void saoPauloDstEnd() {
            OnCallSchedule s = schedule(SAO_PAULO,
                    Rotation.daily("icu", LocalDate.of(2019, 2, 14), LocalTime.MIDNIGHT, List.of("a", "b", "c")));
            List<Shift> shifts = s.shifts(at("2019-02-16T02:00:00Z"), at("2019-02-18T03:00:00Z"));
            assertThat(shifts).containsExactly(
                    shift("c", "2019-02-16T02:00:00Z", "2019-02-17T03:00:00Z"),
                    shift("a", "2019-02-17T03:00:00Z", "2019-02-18T03:00:00Z"));
            assertThat(shifts.get(0).duration()).isEqualTo(Duration.ofHours(25));

            OnCallSchedule late = schedule(SAO_PAULO, Rotation.dayNight("ward", LocalDate.of(2019, 2, 1),
                    LocalTime.of(7, 0), List.of("d"), LocalTime.of(23, 0), List.of("n")));
            // 23:00 on the 16th shows twice (-02 then -03); the hand-off is at the first: 01:00Z.
            assertThat(late.shifts(at("2019-02-16T09:00:00Z"), at("2019-02-17T20:00:00Z"))).containsExactly(
                    shift("d", "2019-02-16T09:00:00Z", "2019-02-17T01:00:00Z"),
                    shift("n", "2019-02-17T01:00:00Z", "2019-02-17T10:00:00Z"),
                    shift("d", "2019-02-17T10:00:00Z", "2019-02-17T20:00:00Z"));
        }

        @Test
        @DisplayName("a year of day/night shifts in London and Sao Paulo: no gap, no overlap, every shift starts at 07:00 or 19:00 local")
        void aYearOfShifts() {
            for (ZoneId zone : List.of(LONDON, SAO_PAULO)) {
                Rotation r = Rotation.dayNight("r", LocalDate.of(2018, 1, 1), LocalTime.of(7, 0), List.of("d1", "d2", "d3"),
                        LocalTime.of(19, 0), List.of("n1", "n2"));
                OnCallSchedule s = schedule(zone, r);
                Instant from = LocalDateTime.parse("2018-07-01T07:00").atZone(zone).toInstant();
                Instant to = LocalDateTime.parse("2019-07-01T07:00").atZone(zone).toInstant();
                List<Shift> shifts = s.shifts(from, to);
                assertThat(shifts).hasSize(2 * 365);
                Instant expectedStart = from;
                for (Shift sh : shifts) {
                    assertThat(sh.start()).isEqualTo(expectedStart);
                    assertThat(sh.isGap()).isFalse();
                    assertThat(sh.start().atZone(zone).toLocalTime()).isIn(LocalTime.of(7, 0), LocalTime.of(19, 0));
                    assertThat(sh.duration().toHours()).isIn(11L, 12L, 13L);
                    assertThat(s.whoIsOnCall(sh.start())).contains(sh.personId());
                    assertThat(s.whoIsOnCall(sh.end().minusSeconds(1))).contains(sh.personId());
                    expectedStart = sh.end();
                }
                assertThat(expectedStart).isEqualTo(to);
            }
        }
    }
}
