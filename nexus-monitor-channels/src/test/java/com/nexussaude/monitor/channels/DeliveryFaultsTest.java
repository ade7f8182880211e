package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.channels.FaultyHttpServer.Fault;
import com.nexussaude.monitor.channels.FaultyHttpServer.Received;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.ManualDeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.NotificationDispatcher;
import com.nexussaude.monitor.notify.dispatch.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP channel against a receiver that misbehaves ({@link FaultyHttpServer}): each fault
 * class ends the attempt within the channel's deadline with the right outcome, and through the
 * dispatcher no page is lost (each ends delivered or as a dead letter, which the monitor raises as
 * a technical alert) and a receiver slower than the deadline gets each page at most twice from a
 * channel that cannot deduplicate, every copy after the first marked as a repeat.
 */
class DeliveryFaultsTest {

    /**
     * The channels' deadline here: short, so the stalling faults end quickly, yet long enough that an
     * answer that does come is never cut on a loaded build machine (load 20 on 2 cores seen).
     */
    static final Duration DEADLINE = Duration.ofSeconds(1);
    /** The deadline against a receiver that never answers: every attempt times out whatever the load. */
    static final Duration SLOW_DEADLINE = Duration.ofMillis(500);
    /** A bound that keeps a channel without a deadline from hanging the build; not a timing assertion. */
    static final Duration BOUND = Duration.ofSeconds(30);
    static final String LOOPBACK = "loopback fault-injecting test server";

    /** How to build one channel against the server, and what its receiver sees. */
    record Spec(String name, String vendor, String address, boolean deduplicates, String okBody,
                BiFunction<FaultyHttpServer, Duration, NotificationChannel> build, Function<Received, String> dedupeKey) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Spec> specs() {
        return List.of(
                new Spec("webhook", "webhook receiver", "", true, "{}",
                        (s, t) -> WebhookChannel.builder().url(s.url("/hook")).secret(WebhookChannelTest.SECRET)
                                .requestTimeout(t).allowInsecureTransport(LOOPBACK).build(),
                        r -> r.header("webhook-id")),
                new Spec("slack", "Slack", "", false, "ok",
                        (s, t) -> SlackChannel.builder().webhookUrl(s.url("/services/T/B/x")).requestTimeout(t)
                                .allowInsecureTransport(LOOPBACK).build(),
                        r -> null),
                new Spec("teams", "Teams workflow", "", false, "{}",
                        (s, t) -> TeamsChannel.builder().webhookUrl(s.url("/workflows/1?sig=x")).requestTimeout(t)
                                .allowInsecureTransport(LOOPBACK).build(),
                        r -> null),
                new Spec("sms", "Twilio", "+5511999990000", false, "{\"sid\":\"SM1\",\"status\":\"queued\"}",
                        (s, t) -> TwilioSmsChannel.builder().accountSid("AC1").authToken("tok").from("+15550000")
                                .baseUrl(s.url()).requestTimeout(t).allowInsecureTransport(LOOPBACK).build(),
                        r -> null),
                new Spec("whatsapp", "WhatsApp Cloud API", "+5511999990000", false, "{\"messages\":[{\"id\":\"wamid.1\"}]}",
                        (s, t) -> WhatsAppChannel.builder().token("tok").phoneNumberId("1234").baseUrl(s.url())
                                .requestTimeout(t).allowInsecureTransport(LOOPBACK).build(),
                        r -> null),
                new Spec("push", "FCM", "device-token-1", true, "{\"name\":\"projects/p/messages/1\"}",
                        (s, t) -> FcmPushChannel.builder().serviceAccountJson(serviceAccount(s)).baseUrl(s.url())
                                .requestTimeout(t).allowInsecureTransport(LOOPBACK).build(),
                        r -> {
                            var m = Fixtures.json(r.body()).path("message");
                            String apns = m.path("apns").path("headers").path("apns-collapse-id").asText(null);
                            String tag = m.path("android").path("notification").path("tag").asText(null);
                            // Both platforms get the same id, so a repeat replaces the shown notification on either.
                            return Objects.equals(apns, tag) && !m.path("android").has("collapse_key") ? apns : "mismatch:" + apns + "/" + tag;
                        }));
    }

