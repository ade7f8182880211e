package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.INTEGRATOR;
import static com.nexussaude.monitor.server.TestServer.VIEWER;
import static com.nexussaude.monitor.server.TestServer.json;
import static com.nexussaude.monitor.server.TestServer.obs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every channel of {@code nexus-monitor-channels}, configured through the service's settings, paged end
 * to end: vital signs posted over HTTP raise an incident, and the escalation policy from
 * {@code ESCALATION_POLICY_FILE} walks the roster of {@code ONCALL_ROSTER_FILE} level by level as the
 * monitor's clock moves (a live clock over a clock this test sets: no waiting for minutes). The pages
 * arrive at a real SMTP server (GreenMail) and at a real HTTP server on loopback that checks each
 * vendor's wire format (Twilio, WhatsApp Cloud API, FCM v1, Slack, Teams, Standard Webhooks).
 */
class ChannelPagingTest {
    static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    static final String TWILIO_TOKEN = "twilio-auth-token-s3cret";
    static final String WHATSAPP_TOKEN = "EAAG-whatsapp-token-s3cret";
    static final String PHONE_ID = "106540352242922";
    static final String SLACK_SECRET_PATH = "/slack-hook/T000/B000/slackS3cretPath";
    static final String TEAMS_SIG = "teamsSigS3cret";

    @TempDir
    Path dir;

    GreenMail smtp;
    HttpServer vendors;
    String base;
    final Map<String, BlockingQueue<Received>> received = new ConcurrentHashMap<>();

