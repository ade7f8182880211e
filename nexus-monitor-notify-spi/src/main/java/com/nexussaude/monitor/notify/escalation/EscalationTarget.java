package com.nexussaude.monitor.notify.escalation;

import java.util.Locale;
import java.util.Objects;

/**
 * Whom a level pages, by reference: a named person, a role (a post with its own phone or bleep,
 * such as the ward's charge nurse or the rapid response team) or an on-call schedule. A
 * {@link RecipientResolver} turns a target into recipients with contact points when the level is
 * paged.
 *
 * <p>Targets are values: two targets of the same kind and id are equal.
 *
 * @since 0.1
 */
public sealed interface EscalationTarget
        permits EscalationTarget.Person, EscalationTarget.Role, EscalationTarget.Schedule {

    /**
     * The id of the person, role or schedule; not blank.
     *
     * @return the id of the person, role or schedule
     */
    String id();

    /**
     * What kind of target this is.
     *
     * @return what kind of target this is
     */
    Kind kind();

    /**
     * A named person, by staff id.
     *
     * @param id the person's staff id; not blank
     * @return a named person, by staff id
     */
    static EscalationTarget person(String id) {
        return new Person(id);
    }

    /**
     * A role, by id ({@code "charge-nurse"}); resolvers may scope it to the subject's ward.
     *
     * @param id the person's staff id; not blank
     * @return a role, by id ({@code "charge-nurse"})
     */
    static EscalationTarget role(String id) {
        return new Role(id);
    }

    /**
     * Whoever is on call on a schedule, by schedule id; may be scoped to the subject's ward.
     *
     * @param id the person's staff id; not blank
     * @return whoever is on call on a schedule, by schedule id
     */
    static EscalationTarget schedule(String id) {
        return new Schedule(id);
    }

    /**
     * A target of the given kind.
     *
     * @param id the person's staff id; not blank
     * @param kind whether {@code id} names a person, a role or an on-call schedule; not null
     * @return a target of the given kind
     * @throws IllegalArgumentException if {@code id} is blank
     */
    static EscalationTarget of(Kind kind, String id) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case PERSON -> new Person(id);
            case ROLE -> new Role(id);
            case SCHEDULE -> new Schedule(id);
        };
    }

    /** The three kinds of target. */
    enum Kind {
        /** A named person. */
        PERSON,
        /** A role or post. */
        ROLE,
        /** An on-call schedule. */
        SCHEDULE;

        /**
         * The lower-case wire name ({@code "schedule"}), as used in JSON configuration.
         *
         * @return the lower-case wire name ({@code "schedule"}), as used in JSON configuration
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A named person.
     *
     * @param id the person's staff id; not blank
     */
    record Person(String id) implements EscalationTarget {
        /**
         * Checks the id.
         *
         * @param id the person's staff id; not blank
         */
        public Person {
            requireId(id);
        }

        @Override
        public Kind kind() {
            return Kind.PERSON;
        }

        @Override
        public String toString() {
            return "person:" + id;
        }
    }

    /**
     * A role or post.
     *
     * @param id the role's id; not blank
     */
    record Role(String id) implements EscalationTarget {
        /**
         * Checks the id.
         *
         * @param id the role's id; not blank
         */
        public Role {
            requireId(id);
        }

        @Override
        public Kind kind() {
            return Kind.ROLE;
        }

        @Override
        public String toString() {
            return "role:" + id;
        }
    }

    /**
     * An on-call schedule.
     *
     * @param id the schedule's id; not blank
     */
    record Schedule(String id) implements EscalationTarget {
        /**
         * Checks the id.
         *
         * @param id the schedule's id; not blank
         */
        public Schedule {
            requireId(id);
        }

        @Override
        public Kind kind() {
            return Kind.SCHEDULE;
        }

        @Override
        public String toString() {
            return "schedule:" + id;
        }
    }

    private static void requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("target id must not be blank");
        }
    }
}
