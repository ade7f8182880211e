package com.nexussaude.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    @DisplayName("the derived idempotency key is the same for the same page and differs per page")
    void derivedKey() {
        Notification a = Samples.notification("alert-1", "sms");
        Notification again = Samples.notification("alert-1", "sms");
        assertThat(a.idempotencyKey()).startsWith("ntf_").hasSize(36).isEqualTo(again.idempotencyKey());
        assertThat(Samples.builder("alert-1", "sms").escalationLevel(2).build().idempotencyKey())
                .isNotEqualTo(a.idempotencyKey());
        assertThat(Samples.builder("alert-1", "sms").event(EventKind.RESOLVED).build().idempotencyKey())
                .isNotEqualTo(a.idempotencyKey());
        assertThat(Samples.notification("alert-1", "email").idempotencyKey()).isNotEqualTo(a.idempotencyKey());
    }

    @Test
    @DisplayName("a given idempotency key is kept, and must be visible ASCII of at most 255 characters")
    void givenKey() {
        assertThat(Samples.builder("a", "sms").idempotencyKey("msg_1").build().idempotencyKey()).isEqualTo("msg_1");
        assertThatThrownBy(() -> Samples.builder("a", "sms").idempotencyKey("has space").build())
                .hasMessageContaining("idempotencyKey").hasMessageContaining("U+0020");
        assertThatThrownBy(() -> Samples.builder("a", "sms").idempotencyKey("k".repeat(256)).build())
                .hasMessageContaining("1 to 255");
    }

    @Test
    @DisplayName("toString shows identifiers, never the patient's name, message, evidence or address")
    void toStringHidesPatientData() {
        String s = Samples.notification("alert-1", "sms").toString();
        assertThat(s).contains("alert-1", "raised", "sms", "charge-nurse")
                .doesNotContain("Maria", "SpO2", "82", "+5511");
        assertThat(Content.of("Maria Silva", "text", null).toString()).doesNotContain("Maria");
    }

    @Test
    @DisplayName("required fields are named when missing or blank")
    void validation() {
        assertThatThrownBy(() -> Samples.builder("a", "sms").patientId(null).build()).hasMessage("patientId");
        assertThatThrownBy(() -> Samples.builder("a", "sms").ruleId(" ").build()).hasMessageContaining("ruleId");
        assertThatThrownBy(() -> Samples.builder("a", "sms").escalationLevel(-1).build())
                .hasMessageContaining("escalationLevel").hasMessageContaining("-1");
        assertThatThrownBy(() -> ContactPoint.of(" ", "x")).hasMessageContaining("channel");
    }

    @Test
    @DisplayName("evidence keeps its order and cannot be changed")
    void evidence() {
        Notification n = Samples.notification("a", "sms");
        assertThat(n.evidence()).containsExactly(Map.entry("spo2", "82"), Map.entry("heart_rate", "121"));
        assertThatThrownBy(() -> n.evidence().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("wire names round-trip")
    void wireNames() {
        for (EventKind k : EventKind.values()) {
            assertThat(EventKind.fromWireName(k.wireName())).isEqualTo(k);
        }
        assertThatThrownBy(() -> EventKind.fromWireName("paged")).hasMessageContaining("'paged'");
        assertThat(DeliveryResult.Outcome.RETRY_LATER.wireName()).isEqualTo("retry_later");
    }

    @Test
    @DisplayName("results need a reason, and a retry delay cannot be negative")
    void results() {
        assertThatThrownBy(() -> DeliveryResult.delivered(" ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> DeliveryResult.retryLater("x", java.time.Duration.ofSeconds(-1)))
                .hasMessageContaining("retryAfter");
        assertThat(DeliveryResult.failed("bad number").outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
    }

    @Test
    @DisplayName("the no-op channel accepts everything")
    void noop() {
        var channel = NotificationChannel.noop("pager");
        assertThat(channel.deliver(Samples.notification("a", "pager")).isDelivered()).isTrue();
        assertThatThrownBy(() -> channel.deliver(null)).isInstanceOf(NullPointerException.class);
    }
}
