package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.CLINICIAN;
import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paging settings: every bad value stops start-up with a message naming the setting (and, in the
 * roster and policy files, the path of the bad element), never a secret's value; channel settings come
 * from the configuration file as well as the environment; without a roster, the channels that reach an
 * on-call system (Slack, Teams, webhook) each get every page.
 */
class PagingConfigTest {
    static final String SLACK_SECRET = "slackWebhookS3cret42";

    @TempDir
    Path dir;

    private ServerConfig.ConfigException refused(Map<String, String> env) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new TestServer(dir.resolve("data"), env).close());
        assertThat(t).isInstanceOf(ServerConfig.ConfigException.class);
        return (ServerConfig.ConfigException) t;
    }

    private Map<String, String> slackAndSms() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T0/B0/" + SLACK_SECRET);
        env.put("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef");
        env.put("TWILIO_AUTH_TOKEN", "twilioTokenS3cret");
        env.put("TWILIO_PHONE_NUMBER", "+15550100");
        return env;
    }

    @Test
    void aChannelThatPagesPeopleAtTheirAddressesNeedsARoster() {
        assertThat(refused(slackAndSms()).getMessage()).contains("sms (TWILIO_ACCOUNT_SID)", "ONCALL_ROSTER_FILE")
                .doesNotContain("twilioTokenS3cret").doesNotContain(SLACK_SECRET);
    }

    @Test
    void badChannelValuesNameTheVariableAndNeverShowASecret() {
        Map<String, String> env = new HashMap<>(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", "twenty-five",
                "SMTP_FROM", "alerts@hospital.example", "SMTP_USE_TLS", "false"));
        assertThat(refused(env).getMessage()).contains("SMTP_PORT", "twenty-five");

        env = new HashMap<>(Map.of("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                "TWILIO_AUTH_TOKEN", "twilioTokenS3cret"));
        assertThat(refused(env).getMessage()).contains("TWILIO_PHONE_NUMBER").doesNotContain("twilioTokenS3cret");

        env = new HashMap<>(Map.of("SLACK_WEBHOOK_URL", "hooks.slack.example/" + SLACK_SECRET));
        assertThat(refused(env).getMessage()).contains("SLACK_WEBHOOK_URL").doesNotContain(SLACK_SECRET);

        env = new HashMap<>(Map.of("ONCALL_ROSTER_FILE", dir.resolve("roster.json").toString()));
        assertThat(refused(env).getMessage()).contains("ONCALL_ROSTER_FILE is set, but no channel is");
    }

    @Test
    void rosterProblemsAreAllListedWithTheirPaths() throws Exception {
        Path roster = Files.writeString(dir.resolve("roster.json"), """
                { "people": [ { "id": "ana", "contacts": [ { "channel": "email", "address": "ana@h.example" } ] },
                              { "id": "ana", "contacts": [ { "channel": "sms", "address": "+15550001" } ], "pager": "12" } ],
                  "schedules": [ { "id": "night", "zone": "Mars/Olympus",
                                   "rotations": [ { "start_date": "2026-13-01", "handoffs": [ { "time": "25:00", "people": [ "ana" ] } ] } ] } ],
                  "teams": [] }
                """);
        Map<String, String> env = slackAndSms();
        env.put("ONCALL_ROSTER_FILE", roster.toString());
        String m = refused(env).getMessage();
        assertThat(m).contains("ONCALL_ROSTER_FILE (" + roster + ")")
                .contains("(document): unknown field(s) [teams]")
                .contains("people[0].contacts[0].channel: \"email\" is not a configured channel; configured: [sms, slack]")
                .contains("people[1]: unknown field(s) [pager]")
                .contains("people[1].id: person \"ana\" is listed twice")
                .contains("schedules[0].zone: must be a time-zone id")
                .contains("schedules[0].rotations[0].start_date: must be a date")
                .contains("schedules[0].rotations[0].handoffs[0].time: must be a local time")
                .doesNotContain(SLACK_SECRET);
        Files.writeString(roster, "{ \"people\": [ ");
        assertThat(refused(env).getMessage()).contains("ONCALL_ROSTER_FILE (" + roster + ") is not valid JSON (line 1");
    }

    @Test
    void anEscalationPolicyThatCannotPageThroughThisServiceIsRefusedNamingTheLevel() throws Exception {
        Path roster = Files.writeString(dir.resolve("roster.json"), """
                { "roles": [ { "id": "bedside-nurse", "contacts": [ { "channel": "sms", "address": "+15550001" } ] } ] }
                """);
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                { "name": "p", "levels": [
                    { "name": "nurse", "targets": [ { "role": "bedside-nurse" } ], "channels": [ "push" ], "wait_minutes": 2 },
                    { "name": "doctor", "targets": [ { "schedule": "ward-physician" } ], "wait_minutes": 5 } ] }
                """);
        Map<String, String> env = slackAndSms();
        env.put("ONCALL_ROSTER_FILE", roster.toString());
        env.put("ESCALATION_POLICY_FILE", policy.toString());
        assertThat(refused(env).getMessage()).contains("ESCALATION_POLICY_FILE (" + policy + ")")
                .contains("levels[0] (\"nurse\") pages on [push], which is not configured; configured: [sms, slack]")
                .contains("levels[1] (\"doctor\") targets schedule \"ward-physician\", which ONCALL_ROSTER_FILE");

        Files.writeString(policy, "{ \"name\": \"p\", \"levels\": [ { \"name\": \"x\", \"targets\": [], \"wait_minutes\": -1 } ] }");
        assertThat(refused(env).getMessage()).contains("ESCALATION_POLICY_FILE (" + policy + ")", "levels[0].targets",
                "levels[0].wait_minutes");

        // The bundled default policy is used without ESCALATION_POLICY_FILE; it needs its own roles and schedules.
        env.remove("ESCALATION_POLICY_FILE");
        assertThat(refused(env).getMessage()).contains("the bundled default escalation policy", "charge-nurse");

        env.remove("ONCALL_ROSTER_FILE");
        env.put("ESCALATION_POLICY_FILE", policy.toString());
        assertThat(refused(env).getMessage()).contains("ESCALATION_POLICY_FILE", "is set but ONCALL_ROSTER_FILE is not");
    }

    @Test
    void channelSettingsComeFromTheConfigFileAndEachOnCallSystemGetsEveryPage() throws Exception {
        BlockingQueue<String> slack = new LinkedBlockingQueue<>();
        BlockingQueue<String> teams = new LinkedBlockingQueue<>();
        HttpServer vendors = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendors.createContext("/slack/" + SLACK_SECRET, e -> {
            slack.add(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, ok.length);
            e.getResponseBody().write(ok);
            e.close();
        });
        vendors.createContext("/teams", e -> {
            teams.add(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            e.sendResponseHeaders(202, -1);
            e.close();
        });
        vendors.start();
        String base = "http://127.0.0.1:" + vendors.getAddress().getPort();
        Path file = Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "SLACK_WEBHOOK_URL=" + base + "/slack/" + SLACK_SECRET,
                "TEAMS_WEBHOOK_URL=" + base + "/teams?sig=teamsSig",
                "NOTIFY_ALLOW_INSECURE_TRANSPORT=loopback doubles in a test", ""));
        ServerConfig fromFile = ServerConfig.load(file, Map.of());
        assertThat(fromFile.paging().channelEnv()).containsKeys("SLACK_WEBHOOK_URL", "TEAMS_WEBHOOK_URL");
        assertThat(fromFile.paging().toString()).contains("SLACK_WEBHOOK_URL").doesNotContain(SLACK_SECRET);

        Map<String, String> env = new HashMap<>();
        Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        try (TestServer t = new TestServer(dir.resolve("data"), env)) {
            JsonNode channels = json(t.get("/system/health", null)).at("/checks/channels/names");
            assertThat(List.of(channels.get(0).asText(), channels.get(1).asText())).containsExactly("slack", "teams");
            assertThat(t.post("/alerts", CLINICIAN, "{\"patient_id\":\"bed-9\",\"severity\":\"high\","
                    + "\"message\":\"looks unwell\",\"reason\":\"nurse concern\"}").statusCode()).isEqualTo(201);
            assertThat(slack.poll(60, TimeUnit.SECONDS)).as("a Slack page").contains("bed-9");
            assertThat(teams.poll(60, TimeUnit.SECONDS)).as("a Teams page").contains("AdaptiveCard");
        } finally {
            vendors.stop(0);
        }
    }

    /**
     * Kafka mode's page delivery reads a page's recipient id and channel and takes the contact from the paging
     * setup: a roster's person, role and ward role (as {@code Roster} names them) on each of their channels, and
     * nobody else; without a roster, each on-call channel's recipient.
     */
    @Test
    void theRecipientLookupGivesTheRostersContactOnTheChannelAndNothingElse() throws Exception {
        Path roster = Files.writeString(dir.resolve("roster.json"), """
                { "people": [ { "id": "ana", "contacts": [ { "channel": "webhook", "address": "ana-hook" },
                                                           { "channel": "slack", "address": "@ana" } ] } ],
                  "roles": [ { "id": "charge-nurse", "contacts": [ { "channel": "webhook", "address": "cn-all" } ] },
                             { "id": "charge-nurse", "ward": "4B", "contacts": [ { "channel": "webhook", "address": "cn-4b" } ] } ] }
                """);
        Path policy = Files.writeString(dir.resolve("escalation.json"), """
                { "name": "ward", "repeat": 0,
                  "levels": [ { "name": "nurse", "targets": [ { "person": "ana" } ], "channels": [ "webhook" ], "wait_minutes": 3 },
                              { "name": "charge", "targets": [ { "role": "charge-nurse" } ], "channels": [ "webhook", "slack" ], "wait_minutes": 3 } ] }
                """);
        Map<String, String> env = new HashMap<>(Map.of("WEBHOOK_URL", "https://hooks.hospital.example/page",
                "WEBHOOK_SECRET", WebhookPagingTest.WEBHOOK_SECRET,
                "SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T0/B0/" + SLACK_SECRET,
                "ONCALL_ROSTER_FILE", roster.toString(), "ESCALATION_POLICY_FILE", policy.toString()));
        PagingSetup.Built built = PagingSetup.build(PagingSettings.read(env::get), List.of());
        assertThat(built.senders()).extracting(c -> c.name()).containsExactlyInAnyOrderElementsOf(built.channels())
                .containsExactlyInAnyOrder("webhook", "slack");
        var lookup = built.recipients();
        assertThat(lookup.find("ana", "webhook")).get().satisfies(r -> {
            assertThat(r.contact().address()).isEqualTo("ana-hook");
            assertThat(r.contact().channel()).isEqualTo("webhook");
        });
        assertThat(lookup.find("ana", "slack")).get().extracting(r -> r.contact().address()).isEqualTo("@ana");
        assertThat(lookup.find("charge-nurse", "webhook")).get().extracting(r -> r.contact().address())
                .isEqualTo("cn-all");
        assertThat(lookup.find("charge-nurse@4B", "webhook")).get().extracting(r -> r.contact().address())
                .isEqualTo("cn-4b");
        assertThat(lookup.find("charge-nurse", "slack")).as("no slack contact for the role").isEmpty();
        assertThat(lookup.find("bo", "webhook")).as("not on the roster").isEmpty();

        PagingSetup.Built onCall = PagingSetup.build(PagingSettings.read(Map.of("WEBHOOK_URL",
                "https://hooks.hospital.example/page", "WEBHOOK_SECRET", WebhookPagingTest.WEBHOOK_SECRET)::get), List.of());
        assertThat(onCall.recipients().find("on-call", "webhook")).get().extracting(r -> r.contact().address())
                .isEqualTo("on-call");
        assertThat(onCall.recipients().find("ana", "webhook")).isEmpty();

        PagingSetup.Built nobody = PagingSetup.build(PagingSettings.read(Map.<String, String>of()::get), List.of());
        assertThat(nobody.senders()).isEmpty();
        assertThat(nobody.recipients().find("on-call", "webhook")).isEmpty();
    }
}