    record Received(String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return out;
        }

        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** A loopback server answering each vendor's endpoint as the vendor documents, keeping every request. */
    @BeforeEach
    void startVendors() throws Exception {
        ServerSetup setup = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP})[0];
        setup.setServerStartupTimeout(30_000);
        smtp = new GreenMail(setup);
        smtp.start();
        vendors = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        route("/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json", "sms", 201,
                "{\"sid\":\"SM87105da94bff44b999e4e6eb90d8eb6a\",\"status\":\"queued\"}");
        route("/v21.0/" + PHONE_ID + "/messages", "whatsapp", 200, "{\"messaging_product\":\"whatsapp\","
                + "\"contacts\":[{\"input\":\"+15550002\",\"wa_id\":\"15550002\"}],\"messages\":[{\"id\":\"wamid.HBgLMTU1\"}]}");
        route("/token", "fcm-token", 200, "{\"access_token\":\"ya29.service-test-token\",\"expires_in\":3599,"
                + "\"token_type\":\"Bearer\"}");
        route("/v1/projects/nexus-test/messages:send", "push", 200, "{\"name\":\"projects/nexus-test/messages/0:1\"}");
        route(SLACK_SECRET_PATH, "slack", 200, "ok");
        route("/teams-hook", "teams", 202, "");
        route("/hook", "webhook", 204, null);
        vendors.start();
        base = "http://127.0.0.1:" + vendors.getAddress().getPort();
    }

    private void route(String path, String name, int status, String answer) {
        BlockingQueue<Received> q = new LinkedBlockingQueue<>();
        received.put(name, q);
        vendors.createContext(path, exchange -> {
            q.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    new HashMap<>(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (answer == null) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] b = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", answer.startsWith("{") ? "application/json" : "text/plain");
                exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
                if (b.length > 0) {
                    exchange.getResponseBody().write(b);
                }
            }
            exchange.close();
        });
    }

    @AfterEach
    void stopVendors() {
        vendors.stop(0);
        smtp.stop();
    }

    /** A java.time clock the test moves; the monitor's live clock reads it every tick. */
    static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    Map<String, String> settings() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        ObjectNode sa = TestServer.JSON.createObjectNode();
        sa.put("type", "service_account");
        sa.put("project_id", "nexus-test");
        sa.put("private_key_id", "kid-1");
        sa.put("private_key", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        sa.put("client_email", "nexus@nexus-test.iam.gserviceaccount.com");
        sa.put("token_uri", base + "/token");
        Path serviceAccount = Files.writeString(dir.resolve("fcm-service-account.json"), sa.toString());
        Path policy = Files.writeString(dir.resolve("escalation.json"), """
                // Three levels, two, then three minutes apart, whatever the severity; no repeat.
                { "name": "ward 4B", "repeat": 0,
                  "levels": [
                    { "name": "bedside nurse", "targets": [ { "role": "bedside-nurse" } ],
                      "channels": [ "email", "sms" ], "wait_minutes": 2 },
                    { "name": "charge nurse", "targets": [ { "schedule": "charge-nurse" } ],
                      "channels": [ "whatsapp", "push" ], "wait_minutes": 3 },
                    { "name": "rapid response team", "targets": [ { "role": "rapid-response-team" } ],
                      "wait_minutes": 5 }
                  ] }
                """);
        Path roster = Files.writeString(dir.resolve("roster.json"), """
                { "people": [ { "id": "bo", "name": "Bo Charge",
                                "contacts": [ { "channel": "whatsapp", "address": "+15550002" },
                                              { "channel": "push", "address": "fcm-device-token-of-bo" } ] } ],
                  "roles": [ { "id": "bedside-nurse", "ward": "4B", "name": "4B bedside nurse",
                               "contacts": [ { "channel": "email", "address": "nurse.4b@hospital.example" },
                                             { "channel": "sms", "address": "+15550001" } ] },
                             { "id": "rapid-response-team", "name": "Rapid response team",
                               "contacts": [ { "channel": "slack" }, { "channel": "teams" },
                                             { "channel": "webhook", "address": "rrt" } ] } ],
                  "schedules": [ { "id": "charge-nurse", "zone": "Europe/Lisbon",
                                   "rotations": [ { "name": "all day", "start_date": "2026-01-01",
                                                    "handoffs": [ { "time": "08:00", "people": [ "bo" ] } ] } ] } ] }
                """);
        Map<String, String> env = new HashMap<>();
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("SMTP_USE_TLS", "false");
        env.put("SMTP_FROM", "alerts@hospital.example");
        env.put("TWILIO_ACCOUNT_SID", TWILIO_SID);
        env.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        env.put("TWILIO_PHONE_NUMBER", "+15550100");
        env.put("TWILIO_API_URL", base);
        env.put("WHATSAPP_TOKEN", WHATSAPP_TOKEN);
        env.put("WHATSAPP_PHONE_NUMBER_ID", PHONE_ID);
        env.put("WHATSAPP_API_URL", base);
        env.put("FCM_SERVICE_ACCOUNT_FILE", serviceAccount.toString());
        env.put("FCM_API_URL", base);
        env.put("SLACK_WEBHOOK_URL", base + SLACK_SECRET_PATH);
        env.put("TEAMS_WEBHOOK_URL", base + "/teams-hook?api-version=1&sig=" + TEAMS_SIG);
        env.put("WEBHOOK_URL", base + "/hook");
        env.put("WEBHOOK_SECRET", WebhookPagingTest.WEBHOOK_SECRET);
        env.put("NOTIFY_ALLOW_INSECURE_TRANSPORT", "plain-HTTP vendor doubles on loopback in a test");
        env.put("ESCALATION_POLICY_FILE", policy.toString());
        env.put("ONCALL_ROSTER_FILE", roster.toString());
        return env;
    }

    private Received next(String channel) throws InterruptedException {
        Received r = received.get(channel).poll(60, TimeUnit.SECONDS);
        assertThat(r).as("a request at the " + channel + " endpoint").isNotNull();
        return r;
    }

    /**
     * Moves the monitor's time in 30-second steps, each with a fresh low reading: the patient stays
     * desaturated and the probe is never "lost", so the incident stays the critical one.
     */
    private static void moveTo(TestServer t, SetClock clock, Instant at) {
        while (clock.now.isBefore(at)) {
            Instant next = clock.now.plusSeconds(30).isAfter(at) ? at : clock.now.plusSeconds(30);
            clock.now = next;
            assertThat(t.post("/vital-signs", INTEGRATOR, obs("bed-7", next, "\"oxygen_saturation\":80")).statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void postedVitalsPageEveryChannelAndTheEscalationWalksItsLevelsByTheMonitorClock() throws Exception {
        SetClock clock = new SetClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Map<String, String> env = settings();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        // Counted after the server's own counters: a channel's request reaches the test's endpoint before
        // deliver() returns and the attempt is counted, so health is read only once all seven have been.
        Semaphore delivered = new Semaphore(0);
        DeliveryListener countDelivered = new DeliveryListener() {
            @Override
            public void onAttempt(DeliveryAttempt a) {
                if (a.outcome() == DeliveryResult.Outcome.DELIVERED) {
                    delivered.release();
                }
            }
        };
        try (TestServer t = new TestServer(dir.resolve("data"), env, MonitorClock.live(clock, Duration.ofMillis(20)),
                List.of(countDelivered))) {
            JsonNode channels = json(t.get("/system/health", null)).at("/checks/channels");
            assertThat(channels.get("status").asText()).isEqualTo("up");
            List<String> names = new ArrayList<>();
            channels.get("names").forEach(n -> names.add(n.asText()));
            assertThat(names).containsExactly("email", "sms", "whatsapp", "push", "slack", "teams", "webhook");
            assertThat(channels.get("paging").asText()).contains("escalation policy \"ward 4B\" (3 levels, repeat 0)",
                    "1 people, 2 roles, 1 schedules");

            assertThat(t.put("/patients/bed-7", INTEGRATOR, "{\"ward\":\"4B\",\"bed\":\"7\"}").statusCode()).isEqualTo(201);
            Instant t0 = clock.now;
            assertThat(t.post("/vital-signs", INTEGRATOR, "[" + obs("bed-7", t0.minusSeconds(1), "\"oxygen_saturation\":80")
                    + "," + obs("bed-7", t0, "\"oxygen_saturation\":80") + "]").statusCode()).isEqualTo(202);
            String alertId = json(t.get("/alerts/patient/bed-7", VIEWER)).at("/items/0/alert_id").asText();
            assertThat(alertId).isNotEmpty();

            // Level 1, at once: the ward's bedside-nurse role by e-mail and SMS.
            assertThat(smtp.waitForIncomingEmail(60_000, 1)).as("an e-mail at GreenMail").isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("nurse.4b@hospital.example");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@hospital.example");
            assertThat(mail.getSubject() + GreenMailUtil.getBody(mail)).contains("bed-7").containsIgnoringCase("critical");
            Received sms = next("sms");
            assertThat(sms.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(sms.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                    (TWILIO_SID + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)));
            assertThat(sms.form()).containsEntry("To", "+15550001").containsEntry("From", "+15550100");
            assertThat(sms.form().get("Body")).endsWith("[" + alertId + "]");
            // Nothing of level 2 while the monitor's clock stands still.
            assertThat(received.get("whatsapp")).isEmpty();
            assertThat(received.get("push")).isEmpty();

            // Level 2 after its 2 minutes: whoever the charge-nurse schedule has on call, by WhatsApp and push.
            moveTo(t, clock, t0.plus(Duration.ofMinutes(2)).plusSeconds(1));
            Received wa = next("whatsapp");
            assertThat(wa.header("Authorization")).isEqualTo("Bearer " + WHATSAPP_TOKEN);
            JsonNode waBody = wa.json();
            assertThat(waBody.path("messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(waBody.path("to").asText()).isEqualTo("+15550002");
            assertThat(waBody.path("type").asText()).isEqualTo("template");
            assertThat(waBody.at("/template/name").asText()).isEqualTo("vital_alert");
            Received token = next("fcm-token");
            assertThat(token.form()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            Received push = next("push");
            assertThat(push.header("Authorization")).isEqualTo("Bearer ya29.service-test-token");
            assertThat(push.json().at("/message/token").asText()).isEqualTo("fcm-device-token-of-bo");
            assertThat(received.get("slack")).isEmpty();

            // Level 3 after 3 more minutes: the rapid response team on Slack, Teams and the signed webhook.
            moveTo(t, clock, t0.plus(Duration.ofMinutes(5)).plusSeconds(2));
            JsonNode slack = next("slack").json();
            assertThat(slack.path("text").asText()).containsIgnoringCase("critical");
            assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
            Received teams = next("teams");
            assertThat(teams.query()).contains("sig=" + TEAMS_SIG);
            JsonNode card = teams.json();
            assertThat(card.path("type").asText()).isEqualTo("message");
            assertThat(card.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            assertThat(card.at("/attachments/0/content/type").asText()).isEqualTo("AdaptiveCard");
            Received hook = next("webhook");
            assertThat(hook.header("webhook-signature")).startsWith("v1,");
            assertThat(hook.body()).contains("bed-7");

            // The journal has every page, each with its level; acknowledging stops the chain.
            String timeline = json(t.get("/alerts/" + alertId + "/timeline", VIEWER)).toString();
            assertThat(timeline).contains("notification.");
            assertThat(t.put("/alerts/" + alertId + "/acknowledge", CLINICIAN, "{\"reason\":\"RRT at the bedside\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(delivered.tryAcquire(7, 60, TimeUnit.SECONDS)).as("seven delivered attempts counted").isTrue();
            JsonNode health = json(t.get("/system/health", null)).at("/checks/channels");
            assertThat(health.get("delivered").asLong()).isGreaterThanOrEqualTo(7);
        } finally {
            System.setErr(originalErr);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        originalErr.print(logged);
        assertThat(logged).contains("paging: channels [email, sms, whatsapp, push, slack, teams, webhook]");
        assertThat(logged).doesNotContain(TWILIO_TOKEN).doesNotContain(WHATSAPP_TOKEN)
                .doesNotContain("slackS3cretPath").doesNotContain(TEAMS_SIG)
                .doesNotContain(WebhookPagingTest.WEBHOOK_SECRET.substring(6));
    }
}
