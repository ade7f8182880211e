package com.nexussaude.monitor.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated JSON and XML (seeded, so every run is the same) never make the reader throw. */
class FhirObservationsFuzzTest {
    private static final String JSON_SEED = MalformedResourcesTest.bundle(MalformedResourcesTest.HR,
            "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},"
                    + "\"subject\":{\"reference\":\"Patient/bed-3\"},\"effectivePeriod\":{\"start\":\"2026-01-01\"},\"component\":["
                    + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":16,\"system\":\"http://unitsofmeasure.org\",\"code\":\"kPa\"}},"
                    + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"dataAbsentReason\":{\"coding\":[{\"code\":\"error\"}]}}]}");
    private static final String XML_SEED = "<Observation xmlns=\"http://hl7.org/fhir\"><status value=\"final\"/><code><coding>"
            + "<system value=\"http://loinc.org\"/><code value=\"8867-4\"/></coding></code><subject><reference value=\"Patient/p\"/></subject>"
            + "<effectiveDateTime value=\"2026-01-01T08:00:00Z\"/><valueQuantity><value value=\"72\"/>"
            + "<system value=\"http://unitsofmeasure.org\"/><code value=\"/min\"/></valueQuantity></Observation>";
    private static final char[] INTERESTING = {'"', '{', '}', '[', ']', ',', ':', '<', '>', '/', '0', '-', ' ', '\u0000'};

    @Test
    void mutatedResourcesAlwaysYieldAResult() {
        Random random = new Random(20_2026);
        int clean = 0;
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            ParseResult r = FhirObservations.parse(mutate(i % 2 == 0 ? JSON_SEED : XML_SEED, random));
            assertThat(r).isNotNull();
            if (r.rejections().isEmpty()) {
                clean++;
            } else {
                rejected++;
                assertThat(r.rejections()).allSatisfy(x -> assertThat(x.message()).isNotBlank());
            }
        }
        assertThat(clean).isPositive();
        assertThat(rejected).isPositive();
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> b.setCharAt(at, (char) (0x20 + random.nextInt(0x60)));
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