    static String serviceAccount(FaultyHttpServer s) {
        s.alwaysOk("/token", "{\"access_token\":\"ya29.test\",\"expires_in\":3600}");
        ObjectNode sa = Fixtures.JSON.createObjectNode();
        sa.put("type", "service_account");
        sa.put("project_id", "nexus-test");
        sa.put("private_key", FcmPushChannelTest.pem(FcmPushChannelTest.KEYS));
        sa.put("client_email", "notifier@nexus-test.iam.gserviceaccount.com");
        sa.put("token_uri", s.url("/token").toString());
        return sa.toString();
    }

    static Stream<Arguments> channelsAndFaults() {
        List<Arguments> out = new ArrayList<>();
        for (Spec spec : specs()) {
            for (Fault f : Fault.values()) {
                if (f != Fault.OK) {
                    out.add(Arguments.of(spec, f));
                }
            }
        }
        return out.stream();
    }

    static Stream<Spec> channels() {
        return specs().stream();
    }

    FaultyHttpServer server;
    final ManualDeliveryScheduler scheduler = new ManualDeliveryScheduler(Fixtures.T0);
    final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    NotificationDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        server = new FaultyHttpServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
        server.close();
    }

    private Notification page(Spec spec, String alertId) {
        return Fixtures.notification(spec.name(), spec.address()).alertId(alertId).build();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("channelsAndFaults")
    void eachFaultEndsTheAttemptWithinTheDeadline(Spec spec, Fault fault) throws InterruptedException {
        server.okAnswer(200, spec.okBody()).answer(fault);
        NotificationChannel channel = spec.build().apply(server, DEADLINE);
        DeliveryResult r = assertTimeoutPreemptively(BOUND, () -> channel.deliver(page(spec, "alert-1")),
                "the attempt must end at the channel's deadline");
        assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.RETRY_LATER);
        switch (fault) {
            case STALL_BODY, SLOW_BODY, NO_ANSWER -> {
                assertThat(r.reason()).isEqualTo(spec.vendor() + " did not answer within " + DEADLINE.toMillis() + " ms");
                assertThat(r.ambiguous()).as("the request was sent: the receiver may have it").isTrue();
            }
            case RESET, GARBAGE -> {
                assertThat(r.reason()).startsWith(spec.vendor() + " request failed after it was sent: ");
                assertThat(r.ambiguous()).isTrue();
            }
            case RATE_LIMITED -> {
                assertThat(((DeliveryResult.RetryLater) r).retryAfter()).as(r.reason()).contains(Duration.ofSeconds(7));
                assertThat(r.ambiguous()).isFalse();
            }
            case UNAVAILABLE -> assertThat(r.ambiguous()).as(r.reason()).isFalse();
            default -> throw new IllegalStateException("not a fault: " + fault);
        }
        // An attempt that timed out may return before the server's thread has read its request: wait for that read.
        assertThat(server.receivedWhen(read -> !read.isEmpty(), BOUND, "the request at the receiver"))
                .as("the request reached the receiver").hasSize(1);
    }

    private void dispatch(NotificationChannel channel, int maxAttempts) {
        dispatcher = NotificationDispatcher.builder().channel(channel).scheduler(scheduler)
                .retryPolicy(RetryPolicy.ofDefaults().withMaxAttempts(maxAttempts))
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        attempts.add(attempt);
                    }

                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        deadLetters.add(deadLetter);
                    }
                }).build();
    }

    /** Each page ended exactly once: delivered, or a dead letter (which the monitor raises as a technical alert). */
    private void assertNoPageLost(List<Notification> pages) {
        for (Notification n : pages) {
            long delivered = attempts.stream().filter(a -> a.notification().equals(n) && a.result().isDelivered()).count();
            long dead = deadLetters.stream().filter(d -> d.notification().equals(n)).count();
            assertThat(delivered + dead).as("outcomes of %s", n.alertId()).isEqualTo(1);
        }
        assertThat(dispatcher.pending(pages.get(0).channel())).isZero();
    }

    /** The body as text; a form body decoded. */
    private static String text(Received r) {
        String type = Objects.requireNonNullElse(r.header("content-type"), "");
        return type.startsWith("application/x-www-form-urlencoded")
                ? java.net.URLDecoder.decode(r.body(), java.nio.charset.StandardCharsets.UTF_8) : r.body();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void slowReceiverGetsEachPageAtMostTheDocumentedNumberOfTimes(Spec spec) throws InterruptedException {
        // The receiver takes every request and never answers in time; the policy allows four attempts.
        server.okAnswer(200, spec.okBody()).answer(Fault.NO_ANSWER);
        dispatch(spec.build().apply(server, SLOW_DEADLINE), 4);
        List<Notification> pages = List.of(page(spec, "alert-1"), page(spec, "alert-2"));
        pages.forEach(dispatcher::submit);
        assertTimeoutPreemptively(BOUND, () -> scheduler.advanceUntilIdle(Duration.ofHours(1)));

        assertNoPageLost(pages);
        assertThat(deadLetters).hasSize(2);
        // Every attempt timed out, so the server's thread may not yet have read what was sent: wait until it has
        // read each page's first copy (never marked a repeat); later copies may still lag, as said below.
        List<Received> read = server.receivedWhen(rs -> pages.stream().allMatch(n -> rs.stream().anyMatch(
                r -> text(r).contains(n.alertId()) && !text(r).contains("[repeat]"))), BOUND, "each page's first copy");
        Map<String, List<Received>> byPage = read.stream().collect(Collectors.groupingBy(
                r -> text(r).contains("alert-1") ? "alert-1" : "alert-2"));
        for (Notification n : pages) {
            // What the dispatcher sent is exact; what the receiver recorded of it may lag the last attempt.
            long sent = attempts.stream().filter(a -> a.notification().equals(n)).count();
            List<Received> copies = byPage.getOrDefault(n.alertId(), List.of());
            assertThat(copies.size()).as("copies of %s received", n.alertId()).isBetween(1, (int) sent);
            if (spec.deduplicates()) {
                // Retried as the policy says; the receiver drops the repeats by their key.
                assertThat(sent).as("attempts for %s", n.alertId()).isEqualTo(4);
                assertThat(copies.stream().map(spec.dedupeKey()).distinct().toList()).singleElement().isNotNull();
            } else {
                // No key a receiver could drop a repeat by: one repeat only, marked as such.
                assertThat(sent).as("attempts for %s", n.alertId()).isEqualTo(2);
                assertThat(copies.stream().filter(r -> !text(r).contains("[repeat]")).count()).as("unmarked copies").isOne();
                assertThat(copies.stream().filter(r -> text(r).contains("[repeat]")).count()).as("marked copies").isLessThanOrEqualTo(1);
            }
        }
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.reason())
                .contains(spec.vendor() + " did not answer within " + SLOW_DEADLINE.toMillis() + " ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void everyFaultClassThenAnAnswer(Spec spec) {
        // One page meets the faults that are not ambiguous, then the receiver answers: delivered.
        // A second meets every fault class in turn: delivered, or (no deduplication) a dead letter
        // once a second attempt may have reached the person.
        server.okAnswer(200, spec.okBody())
                .thenAnswer(Fault.UNAVAILABLE, Fault.RATE_LIMITED, Fault.OK)
                .thenAnswer(Fault.UNAVAILABLE, Fault.RESET, Fault.RATE_LIMITED, Fault.GARBAGE, Fault.STALL_BODY,
                        Fault.SLOW_BODY, Fault.NO_ANSWER, Fault.OK);
        dispatch(spec.build().apply(server, DEADLINE), 10);
        Notification first = page(spec, "alert-1");
        dispatcher.submit(first);
        assertTimeoutPreemptively(BOUND, () -> scheduler.advanceUntilIdle(Duration.ofHours(1)));
        Notification second = page(spec, "alert-2");
        dispatcher.submit(second);
        assertTimeoutPreemptively(BOUND, () -> scheduler.advanceUntilIdle(Duration.ofHours(1)));

        assertNoPageLost(List.of(first, second));
        assertThat(attempts.stream().filter(a -> a.notification().equals(first)).map(DeliveryAttempt::outcome))
                .containsExactly(Outcome.RETRY_LATER, Outcome.RETRY_LATER, Outcome.DELIVERED);
        List<DeliveryAttempt> ofSecond = attempts.stream().filter(a -> a.notification().equals(second)).toList();
        if (spec.deduplicates()) {
            assertThat(ofSecond).hasSize(8);
            assertThat(ofSecond.get(7).outcome()).isEqualTo(Outcome.DELIVERED);
        } else {
            // 503, then the reset (may have arrived), then the repeat meets the 429 and then garbage
            // (may have arrived again): given up, never a third copy that may reach the person.
            assertThat(ofSecond).extracting(DeliveryAttempt::outcome).containsOnly(Outcome.RETRY_LATER).hasSize(4);
            assertThat(deadLetters).singleElement().satisfies(d -> assertThat(d.notification()).isEqualTo(second));
        }
        assertThat(server.received().stream().map(Received::body).filter(Objects::nonNull)).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void stalledWebhookHoldsNeitherTheSmsChannelNorItsOwnNextPage() throws Exception {
        // Production threads (system scheduler). The webhook receiver stalls the body of its first
        // answer for ever; its channel's deadline is long (10 min), so only the dispatcher's
        // attempt deadline (5 s: generous, the build machine is loaded) ends that attempt. Meanwhile an SMS to another receiver goes out,
        // and the webhook's next page goes out once the stalled attempt was abandoned.
        try (FaultyHttpServer sms = new FaultyHttpServer()) {
            sms.okAnswer(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}");
            server.okAnswer(200, "{}").thenAnswer(Fault.STALL_BODY);
            Spec webhookSpec = specs().get(0);
            Spec smsSpec = specs().get(3);
            java.util.concurrent.BlockingQueue<DeliveryAttempt> outcomes = new java.util.concurrent.LinkedBlockingQueue<>();
            dispatcher = NotificationDispatcher.builder()
                    .channel(webhookSpec.build().apply(server, Duration.ofMinutes(10)))
                    .channel(smsSpec.build().apply(sms, Duration.ofMinutes(10)))
                    .attemptTimeout(Duration.ofSeconds(5)).retryPolicy(RetryPolicy.noRetries())
                    .listener(new DeliveryListener() {
                        @Override
                        public void onAttempt(DeliveryAttempt attempt) {
                            outcomes.add(attempt);
                        }

                        @Override
                        public void onDeadLetter(DeadLetter deadLetter) {
                            deadLetters.add(deadLetter);
                        }
                    }).build();
            Notification stalled = page(webhookSpec, "alert-1");
            Notification next = page(webhookSpec, "alert-2");
            Notification text = page(smsSpec, "alert-1");
            dispatcher.submit(stalled);
            dispatcher.submit(next);
            dispatcher.submit(text);
            List<DeliveryAttempt> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DeliveryAttempt a = outcomes.poll(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(a).as("outcome %d of 3 (seen: %s)", i + 1, seen).isNotNull();
                seen.add(a);
            }
            assertThat(seen).filteredOn(a -> a.notification().equals(text)).singleElement()
                    .satisfies(a -> assertThat(a.outcome()).as("the SMS: %s", a.reason()).isEqualTo(Outcome.DELIVERED));
            assertThat(seen).filteredOn(a -> a.notification().equals(next)).singleElement()
                    .satisfies(a -> assertThat(a.outcome()).as("the next webhook page: %s", a.reason()).isEqualTo(Outcome.DELIVERED));
            assertThat(seen).filteredOn(a -> a.notification().equals(stalled)).singleElement().satisfies(a -> {
                assertThat(a.result().ambiguous()).isTrue();
                assertThat(a.reason()).isEqualTo("channel webhook gave no result within the attempt deadline of 5000 ms;"
                        + " the attempt was abandoned");
            });
            assertThat(deadLetters).extracting(DeadLetter::notification).containsExactly(stalled);
        }
    }
}
