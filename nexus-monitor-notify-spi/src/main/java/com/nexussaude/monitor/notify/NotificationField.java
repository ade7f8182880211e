package com.nexussaude.monitor.notify;

/**
 * The facts of a {@link Notification} that a {@link PrivacyPolicy} can keep in or leave out.
 * Identifiers that route and deduplicate a page (alert, incident, rule, severity, category, event,
 * level, time) are always kept.
 *
 * @since 0.1
 */
public enum NotificationField {
    /** The patient's identifier in the monitor. */
    PATIENT_ID,
    /** The patient's name: identifying, and not needed to find the patient on the ward. */
    PATIENT_NAME,
    /** The ward. */
    WARD,
    /** The bed. */
    BED,
    /** The alert message (it states the reading that triggered it). */
    MESSAGE,
    /** The readings that formed the alert. */
    EVIDENCE
}
