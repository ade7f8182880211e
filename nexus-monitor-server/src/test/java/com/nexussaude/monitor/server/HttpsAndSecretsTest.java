package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a keystore made in the test by the JDK's keytool; no secret or token reaches the logs. */
class HttpsAndSecretsTest {
    static final String STORE_PASSWORD = "store-password-4711";

    @TempDir
    Path dir;

    Path keystore() throws IOException, InterruptedException {
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "nexus", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return ks;
    }

    static HttpClient trusting(Path ks) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    @Test
    void withAKeystoreTheServiceSpeaksHttpsOnlyAndNoSecretOrTokenIsLogged() throws Exception {
        Path ks = keystore();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String wrongToken = Auth.sign("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8),
                "mallory", java.time.Duration.ofHours(1), Auth.Role.ADMIN);
        try (TestServer t = new TestServer(dir.resolve("data"), Map.of("KEYSTORE_PATH", ks.toString(),
                "KEYSTORE_PASSWORD", STORE_PASSWORD, "WS_QUEUE_LIMIT", "1"))) {
            assertThat(t.server.scheme()).isEqualTo("https");
            String base = "https://127.0.0.1:" + t.server.port();
            HttpClient https = trusting(ks);
            HttpResponse<String> ok = https.send(HttpRequest.newBuilder(URI.create(base + "/alerts"))
                    .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> refused = https.send(HttpRequest.newBuilder(URI.create(base + "/alerts?access_token=" + wrongToken))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(base + "/system/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            // Plain HTTP on the same port is not served: the connection fails or is refused with 400.
            Integer plainStatus = null;
            try {
                plainStatus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + t.server.port() + "/system/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException expected) {
                plainStatus = -1;
            }
            assertThat(plainStatus).isIn(-1, 400);
        } finally {
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("listening on https://");
        assertThat(logs).doesNotContain(TestServer.SECRET).doesNotContain(STORE_PASSWORD)
                .doesNotContain(VIEWER).doesNotContain(wrongToken);
    }
}
