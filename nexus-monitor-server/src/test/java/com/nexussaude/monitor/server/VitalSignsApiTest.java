package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /vital-signs, latest values with NEWS2, and the retained history, over real HTTP. */
class VitalSignsApiTest {
    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void oneObservationIsAcceptedAndItsLatestValuesAndNews2AreServed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> r = t.post("/vital-signs", INTEGRATOR, obs("bed-1", now,
                "\"heart_rate\":88,\"blood_pressure_systolic\":120,\"blood_pressure_diastolic\":80,\"temperature\":37.0,"
                        + "\"oxygen_saturation\":97,\"respiratory_rate\":16,\"consciousness\":\"A\",\"supplemental_oxygen\":false"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("accepted").asInt()).isEqualTo(1);

        JsonNode v = json(t.get("/vital-signs/bed-1", VIEWER));
        assertThat(v.at("/latest/heart_rate/value").asDouble()).isEqualTo(88);
        assertThat(v.at("/latest/oxygen_saturation/at").asText()).isEqualTo(now.toString());
        assertThat(v.at("/latest/consciousness/value").asText()).isEqualTo("A");
        assertThat(v.at("/news2/total").asInt()).isZero();
        assertThat(v.at("/news2/partial").asBoolean()).isFalse();
        assertThat(t.get("/vital-signs/bed-unknown", VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void aBatchWithBadItemsNamesEachItemFieldAndValueAndAcceptsTheValidOnes() {
        Instant now = Instant.now();
        String batch = "[" + obs("bed-2", now, "\"heart_rate\":80") + ","
                + obs("bed-2", now, "\"heart_rate\":\"fast\"") + ","
                + obs("bed-2", now, "\"heart_rate\":412") + ","
                + obs("bed-2", now.plusMillis(1), "\"respiratory_rate\":18,\"heart_rte\":90") + ","
                + "{\"heart_rate\":70}]";
        HttpResponse<String> r = t.post("/vital-signs", INTEGRATOR, batch);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("accepted").asInt()).isEqualTo(2);
        assertThat(p.get("rejected").asInt()).isEqualTo(3);
        JsonNode e = p.get("errors");
        assertThat(e.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(e.get(0).get("field").asText()).isEqualTo("heart_rate");
        assertThat(e.get(0).get("value").asText()).isEqualTo("fast");
        assertThat(e.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(e.get(1).get("field").asText()).isEqualTo("heart_rate");
        assertThat(e.get(1).get("value").asText()).isEqualTo("412");
        assertThat(e.get(1).get("detail").asText()).contains("0..300");
        assertThat(e.get(2).get("index").asInt()).isEqualTo(4);
        assertThat(e.get(2).get("field").asText()).isEqualTo("patient_id");
        assertThat(p.at("/unknown_fields/0/index").asInt()).isEqualTo(3);
        assertThat(p.at("/unknown_fields/0/field").asText()).isEqualTo("heart_rte");
        // The valid items went in.
        JsonNode v = json(t.get("/vital-signs/bed-2", VIEWER));
        assertThat(v.at("/latest/heart_rate/value").asDouble()).isEqualTo(80);
        assertThat(v.at("/latest/respiratory_rate/value").asDouble()).isEqualTo(18);
    }

    @Test
    void malformedJsonAndEmptyBatchesAre400WithWhere() {
        HttpResponse<String> r = t.post("/vital-signs", INTEGRATOR, "{\"patient_id\": \"x\",");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).contains("not valid JSON").contains("line 1");
        assertThat(t.post("/vital-signs", INTEGRATOR, "[]").statusCode()).isEqualTo(400);
        assertThat(t.post("/vital-signs", INTEGRATOR, "42").statusCode()).isEqualTo(400);
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKeyAndControlCharactersInIdsAreRejected() {
        Instant now = Instant.now();
        HttpResponse<String> dup = t.post("/vital-signs", INTEGRATOR,
                "{\"patient_id\":\"bed-9\",\"timestamp\":\"" + now + "\",\"heart_rate\":80,\"heart_rate\":300}");
        assertThat(dup.statusCode()).as(dup.body()).isEqualTo(400);
        assertThat(json(dup).get("detail").asText()).contains("Duplicate field 'heart_rate'");

        HttpResponse<String> forged = t.post("/vital-signs", INTEGRATOR, obs("bed-9\\nERROR forged", now, "\"heart_rate\":80"));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(422);
        assertThat(forged.body()).contains("control character U+000A");
    }

    @Test
    void aRetriedBatchWithTheSameIdempotencyKeyIsHarmless() {
        Instant now = Instant.now();
        String batch = "[" + obs("bed-3", now, "\"heart_rate\":81") + "," + obs("bed-3", now.plusMillis(5), "\"heart_rate\":82") + "]";
        HttpResponse<String> first = t.post("/vital-signs", INTEGRATOR, batch, "Idempotency-Key", "batch-0001");
        HttpResponse<String> retry = t.post("/vital-signs", INTEGRATOR, batch, "Idempotency-Key", "batch-0001");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode m = json(t.get("/system/metrics", VIEWER));
        assertThat(m.at("/engine/observations_accepted").asLong()).isEqualTo(2);
        assertThat(m.at("/http/idempotent_replays").asLong()).isEqualTo(1);

        HttpResponse<String> other = t.post("/vital-signs", INTEGRATOR, "[" + obs("bed-3", now, "\"heart_rate\":99") + "]",
                "Idempotency-Key", "batch-0001");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).get("detail").asText()).contains("batch-0001").contains("different body");
    }

    @Test
    void historyServesEveryRetainedReadingAndPerMinuteMedians() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder batch = new StringBuilder("[");
        for (int s = 20; s >= 0; s--) {
            batch.append(s == 20 ? "" : ",").append(obs("bed-4", now.minusSeconds(s), "\"heart_rate\":" + (70 + s)));
        }
        batch.append(']');
        assertThat(t.post("/vital-signs", INTEGRATOR, batch.toString()).statusCode()).isEqualTo(202);
        String range = "from=" + now.minusSeconds(60) + "&to=" + now.plusSeconds(1);
        JsonNode raw = json(t.get("/vital-signs/bed-4/history?" + range + "&resolution=raw", VIEWER));
        assertThat(raw.at("/vitals/heart_rate")).hasSize(21);
        assertThat(raw.at("/vitals/heart_rate/0/v").asDouble()).isEqualTo(90);
        assertThat(raw.at("/vitals/heart_rate/20/v").asDouble()).isEqualTo(70);
        JsonNode minute = json(t.get("/vital-signs/bed-4/history?" + range + "&resolution=minute", VIEWER));
        double sum = 0;
        for (JsonNode p : minute.at("/vitals/heart_rate")) {
            assertThat(p.get("resolution").asText()).isEqualTo("minute");
            sum += 1;
        }
        assertThat(sum).isBetween(1.0, 2.0);
        HttpResponse<String> bad = t.get("/vital-signs/bed-4/history?resolution=hourly", VIEWER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asText()).contains("hourly");
    }
}
