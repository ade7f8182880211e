package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket and SSE: subscriptions, sequence numbers, reconnect-with-since, a slow client dropped. */
class LiveEventsTest {
    @TempDir
    Path dir;
    TestServer t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** A JDK WebSocket client collecting every text message. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Client connect(TestServer t, String id, String token) {
            Client c = new Client();
            c.ws = t.http.newWebSocketBuilder().buildAsync(URI.create(t.base.replace("http", "ws") + "/ws/" + id
                    + "?access_token=" + token), c).join();
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(TestServer.JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        /** The next message of a type, skipping others; fails after 20 s. */
        JsonNode next(String type) throws InterruptedException {
            while (true) {
                JsonNode m = messages.poll(20, TimeUnit.SECONDS);
                assertThat(m).as("a message of type " + type).isNotNull();
                if (m.get("type").asText().equals(type)) {
                    return m;
                }
            }
        }
    }

    String raise(String patient) {
        HttpResponse<String> r = t.post("/alerts", CLINICIAN, "{\"patient_id\":\"" + patient
                + "\",\"severity\":\"high\",\"message\":\"concern\",\"reason\":\"test\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("alert_id").asText();
    }

    @Test
    void aReconnectingClientAsksForEverythingSinceItsLastSequenceAndGetsExactlyThat() throws Exception {
        t = new TestServer(dir);
        Client a = Client.connect(t, "ward-screen", VIEWER);
        assertThat(a.next("connected").get("client_id").asText()).isEqualTo("ward-screen");
        a.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}");
        a.next("subscribed");
        String first = raise("bed-1");
        JsonNode ev = a.next("alert.raised");
        assertThat(ev.get("channel").asText()).isEqualTo("alerts");
        assertThat(ev.at("/data/alert/alert_id").asText()).isEqualTo(first);
        long lastSeen = ev.get("seq").asLong();
        a.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        String second = raise("bed-2");
        String third = raise("bed-3");

        Client b = Client.connect(t, "ward-screen", VIEWER);
        b.next("connected");
        b.send("{\"type\":\"subscribe\",\"channel\":\"alerts\",\"since\":" + lastSeen + "}");
        b.next("subscribed");
        JsonNode r2 = b.next("alert.raised");
        JsonNode r3 = b.next("alert.raised");
        assertThat(r2.at("/data/alert/alert_id").asText()).isEqualTo(second);
        assertThat(r3.at("/data/alert/alert_id").asText()).isEqualTo(third);
        assertThat(r2.get("seq").asLong()).isGreaterThan(lastSeen);
        assertThat(r3.get("seq").asLong()).isGreaterThan(r2.get("seq").asLong());
        // Then live events follow, still in order.
        String fourth = raise("bed-4");
        JsonNode r4 = b.next("alert.raised");
        assertThat(r4.at("/data/alert/alert_id").asText()).isEqualTo(fourth);
        assertThat(r4.get("seq").asLong()).isGreaterThan(r3.get("seq").asLong());

        // A number from an earlier server process (beyond the latest) gets a gap: reload.
        b.send("{\"type\":\"subscribe\",\"channel\":\"incidents\",\"since\":999999}");
        b.next("subscribed");
        assertThat(b.next("gap").get("detail").asText()).contains("reload");
        b.send("{\"type\":\"subscribe\",\"channel\":\"pagers\"}");
        assertThat(b.next("error").get("detail").asText()).contains("pagers");
        b.send("{\"type\":\"subscribe\",\"channel\":\"vitals\"}");
        assertThat(b.next("error").get("detail").asText()).contains("vitals:PATIENT_ID");
    }

    @Test
    void scoresAndOnePatientsVitalsHaveTheirOwnChannels() throws Exception {
        t = new TestServer(dir);
        Client c = Client.connect(t, "bedside", VIEWER);
        c.next("connected");
        c.send("{\"type\":\"subscribe\",\"channel\":\"scores\"}");
        c.next("subscribed");
        c.send("{\"type\":\"subscribe\",\"channel\":\"vitals\",\"patient_id\":\"bed-5\"}");
        assertThat(c.next("subscribed").get("channel").asText()).isEqualTo("vitals:bed-5");
        Instant now = Instant.now();
        assertThat(t.post("/vital-signs", INTEGRATOR, "[" + TestServer.obs("bed-6", now, "\"heart_rate\":70") + ","
                + TestServer.obs("bed-5", now, "\"heart_rate\":131,\"respiratory_rate\":25") + "]").statusCode()).isEqualTo(202);
        // Each observation's score event is published while it is submitted, its vitals event after.
        JsonNode vitals = null;
        JsonNode score = null;
        while (vitals == null || score == null) {
            JsonNode m = c.messages.poll(20, TimeUnit.SECONDS);
            assertThat(m).as("vitals and score events of bed-5").isNotNull();
            if (m.get("type").asText().equals("vitals")) {
                vitals = m;
            } else if (m.get("type").asText().equals("score") && m.at("/data/patient_id").asText().equals("bed-5")) {
                score = m;
            }
        }
        assertThat(vitals.at("/data/patient_id").asText()).isEqualTo("bed-5");
        assertThat(vitals.at("/data/heart_rate").asDouble()).isEqualTo(131);
        assertThat(score.get("channel").asText()).isEqualTo("scores");
        assertThat(score.at("/data/news2/total").asInt()).isPositive();
    }

    @Test
    void websocketRefusesAMissingToken() {
        t = new TestServer(dir);
        Throwable failure = null;
        try {
            t.http.newWebSocketBuilder().buildAsync(URI.create(t.base.replace("http", "ws") + "/ws/x"), new Client()).join();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        assertThat(((java.net.http.WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void aSlowClientIsDroppedWithAReasonWhileAlertsKeepFlowingToOthers() throws Exception {
        t = new TestServer(dir, Map.of("WS_QUEUE_LIMIT", "50", "MAX_BATCH_SIZE", "2000", "MAX_REQUEST_BYTES", "4194304",
                "RATE_LIMIT_PER_MINUTE", "100000"));
        Client fast = Client.connect(t, "fast", VIEWER);
        fast.next("connected");
        fast.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}");
        fast.next("subscribed");

        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", t.server.port()));
            OutputStream out = slow.getOutputStream();
            out.write(("GET /ws/slow?access_token=" + VIEWER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = slow.getInputStream();
            String headers = readHeaders(in);
            assertThat(headers).startsWith("HTTP/1.1 101");
            out.write(maskedText("{\"type\":\"subscribe\",\"channel\":\"vitals:bed-flood\"}"));
            out.flush();
            // The slow client now reads nothing. Flood its channel until the server drops it.
            Instant base = Instant.now().minusSeconds(20);
            long dropped = 0;
            int batches = 0;
            for (; batches < 200 && dropped == 0; batches++) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < 1000; i++) {
                    batch.append(i == 0 ? "" : ",").append(TestServer.obs("bed-flood",
                            base.plusMillis(batches * 1000L + i), "\"heart_rate\":80,\"respiratory_rate\":16"));
                }
                batch.append(']');
                assertThat(t.post("/vital-signs", INTEGRATOR, batch.toString()).statusCode()).isEqualTo(202);
                dropped = json(t.get("/system/metrics", VIEWER)).at("/live/websocket_dropped_total").asLong();
            }
            assertThat(dropped).as("dropped after " + batches + " batches").isEqualTo(1);
            JsonNode metrics = json(t.get("/system/metrics", VIEWER));
            assertThat(metrics.at("/live/recent_drops/0").asText()).startsWith("ws slow: slow consumer");

            // Alerts keep flowing to the client that keeps up.
            String id = raise("bed-after-drop");
            assertThat(fast.next("alert.raised").at("/data/alert/alert_id").asText()).isEqualTo(id);

            // The slow client, reading at last, finds the close frame with the reason after what was sent.
            slow.setSoTimeout(30_000);
            DataInputStream frames = new DataInputStream(in);
            while (true) {
                int b0 = frames.readUnsignedByte();
                int b1 = frames.readUnsignedByte();
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = frames.readUnsignedShort();
                } else if (len == 127) {
                    len = frames.readLong();
                }
                byte[] payload = new byte[(int) len];
                frames.readFully(payload);
                if ((b0 & 0x0F) == 8) {
                    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                    String reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                    assertThat(code).isEqualTo(WsClient.SLOW_CLOSE_CODE);
                    assertThat(reason).startsWith("slow consumer");
                    break;
                }
            }
        }
    }

    @Test
    void aSlowSseClientIsDroppedWithAReasonWhileAlertsKeepFlowing() throws Exception {
        t = new TestServer(dir, Map.of("WS_QUEUE_LIMIT", "50", "MAX_BATCH_SIZE", "2000", "MAX_REQUEST_BYTES", "4194304",
                "RATE_LIMIT_PER_MINUTE", "100000"));
        Client fast = Client.connect(t, "fast", VIEWER);
        fast.next("connected");
        fast.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}");
        fast.next("subscribed");
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", t.server.port()));
            slow.getOutputStream().write(("GET /events?channels=vitals:bed-sse&access_token=" + VIEWER
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = slow.getInputStream();
            assertThat(readHeaders(in)).startsWith("HTTP/1.1 200");
            Instant base = Instant.now().minusSeconds(20);
            long dropped = 0;
            int batches = 0;
            for (; batches < 200 && dropped == 0; batches++) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < 1000; i++) {
                    batch.append(i == 0 ? "" : ",").append(TestServer.obs("bed-sse",
                            base.plusMillis(batches * 1000L + i), "\"heart_rate\":80"));
                }
                batch.append(']');
                assertThat(t.post("/vital-signs", INTEGRATOR, batch.toString()).statusCode()).isEqualTo(202);
                dropped = json(t.get("/system/metrics", VIEWER)).at("/live/sse_dropped_total").asLong();
            }
            assertThat(dropped).as("dropped after " + batches + " batches").isEqualTo(1);
            String id = raise("bed-after-sse-drop");
            assertThat(fast.next("alert.raised").at("/data/alert/alert_id").asText()).isEqualTo(id);
            // Reading at last, the slow client finds the dropped event and its reason after what was sent.
            slow.setSoTimeout(30_000);
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!seen.toString(StandardCharsets.UTF_8).contains("event: dropped")) {
                int n = in.read(buf);
                assertThat(n).as("the stream before its dropped event").isPositive();
                seen.write(buf, 0, n);
            }
            String tail = seen.toString(StandardCharsets.UTF_8);
            assertThat(tail.substring(tail.indexOf("event: dropped"))).contains("slow consumer");
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            assertThat(c).as("handshake response").isNotEqualTo(-1);
            b.write(c);
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] maskedText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        f.write(0x80 | p.length); // shorter than 126 bytes
        f.writeBytes(mask);
        for (int i = 0; i < p.length; i++) {
            f.write(p[i] ^ mask[i % 4]);
        }
        return f.toByteArray();
    }

