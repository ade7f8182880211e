package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test data. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plusSeconds(15), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();
    /** A patient's name that must never leave the hospital by default. */
    static final String PATIENT_NAME = "Maria Aparecida Silva";

    private Fixtures() {
    }

    static Notification.Builder notification(String channel, String address) {
        return Notification.builder()
                .alertId("alert-000001")
                .incidentId("incident-7")
                .patientId("patient-0042")
                .patientName(PATIENT_NAME)
                .ward("ward-3")
                .bed("12")
                .ruleId("threshold")
                .severity(Severity.CRITICAL)
                .category(Category.PHYSIOLOGICAL)
                .event(EventKind.RAISED)
                .escalationLevel(1)
                .timestamp(T0)
                .message("SpO2 82 % below 85 for 10 s")
                .evidence("spo2", "82")
                .evidence("heart_rate", "121")
                .recipient(new Recipient("charge-nurse", "Ana", ContactPoint.of(channel, address)));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
