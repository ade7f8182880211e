package com.nexussaude.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrivacyPolicyTest {

    @Test
    @DisplayName("minimum necessary keeps patient id and bed and drops the name")
    void minimumNecessary() {
        Notification n = PrivacyPolicy.minimumNecessary().apply(Samples.notification("a", "sms"));
        assertThat(n.patientName()).isNull();
        assertThat(n.patientId()).isEqualTo("patient-0042");
        assertThat(n.bed()).isEqualTo("bed-12");
        assertThat(n.ward()).isEqualTo("ward-3");
        assertThat(n.message()).isNotEmpty();
        assertThat(n.idempotencyKey()).isEqualTo(Samples.notification("a", "sms").idempotencyKey());
    }

    @Test
    @DisplayName("a chosen field set drops everything else")
    void chosenFields() {
        Notification n = PrivacyPolicy.of(NotificationField.BED).apply(Samples.notification("a", "sms"));
        assertThat(n.bed()).isEqualTo("bed-12");
        assertThat(n.patientId()).isEqualTo("-");
        assertThat(n.ward()).isNull();
        assertThat(n.message()).isEmpty();
        assertThat(n.evidence()).isEmpty();
        assertThat(PrivacyPolicy.all().apply(Samples.notification("a", "sms")).patientName()).isEqualTo("Maria Silva");
    }

    @Test
    @DisplayName("field lists parse from configuration text and unknown names are named")
    void parse() {
        assertThat(PrivacyPolicy.parse(" patient_id, BED ,,message").fields())
                .containsExactlyInAnyOrder(NotificationField.PATIENT_ID, NotificationField.BED, NotificationField.MESSAGE);
        assertThatThrownBy(() -> PrivacyPolicy.parse("patient_id,address"))
                .hasMessageContaining("'address'").hasMessageContaining("patient_name");
        assertThat(PrivacyPolicy.parse("bed")).isEqualTo(PrivacyPolicy.of(NotificationField.BED));
    }
}
