package com.nexussaude.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-bounded mute, with who and why: while it is in force, the alerts it matches are recorded
 * but not notified (e.g. a patient in surgery or in transport). Build one with {@link #builder()} and
 * pass it to {@link VitalMonitor#silence(Silence)}, which assigns the id.
 *
 * <p>A silence matches an alert when every given criterion matches: patient, ward (the patient's
 * ward when the alert is evaluated), the {@link AlertMatcher}, and for a silence "until resolved" the
 * one alert it was made for. It is in force from {@code startsAt} (inclusive) to {@code endsAt}
 * (exclusive); a silence until resolved ends when its alert resolves, so a recurrence alerts again.
 *
 * @param silenceId          assigned by the monitor, {@code null} before
 * @param patientId          only this patient, or {@code null} for any
 * @param ward               only patients of this ward, or {@code null} for any
 * @param matcher            which alerts
 * @param startsAt           in force from, or {@code null} for "when created"
 * @param endsAt             in force until, or {@code null} only for a silence until resolved
 * @param untilResolvedAlertId the alert a silence until resolved is for, or {@code null}
 * @param createdBy          who (required)
 * @param comment            why (required)
 * @since 0.1
 */
public record Silence(String silenceId, String patientId, String ward, AlertMatcher matcher, Instant startsAt,
                      Instant endsAt, String untilResolvedAlertId, String createdBy, String comment) {

    /**
     * Checks the components: who silenced, why, and an end (a time or an alert to resolve).
     *
     * @param silenceId assigned by the monitor, {@code null} before
     * @param patientId only this patient, or {@code null} for any
     * @param ward only patients of this ward, or {@code null} for any
     * @param matcher which alerts
     * @param startsAt in force from, or {@code null} for "when created"
     * @param endsAt in force until, or {@code null} only for a silence until resolved
     * @param untilResolvedAlertId the alert a silence until resolved is for, or {@code null}
     * @param createdBy who (required)
     * @param comment why (required)
     */
    public Silence {
        Objects.requireNonNull(matcher, "matcher");
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("a silence needs createdBy: who silences");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a silence needs a comment: why it is silenced");
        }
        if (endsAt == null && untilResolvedAlertId == null) {
            throw new IllegalArgumentException("a silence needs an end: endsAt, or untilResolved(alertId)");
        }
        if (endsAt != null && startsAt != null && !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("silence endsAt " + endsAt + " must be after startsAt " + startsAt);
        }
    }

    /**
     * A new silence.
     *
     * @return a new silence
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * True if in force at {@code now}: started and not ended ({@code until resolved} ends on resolution).
     *
     * @param now the instant asked about
     * @return true if in force at {@code now}: started and not ended ({@code until resolved} ends on
     *     resolution)
     */
    public boolean inForceAt(Instant now) {
        return (startsAt == null || !now.isBefore(startsAt)) && (endsAt == null || now.isBefore(endsAt));
    }

    /**
     * True if it covers this alert of a patient on {@code patientWard} (in force or not).
     *
     * @param alert the alert
     * @param patientWard the ward of the alert's patient, or {@code null} if none
     * @return true if it covers this alert of a patient on {@code patientWard} (in force or not)
     */
    public boolean covers(Alert alert, String patientWard) {
        return (patientId == null || patientId.equals(alert.patientId()))
                && (ward == null || ward.equals(patientWard))
                && (untilResolvedAlertId == null || untilResolvedAlertId.equals(alert.alertId()))
                && matcher.matches(alert);
    }

    /** Builds a {@link Silence}; {@link #by(String)}, {@link #because(String)} and an end are required. */
    public static final class Builder {
        private String patientId;
        private String ward;
        private AlertMatcher matcher = AlertMatcher.any();
        private Instant startsAt;
        private Instant endsAt;
        private String untilResolved;
        private String createdBy;
        private String comment;

        private Builder() {
        }

        /**
         * Only this patient's alerts.
         *
         * @param id the patient id
         * @return this builder
         */
        public Builder patient(String id) {
            this.patientId = id;
            return this;
        }

        /**
         * Only alerts of patients on this ward.
         *
         * @param name the ward
         * @return this builder
         */
        public Builder ward(String name) {
            this.ward = name;
            return this;
        }

        /**
         * Only alerts this matcher selects (default: any).
         *
         * @param m the matcher; not null
         * @return this builder
         */
        public Builder matching(AlertMatcher m) {
            this.matcher = Objects.requireNonNull(m, "matcher");
            return this;
        }

        /**
         * In force from this time (default: when created).
         *
         * @param t the start, inclusive
         * @return this builder
         */
        public Builder from(Instant t) {
            this.startsAt = t;
            return this;
        }

        /**
         * In force until this time, exclusive.
         *
         * @param t the end, exclusive
         * @return this builder
         */
        public Builder until(Instant t) {
            this.endsAt = t;
            return this;
        }

        /**
         * Silences this one alert until it resolves; a recurrence (a new alert) is not silenced.
         *
         * @param alertId the alert whose resolution ends the silence
         * @return this builder
         */
        public Builder untilResolved(String alertId) {
            this.untilResolved = alertId;
            return this;
        }

        /**
         * Who silences.
         *
         * @param actor who silences; required, not blank
         * @return this builder
         */
        public Builder by(String actor) {
            this.createdBy = actor;
            return this;
        }

        /**
         * Why.
         *
         * @param why why, for the audit trail; required, not blank
         * @return this builder
         */
        public Builder because(String why) {
            this.comment = why;
            return this;
        }

        /**
         * The silence, to pass to {@link VitalMonitor#silence(Silence)}.
         *
         * @return the silence, to pass to {@link VitalMonitor#silence(Silence)}
         */
        public Silence build() {
            return new Silence(null, patientId, ward, matcher, startsAt, endsAt, untilResolved, createdBy, comment);
        }
    }
}