    @Test
    void theSseStreamCarriesTheSameEventsWithTheirSequenceAsIdAndReplaysSince() throws Exception {
        t = new TestServer(dir);
        String first = raise("bed-1");
        long firstSeq = t.server.hub.latestSeq();
        String second = raise("bed-2");
        HttpResponse<Stream<String>> r = t.http.send(HttpRequest.newBuilder(URI.create(t.base
                        + "/events?channels=alerts&since=" + firstSeq)).header("Authorization", "Bearer " + VIEWER).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (UncheckedIOException closedByTheTest) {
                // The test closes the stream at its end; the lines it needed were read by then.
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        List<String> events = new ArrayList<>();
        String third = null;
        while (events.size() < 2) {
            String line = lines.poll(20, TimeUnit.SECONDS);
            assertThat(line).as("an SSE line").isNotNull();
            if (line.startsWith("event: subscribed")) {
                third = raise("bed-3");
            }
            if (line.startsWith("data: ") && line.contains("alert.raised")) {
                events.add(line);
            }
        }
        assertThat(events.get(0)).contains(second).doesNotContain(first);
        assertThat(events.get(1)).contains(third);
        assertThat(t.get("/events?channels=nothing", VIEWER).statusCode()).isEqualTo(400);
        r.body().close();
    }
}
