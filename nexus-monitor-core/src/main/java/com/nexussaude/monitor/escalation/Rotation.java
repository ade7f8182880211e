package com.nexussaude.monitor.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A repeating pattern of shifts in local time: at each hand-off the next person in that hand-off's
 * list takes over, and stays on call until the next hand-off of the rotation.
 *
 * <p>A rotation is either <b>daily</b> (its hand-offs happen every day at the given local times)
 * or <b>weekly</b> (every week on the given day and time). Each hand-off has its own list of
 * people, who take turns, one per occurrence of that hand-off, counted from the rotation's start
 * date. So a daily rotation with one hand-off at 08:00 and people {@code [a, b, c]} has {@code a}
 * on call from 08:00 on the start date, {@code b} from 08:00 the next day, and so on; a day/night
 * rotation has a 07:00 hand-off with the day staff and a 19:00 hand-off with the night staff.
 * A hand-off with no people starts a period with nobody on call (a planned gap).
 *
 * <p>Hand-off times are local to the schedule's zone and follow the wall clock across
 * daylight-saving changes: a 12-hour night shift across a spring-forward change lasts 11 real
 * hours and the day shift still starts at 07:00 local; across a fall-back change it lasts 13.
 * A hand-off whose local time does not exist that day happens when the clock jumps past it; one
 * whose local time happens twice happens the first time. Shifts therefore never overlap and never
 * leave a hole. Before the first hand-off on the start date nobody is on call.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Rotation {

    // How far around an instant's local date hand-offs are looked for: a week back covers a
    // weekly rotation; the extra day either side covers any UTC offset change.
    private static final int DAYS_BACK = 8;
    private static final int DAYS_AHEAD = 8;

    private final String name;
    private final LocalDate startDate;
    private final boolean weekly;
    private final List<Handoff> handoffs;

    private Rotation(String name, LocalDate startDate, boolean weekly, List<Handoff> handoffs) {
        this.name = name;
        this.startDate = startDate;
        this.weekly = weekly;
        this.handoffs = handoffs;
    }

    /**
     * A daily rotation with one hand-off a day: each person is on call for one day, in turn.
     *
     * @param name      a label for the rotation
     * @param startDate the date of the first hand-off, on which the first person starts
     * @param handoff   the local time of the daily hand-off
     * @param people    person ids, in turn; empty for nobody
     * @return a daily rotation with one hand-off a day: each person is on call for one day, in turn
     */
    public static Rotation daily(String name, LocalDate startDate, LocalTime handoff, List<String> people) {
        return builder(name, startDate).handoff(handoff, people).build();
    }

    /**
     * A weekly rotation: each person is on call for one week, in turn, from {@code day} at
     * {@code handoff}.
     *
     * @param startDate the first occurrence of {@code day} on or after this date is the first
     *                  hand-off
     * @param name a label for the rotation
     * @param handoff the local time of the weekly hand-off
     * @param people person ids, in turn; empty for nobody
     * @param day the day of the weekly hand-off
     * @return a weekly rotation: each person is on call for one week, in turn, from {@code day} at
     *     {@code handoff}
     */
    public static Rotation weekly(String name, LocalDate startDate, DayOfWeek day, LocalTime handoff,
                                  List<String> people) {
        return builder(name, startDate).handoff(day, handoff, people).build();
    }

    /**
     * Day and night shifts: the day staff take turns from {@code dayStart} to {@code nightStart},
     * the night staff from {@code nightStart} to the next day's {@code dayStart}; each list advances
     * by one person a day.
     *
     * @param name a label for the rotation
     * @param startDate the first occurrence of {@code day} on or after this date is the first hand-off
     * @param dayStart when the day shift starts, local time
     * @param dayPeople the day staff, in turn order; not empty
     * @param nightStart when the night shift starts, local time; after {@code dayStart}
     * @param nightPeople the night staff, in turn order; not empty
     * @return a rotation of day and night shifts
     */
    public static Rotation dayNight(String name, LocalDate startDate, LocalTime dayStart, List<String> dayPeople,
                                    LocalTime nightStart, List<String> nightPeople) {
        return builder(name, startDate).handoff(dayStart, dayPeople).handoff(nightStart, nightPeople).build();
    }

    /**
     * A builder for a rotation with any number of hand-offs.
     *
     * @param name a label for the rotation
     * @param startDate the first occurrence of {@code day} on or after this date is the first hand-off
     * @return a builder for a rotation with any number of hand-offs
     */
    public static Builder builder(String name, LocalDate startDate) {
        return new Builder(name, startDate);
    }

    /**
     * The rotation's label.
     *
     * @return the rotation's label
     */
    public String name() {
        return name;
    }

    /**
     * The date from which hand-offs happen.
     *
     * @return the date from which hand-offs happen
     */
    public LocalDate startDate() {
        return startDate;
    }

    /**
     * Whether the rotation repeats weekly (otherwise daily).
     *
     * @return whether the rotation repeats weekly (otherwise daily)
     */
    public boolean isWeekly() {
        return weekly;
    }

    /**
     * Every person named by the rotation, in order of first mention.
     *
     * @return every person named by the rotation, in order of first mention
     */
    public List<String> people() {
        List<String> all = new ArrayList<>();
        for (Handoff h : handoffs) {
            for (String p : h.people) {
                if (!all.contains(p)) {
                    all.add(p);
                }
            }
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "Rotation[" + name + ", " + (weekly ? "weekly" : "daily") + " from " + startDate + ", " + handoffs + "]";
    }

    /**
     * The last hand-off at or before {@code t} in {@code zone}, or null if the rotation has not
     * started by then.
     */
    Occurrence lastHandoffAtOrBefore(Instant t, ZoneId zone) {
        LocalDate around = t.atZone(zone).toLocalDate();
        Occurrence best = null;
        for (LocalDate d = around.minusDays(DAYS_BACK); !d.isAfter(around.plusDays(1)); d = d.plusDays(1)) {
            for (Handoff h : handoffs) {
                Occurrence o = occurrence(h, d, zone);
                // ">=": when two hand-offs fall on one instant (both inside one DST gap), the later
                // one in local time wins; the earlier one's shift has no length.
                if (o != null && !o.at.isAfter(t) && (best == null || !o.at.isBefore(best.at))) {
                    best = o;
                }
            }
        }
        return best;
    }

    /** The first hand-off strictly after {@code t} in {@code zone}. */
    Instant nextHandoffAfter(Instant t, ZoneId zone) {
        LocalDate around = t.atZone(zone).toLocalDate();
        Instant best = null;
        for (LocalDate d = around.minusDays(1); !d.isAfter(around.plusDays(DAYS_AHEAD)); d = d.plusDays(1)) {
            for (Handoff h : handoffs) {
                Occurrence o = occurrence(h, d, zone);
                if (o != null && o.at.isAfter(t) && (best == null || o.at.isBefore(best))) {
                    best = o.at;
                }
            }
        }
        // Every rotation has at least one hand-off a week, and the window spans more than a week.
        return Objects.requireNonNull(best);
    }

    /** The hand-off {@code h} on {@code date}, or null if it does not happen that day. */
    private Occurrence occurrence(Handoff h, LocalDate date, ZoneId zone) {
        long turn;
        if (weekly) {
            if (date.getDayOfWeek() != h.day) {
                return null;
            }
            LocalDate first = startDate.with(TemporalAdjusters.nextOrSame(h.day));
            if (date.isBefore(first)) {
                return null;
            }
            turn = ChronoUnit.WEEKS.between(first, date);
        } else {
            if (date.isBefore(startDate)) {
                return null;
            }
            turn = ChronoUnit.DAYS.between(startDate, date);
        }
        String person = h.people.isEmpty() ? null : h.people.get((int) (turn % h.people.size()));
        return new Occurrence(LocalTimes.toInstant(date.atTime(h.time), zone), person);
    }

    /** One hand-off as it happens: when, and who takes over (null for nobody). */
    record Occurrence(Instant at, String person) {
    }

    /** A hand-off of the pattern: day (weekly only), local time, the people taking turns. */
    private record Handoff(DayOfWeek day, LocalTime time, List<String> people) {
        @Override
        public String toString() {
            return (day == null ? "" : day + " ") + time + " " + people;
        }
    }

    /**
     * Builds a {@link Rotation}. Hand-offs are either all daily ({@link #handoff(LocalTime, List)})
     * or all weekly ({@link #handoff(DayOfWeek, LocalTime, List)}); at least one is required, and
     * no two may share a time.
     */
    public static final class Builder {
        private final String name;
        private final LocalDate startDate;
        private final List<Handoff> handoffs = new ArrayList<>();

        private Builder(String name, LocalDate startDate) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("rotation name must not be blank");
            }
            this.name = name;
            this.startDate = Objects.requireNonNull(startDate, "startDate");
        }

        /**
         * A daily hand-off at {@code time}; {@code people} take turns, one a day.
         *
         * @param people person ids, in turn; empty for nobody
         * @param time the local time of the hand-off
         * @return a daily hand-off at {@code time}; {@code people} take turns, one a day
         */
        public Builder handoff(LocalTime time, List<String> people) {
            return add(new Handoff(null, Objects.requireNonNull(time, "time"), checkPeople(people)));
        }

        /**
         * A daily hand-off at {@code time}; {@code people} take turns, one a day.
         *
         * @param people person ids, in turn; empty for nobody
         * @param time the local time of the hand-off
         * @return a daily hand-off at {@code time}; {@code people} take turns, one a day
         */
        public Builder handoff(LocalTime time, String... people) {
            return handoff(time, List.of(people));
        }

        /**
         * A weekly hand-off on {@code day} at {@code time}; {@code people} take turns, one a week.
         *
         * @param people person ids, in turn; empty for nobody
         * @param day the day of the hand-off
         * @param time the local time of the hand-off
         * @return a weekly hand-off on {@code day} at {@code time}; {@code people} take turns, one a week
         */
        public Builder handoff(DayOfWeek day, LocalTime time, List<String> people) {
            return add(new Handoff(Objects.requireNonNull(day, "day"), Objects.requireNonNull(time, "time"),
                    checkPeople(people)));
        }

        /**
         * A weekly hand-off on {@code day} at {@code time}; {@code people} take turns, one a week.
         *
         * @param people person ids, in turn; empty for nobody
         * @param day the day of the hand-off
         * @param time the local time of the hand-off
         * @return a weekly hand-off on {@code day} at {@code time}; {@code people} take turns, one a week
         */
        public Builder handoff(DayOfWeek day, LocalTime time, String... people) {
            return handoff(day, time, List.of(people));
        }

        private Builder add(Handoff h) {
            if (!handoffs.isEmpty() && (handoffs.get(0).day == null) != (h.day == null)) {
                throw new IllegalArgumentException("rotation " + name
                        + " mixes daily and weekly hand-offs; use two rotations (layers) instead");
            }
            for (Handoff other : handoffs) {
                if (Objects.equals(other.day, h.day) && other.time.equals(h.time)) {
                    throw new IllegalArgumentException("rotation " + name + " already has a hand-off at "
                            + (h.day == null ? "" : h.day + " ") + h.time);
                }
            }
            handoffs.add(h);
            return this;
        }

        private List<String> checkPeople(List<String> people) {
            List<String> copy = List.copyOf(Objects.requireNonNull(people, "people"));
            for (String p : copy) {
                if (p.isBlank()) {
                    throw new IllegalArgumentException("rotation " + name + ": person ids must not be blank");
                }
            }
            return copy;
        }

        /**
         * Builds the rotation.
         *
         * @return the rotation
         * @throws IllegalStateException if no hand-off was added
         */
        public Rotation build() {
            if (handoffs.isEmpty()) {
                throw new IllegalStateException("rotation " + name + " needs at least one hand-off");
            }
            boolean weekly = handoffs.get(0).day != null;
            List<Handoff> sorted = new ArrayList<>(handoffs);
            sorted.sort(Comparator.comparing((Handoff h) -> h.day == null ? 0 : h.day.getValue())
                    .thenComparing(h -> h.time));
            return new Rotation(name, startDate, weekly, List.copyOf(sorted));
        }
    }
}
