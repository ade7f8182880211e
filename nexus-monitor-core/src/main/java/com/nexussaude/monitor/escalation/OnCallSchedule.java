package com.nexussaude.monitor.escalation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is on call for a post, as a final timeline: rotations (layers) plus overrides, in one time
 * zone, normally the ward's.
 *
 * <p>At an instant, the person on call is: the person of the latest-added {@link ScheduleOverride}
 * covering it; otherwise the person of the last-added {@link Rotation} that has somebody on call
 * then; otherwise nobody, a <b>gap</b>. An escalation level that names a schedule with a gap is
 * reported and, if nobody else at that level can be paged, skipped.
 *
 * <p>Hand-off times are local to {@link #zone()}; see {@link Rotation} for how they follow
 * daylight-saving changes. Immutable and thread-safe; {@link #withOverride} returns a new schedule.
 *
 * <pre>{@code
 * OnCallSchedule icu = OnCallSchedule.builder("intensive-care", ZoneId.of("Europe/London"))
 *         .rotation(Rotation.dayNight("icu", LocalDate.of(2026, 3, 1),
 *                 LocalTime.of(7, 0), List.of("dr-ana", "dr-ben"), LocalTime.of(19, 0), List.of("dr-cal")))
 *         .override("dr-dee", Instant.parse("2026-03-10T07:00:00Z"), Instant.parse("2026-03-10T19:00:00Z"))
 *         .build();
 * Optional<String> now = icu.whoIsOnCall(Instant.now());
 * }</pre>
 *
 * @since 0.1
 */
public final class OnCallSchedule {

    private final String id;
    private final ZoneId zone;
    private final List<Rotation> rotations;
    private final List<ScheduleOverride> overrides;

    private OnCallSchedule(String id, ZoneId zone, List<Rotation> rotations, List<ScheduleOverride> overrides) {
        this.id = id;
        this.zone = zone;
        this.rotations = rotations;
        this.overrides = overrides;
    }

    /**
     * A builder for a schedule named {@code id} whose hand-offs are local to {@code zone}.
     *
     * @param id the schedule's id, which escalation targets of kind {@code schedule} name; not blank
     * @param zone the zone of the hospital's wall clocks, in which hand-off times are read
     * @return a builder for a schedule named {@code id} whose hand-offs are local to {@code zone}
     */
    public static Builder builder(String id, ZoneId zone) {
        return new Builder(id, zone);
    }

    /**
     * The schedule's id, as escalation targets name it.
     *
     * @return the schedule's id, as escalation targets name it
     */
    public String id() {
        return id;
    }

    /**
     * The zone whose wall clock the hand-offs follow.
     *
     * @return the zone whose wall clock the hand-offs follow
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The rotations, lowest precedence first.
     *
     * @return the rotations, lowest precedence first
     */
    public List<Rotation> rotations() {
        return rotations;
    }

    /**
     * The overrides, lowest precedence first.
     *
     * @return the overrides, lowest precedence first
     */
    public List<ScheduleOverride> overrides() {
        return overrides;
    }

    /**
     * Everyone the schedule names (rotations and overrides).
     *
     * @return everyone the schedule names (rotations and overrides)
     */
    public Set<String> people() {
        Set<String> all = new LinkedHashSet<>();
        rotations.forEach(r -> all.addAll(r.people()));
        overrides.forEach(o -> all.add(o.personId()));
        return Set.copyOf(all);
    }

    /**
     * This schedule with one more override, which takes precedence over all earlier ones.
     *
     * @param override the override to add
     * @return this schedule with one more override, which takes precedence over all earlier ones
     */
    public OnCallSchedule withOverride(ScheduleOverride override) {
        List<ScheduleOverride> more = new ArrayList<>(overrides);
        more.add(Objects.requireNonNull(override, "override"));
        return new OnCallSchedule(id, zone, rotations, List.copyOf(more));
    }

    /**
     * The person on call at {@code at}, or empty if nobody is (a gap).
     *
     * @param at the instant asked about
     * @return the person on call at {@code at}, or empty if nobody is (a gap)
     */
    public Optional<String> whoIsOnCall(Instant at) {
        Objects.requireNonNull(at, "at");
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).covers(at)) {
                return Optional.of(overrides.get(i).personId());
            }
        }
        for (int i = rotations.size() - 1; i >= 0; i--) {
            Rotation.Occurrence o = rotations.get(i).lastHandoffAtOrBefore(at, zone);
            if (o != null && o.person() != null) {
                return Optional.of(o.person());
            }
        }
        return Optional.empty();
    }

    /**
     * The final timeline from {@code from} to {@code to}: consecutive spans, each with one person
     * or nobody, the first starting at {@code from} and the last ending at {@code to}. Adjacent
     * spans always differ in who is on call (equal neighbours are merged).
     *
     * @param from the start of the timeline, inclusive
     * @param to the end of the timeline, exclusive; after {@code from}
     * @return the final timeline from {@code from} to {@code to}: consecutive spans, each with one person or
     *     nobody, the first starting at {@code from} and the last ending at {@code to}
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    public List<Shift> shifts(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from, but was " + to + " <= " + from);
        }
        List<Shift> out = new ArrayList<>();
        Instant t = from;
        while (t.isBefore(to)) {
            String person = whoIsOnCall(t).orElse(null);
            Instant next = nextChangeAfter(t);
            if (next == null || next.isAfter(to)) {
                next = to;
            }
            int last = out.size() - 1;
            if (last >= 0 && Objects.equals(out.get(last).personId(), person)) {
                out.set(last, new Shift(person, out.get(last).start(), next));
            } else {
                out.add(new Shift(person, t, next));
            }
            t = next;
        }
        return List.copyOf(out);
    }

    /**
     * The spans from {@code from} to {@code to} with nobody on call.
     *
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @return the spans from {@code from} to {@code to} with nobody on call
     */
    public List<Shift> gaps(Instant from, Instant to) {
        return shifts(from, to).stream().filter(Shift::isGap).toList();
    }

    /** The first instant after {@code t} at which who is on call may change; null if never. */
    private Instant nextChangeAfter(Instant t) {
        Instant best = null;
        for (Rotation r : rotations) {
            best = earlier(best, r.nextHandoffAfter(t, zone));
        }
        for (ScheduleOverride o : overrides) {
            if (o.from().isAfter(t)) {
                best = earlier(best, o.from());
            }
            if (o.to().isAfter(t)) {
                best = earlier(best, o.to());
            }
        }
        return best;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    @Override
    public String toString() {
        return "OnCallSchedule[" + id + ", " + zone + ", rotations=" + rotations.size() + ", overrides="
                + overrides.size() + "]";
    }

    /** Builds an {@link OnCallSchedule}; rotations and overrides added later take precedence. */
    public static final class Builder {
        private final String id;
        private final ZoneId zone;
        private final List<Rotation> rotations = new ArrayList<>();
        private final List<ScheduleOverride> overrides = new ArrayList<>();

        private Builder(String id, ZoneId zone) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("schedule id must not be blank");
            }
            this.id = id;
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /**
         * Adds a rotation (a layer); it takes precedence over earlier ones where it has someone on call.
         *
         * @param rotation the rotation to add
         * @return this builder
         */
        public Builder rotation(Rotation rotation) {
            rotations.add(Objects.requireNonNull(rotation, "rotation"));
            return this;
        }

        /**
         * Adds an override; it takes precedence over the rotations and over earlier overrides.
         *
         * @param override the override to add
         * @return this builder
         */
        public Builder override(ScheduleOverride override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        /**
         * Adds an override from {@code from} (inclusive) to {@code to} (exclusive).
         *
         * @param personId who is on call instead
         * @param from the start, inclusive
         * @param to the end, exclusive; after {@code from}
         * @return this builder
         */
        public Builder override(String personId, Instant from, Instant to) {
            return override(new ScheduleOverride(personId, from, to));
        }

        /**
         * Adds an override given in the schedule's local time; local times that do not exist or
         * happen twice are read as hand-off times are (see {@link Rotation}).
         *
         * @param personId who is on call instead
         * @param from the start in the schedule's zone, inclusive
         * @param to the end in the schedule's zone, exclusive
         * @return this builder
         */
        public Builder override(String personId, LocalDateTime from, LocalDateTime to) {
            return override(new ScheduleOverride(personId, LocalTimes.toInstant(from, zone),
                    LocalTimes.toInstant(to, zone)));
        }

        /**
         * Builds the schedule. A schedule with no rotation and no override is a permanent gap.
         *
         * @return the schedule
         */
        public OnCallSchedule build() {
            return new OnCallSchedule(id, zone, List.copyOf(rotations), List.copyOf(overrides));
        }
    }
}
