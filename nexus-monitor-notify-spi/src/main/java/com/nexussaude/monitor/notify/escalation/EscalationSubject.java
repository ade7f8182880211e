package com.nexussaude.monitor.notify.escalation;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * An incident as an escalation sees it: what the pages are about and whom they concern. It holds
 * only SPI types, so a policy or a resolver does not depend on the engine.
 *
 * <p>Fields that may be absent ({@code patientName}, {@code ward}, {@code bed}) are {@code null}.
 * {@link #toString()} shows identifiers only, never the patient's name or the headline, so a
 * subject can be logged.
 *
 * @param incidentId the incident being escalated; not blank; one escalation per incident
 * @param alertId    the alert heading the incident (its pages carry this alert id); not blank
 * @param patientId  the patient's identifier in the monitor (not a name); not blank
 * @param patientName the patient's name, or null; pages carry it only where a privacy policy allows
 * @param ward       the patient's ward, or null; resolvers use it to find ward roles and rotas
 * @param bed        the bed, or null
 * @param ruleId     the rule that raised the headline alert; not blank
 * @param severity   the incident's severity now; policies time their waits by it
 * @param category   physiological or technical
 * @param headline   the headline alert's message; may be empty, never null
 * @param openedAt   when the incident opened (monitor time)
 * @since 0.1
 */
public record EscalationSubject(
        String incidentId,
        String alertId,
        String patientId,
        String patientName,
        String ward,
        String bed,
        String ruleId,
        Severity severity,
        Category category,
        String headline,
        Instant openedAt) {

    /**
     * Checks every component.
     *
     * @param incidentId the incident being escalated; not blank; one escalation per incident
     * @param alertId the alert heading the incident (its pages carry this alert id); not blank
     * @param patientId the patient's identifier in the monitor (not a name); not blank
     * @param patientName the patient's name, or null; pages carry it only where a privacy policy allows
     * @param ward the patient's ward, or null; resolvers use it to find ward roles and rotas
     * @param bed the bed, or null
     * @param ruleId the rule that raised the headline alert; not blank
     * @param severity the incident's severity now; policies time their waits by it
     * @param category physiological or technical
     * @param headline the headline alert's message; may be empty, never null
     * @param openedAt when the incident opened (monitor time)
     */
    public EscalationSubject {
        requireText(incidentId, "incidentId");
        requireText(alertId, "alertId");
        requireText(patientId, "patientId");
        requireText(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    /**
     * A builder with no fields set.
     *
     * @return a builder with no fields set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this subject's fields, to derive a changed copy.
     *
     * @return a builder holding this subject's fields, to derive a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This subject with another severity; everything else is kept.
     *
     * @param newSeverity the severity the incident has now; not null
     * @return this subject with another severity
     */
    public EscalationSubject withSeverity(Severity newSeverity) {
        return toBuilder().severity(newSeverity).build();
    }

    /** Identifiers only: no patient name and no headline. */
    @Override
    public String toString() {
        return "EscalationSubject[incidentId=" + incidentId + ", alertId=" + alertId + ", patientId=" + patientId
                + ", ward=" + ward + ", severity=" + severity.wireName() + ", openedAt=" + openedAt + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /**
     * Builds an {@link EscalationSubject}. Required: incident id, alert id, patient id, rule id,
     * severity, opened-at. Defaults: category physiological, empty headline, no name, ward or bed.
     */
    public static final class Builder {
        private String incidentId;
        private String alertId;
        private String patientId;
        private String patientName;
        private String ward;
        private String bed;
        private String ruleId;
        private Severity severity;
        private Category category = Category.PHYSIOLOGICAL;
        private String headline = "";
        private Instant openedAt;

        private Builder() {
        }

        private Builder(EscalationSubject s) {
            incidentId = s.incidentId;
            alertId = s.alertId;
            patientId = s.patientId;
            patientName = s.patientName;
            ward = s.ward;
            bed = s.bed;
            ruleId = s.ruleId;
            severity = s.severity;
            category = s.category;
            headline = s.headline;
            openedAt = s.openedAt;
        }

        /**
         * The incident id.
         *
         * @param incidentId the incident being escalated; not blank; one escalation per incident
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            this.incidentId = incidentId;
            return this;
        }

        /**
         * The headline alert's id.
         *
         * @param alertId the alert heading the incident (its pages carry this alert id); not blank
         * @return this builder
         */
        public Builder alertId(String alertId) {
            this.alertId = alertId;
            return this;
        }

        /**
         * The patient id.
         *
         * @param patientId the patient's identifier in the monitor (not a name); not blank
         * @return this builder
         */
        public Builder patientId(String patientId) {
            this.patientId = patientId;
            return this;
        }

        /**
         * The patient's name, or null.
         *
         * @param patientName the patient's name, or null; pages carry it only where a privacy policy allows
         * @return this builder
         */
        public Builder patientName(String patientName) {
            this.patientName = patientName;
            return this;
        }

        /**
         * The ward, or null.
         *
         * @param ward the patient's ward, or null; resolvers use it to find ward roles and rotas
         * @return this builder
         */
        public Builder ward(String ward) {
            this.ward = ward;
            return this;
        }

        /**
         * The bed, or null.
         *
         * @param bed the bed, or null
         * @return this builder
         */
        public Builder bed(String bed) {
            this.bed = bed;
            return this;
        }

        /**
         * The headline alert's rule id.
         *
         * @param ruleId the rule that raised the headline alert; not blank
         * @return this builder
         */
        public Builder ruleId(String ruleId) {
            this.ruleId = ruleId;
            return this;
        }

        /**
         * The severity.
         *
         * @param severity the incident's severity now; policies time their waits by it
         * @return this builder
         */
        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /**
         * The category; default physiological.
         *
         * @param category physiological or technical
         * @return this builder
         */
        public Builder category(Category category) {
            this.category = category;
            return this;
        }

        /**
         * The headline; default empty.
         *
         * @param headline the headline alert's message; may be empty, never null
         * @return this builder
         */
        public Builder headline(String headline) {
            this.headline = headline;
            return this;
        }

        /**
         * When the incident opened.
         *
         * @param openedAt when the incident opened (monitor time)
         * @return this builder
         */
        public Builder openedAt(Instant openedAt) {
            this.openedAt = openedAt;
            return this;
        }

        /**
         * Builds the subject.
         *
         * @return a new subject holding the fields set on this builder
         * @throws NullPointerException     naming a required field that is missing
         * @throws IllegalArgumentException naming a field that is blank
         */
        public EscalationSubject build() {
            return new EscalationSubject(incidentId, alertId, patientId, patientName, ward, bed, ruleId, severity,
                    category, headline, openedAt);
        }
    }
}
