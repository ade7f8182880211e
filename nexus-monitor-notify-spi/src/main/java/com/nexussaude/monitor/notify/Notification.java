package com.nexussaude.monitor.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One page to one contact point: what happened, to whom it goes, optionally pre-rendered content,
 * and an idempotency key.
 *
 * <p>The <b>idempotency key</b> identifies this page across delivery attempts: a dispatcher that
 * retries passes the same {@code Notification}, so every attempt carries the same key, and
 * channels whose receiver can deduplicate send it ({@code webhook-id}, the e-mail
 * {@code Message-ID}). When the builder is not given a key it derives one from the alert id, the
 * event kind, the escalation level, the timestamp and the contact point, so the same page
 * re-created after a restart gets the same key.
 *
 * <p>Fields that may be absent ({@code incidentId}, {@code patientName}, {@code ward},
 * {@code bed}) are {@code null}. {@link #toString()} shows identifiers only, never the patient's
 * name, the message or the evidence, so a notification can be logged.
 *
 * <p>Build with {@link #builder()}; apply a {@link PrivacyPolicy} before rendering content that
 * leaves the hospital.
 *
 * @param alertId         the alert this page is about; not blank
 * @param incidentId      the incident the alert belongs to; null if none
 * @param patientId       the patient's identifier in the monitor (not a name); not blank
 * @param patientName     the patient's name; null unless the host supplied it. Sent only where a
 *                        {@link PrivacyPolicy} includes {@link NotificationField#PATIENT_NAME}
 * @param ward            the ward; null if unknown
 * @param bed             the bed; null if unknown
 * @param ruleId          the rule that raised the alert ({@code "threshold"}, {@code "news2"}…)
 * @param severity        the alert's severity now
 * @param category        physiological or technical
 * @param event           what happened
 * @param escalationLevel the escalation level this page belongs to (1 for the first level), 0 when it is
 *                        part of no escalation level (e.g. the page telling that an incident resolved)
 * @param timestamp       when the event happened (monitor time)
 * @param message         the alert's message ({@code "SpO2 82 % below 85 for 10 s"}); may be
 *                        empty, never null
 * @param evidence        the readings that formed the alert, by name, in a stable order; copied
 * @param recipient       to whom and where
 * @param content         pre-rendered content; {@link Content#none()} to let the channel render
 * @param idempotencyKey  1 to 255 visible ASCII characters, the same on every attempt
 * @since 0.1
 */
public record Notification(
        String alertId,
        String incidentId,
        String patientId,
        String patientName,
        String ward,
        String bed,
        String ruleId,
        Severity severity,
        Category category,
        EventKind event,
        int escalationLevel,
        Instant timestamp,
        String message,
        Map<String, String> evidence,
        Recipient recipient,
        Content content,
        String idempotencyKey) {

    /** Longest idempotency key accepted, the limit PagerDuty puts on its {@code dedup_key}. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    /**
     * Checks every component and copies the evidence.
     *
     * @param alertId the alert this page is about; not blank
     * @param incidentId the incident the alert belongs to; null if none
     * @param patientId the patient's identifier in the monitor (not a name); not blank
     * @param patientName the patient's name; null unless the host supplied it. Sent only where a {@link
     *     PrivacyPolicy} includes {@link NotificationField#PATIENT_NAME}
     * @param ward the ward; null if unknown
     * @param bed the bed; null if unknown
     * @param ruleId the rule that raised the alert ({@code "threshold"}, {@code "news2"}…)
     * @param severity the alert's severity now
     * @param category physiological or technical
     * @param event what happened
     * @param escalationLevel the escalation level this page belongs to (1 for the first level), 0 when it is
     *     part of no escalation level (e.g. the page telling that an incident resolved)
     * @param timestamp when the event happened (monitor time)
     * @param message the alert's message ({@code "SpO2 82 % below 85 for 10 s"}); may be empty, never null
     * @param evidence the readings that formed the alert, by name, in a stable order; copied
     * @param recipient to whom and where
     * @param content pre-rendered content; {@link Content#none()} to let the channel render
     * @param idempotencyKey 1 to 255 visible ASCII characters, the same on every attempt
     */
    public Notification {
        requireText(alertId, "alertId");
        requireText(patientId, "patientId");
        requireText(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(content, "content");
        if (escalationLevel < 0) {
            throw new IllegalArgumentException("escalationLevel must not be negative, but was " + escalationLevel);
        }
        Objects.requireNonNull(evidence, "evidence");
        var copy = new LinkedHashMap<String, String>();
        evidence.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "evidence name"),
                Objects.requireNonNull(v, "evidence value of " + k)));
        evidence = Collections.unmodifiableMap(copy);
        checkIdempotencyKey(idempotencyKey);
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
     * A builder holding this notification's fields, to derive a changed copy.
     *
     * @return a builder holding this notification's fields, to derive a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** What {@link #asRepeat()} puts in front of the message. */
    public static final String REPEAT_MARKER = "[repeat] ";

    /**
     * This page marked as a possible duplicate: the message starts with {@value #REPEAT_MARKER};
     * everything else, the idempotency key included, is the same. The dispatcher sends this when it
     * retries an attempt whose outcome is unknown through a channel that cannot deduplicate, so the
     * person who may already have the page can tell. Pre-rendered {@link #content()} is unchanged.
     *
     * @return this page marked as a possible duplicate: the message starts with {@value #REPEAT_MARKER}
     * @since 0.2
     */
    public Notification asRepeat() {
        return message.startsWith(REPEAT_MARKER) ? this : toBuilder().message(REPEAT_MARKER + message).build();
    }

    /**
     * The name of the channel this notification goes to: the recipient's contact point's channel.
     *
     * @return the name of the channel this notification goes to: the recipient's contact point's channel
     */
    public String channel() {
        return recipient.contact().channel();
    }

    /** Identifiers only: no patient name, message, evidence or address. */
    @Override
    public String toString() {
        return "Notification[alertId=" + alertId + ", event=" + event.wireName() + ", level=" + escalationLevel
                + ", severity=" + severity.wireName() + ", recipient=" + recipient.id() + ", channel=" + channel()
                + ", idempotencyKey=" + idempotencyKey + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void checkIdempotencyKey(String key) {
        Objects.requireNonNull(key, "idempotencyKey");
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotencyKey must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters, but had " + key.length());
        }
        // Visible ASCII only: the key travels in HTTP headers and in a Message-ID.
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("idempotencyKey must be visible ASCII (no spaces), but has "
                        + String.format("U+%04X", (int) c) + " at index " + i);
            }
        }
    }

    /**
     * Builds a {@link Notification}. Required: alert id, patient id, rule id, severity, category,
     * event, timestamp, recipient. Defaults: level 0, empty message and evidence, no content, a
     * derived idempotency key.
     */
    public static final class Builder {
        private String alertId;
        private String incidentId;
        private String patientId;
        private String patientName;
        private String ward;
        private String bed;
        private String ruleId;
        private Severity severity;
        private Category category = Category.PHYSIOLOGICAL;
        private EventKind event;
        private int escalationLevel;
        private Instant timestamp;
        private String message = "";
        private Map<String, String> evidence = new LinkedHashMap<>();
        private Recipient recipient;
        private Content content = Content.none();
        private String idempotencyKey;

        private Builder() {
        }

        private Builder(Notification n) {
            alertId = n.alertId;
            incidentId = n.incidentId;
            patientId = n.patientId;
            patientName = n.patientName;
            ward = n.ward;
            bed = n.bed;
            ruleId = n.ruleId;
            severity = n.severity;
            category = n.category;
            event = n.event;
            escalationLevel = n.escalationLevel;
            timestamp = n.timestamp;
            message = n.message;
            evidence = new LinkedHashMap<>(n.evidence);
            recipient = n.recipient;
            content = n.content;
            idempotencyKey = n.idempotencyKey;
        }

        /**
         * The alert id.
         *
         * @param alertId the alert this page is about; not blank
         * @return this builder
         */
        public Builder alertId(String alertId) {
            this.alertId = alertId;
            return this;
        }

        /**
         * The incident id, or null.
         *
         * @param incidentId the incident the alert belongs to; null if none
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            this.incidentId = incidentId;
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
         * The patient's name, or null; see {@link PrivacyPolicy}.
         *
         * @param patientName the patient's name; null unless the host supplied it. Sent only where a {@link
         *     PrivacyPolicy} includes {@link NotificationField#PATIENT_NAME}
         * @return this builder
         */
        public Builder patientName(String patientName) {
            this.patientName = patientName;
            return this;
        }

        /**
         * The ward, or null.
         *
         * @param ward the ward; null if unknown
         * @return this builder
         */
        public Builder ward(String ward) {
            this.ward = ward;
            return this;
        }

        /**
         * The bed, or null.
         *
         * @param bed the bed; null if unknown
         * @return this builder
         */
        public Builder bed(String bed) {
            this.bed = bed;
            return this;
        }

        /**
         * The rule id.
         *
         * @param ruleId the rule that raised the alert ({@code "threshold"}, {@code "news2"}…)
         * @return this builder
         */
        public Builder ruleId(String ruleId) {
            this.ruleId = ruleId;
            return this;
        }

        /**
         * The severity.
         *
         * @param severity the alert's severity now
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
         * What happened.
         *
         * @param event what happened
         * @return this builder
         */
        public Builder event(EventKind event) {
            this.event = event;
            return this;
        }

        /**
         * The escalation level; default 0.
         *
         * @param escalationLevel the escalation level this page belongs to (1 for the first level), 0 when it
         *     is part of no escalation level (e.g. the page telling that an incident resolved)
         * @return this builder
         */
        public Builder escalationLevel(int escalationLevel) {
            this.escalationLevel = escalationLevel;
            return this;
        }

        /**
         * When it happened.
         *
         * @param timestamp when the event happened (monitor time)
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * The alert message; default empty.
         *
         * @param message the alert's message ({@code "SpO2 82 % below 85 for 10 s"}); may be empty, never
         *     null
         * @return this builder
         */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /**
         * Replaces the evidence (copied, order kept).
         *
         * @param evidence the readings that formed the alert, by name, in a stable order; copied
         * @return this builder
         */
        public Builder evidence(Map<String, String> evidence) {
            this.evidence = new LinkedHashMap<>(Objects.requireNonNull(evidence, "evidence"));
            return this;
        }

        /**
         * Adds one piece of evidence.
         *
         * @param name the reading's name ({@code "SpO2"}); not null
         * @param value the reading as shown to people ({@code "82 %"}); not null
         * @return this builder
         */
        public Builder evidence(String name, String value) {
            this.evidence.put(name, value);
            return this;
        }

        /**
         * The recipient and contact point.
         *
         * @param recipient to whom and where
         * @return this builder
         */
        public Builder recipient(Recipient recipient) {
            this.recipient = recipient;
            return this;
        }

        /**
         * Pre-rendered content; default {@link Content#none()}.
         *
         * @param content pre-rendered content; {@link Content#none()} to let the channel render
         * @return this builder
         */
        public Builder content(Content content) {
            this.content = content;
            return this;
        }

        /**
         * The idempotency key; when not set (or set to null), {@link #build()} derives one from
         * alert id, event, level, timestamp and contact point.
         *
         * @param idempotencyKey 1 to 255 visible ASCII characters, the same on every attempt
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * Builds the notification.
         *
         * @return a new notification holding the fields set on this builder, with a derived idempotency key
         *     when none was set
         * @throws NullPointerException     naming a required field that is missing
         * @throws IllegalArgumentException naming a field whose value is invalid
         */
        public Notification build() {
            String key = idempotencyKey;
            if (key == null) {
                Objects.requireNonNull(alertId, "alertId");
                Objects.requireNonNull(event, "event");
                Objects.requireNonNull(timestamp, "timestamp");
                Objects.requireNonNull(recipient, "recipient");
                key = deriveKey();
            }
            return new Notification(alertId, incidentId, patientId, patientName, ward, bed, ruleId, severity,
                    category, event, escalationLevel, timestamp, message, evidence, recipient, content, key);
        }

        private String deriveKey() {
            // NUL separators: no field can make two different pages collide by concatenation.
            String material = String.join("\u0000", alertId, event.wireName(), Integer.toString(escalationLevel),
                    timestamp.toString(), recipient.id(), recipient.contact().channel(), recipient.contact().address());
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
                // 128 bits are plenty to keep distinct pages apart and keep the key header-friendly.
                return "ntf_" + HexFormat.of().formatHex(hash, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
        }
    }
}
