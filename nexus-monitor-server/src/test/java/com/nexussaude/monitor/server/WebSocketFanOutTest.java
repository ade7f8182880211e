package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out correctness: 200 WebSocket clients subscribed to the alerts channel each receive every alert
 * exactly once, in the order the alerts were raised, with strictly increasing sequence numbers, and all
 * of them the same events. (Throughput and latency are measured by the load tool
 * {@code benchmarks/service/ws-fanout.sh}, not here.)
 */
class WebSocketFanOutTest {
    static final int CLIENTS = 200;
    static final int ALERTS = 30;

    @TempDir
    Path dir;

    @Test
    void everyClientReceivesEveryAlertExactlyOnceAndInOrder() throws Exception {
        try (TestServer t = new TestServer(dir)) {
            List<LiveEventsTest.Client> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                LiveEventsTest.Client c = LiveEventsTest.Client.connect(t, "screen-" + i, VIEWER);
                clients.add(c);
                c.next("connected");
                c.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}");
            }
            for (LiveEventsTest.Client c : clients) {
                c.next("subscribed");
            }
            List<String> raised = new ArrayList<>();
            for (int i = 0; i < ALERTS; i++) {
                HttpResponse<String> r = t.post("/alerts", CLINICIAN, "{\"patient_id\":\"bed-" + (i % 12)
                        + "\",\"key\":\"fan-out-" + i + "\",\"severity\":\"high\",\"message\":\"concern " + i
                        + "\",\"reason\":\"fan-out test\"}");
                assertThat(r.statusCode()).isEqualTo(201);
                raised.add(json(r).get("alert_id").asText());
            }
            // An alert's events are published before its POST is answered, and a client's messages leave in
            // the order they were queued: a pong asked for now comes after every event of those alerts.
            for (LiveEventsTest.Client c : clients) {
                c.send("{\"type\":\"ping\"}");
            }
            List<Long> reference = null;
            for (int i = 0; i < CLIENTS; i++) {
                List<JsonNode> events = untilPong(clients.get(i));
                List<String> raisedSeen = new ArrayList<>();
                List<Long> seqs = new ArrayList<>();
                for (JsonNode e : events) {
                    seqs.add(e.get("seq").asLong());
                    if (e.get("type").asText().equals("alert.raised")) {
                        raisedSeen.add(e.at("/data/alert/alert_id").asText());
                    }
                }
                assertThat(raisedSeen).as("alerts raised, as client " + i + " saw them").containsExactlyElementsOf(raised);
                assertThat(seqs).as("sequence numbers of client " + i).isSorted().doesNotHaveDuplicates();
                if (reference == null) {
                    reference = seqs;
                } else {
                    assertThat(seqs).as("client " + i + " got the same events as client 0").isEqualTo(reference);
                }
            }
            JsonNode live = json(t.get("/system/metrics", VIEWER)).get("live");
            assertThat(live.get("websocket_dropped_total").asLong()).isZero();
            assertThat(live.get("websocket_clients").asInt()).isEqualTo(CLIENTS);
            for (LiveEventsTest.Client c : clients) {
                c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }

    /** Every event message up to the pong (which must come). */
    private static List<JsonNode> untilPong(LiveEventsTest.Client c) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode m = c.messages.poll(60, TimeUnit.SECONDS);
            assertThat(m).as("a pong after the events").isNotNull();
            String type = m.get("type").asText();
            if (type.equals("pong")) {
                return events;
            }
            if (m.has("seq") && m.has("channel")) {
                events.add(m);
            }
        }
    }
}
