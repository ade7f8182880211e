package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import com.nexussaude.monitor.notify.escalation.RecipientResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The people, roles and on-call schedules an escalation can page, and their contact points: the
 * standard {@link RecipientResolver}.
 *
 * <ul>
 *   <li>A <b>person</b> target pages the person on each of their contact points.</li>
 *   <li>A <b>role</b> target pages the post's own contact points (the ward phone, the team
 *       bleep). A role registered for the subject's ward is used first, then a hospital-wide one;
 *       a ward role's recipient id is {@code role@ward}.</li>
 *   <li>A <b>schedule</b> target pages whoever the schedule has on call at the instant of the
 *       page, on that person's contact points. A schedule registered for the subject's ward is
 *       used first, then a hospital-wide one.</li>
 * </ul>
 * A target that finds nobody (an unknown id, nobody on call) resolves to an empty list, which the
 * escalator reports as a coverage gap.
 *
 * <p>Immutable and thread-safe. {@link Builder#build()} checks that every person a schedule names is in
 * the roster. To change the roster while escalations run, keep the current one in a reference and
 * resolve through it, e.g. {@code (target, subject, at) -> current.get().resolve(target, subject, at)};
 * an escalation always pages whoever is on call at the moment of the page.
 *
 * @since 0.1
 */
public final class Roster implements RecipientResolver {

    private final Map<String, Entry> people;
    private final Map<Key, Entry> roles;
    private final Map<Key, OnCallSchedule> schedules;

    private Roster(Builder b) {
        this.people = Map.copyOf(b.people);
        this.roles = Map.copyOf(b.roles);
        this.schedules = Map.copyOf(b.schedules);
    }

    /**
     * An empty builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this roster's entries, to derive a changed roster.
     *
     * @return a builder holding this roster's entries, to derive a changed roster
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.people.putAll(people);
        b.roles.putAll(roles);
        b.schedules.putAll(schedules);
        return b;
    }

    /**
     * The schedule a target with this id means for {@code ward}: the ward's own, else the
     * hospital-wide one.
     *
     * @param ward the ward, or null for the hospital-wide schedule only
     * @param id the schedule id
     * @return the schedule a target with this id means for {@code ward}: the ward's own, else the
     *     hospital-wide one
     */
    public Optional<OnCallSchedule> schedule(String id, String ward) {
        return Optional.ofNullable(lookup(schedules, id, ward));
    }

    @Override
    public List<Recipient> resolve(EscalationTarget target, EscalationSubject subject, Instant at) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        return switch (target.kind()) {
            case PERSON -> recipients(people.get(target.id()));
            case ROLE -> recipients(lookup(roles, target.id(), subject.ward()));
            case SCHEDULE -> {
                OnCallSchedule s = lookup(schedules, target.id(), subject.ward());
                yield s == null ? List.of() : s.whoIsOnCall(at).map(p -> recipients(people.get(p))).orElse(List.of());
            }
        };
    }

    private static <V> V lookup(Map<Key, V> map, String id, String ward) {
        V v = ward == null ? null : map.get(new Key(id, ward));
        return v != null ? v : map.get(new Key(id, null));
    }

    private static List<Recipient> recipients(Entry e) {
        if (e == null) {
            return List.of();
        }
        List<Recipient> out = new ArrayList<>(e.contacts.size());
        for (ContactPoint c : e.contacts) {
            out.add(new Recipient(e.recipientId, e.name, c));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "Roster[people=" + people.size() + ", roles=" + roles.size() + ", schedules=" + schedules.size() + "]";
    }

    /** An id scoped to a ward; a null ward means hospital-wide. */
    private record Key(String id, String ward) {
    }

    /** Someone who can be paged: the id pages carry, a display name, contact points in order. */
    private record Entry(String recipientId, String name, List<ContactPoint> contacts) {
    }

    /**
     * Builds a {@link Roster}. Registering the same person, role (for the same ward) or schedule
     * (for the same ward) again replaces it.
     */
    public static final class Builder {
        private final Map<String, Entry> people = new LinkedHashMap<>();
        private final Map<Key, Entry> roles = new LinkedHashMap<>();
        private final Map<Key, OnCallSchedule> schedules = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * A person and their contact points, in the order they should be paged.
         *
         * @param id the person's staff id; not blank
         * @param name the person's name, for templates
         * @param contacts where to page them, in order
         * @return this builder
         */
        public Builder person(String id, String name, ContactPoint... contacts) {
            requireText(id, "person id");
            people.put(id, new Entry(id, Objects.requireNonNull(name, "name"), contacts(contacts)));
            return this;
        }

        /**
         * A hospital-wide role (the rapid response team) and its own contact points.
         *
         * @param id the role's id ({@code "rapid-response"}); not blank
         * @param name the role's name, for templates
         * @param contacts where to page the role, in order
         * @return this builder
         */
        public Builder role(String id, String name, ContactPoint... contacts) {
            requireText(id, "role id");
            roles.put(new Key(id, null), new Entry(id, Objects.requireNonNull(name, "name"), contacts(contacts)));
            return this;
        }

        /**
         * A role on one ward (the ward's charge nurse) and its own contact points.
         *
         * @param ward the ward, or null for the hospital-wide schedule only
         * @param id the role's id ({@code "charge-nurse"}); not blank
         * @param name the role's name, for templates
         * @param contacts where to page the role on that ward, in order
         * @return this builder
         */
        public Builder wardRole(String id, String ward, String name, ContactPoint... contacts) {
            requireText(id, "role id");
            requireText(ward, "ward");
            roles.put(new Key(id, ward), new Entry(id + "@" + ward, Objects.requireNonNull(name, "name"),
                    contacts(contacts)));
            return this;
        }

        /**
         * A hospital-wide schedule, found by its {@link OnCallSchedule#id() id}.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(OnCallSchedule schedule) {
            Objects.requireNonNull(schedule, "schedule");
            schedules.put(new Key(schedule.id(), null), schedule);
            return this;
        }

        /**
         * A schedule for one ward, found by its id for subjects on that ward.
         *
         * @param ward the ward, or null for the hospital-wide schedule only
         * @param schedule the ward's schedule
         * @return this builder
         */
        public Builder wardSchedule(String ward, OnCallSchedule schedule) {
            requireText(ward, "ward");
            Objects.requireNonNull(schedule, "schedule");
            schedules.put(new Key(schedule.id(), ward), schedule);
            return this;
        }

        /**
         * Builds the roster.
         *
         * @return the roster
         * @throws IllegalStateException naming a schedule and a person it names who is not in the
         *                               roster (that person could never be paged)
         */
        public Roster build() {
            for (Map.Entry<Key, OnCallSchedule> e : schedules.entrySet()) {
                for (String p : e.getValue().people()) {
                    if (!people.containsKey(p)) {
                        throw new IllegalStateException("schedule " + e.getKey().id()
                                + (e.getKey().ward() == null ? "" : " of ward " + e.getKey().ward())
                                + " names person '" + p + "', who is not in the roster");
                    }
                }
            }
            return new Roster(this);
        }

        private static List<ContactPoint> contacts(ContactPoint[] contacts) {
            List<ContactPoint> list = List.of(contacts); // rejects nulls
            return list;
        }

        private static void requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
        }
    }
}
