package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.ADMIN;
import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert endpoints over real HTTP: lifecycle, filters, paging, timelines, incidents, silences, patients. */
class AlertsApiTest {
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

    /** SpO2 80 % is outside the critical band (85): the threshold pack alerts at once. */
    JsonNode hypoxicAlert(String patient) {
        Instant now = Instant.now();
        assertThat(t.post("/vital-signs", INTEGRATOR, "[" + obs(patient, now.minusSeconds(1), "\"oxygen_saturation\":80")
                + "," + obs(patient, now, "\"oxygen_saturation\":80") + "]").statusCode()).isEqualTo(202);
        JsonNode items = json(t.get("/alerts/patient/" + patient + "?rule=threshold", VIEWER)).get("items");
        assertThat(items).as("threshold alert of " + patient).hasSize(1);
        return items.get(0);
    }

    String raiseManual(String patient, String severity) {
        HttpResponse<String> r = t.post("/alerts", CLINICIAN, "{\"patient_id\":\"" + patient + "\",\"severity\":\""
                + severity + "\",\"message\":\"looks unwell\",\"reason\":\"nurse concern\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("alert_id").asText();
    }

    @Test
    void anAlertRaisedByVitalsIsListedAcknowledgedIdempotentlyResolvedAndStillReadableWithItsTimeline() {
        assertThat(t.put("/patients/bed-7", INTEGRATOR, "{\"ward\":\"icu\",\"bed\":\"7\"}").statusCode()).isEqualTo(201);
        JsonNode a = hypoxicAlert("bed-7");
        String id = a.get("alert_id").asText();
        assertThat(a.get("severity").asText()).isEqualTo("critical");
        assertThat(a.get("key").asText()).isEqualTo("SPO2");
        assertThat(a.get("ward").asText()).isEqualTo("icu");
        assertThat(a.get("state").asText()).isEqualTo("open");

        HttpResponse<String> ack = t.put("/alerts/" + id + "/acknowledge", CLINICIAN, "{\"reason\":\"at bedside\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).at("/acknowledgement/actor").asText()).isEqualTo("nurse.ana");
        HttpResponse<String> again = t.put("/alerts/" + id + "/acknowledge", CLINICIAN, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("state").asText()).isEqualTo("acknowledged");
        assertThat(again.headers().firstValue("Already-Acknowledged")).contains("true");
        assertThat(ack.headers().firstValue("Already-Acknowledged")).isEmpty();
        // The actor is the token's subject: a client field cannot set it.
        HttpResponse<String> spoof = t.put("/alerts/" + id + "/resolve", CLINICIAN, "{\"actor\":\"dr.house\"}");
        assertThat(spoof.statusCode()).isEqualTo(400);
        assertThat(json(spoof).get("detail").asText()).contains("actor");

        HttpResponse<String> res = t.put("/alerts/" + id + "/resolve", CLINICIAN, "{\"reason\":\"probe re-sited\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(json(res).get("state").asText()).isEqualTo("resolved");
        assertThat(t.put("/alerts/" + id + "/resolve", CLINICIAN, null).statusCode()).isEqualTo(409);
        assertThat(t.put("/alerts/" + id + "/acknowledge", CLINICIAN, null).statusCode()).isEqualTo(409);

        JsonNode resolved = json(t.get("/alerts/" + id, VIEWER));
        assertThat(resolved.get("state").asText()).isEqualTo("resolved");
        assertThat(resolved.get("resolution").asText()).isEqualTo("manual");
        assertThat(json(t.get("/alerts?patient=bed-7", VIEWER)).get("items")).isEmpty();
        assertThat(json(t.get("/alerts?patient=bed-7&state=resolved", VIEWER)).get("items")).hasSize(1);

        JsonNode timeline = json(t.get("/alerts/" + id + "/timeline", VIEWER)).get("records");
        List<String> types = new ArrayList<>();
        timeline.forEach(r -> types.add(r.get("type").asText()));
        assertThat(types).contains("alert.raised", "alert.acknowledged", "alert.resolved");
        JsonNode ackRecord = null;
        for (JsonNode r : timeline) {
            if (r.get("type").asText().equals("alert.acknowledged")) {
                ackRecord = r;
            }
        }
        assertThat(ackRecord.get("actor").asText()).isEqualTo("nurse.ana");
        assertThat(ackRecord.get("reason").asText()).isEqualTo("at bedside");
        assertThat(t.get("/alerts/alert-999999", VIEWER).statusCode()).isEqualTo(404);
        assertThat(t.put("/alerts/alert-999999/acknowledge", CLINICIAN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void filtersAndCursorPagingWalkEveryAlertOnceNewestFirst() {
        t.put("/patients/bed-20", INTEGRATOR, "{\"ward\":\"cardiology\"}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(raiseManual("bed-2" + i, i % 2 == 0 ? "high" : "low"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(t.get("/alerts?rule=manual&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), VIEWER));
            page.get("items").forEach(a -> seen.add(a.get("alert_id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);

        assertThat(json(t.get("/alerts?severity=high", VIEWER)).get("items")).hasSize(3);
        assertThat(json(t.get("/alerts?severity=low,high", VIEWER)).get("items")).hasSize(5);
        assertThat(json(t.get("/alerts?ward=cardiology", VIEWER)).get("items")).hasSize(1);
        assertThat(json(t.get("/alerts?category=technical", VIEWER)).get("items")).isEmpty();
        assertThat(json(t.get("/alerts?since=" + Instant.now().plusSeconds(60), VIEWER)).get("items")).isEmpty();
        assertThat(json(t.get("/alerts?until=" + Instant.now().plusSeconds(60), VIEWER)).get("items")).hasSize(5);
        HttpResponse<String> bad = t.get("/alerts?severity=urgent", VIEWER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asText()).contains("urgent");
        assertThat(t.get("/alerts?limit=0", VIEWER).statusCode()).isEqualTo(400);
        HttpResponse<String> typo = t.get("/alerts?severty=high", VIEWER);
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(json(typo).get("unknown_parameters").get(0).asText()).isEqualTo("severty");
        assertThat(t.get("/alerts/patient/bed-20?patient=bed-21", VIEWER).statusCode()).isEqualTo(400);
        assertThat(t.get("/alerts?state=sleeping", VIEWER).statusCode()).isEqualTo(400);
    }

    @Test
    void aManualAlertCarriesWhoAndWhyAndNeedsAReason() {
        String id = raiseManual("bed-30", "high");
        JsonNode a = json(t.get("/alerts/" + id, VIEWER));
        assertThat(a.get("rule").asText()).isEqualTo("manual");
        assertThat(a.at("/evidence/raised_by").asText()).isEqualTo("nurse.ana");
        JsonNode raised = json(t.get("/alerts/" + id + "/timeline", VIEWER)).at("/records/0");
        assertThat(raised.get("type").asText()).isEqualTo("alert.raised");
        assertThat(raised.get("actor").asText()).isEqualTo("nurse.ana");
        assertThat(raised.get("reason").asText()).isEqualTo("nurse concern");
        HttpResponse<String> noReason = t.post("/alerts", CLINICIAN,
                "{\"patient_id\":\"bed-30\",\"severity\":\"high\",\"message\":\"x\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json(noReason).get("detail").asText()).isEqualTo("reason is required");
    }

    @Test
    void incidentsGroupAPatientsAlertsAndAreAcknowledgedTogether() {
        JsonNode a = hypoxicAlert("bed-40");
        String manual = raiseManual("bed-40", "medium");
        JsonNode incidents = json(t.get("/incidents?patient=bed-40", VIEWER)).get("items");
        assertThat(incidents).hasSize(1);
        String incident = incidents.get(0).get("incident_id").asText();
        assertThat(incidents.get(0).get("active_alert_ids")).hasSize(2);
        assertThat(a.get("incident_id").asText()).isEqualTo(incident);
        HttpResponse<String> ack = t.put("/incidents/" + incident + "/acknowledge", CLINICIAN, "{\"reason\":\"on it\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).get("acknowledged")).hasSize(2);
        assertThat(json(t.get("/alerts/" + manual, VIEWER)).get("state").asText()).isEqualTo("acknowledged");
        assertThat(json(t.get("/incidents/" + incident, VIEWER)).get("state").asText()).isEqualTo("acknowledged");
        JsonNode timeline = json(t.get("/incidents/" + incident + "/timeline", VIEWER)).get("records");
        List<String> types = new ArrayList<>();
        timeline.forEach(r -> types.add(r.get("type").asText()));
        assertThat(types).contains("incident.opened", "alert.raised", "alert.acknowledged");
        assertThat(t.put("/incidents/incident-999999/acknowledge", CLINICIAN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aSilencePreviewsWhatItWouldMatchAndIsListedAndExpired() {
        hypoxicAlert("bed-50");
        raiseManual("bed-51", "high");
        String body = "{\"patient_id\":\"bed-50\",\"duration_minutes\":30,\"comment\":\"in transport\"}";
        JsonNode preview = json(t.post("/silences/preview", CLINICIAN, body));
        assertThat(preview.get("would_match")).hasSize(1);
        assertThat(preview.at("/would_match/0/patient_id").asText()).isEqualTo("bed-50");
        assertThat(json(t.get("/silences", VIEWER)).get("items")).isEmpty();

        HttpResponse<String> created = t.post("/silences", CLINICIAN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String sid = json(created).get("silence_id").asText();
        assertThat(json(created).get("created_by").asText()).isEqualTo("nurse.ana");
        JsonNode listed = json(t.get("/silences", VIEWER)).get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("state").asText()).isEqualTo("active");
        JsonNode alert = json(t.get("/alerts/patient/bed-50", VIEWER)).at("/items/0");
        assertThat(alert.at("/suppression/kind").asText()).isEqualTo("silence");

        assertThat(t.send("DELETE", "/silences/" + sid, CLINICIAN, null).statusCode()).isEqualTo(204);
        assertThat(json(t.get("/silences", VIEWER)).get("items")).isEmpty();
        assertThat(t.send("DELETE", "/silences/" + sid, CLINICIAN, null).statusCode()).isEqualTo(404);

        HttpResponse<String> noEnd = t.post("/silences", CLINICIAN, "{\"patient_id\":\"bed-50\",\"comment\":\"x\"}");
        assertThat(noEnd.statusCode()).isEqualTo(400);
        assertThat(json(noEnd).get("detail").asText()).contains("ends_at");
        HttpResponse<String> unknown = t.post("/silences", CLINICIAN,
                "{\"patient\":\"bed-50\",\"duration_minutes\":5,\"comment\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("unknown_fields").get(0).asText()).isEqualTo("patient");
    }

    @Test
    void patientsAreRegisteredWithScaleAndBandsByAnAdminAndDischargeResolvesTheirAlerts() {
        String bands = "{\"ward\":\"resp\",\"spo2_scale\":2,\"bands\":{\"heart_rate\":{\"normal\":[50,110],"
                + "\"warning\":[45,130],\"critical\":[40,150]}}}";
        HttpResponse<String> byIntegrator = t.put("/patients/bed-60", INTEGRATOR, bands);
        assertThat(byIntegrator.statusCode()).isEqualTo(403);
        HttpResponse<String> byAdmin = t.put("/patients/bed-60", ADMIN, bands);
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        JsonNode p = json(t.get("/patients/bed-60", VIEWER));
        assertThat(p.get("spo2_scale").asInt()).isEqualTo(2);
        assertThat(p.at("/bands/heart_rate/normal/1").asDouble()).isEqualTo(110);
        HttpResponse<String> badBands = t.put("/patients/bed-61", ADMIN,
                "{\"bands\":{\"heart_rate\":{\"normal\":[50,110],\"warning\":[60,130],\"critical\":[40,150]}}}");
        assertThat(badBands.statusCode()).isEqualTo(400);
        assertThat(json(badBands).get("detail").asText()).contains("bands.heart_rate");

        String id = raiseManual("bed-60", "high");
        assertThat(t.post("/patients/bed-60/discharge", INTEGRATOR, null).statusCode()).isEqualTo(204);
        JsonNode a = json(t.get("/alerts/" + id, VIEWER));
        assertThat(a.get("state").asText()).isEqualTo("resolved");
        assertThat(a.get("resolution").asText()).isEqualTo("discharged");
        assertThat(t.get("/patients/bed-60", VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void globalBandsAndRuleFilesAreChangedByAnAdminOnly() {
        String body = "{\"normal\":[55,105],\"warning\":[45,125],\"critical\":[35,155]}";
        assertThat(t.put("/config/bands/heart_rate", CLINICIAN, body).statusCode()).isEqualTo(403);
        assertThat(t.put("/config/bands/heart_rate", ADMIN, body).statusCode()).isEqualTo(200);
        assertThat(json(t.get("/config/bands", VIEWER)).at("/heart_rate/normal/1").asDouble()).isEqualTo(105);
        assertThat(t.put("/config/bands/pulse", ADMIN, body).statusCode()).isEqualTo(400);

        HttpResponse<String> broken = t.put("/rules/mine.epl", ADMIN, "select nonsense from Nowhere");
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(json(broken).get("detail").asText()).contains("mine.epl");
        assertThat(t.put("/rules/mine.epl", ADMIN,
                "@Name('hr-watch') select * from VitalSign(vital = 'HEART_RATE');").statusCode()).isEqualTo(200);
        assertThat(json(t.get("/rules", VIEWER)).get("items").get(0).asText()).isEqualTo("mine.epl");
        assertThat(t.send("DELETE", "/rules/mine.epl", ADMIN, null).statusCode()).isEqualTo(204);
    }
}
