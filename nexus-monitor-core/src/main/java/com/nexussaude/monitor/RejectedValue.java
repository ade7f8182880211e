package com.nexussaude.monitor;

/**
 * One value of an observation that the monitor rejected while it accepted the others (see
 * {@link VitalMonitor#submitAndReport}); or one field it did not know.
 *
 * @param field   the field in the input contract's naming, e.g. {@code heart_rate}, or the unknown name
 * @param value   the rejected value as text
 * @param allowed what would have been accepted, e.g. {@code 0..300 /min}
 * @param message the whole report, naming the patient, e.g. {@code heart_rate of patient bed-12 must be
 *                within 0..300 /min (physiologically possible), but was 999}
 * @since 0.2
 */
public record RejectedValue(String field, String value, String allowed, String message) {
}
