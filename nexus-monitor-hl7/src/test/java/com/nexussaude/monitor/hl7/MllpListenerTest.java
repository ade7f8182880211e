package com.nexussaude.monitor.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MLLP listener under real TCP clients on loopback; every wait is on an ACK or a future. */
class MllpListenerTest {
    private static final Clock ACK_CLOCK = Clock.fixed(Instant.parse("2026-01-01T09:00:00Z"), ZoneOffset.UTC);
    private final Queue<Observation> received = new ConcurrentLinkedQueue<>();
    private final Queue<OruResult> results = new ConcurrentLinkedQueue<>();
    private MllpListener listener;

    private MllpListener start(OruHandler handler) throws IOException {
        listener = MllpListener.builder(r -> {
            results.add(r);
            return handler.handle(r);
        }).clock(ACK_CLOCK).start();
        return listener;
    }

    @AfterEach
    void stop() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    static String message(String controlId, String patient, int second, int heartRate) {
        return "MSH|^~\\&|MONITOR||||20260101080000+0000||ORU^R01^ORU_R01|" + controlId + "|P|2.6\r"
                + "PID|||" + patient + "^^^H^PI\r"
                + "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20260101" + String.format("08%02d%02d", second / 60, second % 60) + "+0000\r"
                + "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.0.1.1|" + heartRate + "|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r";
    }

    @Test
    void goodMessagesAreAcknowledgedAaAndReachARealMonitor() throws Exception {
        try (VitalMonitor monitor = VitalMonitor.builder().clock(MonitorClock.eventTime()).listenerExecutor(Runnable::run).build()) {
            start(OruHandler.feeding(monitor));
            try (MllpClient client = new MllpClient(listener.address())) {
                for (int i = 0; i < 5; i++) {
                    String ack = client.send(message("M" + i, "bed-1", i, 70 + i));
                    assertThat(Acks.parse(ack)).isEqualTo(new Acks.Ack("AA", "M" + i, List.of()));
                    assertThat(ack).startsWith("MSH|^~\\&|NEXUS-MONITOR||MONITOR||20260101090000+0000||ACK^R01^ACK|ACK-M" + i + "|P|2.6\r");
                }
            }
            // Each AA is sent after the handler submitted: the monitor has all five by now.
            assertThat(monitor.stats().accepted()).isEqualTo(5);
        }
        assertThat(listener.stats().accepted()).isEqualTo(5);
    }

    @Test
    void anObservationTheMonitorRefusesIsAnAeNamingItsObx() throws Exception {
        try (VitalMonitor monitor = VitalMonitor.builder().clock(MonitorClock.eventTime()).listenerExecutor(Runnable::run).build()) {
            start(OruHandler.feeding(monitor));
            try (MllpClient client = new MllpClient(listener.address())) {
                Acks.Ack ack = Acks.parse(client.send(message("BAD", "bed-1", 0, 412)));
                assertThat(ack.code()).isEqualTo("AE");
                assertThat(ack.errorLocations()).containsExactly("OBX^1^5");
                assertThat(Acks.parse(client.send(message("GOOD", "bed-1", 1, 80))).code()).isEqualTo("AA");
            }
            assertThat(monitor.stats().accepted()).isEqualTo(1);
            assertThat(monitor.stats().rejected()).isEqualTo(1);
        }
    }

    @Test
    void garbageBetweenFramesIsSkippedAndGarbageInAFrameIsRefused() throws Exception {
        start(OruHandler.forEachObservation(received::add));
        try (MllpClient client = new MllpClient(listener.address())) {
            client.writeRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(Acks.parse(client.send(message("A", "bed-2", 0, 60))).code()).isEqualTo("AA");

            Acks.Ack refused = Acks.parse(client.send("\u0000\u00ffnot hl7 at all"));
            assertThat(refused.code()).isEqualTo("AR");
            assertThat(refused.errorLocations()).containsExactly("MSH^1^0");

            Acks.Ack refusedVersion = Acks.parse(client.send(message("V", "bed-2", 1, 60).replace("|P|2.6", "|P|2.1")));
            assertThat(refusedVersion).isEqualTo(new Acks.Ack("AR", "V", List.of("MSH^1^12")));

            assertThat(Acks.parse(client.send(message("B", "bed-2", 2, 61))).code()).isEqualTo("AA");
        }
        assertThat(received).extracting(Observation::heartRate).containsExactly(60.0, 61.0);
        assertThat(listener.stats().garbageBytes()).isEqualTo("GET / HTTP/1.1\r\n\r\n".length());
        assertThat(listener.stats().rejected()).isEqualTo(2);
    }

