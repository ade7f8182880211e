package com.nexussaude.monitor.journal;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which records {@link AlertJournal#query(JournalQuery)} returns. Every criterion is optional; a
 * record matches when it matches every criterion given ({@link #matches(JournalRecord)}), and a query
 * with none matches every record. Results come in journal order (increasing {@code seq}); with a
 * {@link Builder#limit(int) limit}, the first {@code limit} matches.
 *
 * <pre>{@code
 * JournalQuery nightShift = JournalQuery.builder()
 *         .patientId("bed-12")
 *         .from(Instant.parse("2026-11-24T19:00:00Z"))   // inclusive
 *         .to(Instant.parse("2026-11-25T07:00:00Z"))     // exclusive
 *         .types("alert.raised", "alert.acknowledged")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class JournalQuery {
    private static final JournalQuery ALL = builder().build();

    private final String patientId;
    private final String alertId;
    private final String incidentId;
    private final Instant from;
    private final Instant to;
    private final Set<String> types;
    private final int limit;

    private JournalQuery(Builder b) {
        this.patientId = b.patientId;
        this.alertId = b.alertId;
        this.incidentId = b.incidentId;
        this.from = b.from;
        this.to = b.to;
        this.types = b.types == null ? Set.of() : b.types;
        this.limit = b.limit;
    }

    /**
     * A new builder with no criteria.
     *
     * @return a new builder with no criteria
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The query that matches every record.
     *
     * @return the query that matches every record
     */
    public static JournalQuery all() {
        return ALL;
    }

    /**
     * Only records of this patient, when present.
     *
     * @return the patient whose records match; empty for any patient
     */
    public Optional<String> patientId() {
        return Optional.ofNullable(patientId);
    }

    /**
     * Only records of this alert, when present.
     *
     * @return the alert whose records match; empty for any alert
     */
    public Optional<String> alertId() {
        return Optional.ofNullable(alertId);
    }

    /**
     * Only records of this incident, when present.
     *
     * @return the incident whose records match; empty for any incident
     */
    public Optional<String> incidentId() {
        return Optional.ofNullable(incidentId);
    }

    /**
     * Only records at or after this instant (inclusive), when present.
     *
     * @return the inclusive start of the time range; empty for no lower bound
     */
    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    /**
     * Only records before this instant (exclusive), when present.
     *
     * @return the exclusive end of the time range; empty for no upper bound
     */
    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    /**
     * Only records of one of these types; empty means any type. Unmodifiable.
     *
     * @return the record types that match, unmodifiable; empty matches any type
     */
    public Set<String> types() {
        return types;
    }

    /**
     * At most this many records, when present.
     *
     * @return the most records returned; empty for no limit
     */
    public OptionalInt limit() {
        return limit == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** The limit, or {@link Integer#MAX_VALUE} when there is none; for implementations. */
    int maxResults() {
        return limit;
    }

    /**
     * Whether {@code record} matches every criterion of this query (the limit is not a criterion).
     * Implementations of {@link AlertJournal} use it so that every store agrees on what matches.
     *
     * @param record a journal record; not {@code null}
     * @return whether {@code record} matches every criterion of this query (the limit is not a criterion)
     */
    public boolean matches(JournalRecord record) {
        return (patientId == null || patientId.equals(record.patientId()))
                && (alertId == null || alertId.equals(record.alertId()))
                && (incidentId == null || incidentId.equals(record.incidentId()))
                && (from == null || !record.at().isBefore(from))
                && (to == null || record.at().isBefore(to))
                && (types.isEmpty() || types.contains(record.type()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalQuery q && limit == q.limit && Objects.equals(patientId, q.patientId)
                && Objects.equals(alertId, q.alertId) && Objects.equals(incidentId, q.incidentId)
                && Objects.equals(from, q.from) && Objects.equals(to, q.to) && types.equals(q.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patientId, alertId, incidentId, from, to, types, limit);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("JournalQuery[");
        String sep = "";
        for (Object[] c : new Object[][] {{"patientId", patientId}, {"alertId", alertId}, {"incidentId", incidentId},
                {"from", from}, {"to", to}, {"types", types.isEmpty() ? null : types},
                {"limit", limit == Integer.MAX_VALUE ? null : limit}}) {
            if (c[1] != null) {
                sb.append(sep).append(c[0]).append('=').append(c[1]);
                sep = ", ";
            }
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link JournalQuery}. Each criterion may be set once; {@link #build()} rejects a
     * {@code from} after {@code to}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String patientId;
        private String alertId;
        private String incidentId;
        private Instant from;
        private Instant to;
        private Set<String> types;
        private int limit = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * Only records whose {@link JournalRecord#patientId()} equals {@code patientId}.
         *
         * @param patientId the patient's id
         * @return this builder
         */
        public Builder patientId(String patientId) {
            once("patientId", this.patientId);
            this.patientId = Objects.requireNonNull(patientId, "patientId");
            return this;
        }

        /**
         * Only records whose {@link JournalRecord#alertId()} equals {@code alertId}.
         *
         * @param alertId the alert's id
         * @return this builder
         */
        public Builder alertId(String alertId) {
            once("alertId", this.alertId);
            this.alertId = Objects.requireNonNull(alertId, "alertId");
            return this;
        }

        /**
         * Only records whose {@link JournalRecord#incidentId()} equals {@code incidentId}.
         *
         * @param incidentId the incident's id
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            once("incidentId", this.incidentId);
            this.incidentId = Objects.requireNonNull(incidentId, "incidentId");
            return this;
        }

        /**
         * Only records at or after {@code from} (inclusive).
         *
         * @param from the start instant, inclusive
         * @return this builder
         */
        public Builder from(Instant from) {
            once("from", this.from);
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /**
         * Only records before {@code to} (exclusive).
         *
         * @param to the end instant, exclusive
         * @return this builder
         */
        public Builder to(Instant to) {
            once("to", this.to);
            this.to = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * Only records whose {@link JournalRecord#type()} is one of {@code types}; at least one.
         *
         * @param types record types such as {@code "alert.raised"}; at least one
         * @return this builder
         */
        public Builder types(String... types) {
            once("types", this.types);
            Objects.requireNonNull(types, "types");
            if (types.length == 0) {
                throw new IllegalArgumentException("types must name at least one type");
            }
            Set<String> set = new LinkedHashSet<>();
            for (String t : types) {
                set.add(Objects.requireNonNull(t, () -> "types contains null: " + Arrays.toString(types)));
            }
            this.types = Set.copyOf(set);
            return this;
        }

        /**
         * At most {@code limit} records, the first ones in journal order; {@code limit > 0}.
         *
         * @param limit the most records returned, {@code > 0}
         * @return this builder
         */
        public Builder limit(int limit) {
            if (this.limit != Integer.MAX_VALUE) {
                throw new IllegalStateException("limit was already set to " + this.limit);
            }
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be greater than 0, but was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * The query.
         *
         * @return the query
         * @throws IllegalArgumentException if {@code from} is after {@code to}
         */
        public JournalQuery build() {
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException("from must not be after to, but from was " + from + " and to was " + to);
            }
            return new JournalQuery(this);
        }

        private static void once(String name, Object current) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }
    }
}
