package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FcmPushChannelTest extends HttpChannelContract<FcmPushChannel, FcmPushChannel.Builder> {

    static final String PROJECT = "nexus-test";
    static final String CLIENT_EMAIL = "notifier@nexus-test.iam.gserviceaccount.com";
    static final String DEVICE = "fcm-device-registration-token-1";
    /** Generated once: RSA key generation is the slow part of this test. */
    static final KeyPair KEYS = generate();
    static final KeyPair OTHER_KEYS = generate();

    @TempDir
    Path dir;
    /** Moved by hand to expire the cached token; starts where {@link Fixtures#CLOCK} stands. */
    final MutableClock clock = new MutableClock(Fixtures.CLOCK.instant());
    final AtomicInteger tokensIssued = new AtomicInteger();
    final List<String> jwtProblems = new ArrayList<>();

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    String serviceAccountJson(KeyPair keys) {
        ObjectNode sa = Fixtures.JSON.createObjectNode();
        sa.put("type", "service_account");
        sa.put("project_id", PROJECT);
        sa.put("private_key_id", "kid-1");
        sa.put("private_key", pem(keys));
        sa.put("client_email", CLIENT_EMAIL);
        sa.put("token_uri", server.url("/token").toString());
        return sa.toString();
    }

    FcmPushChannelTest() {
        super(FcmPushChannel.Builder::build, "FCM", DEVICE);
    }

    @Override
    FcmPushChannel.Builder configure(TestHttpServer server) throws Exception {
        server.route("/token", this::tokenEndpoint);
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, serviceAccountJson(KEYS));
        return FcmPushChannel.fromEnvironment(Map.of("FCM_SERVICE_ACCOUNT_FILE", file.toString(),
                "FCM_API_URL", server.url().toString()));
    }

    @Override
    Clock clock() {
        return clock;
    }

    /** A token endpoint that verifies the JWT assertion's RS256 signature and claims, as Google's does. */
    private Response tokenEndpoint(TestHttpServer.Request req) {
        Map<String, String> form = req.form();
        String problem = null;
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            problem = "grant_type " + form.get("grant_type");
        } else {
            String[] jwt = form.get("assertion").split("\\.");
            JsonNode header = Fixtures.json(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8));
            JsonNode claims = Fixtures.json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
            long now = clock.instant().getEpochSecond();
            if (!verify(KEYS.getPublic(), jwt[0] + "." + jwt[1], Base64.getUrlDecoder().decode(jwt[2]))) {
                problem = "signature";
            } else if (!header.path("alg").asText().equals("RS256") || !header.path("kid").asText().equals("kid-1")) {
                problem = "header " + header;
            } else if (!claims.path("iss").asText().equals(CLIENT_EMAIL)
                    || !claims.path("scope").asText().equals("https://www.googleapis.com/auth/firebase.messaging")
                    || !claims.path("aud").asText().equals(server.url("/token").toString())
                    || claims.path("iat").asLong() != now || claims.path("exp").asLong() != now + 3600) {
                problem = "claims " + claims;
            }
        }
        if (problem != null) {
            jwtProblems.add(problem);
            return Response.of(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
        }
        return Response.of(200, "{\"access_token\":\"ya29.test-access-token-" + tokensIssued.incrementAndGet()
                + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private static boolean verify(PublicKey key, String signingInput, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return s.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    Answers answers() {
        return new Answers(
                Response.of(200, "{\"name\":\"projects/nexus-test/messages/0:1500415314455276%31bd1c96\"}"),
                Response.of(503, "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\","
                        + "\"status\":\"UNAVAILABLE\"}}"),
                Response.of(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\","
                        + "\"status\":\"RESOURCE_EXHAUSTED\"}}"),
                Response.of(400, "{\"error\":{\"code\":400,\"message\":\"Invalid value at 'message.data[0].value'\","
                        + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                        + "\"errorCode\":\"INVALID_ARGUMENT\"}]}}"));
    }

    /** FCM's errorCode and message are quoted. */
    @Override
    String rejectionReason() {
        return "HTTP 400 from FCM: INVALID_ARGUMENT: Invalid value at 'message.data[0].value'";
    }

    @Override
    protected Set<String> secrets() {
        String key = Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
        return Set.of("ya29.test-access-token", key.substring(100, 140));
    }

    @Test
    @DisplayName("gets a token by a verified RS256 JWT, then POSTs messages:send with it")
    void exactRequest() {
        Accepted a = deliverAccepted(sample().build(), Wire.post("/v1/projects/" + PROJECT + "/messages:send")
                .header("Authorization", "Bearer ya29.test-access-token-1")
                .header("Content-Type", "application/json; charset=UTF-8"));
        assertThat(jwtProblems).isEmpty();
        assertThat(a.result().reason()).contains("projects/nexus-test/messages/0:1500415314455276%31bd1c96");
        JsonNode message = a.json().path("message");
        assertThat(message.path("token").asText()).isEqualTo(DEVICE);
        assertThat(message.path("notification").path("title").asText()).isEqualTo("CRITICAL: SpO2 82 % below 85 for 10 s");
        assertThat(message.path("notification").path("body").asText()).isEqualTo("bed 12, ward-3, patient patient-0042 (spo2 82, heart_rate 121)");
        JsonNode data = message.path("data");
        assertThat(data.path("alertId").asText()).isEqualTo("alert-000001");
        assertThat(data.path("level").isTextual()).isTrue();
        assertThat(data.path("level").asText()).isEqualTo("1");
        data.properties().forEach(e -> assertThat(e.getValue().isTextual()).as("data.%s is a string", e.getKey()).isTrue());
        assertThat(message.path("android").path("priority").asText()).isEqualTo("HIGH");
        assertThat(message.path("apns").path("headers").path("apns-priority").asText()).isEqualTo("10");
    }

    @Test
    @DisplayName("the access token is cached until shortly before it expires")
    void tokenCache() {
        deliverSample();
        clock.advance(Duration.ofSeconds(3599).minus(FcmPushChannel.DEFAULT_TOKEN_REFRESH_MARGIN).minusSeconds(1));
        deliverSample();
        assertThat(tokensIssued).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        deliverSample();
        assertThat(tokensIssued).hasValue(2);
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer ya29.test-access-token-2");
        assertThat(jwtProblems).isEmpty();
    }

    @Test
    @DisplayName("a 401 drops the cached token and is retried; the next attempt fetches a new one")
    void unauthorized() {
        assertThat(deliverAnswered(Response.of(401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}")).outcome())
                .isEqualTo(Outcome.RETRY_LATER);
        arrange(Behaviour.ACCEPT);
        deliverSample();
        assertThat(tokensIssued).hasValue(2);
    }

    @Test
    @DisplayName("a token endpoint that rejects the key fails permanently; one that is down is retried")
    void tokenFailures() {
        FcmPushChannel wrongKey = FcmPushChannel.builder().serviceAccountJson(serviceAccountJson(OTHER_KEYS))
                .baseUrl(server.url()).clock(clock).allowInsecureTransport("loopback test server").build();
        DeliveryResult r = wrongKey.deliver(sample().build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo("HTTP 400 from OAuth token endpoint: invalid_grant: Invalid JWT Signature.");
        assertThat(jwtProblems).containsExactly("signature");
        assertThat(server.requests()).isEmpty();

        server.route("/token", req -> Response.of(503, "{\"error\":\"temporarily_unavailable\"}"));
        FcmPushChannel down = FcmPushChannel.builder().serviceAccountJson(serviceAccountJson(KEYS)).baseUrl(server.url()).allowInsecureTransport("loopback test server").build();
        assertThat(down.deliver(sample().build()).outcome()).isEqualTo(Outcome.RETRY_LATER);
    }

    @Test
    @DisplayName("UNREGISTERED says the token should be removed")
    void unregistered() {
        DeliveryResult r = deliverAnswered(Response.of(404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                + "\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\"UNREGISTERED\"}]}}"));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo("HTTP 404 from FCM: UNREGISTERED: Requested entity was not found."
                + " (the device token is no longer valid; remove it)");
    }

    @Test
    @DisplayName("a missing or broken service-account file is named, never quoting the key")
    void environment() throws Exception {
        assertThatThrownBy(() -> FcmPushChannel.fromEnvironment(Map.of("FCM_SERVICE_ACCOUNT_FILE", dir.resolve("nope.json").toString())))
                .hasMessageContaining("FCM_SERVICE_ACCOUNT_FILE must name a readable file");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"type\":\"service_account\",\"client_email\":\"x@y\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n\"}");
        assertThatThrownBy(() -> FcmPushChannel.fromEnvironment(Map.of("FCM_SERVICE_ACCOUNT_FILE", broken.toString())))
                .hasMessageContaining("private_key is not a PEM PKCS#8 RSA key").hasMessageNotContaining("AAAA");
        assertThat(channel.toString()).contains(CLIENT_EMAIL).doesNotContain("PRIVATE KEY");
    }
}
