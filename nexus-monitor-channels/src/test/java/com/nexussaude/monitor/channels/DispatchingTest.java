package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.ManualDeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.NotificationDispatcher;
import com.nexussaude.monitor.notify.dispatch.RateLimit;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dispatcher driving real channels against a local server, on one manual clock. */
class DispatchingTest {

    final ManualDeliveryScheduler scheduler = new ManualDeliveryScheduler(Fixtures.T0);
    /** The channels read the scheduler's time, so signatures and Retry-After dates follow the manual clock. */
    final Clock clock = new SuppliedClock(scheduler::now);
    final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final DeliveryListener recorder = new DeliveryListener() {
        @Override
        public void onAttempt(DeliveryAttempt attempt) {
            attempts.add(attempt);
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            deadLetters.add(deadLetter);
        }
    };
    final StringWriter journal = new StringWriter();
    TestHttpServer server;
    NotificationDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        server.close();
    }

    private NotificationDispatcher dispatcher(NotificationChannel channel, RateLimit limit) {
        var b = NotificationDispatcher.builder().scheduler(scheduler).listener(recorder)
                .listener(LogChannel.to(journal).asDeliveryListener());
        dispatcher = (limit == null ? b.channel(channel) : b.channel(channel, limit)).build();
        return dispatcher;
    }

    @Test
    @DisplayName("a 429 with Retry-After is retried exactly then, with the same webhook-id and a fresh signature")
    void webhookRetryAfter() {
        WebhookChannel webhook = WebhookChannel.builder().url(server.url("/hook")).secret(WebhookChannelTest.SECRET).clock(clock)
                .allowInsecureTransport("loopback test server").build();
        server.answer(Response.of(200, "")).thenAnswer(Response.of(429, "slow down").withHeader("Retry-After", "30"));
        dispatcher(webhook, null).submit(Fixtures.notification("webhook", "").build());
        scheduler.runReady();
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(a.nextAttemptAt()).contains(Fixtures.T0.plusSeconds(30));
        });
        scheduler.advanceBy(Duration.ofSeconds(29));
        assertThat(server.requests()).hasSize(1);
        scheduler.advanceBy(Duration.ofSeconds(1));
        List<TestHttpServer.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        assertThat(Long.parseLong(requests.get(1).header("webhook-timestamp")))
                .isEqualTo(Long.parseLong(requests.get(0).header("webhook-timestamp")) + 30);
        assertThat(requests.get(1).header("webhook-signature")).isNotEqualTo(requests.get(0).header("webhook-signature"));
        assertThat(attempts).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.RETRY_LATER, Outcome.DELIVERED);
        assertThat(journalLines()).extracting(l -> l.path("outcome").asText() + "#" + l.path("attempt").asInt())
                .containsExactly("retry_later#1", "delivered#2");
    }

    @Test
    @DisplayName("a 400 is not retried: one request, then a dead letter with the vendor's error text")
    void noRetryOn4xx() {
        TwilioSmsChannel sms = TwilioSmsChannel.builder().accountSid("AC1").authToken("tok").from("+15550000")
                .baseUrl(server.url()).clock(clock).allowInsecureTransport("loopback test server").build();
        server.answer(Response.of(400, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\"}"));
        dispatcher(sms, null).submit(Fixtures.notification("sms", "+1").build());
        scheduler.advanceUntilIdle(Duration.ofHours(1));
        assertThat(server.requests()).hasSize(1);
        assertThat(deadLetters).singleElement().satisfies(d -> assertThat(d.reason())
                .isEqualTo("failed permanently: HTTP 400 from Twilio: Twilio error 21211: Invalid 'To' Phone Number"));
        assertThat(journalLines()).extracting(l -> l.path("outcome").asText()).containsExactly("failed", "dead_letter");
    }

    @Test
    @DisplayName("Slack at one message per second: three pages go out one second apart")
    void slackRateLimit() {
        SlackChannel slack = SlackChannel.builder().webhookUrl(server.url("/services/T/B/x")).allowInsecureTransport("loopback test server").build();
        server.answer(Response.of(200, "ok"));
        dispatcher(slack, RateLimit.of(1, Duration.ofSeconds(1)));
        for (int i = 0; i < 3; i++) {
            dispatcher.submit(Fixtures.notification("slack", "").alertId("alert-" + i).build());
        }
        scheduler.runReady();
        assertThat(server.requests()).hasSize(1);
        scheduler.advanceBy(Duration.ofSeconds(1));
        assertThat(server.requests()).hasSize(2);
        scheduler.advanceBy(Duration.ofSeconds(1));
        assertThat(server.requests()).hasSize(3);
        assertThat(attempts).extracting(a -> a.startedAt().toString())
                .containsExactly("2026-11-25T08:00:00Z", "2026-11-25T08:00:01Z", "2026-11-25T08:00:02Z");
    }

    @Test
    @DisplayName("the environment builds every configured channel, and only those")
    void environment() {
        assertThat(ChannelEnvironment.channels(Map.of())).isEmpty();
        Map<String, String> env = new HashMap<>();
        env.put("TWILIO_ACCOUNT_SID", "AC1");
        env.put("TWILIO_AUTH_TOKEN", "tok");
        env.put("TWILIO_PHONE_NUMBER", "+15550000");
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x");
        env.put("TEAMS_WEBHOOK_URL", "https://prod.westeurope.logic.azure.com/workflows/1?sig=x");
        env.put("WEBHOOK_URL", "https://receiver.example/hook");
        env.put("WEBHOOK_SECRET", WebhookChannelTest.SECRET);
        assertThat(ChannelEnvironment.channels(env)).extracting(NotificationChannel::name)
                .containsExactly("sms", "slack", "teams", "webhook");
        env.put("SMTP_HOST", "smtp.hospital.example");
        assertThatThrownBy(() -> ChannelEnvironment.channels(env)).hasMessageContaining("SMTP_FROM is required");
        env.put("NOTIFY_PRIVACY_FIELDS", "patient_id,address");
        env.put("SMTP_FROM", "alerts@hospital.example");
        assertThatThrownBy(() -> ChannelEnvironment.channels(env)).hasMessageContaining("NOTIFY_PRIVACY_FIELDS: unknown notification field 'address'");
    }

    private List<JsonNode> journalLines() {
        return Arrays.stream(journal.toString().split("\n")).filter(s -> !s.isEmpty()).map(Fixtures::json).toList();
    }
}
