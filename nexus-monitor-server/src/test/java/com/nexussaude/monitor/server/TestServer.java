package com.nexussaude.monitor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real server on a free loopback port, and a JDK HttpClient speaking to it with role tokens. */
final class TestServer implements AutoCloseable {
    static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    final MonitorServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    TestServer(Path dataDir, Map<String, String> extra) {
        this(dataDir, extra, com.nexussaude.monitor.MonitorClock.live());
    }

    /** On a given clock: a live clock over a test's own {@link java.time.Clock} moves time without waiting. */
    TestServer(Path dataDir, Map<String, String> extra, com.nexussaude.monitor.MonitorClock clock) {
        this(dataDir, extra, clock, List.of());
    }

    /** With delivery listeners that hear each attempt after the server's counters and metrics have counted it. */
    TestServer(Path dataDir, Map<String, String> extra, com.nexussaude.monitor.MonitorClock clock,
            List<DeliveryListener> deliveries) {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("DATA_DIR", dataDir.toString());
        env.put("JWT_SECRET", SECRET);
        env.putAll(extra);
        server = MonitorServer.start(ServerConfig.of(env), clock, deliveries);
        base = "http://127.0.0.1:" + server.port();
    }

    TestServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    static String token(String subject, Auth.Role... roles) {
        return Auth.sign(SECRET.getBytes(StandardCharsets.UTF_8), subject, Duration.ofHours(1), roles);
    }

    static final String ADMIN = token("admin.alex", Auth.Role.ADMIN);
    static final String VIEWER = token("viewer.vic", Auth.Role.VIEWER);
    static final String CLINICIAN = token("nurse.ana", Auth.Role.CLINICIAN);
    static final String INTEGRATOR = token("hl7-bridge", Auth.Role.INTEGRATOR);

    HttpResponse<String> send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    HttpResponse<String> post(String path, String token, String body, String... headers) {
        return send("POST", path, token, body, headers);
    }

    HttpResponse<String> put(String path, String token, String body) {
        return send("PUT", path, token, body);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** An observation body at {@code at} (live clock: tests use times close to now). */
    static String obs(String patient, Instant at, String fields) {
        return "{\"patient_id\":\"" + patient + "\",\"timestamp\":\"" + at + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Override
    public void close() {
        server.close();
    }
}
