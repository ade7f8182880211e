package com.nexussaude.monitor.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OperationOutcomesTest {

    @Test
    void rejectionsAreErrorsAndIgnoredItemsInformationEachWithItsExpression() {
        String unknownUnit = MalformedResourcesTest.obs("{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}",
                ",\"valueQuantity\":{\"value\":0.97,\"system\":\"http://unitsofmeasure.org\",\"code\":\"1\"}");
        ParseResult r = FhirObservations.parse(MalformedResourcesTest.bundle(unknownUnit, MalformedResourcesTest.HR,
                MalformedResourcesTest.HR.replace("\"final\"", "\"cancelled\"")));
        JsonNode outcome = OperationOutcomes.of(r);
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.at("/issue/0/severity").asText()).isEqualTo("error");
        assertThat(outcome.at("/issue/0/expression/0").asText()).isEqualTo("Bundle.entry[0].resource.valueQuantity.code");
        assertThat(outcome.at("/issue/0/diagnostics").asText()).startsWith("unit '1' is not a unit this module reads");
        assertThat(outcome.at("/issue/1/severity").asText()).isEqualTo("information");
        assertThat(outcome.at("/issue/1/diagnostics").asText()).isEqualTo("ignored (LOINC 8867-4): status cancelled");
        assertThat(outcome.at("/issue/2/diagnostics").asText()).isEqualTo("1 observation(s) accepted from 1 vital-sign value(s)");
        assertThat(outcome.get("issue")).hasSize(3);
        assertThat(OperationOutcomes.isClean(r)).isFalse();
    }

    @Test
    void invalidJsonIsAStructureError() {
        JsonNode outcome = OperationOutcomes.of(FhirObservations.parse("{"));
        assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("structure");
        assertThat(outcome.at("/issue/0/expression").isMissingNode()).isTrue();
    }
}
