package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.ADMIN;
import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication and roles on every route but the public ones; rate and size limits. */
class AuthAndLimitsTest {
    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(dir, Map.of("RATE_LIMIT_PER_MINUTE", "30", "MAX_REQUEST_BYTES", "2048"));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    int status(String method, String path, String token, String body) {
        return t.send(method, path, token, body).statusCode();
    }

    @Test
    void withoutAValidTokenOnlyHealthTheApiDescriptionAndTheDashboardPageAnswer() {
        assertThat(status("GET", "/system/health", null, null)).isEqualTo(200);
        assertThat(status("GET", "/openapi.json", null, null)).isEqualTo(200);
        assertThat(status("GET", "/dashboard", null, null)).isEqualTo(200);
        HttpResponse<String> r = t.get("/alerts", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(json(r).get("detail").asText()).contains("Bearer");
        String wrongSecret = Auth.sign("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8),
                "mallory", Duration.ofHours(1), Auth.Role.ADMIN);
        HttpResponse<String> forged = t.get("/alerts", wrongSecret);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).doesNotContain(wrongSecret);
        String expired = Auth.sign(TestServer.SECRET.getBytes(StandardCharsets.UTF_8), "old", Duration.ofHours(-1),
                Auth.Role.ADMIN);
        assertThat(json(t.get("/alerts", expired)).get("detail").asText()).containsIgnoringCase("expired");
        assertThat(status("GET", "/system/status", "not.a.jwt", null)).isEqualTo(401);
    }

    @Test
    void eachRoleMayDoItsOwnWorkOnly() {
        String vitals = obs("bed-1", Instant.now(), "\"heart_rate\":80");
        // viewer: reads only
        assertThat(status("GET", "/alerts", VIEWER, null)).isEqualTo(200);
        assertThat(status("GET", "/system/metrics", VIEWER, null)).isEqualTo(200);
        assertThat(status("POST", "/vital-signs", VIEWER, vitals)).isEqualTo(403);
        assertThat(status("POST", "/silences", VIEWER, "{}")).isEqualTo(403);
        assertThat(status("PUT", "/alerts/alert-000001/acknowledge", VIEWER, null)).isEqualTo(403);
        // integrator: posts vitals, registers patients; does not act on alerts
        assertThat(status("POST", "/vital-signs", INTEGRATOR, vitals)).isEqualTo(202);
        assertThat(status("PUT", "/patients/bed-1", INTEGRATOR, "{\"ward\":\"a\"}")).isEqualTo(201);
        assertThat(status("PUT", "/alerts/alert-000001/resolve", INTEGRATOR, null)).isEqualTo(403);
        assertThat(status("GET", "/alerts", INTEGRATOR, null)).isEqualTo(403);
        // clinician: reads and acts on alerts; does not post vitals or change bands
        assertThat(status("GET", "/alerts", CLINICIAN, null)).isEqualTo(200);
        assertThat(status("PUT", "/alerts/alert-999999/acknowledge", CLINICIAN, null)).isEqualTo(404);
        assertThat(status("POST", "/vital-signs", CLINICIAN, vitals)).isEqualTo(403);
        assertThat(status("PUT", "/config/bands/heart_rate", CLINICIAN, "{}")).isEqualTo(403);
        // admin: everything
        assertThat(status("PUT", "/config/bands/heart_rate", ADMIN,
                "{\"normal\":[60,100],\"warning\":[50,120],\"critical\":[40,150]}")).isEqualTo(200);
        assertThat(status("POST", "/vital-signs", ADMIN, obs("bed-1", Instant.now(), "\"heart_rate\":81"))).isEqualTo(202);
        HttpResponse<String> forbidden = t.get("/alerts", INTEGRATOR);
        assertThat(json(forbidden).get("detail").asText()).contains("viewer").contains("hl7-bridge");
        assertThat(json(t.get("/system/metrics", VIEWER)).at("/http/forbidden").asLong()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        String token = TestServer.token("busy-client", Auth.Role.VIEWER);
        HttpResponse<String> last = null;
        int ok = 0;
        for (int i = 0; i < 40; i++) {
            last = t.get("/alerts", token);
            if (last.statusCode() == 200) {
                ok++;
            } else {
                break;
            }
        }
        assertThat(ok).isBetween(29, 31);
        assertThat(last.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(json(last).get("detail").asText()).contains("RATE_LIMIT_PER_MINUTE");
        assertThat(t.get("/alerts", VIEWER).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String big = "[" + (obs("bed-1", Instant.now(), "\"heart_rate\":80") + ",").repeat(40) + "{}]";
        HttpResponse<String> r = t.post("/vital-signs", INTEGRATOR, big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("detail").asText()).contains("MAX_REQUEST_BYTES");
    }
}
