package com.nexussaude.monitor.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts of a real monitor come out as FHIR Flags, updated in place by alert id. */
class FhirAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRaisedAlertIsAnActiveFlagAndItsResolutionTheSameFlagInactive() throws Exception {
        List<String[]> pushed = new ArrayList<>();
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        String alertId;
        try (VitalMonitor monitor = VitalMonitor.builder().clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run)
                .listener(FhirAlerts.listener((id, json) -> pushed.add(new String[] {id, json})))
                .build()) {
            monitor.register(PatientContext.of("bed-12").withWard("cardiology"));
            // SpO2 92 % for 40 s: medium after the SpO2 alarm delay (30 s since 0.2; this was 20 s of 91 % with 15 s).
            for (int s = 0; s < 40; s++) {
                monitor.submit(Observation.builder("bed-12", t.plusSeconds(s)).heartRate(88).spo2(92).build());
            }
            assertThat(pushed).isNotEmpty();
            alertId = pushed.get(0)[0];
            JsonNode raised = JSON.readTree(pushed.get(0)[1]);
            assertThat(raised.get("resourceType").asText()).isEqualTo("Flag");
            assertThat(raised.get("id").asText()).isEqualTo(alertId);
            assertThat(raised.get("status").asText()).isEqualTo("active");
            assertThat(raised.at("/subject/reference").asText()).isEqualTo("Patient/bed-12");
            assertThat(raised.at("/identifier/0/value").asText()).isEqualTo(alertId);
            assertThat(raised.at("/category/0/coding/0/code").asText()).isEqualTo("clinical");
            assertThat(raised.at("/category/0/coding/1/code").asText()).isEqualTo("physiological");
            assertThat(raised.at("/code/coding/0/code").asText()).isEqualTo("threshold/SPO2");
            assertThat(raised.at("/code/text").asText()).contains("SpO2");
            assertThat(raised.at("/extension/0/url").asText()).isEqualTo("http://hl7.org/fhir/StructureDefinition/flag-priority");
            assertThat(raised.at("/extension/0/valueCodeableConcept/coding/0/code").asText()).isEqualTo("PM");
            assertThat(raised.at("/extension/1/valueCode").asText()).isEqualTo("medium");
            assertThat(raised.at("/period/start").asText()).isNotEmpty();
            assertThat(raised.at("/period/end").isMissingNode()).isTrue();

            monitor.resolve(alertId, "nurse-1", "checked probe");
        }
        String[] last = pushed.get(pushed.size() - 1);
        assertThat(last[0]).isEqualTo(alertId);
        JsonNode resolved = JSON.readTree(last[1]);
        assertThat(resolved.get("status").asText()).isEqualTo("inactive");
        assertThat(resolved.at("/period/end").asText()).isNotEmpty();
    }

    @Test
    void aTechnicalAlertIsNeverCategorisedClinical() throws Exception {
        Alert stale = alert("bed-4", Severity.HIGH, Category.TECHNICAL);
        JsonNode flag = JSON.readTree(FhirAlerts.flagJson(stale));
        assertThat(flag.at("/category/0/coding")).hasSize(1);
        assertThat(flag.at("/category/0/coding/0/system").asText()).isEqualTo(FhirAlerts.CATEGORY_SYSTEM);
        assertThat(flag.at("/category/0/coding/0/code").asText()).isEqualTo("technical");
        assertThat(flag.at("/category/0/text").asText()).contains("not a clinical finding");
        assertThat(flag.at("/extension/0/valueCodeableConcept/coding/0/code").asText()).isEqualTo("PH");
    }

    @Test
    void severitiesMapToTheFlagPriorities() {
        assertThat(FhirAlerts.priorityCode(Severity.LOW)).isEqualTo("PL");
        assertThat(FhirAlerts.priorityCode(Severity.MEDIUM)).isEqualTo("PM");
        assertThat(FhirAlerts.priorityCode(Severity.HIGH)).isEqualTo("PH");
        assertThat(FhirAlerts.priorityCode(Severity.CRITICAL)).isEqualTo("PH");
    }

    @Test
    void aPatientIdThatIsNotAFhirIdBecomesAnIdentifier() throws Exception {
        JsonNode flag = JSON.readTree(FhirAlerts.flagJson(alert("MRN 0042/7", Severity.CRITICAL, Category.PHYSIOLOGICAL)));
        assertThat(flag.at("/subject/reference").isMissingNode()).isTrue();
        assertThat(flag.at("/subject/identifier/system").asText()).isEqualTo(FhirAlerts.PATIENT_ID_SYSTEM);
        assertThat(flag.at("/subject/identifier/value").asText()).isEqualTo("MRN 0042/7");
    }

    private static Alert alert(String patient, Severity severity, Category category) {
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        return new Alert("alert-000007", patient, "technical", "stale", severity, category, "no data for 60 s",
                Map.of(), AlertState.OPEN, t, t, 1, null, null, "incident-1", null, null, null, null);
    }
}
