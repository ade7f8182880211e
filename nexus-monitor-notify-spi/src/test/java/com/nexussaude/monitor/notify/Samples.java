package com.nexussaude.monitor.notify;

import java.time.Instant;

/** Notifications for tests. */
public final class Samples {

    private Samples() {
    }

    /** A critical SpO2 page for {@code alertId} to the charge nurse on {@code channel}. */
    public static Notification notification(String alertId, String channel) {
        return builder(alertId, channel).build();
    }

    /** The builder behind {@link #notification(String, String)}. */
    public static Notification.Builder builder(String alertId, String channel) {
        return Notification.builder()
                .alertId(alertId)
                .incidentId("inc-1")
                .patientId("patient-0042")
                .patientName("Maria Silva")
                .ward("ward-3")
                .bed("bed-12")
                .ruleId("threshold")
                .severity(Severity.CRITICAL)
                .category(Category.PHYSIOLOGICAL)
                .event(EventKind.RAISED)
                .escalationLevel(1)
                .timestamp(Instant.parse("2026-11-25T08:00:00Z"))
                .message("SpO2 82 % below 85 for 10 s")
                .evidence("spo2", "82")
                .evidence("heart_rate", "121")
                .recipient(Recipient.of("charge-nurse", ContactPoint.of(channel, "+5511999990000")));
    }
}
