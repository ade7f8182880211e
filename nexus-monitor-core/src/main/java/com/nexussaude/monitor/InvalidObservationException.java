package com.nexussaude.monitor;

/**
 * An observation was rejected as a whole. The message names the patient (when known), the field, the
 * value and what was allowed, e.g. {@code "heart_rate of patient bed-12 must be within 0..300 /min, but
 * was 412.0"}. The monitor counts every rejection ({@link MonitorStats#rejected()}) and keeps
 * running; nothing of the observation is processed.
 *
 * <p>Since 0.2 an invalid value among valid ones does not reject the observation: the valid values are
 * monitored and the invalid one is reported as a {@link RejectedValue} ({@link VitalMonitor#submitAndReport})
 * and counted in {@link MonitorStats#rejectedValues()}. This exception is thrown when no valid value is
 * left, when the patient id or timestamp is missing, or for any invalid value or unknown field with
 * {@link VitalMonitor.Builder#strictInput(boolean) strict input}. Since 0.3 also when the patient id
 * contains a control character (shown escaped as a backslash-u sequence, so that it cannot forge a line of a log)
 * or the timestamp lies outside {@link Observation#EARLIEST_TIMESTAMP} .. {@link Observation#LATEST_TIMESTAMP}.
 *
 * @since 0.1
 */
public class InvalidObservationException extends NexusMonitorException {
    private static final long serialVersionUID = 1L;

    /** The offending field in the input contract's naming. */
    private final String field;
    /** The offending value as text. */
    private final String value;
    /** What the field allows. */
    private final String allowed;

    /**
     * A rejected observation.
     *
     * @param field   the offending field in the input contract's naming, e.g. {@code oxygen_saturation}
     * @param value   the offending value; kept as its {@link String#valueOf(Object) string form}
     * @param allowed what the field allows, e.g. {@code 0..100 %}
     * @param message the whole message, naming patient, field, value and what was allowed
     */
    public InvalidObservationException(String field, Object value, String allowed, String message) {
        super(message);
        this.field = field;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /**
     * The offending field in the input contract's naming, e.g. {@code oxygen_saturation}.
     *
     * @return the offending field in the input contract's naming, e.g. {@code oxygen_saturation}
     */
    public String field() {
        return field;
    }

    /**
     * The rejected value as text ({@code "null"} when missing).
     *
     * @return the rejected value as text ({@code "null"} when missing)
     */
    public String value() {
        return value;
    }

    /**
     * What would have been accepted, e.g. {@code "0..100 %"}.
     *
     * @return what would have been accepted, e.g. {@code "0..100 %"}
     */
    public String allowed() {
        return allowed;
    }
}
