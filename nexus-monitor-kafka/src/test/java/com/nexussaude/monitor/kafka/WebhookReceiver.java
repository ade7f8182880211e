package com.nexussaude.monitor.kafka;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): keeps every request it is sent (headers and JSON body),
 * checks its signature as a receiver would, and answers 200, or 503 when refusing, or holds one request unanswered.
 */
final class WebhookReceiver implements AutoCloseable {
    /** A test secret: {@code whsec_} and 32 bytes, base64. */
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "nexus-kafka-delivery-test-secret".getBytes(StandardCharsets.UTF_8));

    /** One request as received. */
    record Received(String id, String timestamp, String signature, Map<String, Object> body, boolean signatureValid) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) body.get("data");
        }
    }

    private final HttpServer server;
    private final ExecutorService exec = Executors.newFixedThreadPool(4);
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean refuse;
    private volatile int holdNumber = -1;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(exec);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Answers 503 (retry later) to every request from now on. */
    void refuseAll() {
        refuse = true;
    }

    /** Leaves the {@code n}-th request (1-based) unanswered until {@link #releaseHeld()}. */
    void hold(int n) {
        holdNumber = n;
    }

    void releaseHeld() {
        release.countDown();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code n} requests arrived; false if not within {@code wait}. */
    synchronized boolean awaitCount(int n, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (received.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = x.getRequestHeaders().getFirst("webhook-id");
        String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
        String sig = x.getRequestHeaders().getFirst("webhook-signature");
        Map<String, Object> json = ObservationRecords.JSON.readValue(body, Map.class);
        int number;
        synchronized (this) {
            received.add(new Received(id, ts, sig, json, sig != null && sig.equals(sign(id, ts, body))));
            number = received.size();
            notifyAll();
        }
        if (number == holdNumber) {
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = refuse ? 503 : 200;
        try {
            x.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the sender is gone (killed while this request was held)
        }
        x.close();
    }

    /** The signature a receiver computes: HMAC-SHA256 over {@code id.timestamp.body} with the secret's bytes. */
    private static String sign(String id, String ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        exec.shutdownNow();
    }
}
