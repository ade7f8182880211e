package com.nexussaude.monitor;

import java.time.Instant;

/**
 * One transition of one alert, as delivered to {@link AlertListener}s.
 *
 * @param type      what happened
 * @param alert     the alert after the transition
 * @param timestamp when it happened, on the monitor clock
 * @since 0.1
 */
public record AlertEvent(AlertEventType type, Alert alert, Instant timestamp) {
}
