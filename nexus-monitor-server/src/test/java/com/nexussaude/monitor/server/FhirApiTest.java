package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FHIR R4 in through the service: POST /fhir/Observation and POST /fhir, answered with OperationOutcomes. */
class FhirApiTest {
    @TempDir
    Path dir;

    /** A vital-signs heart-rate Observation (LOINC 8867-4) of {@code patient} at {@code at}. */
    static String heartRate(String patient, Instant at, String value) {
        return """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"beats/minute","system":"http://unitsofmeasure.org","code":"/min"}}
                """.formatted(patient, at.truncatedTo(ChronoUnit.SECONDS), value);
    }

    @Test
    void anObservationIsMonitoredAndABadOneIsNamedInTheOutcome() {
        try (TestServer t = new TestServer(dir)) {
            Instant now = Instant.now();
            HttpResponse<String> ok = t.post("/fhir/Observation", TestServer.INTEGRATOR, heartRate("fhir-1", now, "132"));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/fhir+json"));
            assertThat(TestServer.json(ok).get("resourceType").asText()).isEqualTo("OperationOutcome");
            JsonNode latest = TestServer.json(t.get("/vital-signs/fhir-1", TestServer.VIEWER));
            assertThat(latest.toString()).contains("132");

            // A bad unit is rejected with the element's path; a Bundle with one good and one bad entry
            // monitors the good one and answers 422.
            String bundle = """
                    {"resourceType":"Bundle","type":"collection","entry":[{"resource":%s},{"resource":%s}]}
                    """.formatted(heartRate("fhir-2", now, "88"), heartRate("fhir-3", now, "88")
                    .replace("\"code\":\"/min\"", "\"code\":\"kg\""));
            HttpResponse<String> partly = t.post("/fhir", TestServer.INTEGRATOR, bundle);
            assertThat(partly.statusCode()).as(partly.body()).isEqualTo(422);
            JsonNode issues = TestServer.json(partly).get("issue");
            assertThat(issues.toString()).contains("error").contains("entry[1]");
            assertThat(TestServer.json(t.get("/vital-signs/fhir-2", TestServer.VIEWER)).toString()).contains("88");

            // A Bundle posted where an Observation is expected is refused as such.
            HttpResponse<String> wrong = t.post("/fhir/Observation", TestServer.INTEGRATOR, bundle);
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("takes an Observation resource, but was Bundle");

            // Only integrators post vitals.
            assertThat(t.post("/fhir/Observation", TestServer.VIEWER, heartRate("fhir-1", now, "90")).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void theSpecificationsExampleIsRefusedAsLateByALiveService() throws Exception {
        Path example = Path.of(System.getProperty("user.dir"))
                .resolve("../../shared/data/interop/fhir-r4/r4spec-observation-example-heart-rate.json").normalize();
        if (!Files.exists(example)) {
            example = Path.of(System.getProperty("user.dir")).resolve("../shared/data/interop/fhir-r4/r4spec-observation-example-heart-rate.json").normalize();
        }
        assumeTrue(Files.exists(example), "../shared/data/interop is absent: skipping the FHIR specification example");
        try (TestServer t = new TestServer(dir)) {
            // Its effectiveDateTime is 1999-07-02: read correctly, then refused by the live clock as late.
            HttpResponse<String> r = t.post("/fhir/Observation", TestServer.INTEGRATOR, Files.readString(example));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(r.body()).contains("refused by the monitor").contains("1999-07-02");
        }
    }
}