    @Test
    void everyErrorIsReportedWithItsControlIdBeforeTheAck() throws Exception {
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(OruHandler.forEachObservation(received::add).reportingTo((id, e) -> reported.add(id + " " + e)));
        try (MllpClient client = new MllpClient(listener.address())) {
            client.send(message("U", "bed-2", 0, 60).replace("264864^MDC_DIM_BEAT_PER_MIN^MDC", "furlongs"));
            client.send("garbage");
            assertThat(Acks.parse(client.send(message("OK", "bed-2", 1, 60))).code()).isEqualTo("AA");
        }
        assertThat(reported).containsExactly(
                "U OBX[1]-6: unit 'furlongs' is not a unit this module reads for heart rate (MDC 147842), which is in /min",
                " MSH: a message must start with an MSH segment, but it starts with 'garbage'");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        listener = MllpListener.builder(OruHandler.forEachObservation(received::add))
                .idleTimeout(java.time.Duration.ofMillis(200)).start();
        try (MllpClient idle = new MllpClient(listener.address())) {
            assertThat(Acks.parse(idle.send(message("FIRST", "bed-3", 0, 70))).code()).isEqualTo("AA");
            assertThat(readAckOrReset(idle)).as("closed by the listener, unanswered").isNull();
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void aMessageWrittenByteByByteIsReassembled() throws Exception {
        start(OruHandler.forEachObservation(received::add));
        try (MllpClient client = new MllpClient(listener.address())) {
            byte[] framed = MllpClient.frame(message("SPLIT", "bed-3", 0, 90));
            for (byte b : framed) {
                client.writeRaw(new byte[] {b});   // TCP_NODELAY: one segment per byte
            }
            assertThat(Acks.parse(client.readAck())).isEqualTo(new Acks.Ack("AA", "SPLIT", List.of()));
        }
        assertThat(received).extracting(Observation::heartRate).containsExactly(90.0);
    }

    @Test
    void framesAreReadAcrossArbitraryReadBoundaries() throws IOException {
        // Deterministic counterpart of the TCP test: a stream that returns one byte per read.
        byte[] two = concat(MllpClient.frame("MSH|A\r"), "xx".getBytes(StandardCharsets.ISO_8859_1), MllpClient.frame("MSH|B\r"));
        MllpFrames frames = new MllpFrames(new OneByteAtATime(two), 1024);
        MllpFrames.Frame first = frames.next();
        MllpFrames.Frame second = frames.next();
        assertThat(new String(first.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|A\r");
        assertThat(new String(second.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|B\r");
        assertThat(second.garbageBefore()).isEqualTo(2);
        assertThat(frames.next()).isNull();
    }

    @Test
    void aLoneEndByteIsContentAndADoubledOneStillEndsTheFrame() throws IOException {
        byte[] bytes = {0x0B, 'A', 0x1C, 'B', 0x1C, 0x1C, 0x0D, 0x0B, 'C', 0x1C, 0x0D};
        MllpFrames frames = new MllpFrames(new OneByteAtATime(bytes), 1024);
        assertThat(frames.next().bytes()).containsExactly('A', 0x1C, 'B', 0x1C);
        assertThat(frames.next().bytes()).containsExactly('C');
        assertThat(frames.next()).isNull();
        assertThat(frames.pendingGarbage()).isZero();
    }

    @Test
    void aFrameCutOffByANewStartIsDiscardedAndAnOversizedFrameIsRefused() throws Exception {
        listener = MllpListener.builder(OruHandler.forEachObservation(received::add)).maxMessageBytes(400).start();
        try (MllpClient client = new MllpClient(listener.address())) {
            byte[] cut = "\u000bMSH|^~\\&|half a mess".getBytes(StandardCharsets.ISO_8859_1);
            client.writeRaw(cut);
            assertThat(Acks.parse(client.send(message("AFTER-CUT", "bed-4", 0, 75))).code()).isEqualTo("AA");
            Acks.Ack big = Acks.parse(client.send(message("BIG", "bed-4", 1, 75) + "NTE|1||" + "x".repeat(500) + "\r"));
            assertThat(big.code()).isEqualTo("AR");
            assertThat(Acks.parse(client.send(message("AFTER-BIG", "bed-4", 2, 76))).code()).isEqualTo("AA");
        }
        assertThat(received).extracting(Observation::heartRate).containsExactly(75.0, 76.0);
    }

    @Test
    void aClientThatDisconnectsMidFrameDoesNotStopTheListener() throws Exception {
        start(OruHandler.forEachObservation(received::add));
        try (MllpClient rude = new MllpClient(listener.address())) {
            rude.writeRaw("\u000bMSH|^~\\&|cut".getBytes(StandardCharsets.ISO_8859_1));
        }
        try (MllpClient client = new MllpClient(listener.address())) {
            assertThat(Acks.parse(client.send(message("NEXT", "bed-5", 0, 66))).code()).isEqualTo("AA");
        }
    }

    @Test
    void aFailingHandlerTurnsTheAckIntoAeAndTheListenerGoesOn() throws Exception {
        start(r -> {
            if (r.controlId().equals("BOOM")) {
                throw new IllegalStateException("database down");
            }
            return List.of();
        });
        try (MllpClient client = new MllpClient(listener.address())) {
            String ack = client.send(message("BOOM", "bed-6", 0, 70));
            assertThat(Acks.parse(ack).code()).isEqualTo("AE");
            assertThat(ack).contains("207^^HL70357").contains("the receiving application failed: java.lang.IllegalStateException: database down");
            assertThat(Acks.parse(client.send(message("FINE", "bed-6", 1, 70))).code()).isEqualTo("AA");
        }
    }

    @Test
    void manyClientsAtOnceEachGetEveryAck() throws Exception {
        int clients = 16;
        int perClient = 25;
        start(OruHandler.forEachObservation(received::add));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit((Callable<List<String>>) () -> {
                    List<String> acked = new ArrayList<>();
                    try (MllpClient mllp = new MllpClient(listener.address())) {
                        for (int i = 0; i < perClient; i++) {
                            String id = "C" + client + "-" + i;
                            Acks.Ack ack = Acks.parse(mllp.send(message(id, "bed-" + client, i, 60 + i)));
                            assertThat(ack.code()).isEqualTo("AA");
                            acked.add(ack.controlId());
                        }
                    }
                    return acked;
                }));
            }
            for (int c = 0; c < clients; c++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    expected.add("C" + c + "-" + i);
                }
                assertThat(futures.get(c).get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(received).hasSize(clients * perClient);
        MllpListener.Stats stats = listener.stats();
        assertThat(stats.messages()).isEqualTo(clients * perClient);
        assertThat(stats.accepted()).isEqualTo(clients * perClient);
        assertThat(stats.connections()).isEqualTo(clients);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndCounted() throws Exception {
        listener = MllpListener.builder(OruHandler.forEachObservation(received::add)).maxClients(2).start();
        try (MllpClient a = new MllpClient(listener.address()); MllpClient b = new MllpClient(listener.address())) {
            // Both are served (they hold the two slots) once each has an ACK.
            assertThat(Acks.parse(a.send(message("A", "bed-7", 0, 70))).code()).isEqualTo("AA");
            assertThat(Acks.parse(b.send(message("B", "bed-8", 0, 70))).code()).isEqualTo("AA");
            try (MllpClient third = new MllpClient(listener.address())) {
                third.writeRaw(MllpClient.frame(message("C", "bed-9", 0, 70)));
                assertThat(readAckOrReset(third)).as("the third connection is closed unanswered").isNull();
            }
            assertThat(Acks.parse(a.send(message("A2", "bed-7", 1, 71))).code()).isEqualTo("AA");
        }
        assertThat(listener.stats().refusedConnections()).isEqualTo(1);
        assertThat(received).hasSize(3);
    }

    @Test
    void theRealFilesAreAcknowledgedOverTcp() throws Exception {
        start(OruHandler.forEachObservation(received::add));
        try (MllpClient client = new MllpClient(listener.address())) {
            String bp = InteropData.read("hl7v2/ipf-valid-bp-continua-wan.hl7");
            assertThat(Acks.parse(client.send(bp))).isEqualTo(new Acks.Ack("AA", "MSGID1234", List.of()));
        }
        assertThat(received).containsExactly(Observation.builder("789567", Instant.parse("2009-08-13T09:57:15Z"))
                .bloodPressure(120, 80).build());
    }

    private static String readAckOrReset(MllpClient client) {
        try {
            return client.readAck();
        } catch (java.net.SocketException e) {
            return null;   // "connection reset": also closed unanswered
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Returns at most one byte per read call, as a slow network might. */
    private static final class OneByteAtATime extends InputStream {
        private final ByteArrayInputStream in;

        OneByteAtATime(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return len == 0 ? 0 : in.read(b, off, 1);
        }
    }
}
