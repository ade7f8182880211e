package com.nexussaude.monitor.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each class of bad input gets a rejection naming the element, and the valid rest still comes out. */
class MalformedResourcesTest {

    static String obs(String code, String quantity) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[" + code + "]},"
                + "\"subject\":{\"reference\":\"Patient/bed-3\"},\"effectiveDateTime\":\"2026-01-01T08:00:00Z\"" + quantity + "}";
    }

    static final String HR = obs("{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}",
            ",\"valueQuantity\":{\"value\":72,\"unit\":\"beats/minute\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}");
    static final Observation VALID_HR = Observation.builder("bed-3", Instant.parse("2026-01-01T08:00:00Z")).heartRate(72).build();

    static String bundle(String... resources) {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < resources.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"resource\":").append(resources[i]).append('}');
        }
        return b.append("]}").toString();
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        ParseResult r = FhirObservations.parse("{\"resourceType\": \"Observation\",\n \"status\": }");
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.where()).isEqualTo("$");
            assertThat(x.message()).startsWith("invalid JSON at line 2, column 12");
        });
    }

    @Test
    void otherResourceTypesAreRefusedAtTheTopAndIgnoredInABundle() {
        assertThat(FhirObservations.parse("{\"resourceType\":\"Patient\"}").rejections()).singleElement()
                .hasToString("resourceType: 'Patient' is not Observation or Bundle");
        ParseResult r = FhirObservations.parse(bundle("{\"resourceType\":\"Patient\",\"id\":\"bed-3\"}", HR));
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.ignored()).singleElement().hasToString("Bundle.entry[0].resource Patient: ignored, not an Observation");
    }

    @Test
    void anUnknownCodeSystemIsRejectedAndTheValidEntryStillFlows() {
        String local = obs("{\"system\":\"http://acme.org/codes\",\"code\":\"HR\"}",
                ",\"valueQuantity\":{\"value\":80,\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}");
        ParseResult r = FhirObservations.parse(bundle(local, HR));
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.rejections()).singleElement().hasToString("Bundle.entry[0].resource.code: codes http://acme.org/codes HR"
                + " are in no code system this module reads (http://loinc.org, urn:iso:std:iso:11073:10101)");
    }

    @Test
    void anUnknownUnitIsRejectedNamingValueQuantityCode() {
        String spo2 = obs("{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}",
                ",\"valueQuantity\":{\"value\":0.97,\"system\":\"http://unitsofmeasure.org\",\"code\":\"1\"}");
        ParseResult r = FhirObservations.parse(bundle(spo2, HR));
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.rejections()).singleElement().hasToString("Bundle.entry[0].resource.valueQuantity.code: unit '1'"
                + " is not a unit this module reads for spo2 (LOINC 2708-6), which is in %");
    }

    @Test
    void aUnitOfTheWrongDimensionIsRejected() {
        String temp = obs("{\"system\":\"http://loinc.org\",\"code\":\"8310-5\"}",
                ",\"valueQuantity\":{\"value\":37,\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}");
        assertThat(FhirObservations.parse(temp).rejections()).singleElement().hasToString(
                "Observation.valueQuantity.code: unit mmHg cannot be converted to °C for temperature (LOINC 8310-5), which is in °C");
    }

    @Test
    void aDisplayUnitWithoutACodeIsRejected() {
        String hr = obs("{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}", ",\"valueQuantity\":{\"value\":72,\"unit\":\"bpm\"}");
        assertThat(FhirObservations.parse(hr).rejections()).singleElement().hasToString(
                "Observation.valueQuantity.code: missing; the unit must be coded (UCUM /min), the display unit 'bpm' is not read");
    }

    @Test
    void fahrenheitAndKilopascalAreConverted() {
        String temp = obs("{\"system\":\"http://loinc.org\",\"code\":\"8310-5\"}",
                ",\"valueQuantity\":{\"value\":98.6,\"system\":\"http://unitsofmeasure.org\",\"code\":\"[degF]\"}");
        String bp = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},"
                + "\"subject\":{\"reference\":\"Patient/bed-3\"},\"effectiveDateTime\":\"2026-01-01T08:00:00Z\",\"component\":["
                + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":16,\"system\":\"http://unitsofmeasure.org\",\"code\":\"kPa\"}},"
                + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":80,\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}]}";
        ParseResult r = FhirObservations.parse(bundle(temp, bp));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.observations()).containsExactly(Observation.builder("bed-3", Instant.parse("2026-01-01T08:00:00Z"))
                .temperature(37.0).bloodPressure(120.01, 80).build());
    }

    @Test
    void missingSubjectEffectiveAndValueAreEachNamed() {
        String noSubject = HR.replace("\"subject\":{\"reference\":\"Patient/bed-3\"},", "");
        String noTime = HR.replace(",\"effectiveDateTime\":\"2026-01-01T08:00:00Z\"", "");
        String noValue = obs("{\"system\":\"http://loinc.org\",\"code\":\"9279-1\"}", "");
        String textValue = obs("{\"system\":\"http://loinc.org\",\"code\":\"9279-1\"}",
                ",\"valueQuantity\":{\"value\":\"18\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}");
        String localTime = HR.replace("2026-01-01T08:00:00Z", "2026-01-01T08:00:00");
        ParseResult r = FhirObservations.parse(bundle(noSubject, noTime, noValue, textValue, localTime, HR));
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.rejections()).extracting(Rejection::toString).containsExactly(
                "Bundle.entry[0].resource.subject: missing; the observation cannot be attributed to a patient",
                "Bundle.entry[1].resource.effective[x]: missing; the vital-signs profile requires when it was measured",
                "Bundle.entry[2].resource.valueQuantity: missing; respiratory rate (LOINC 9279-1) needs a value, or a dataAbsentReason saying why there is none",
                "Bundle.entry[3].resource.valueQuantity.value: '18' is not a number; respiratory rate (LOINC 9279-1) needs one",
                "Bundle.entry[4].resource.effectiveDateTime: '2026-01-01T08:00:00' is not a date (YYYY-MM-DD) or a date-time with a time zone");
    }

    @Test
    void anUnknownStatusIsRejectedAndUnusableOnesIgnored() {
        ParseResult r = FhirObservations.parse(bundle(HR.replace("\"final\"", "\"done\""), HR.replace("\"final\"", "\"registered\"")));
        assertThat(r.rejections()).singleElement().hasToString("Bundle.entry[0].resource.status: 'done' is not an R4 observation-status code");
        assertThat(r.ignored()).singleElement().hasToString("Bundle.entry[1].resource LOINC 8867-4: ignored, status registered");
    }

    @Test
    void xmlWithADoctypeIsRefused() {
        ParseResult r = FhirObservations.parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Observation xmlns=\"http://hl7.org/fhir\"><status value=\"&e;\"/></Observation>");
        assertThat(r.rejections()).singleElement().satisfies(x -> assertThat(x.message()).startsWith("invalid XML: "));
    }
}
