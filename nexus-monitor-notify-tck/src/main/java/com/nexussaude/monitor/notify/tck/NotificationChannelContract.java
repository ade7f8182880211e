package com.nexussaude.monitor.notify.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.Recipient;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link NotificationChannel} implementations: extend it in a test of
 * your channel and implement the abstract methods, and it checks that the channel honours the SPI
 * contract against a receiver you control (a local HTTP or SMTP server).
 *
 * <pre>{@code
 * class MyPagerChannelTest extends NotificationChannelContract {
 *     LocalServer server;                        // started in @BeforeEach, stopped in @AfterEach
 *     protected NotificationChannel channel() { return MyPagerChannel.builder().baseUrl(server.url()).build(); }
 *     protected String address() { return "+15550100"; }
 *     protected void arrange(Behaviour b) { server.answerWith(switch (b) { ... }); }
 *     protected List<String> receivedIdentities() { return server.requests().stream().map(r -> r.header("Idempotency-Key")).toList(); }
 *     protected Set<String> secrets() { return Set.of(API_KEY); }
 * }
 * }</pre>
 *
 * <p>JUnit creates a new test instance for every test, so {@link #channel()} may return a field
 * set in the subclass's {@code @BeforeEach}. The kit calls {@link #arrange(Behaviour)} before it
 * delivers; a receiver that cannot be made to behave some way is declared with
 * {@link #supports(Behaviour)}, and the tests that need it are skipped.
 *
 * @since 0.1
 */
public abstract class NotificationChannelContract {

    /** How the receiving end answers the attempts that follow {@link #arrange(Behaviour)}. */
    public enum Behaviour {
        /** Accepts the message (HTTP 2xx, SMTP 250). */
        ACCEPT,
        /** Fails on its side (HTTP 500/503, SMTP 451): retrying may help. */
        SERVER_ERROR,
        /**
         * Throttles the sender and asks it to wait {@link #RATE_LIMIT_RETRY_AFTER} (HTTP 429 with
         * {@code Retry-After: 7}).
         */
        RATE_LIMITED,
        /** Rejects the request as invalid (HTTP 400 with the vendor's error body): retrying cannot help. */
        REJECT,
        /** Cannot be reached (connection refused) or does not answer within the channel's timeout. */
        UNREACHABLE
    }

    /** The delay a {@link Behaviour#RATE_LIMITED} receiver asks for. */
    public static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(7);

    /**
     * The channel under test, pointed at the receiver the subclass controls.
     *
     * @return the channel under test, pointed at the receiver the subclass controls
     */
    protected abstract NotificationChannel channel();

    /**
     * An address the channel can deliver to ({@link ContactPoint#address()}).
     *
     * @return an address the channel can deliver to ({@link ContactPoint#address()})
     */
    protected abstract String address();

    /**
     * Makes the receiver answer the following attempts as {@code behaviour} says.
     *
     * @param behaviour how the receiver is to answer the attempts that follow; only values {@link #supports}
     *     accepts
     * @throws Exception if the receiver cannot be arranged; the test then fails with it
     */
    protected abstract void arrange(Behaviour behaviour) throws Exception;

    /**
     * For every attempt the receiver saw, in order, what identifies the message for deduplication:
     * the vendor's idempotency key where it has one ({@code webhook-id}, {@code Message-ID}),
     * otherwise the request body (a retry must then send the same body).
     *
     * @return for every attempt the receiver saw, in order, what identifies the message for deduplication:
     *     the vendor's idempotency key where it has one ({@code webhook-id}, {@code Message-ID}), otherwise the
     *     request body (a retry must then send the same body)
     * @throws Exception if the receiver cannot be read; the test then fails with it
     */
    protected abstract List<String> receivedIdentities() throws Exception;

    /**
     * The secrets the channel was configured with; none may appear in its output. Default: none.
     *
     * @return the secrets the channel was configured with
     */
    protected Set<String> secrets() {
        return Set.of();
    }

    /**
     * Whether the receiver can be made to behave as {@code behaviour}; default true for all.
     *
     * @param behaviour a way the receiver can be made to answer
     * @return whether the receiver can be made to behave as {@code behaviour}
     */
    protected boolean supports(Behaviour behaviour) {
        return true;
    }

    /**
     * The channel under test configured with {@code deadline} as its own deadline for one attempt
     * (the whole exchange: connect, request, the complete answer), pointed at the same receiver; empty
     * (the default) if the channel has no deadline to configure, which skips the deadline cases.
     *
     * @param deadline the deadline of one attempt the channel is to enforce itself; short in these tests
     * @return the channel under test configured with {@code deadline} as its own deadline for one attempt
     *     (the whole exchange: connect, request, the complete answer), pointed at the same receiver
     * @since 0.2
     * @throws Exception if the channel cannot be built; the test then fails with it
     */
    protected Optional<NotificationChannel> channelWithDeadline(Duration deadline) throws Exception {
        return Optional.empty();
    }

    /**
     * Makes the receiver take the following requests and then never finish its answer (HTTP: the
     * headers and part of the body, then nothing; SMTP: the whole message, then no reply). Returns
     * false (the default) if the receiver cannot, which skips the deadline cases.
     *
     * @return true if the receiver now stalls its answers; false (the default) to skip the deadline cases
     * @since 0.2
     * @throws Exception if the receiver cannot be arranged; the test then fails with it
     */
    protected boolean arrangeStalledAnswer() throws Exception {
        return false;
    }

    /**
     * Whether the channel's protocol carries a retry delay (HTTP {@code Retry-After}); default true.
     *
     * @return whether the channel's protocol carries a retry delay (HTTP {@code Retry-After})
     */
    protected boolean reportsRetryAfter() {
        return true;
    }

    /**
     * A notification the channel can deliver; override to add what your channel needs.
     *
     * @param alertId the alert id the contract's case uses, distinct per case
     * @return a notification the channel can deliver
     */
    protected Notification notification(String alertId) {
        return Notification.builder()
                .alertId(alertId)
                .incidentId("incident-" + alertId)
                .patientId("patient-0042")
                .patientName("Compatibility Kit Patient")
                .ward("ward-3")
                .bed("bed-12")
                .ruleId("threshold")
                .severity(Severity.CRITICAL)
                .category(Category.PHYSIOLOGICAL)
                .event(EventKind.RAISED)
                .escalationLevel(1)
                .timestamp(Instant.parse("2026-11-25T08:00:00Z"))
                .message("SpO2 82 % below 85 for 10 s")
                .evidence("spo2", "82")
                .recipient(Recipient.of("charge-nurse", ContactPoint.of(channel().name(), address())))
                .build();
    }

    @Test
    @DisplayName("the name is not blank and does not change")
    void nameIsStable() throws Exception {
        NotificationChannel channel = channel();
        String name = channel.name();
        assertThat(name).isNotBlank();
        arrange(Behaviour.ACCEPT);
        channel.deliver(notification("alert-name"));
        assertThat(channel.name()).isEqualTo(name);
    }

    @Test
    @DisplayName("an accepted message is delivered, with a reason")
    void acceptedIsDelivered() throws Exception {
        arrange(Behaviour.ACCEPT);
        DeliveryResult result = channel().deliver(notification("alert-accept"));
        assertThat(result).isNotNull();
        assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(result.reason()).isNotBlank();
        assertThat(receivedIdentities()).hasSize(1);
    }

    @Test
    @DisplayName("a server error is retry-later, not an exception")
    void serverErrorIsRetryLater() throws Exception {
        assumeTrue(supports(Behaviour.SERVER_ERROR), "receiver cannot fail on its side");
        arrange(Behaviour.SERVER_ERROR);
        DeliveryResult result = deliverWithoutThrowing(notification("alert-5xx"));
        assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
        assertThat(result.reason()).isNotBlank();
    }

    @Test
    @DisplayName("a rate limit is retry-later with the receiver's delay")
    void rateLimitIsRetryLaterWithDelay() throws Exception {
        assumeTrue(supports(Behaviour.RATE_LIMITED), "receiver cannot rate-limit");
        arrange(Behaviour.RATE_LIMITED);
        DeliveryResult result = deliverWithoutThrowing(notification("alert-429"));
        assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
        if (reportsRetryAfter()) {
            assertThat(((DeliveryResult.RetryLater) result).retryAfter()).contains(RATE_LIMIT_RETRY_AFTER);
        }
    }

    @Test
    @DisplayName("a rejected request fails permanently with the receiver's reason")
    void rejectionIsFailed() throws Exception {
        assumeTrue(supports(Behaviour.REJECT), "receiver cannot reject");
        arrange(Behaviour.REJECT);
        DeliveryResult result = deliverWithoutThrowing(notification("alert-4xx"));
        assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(DeliveryResult.Outcome.FAILED);
        assertThat(result.reason()).isNotBlank();
    }

    @Test
    @DisplayName("an unreachable or silent receiver is retry-later, not an exception")
    void unreachableIsRetryLater() throws Exception {
        assumeTrue(supports(Behaviour.UNREACHABLE), "receiver cannot be made unreachable");
        arrange(Behaviour.UNREACHABLE);
        DeliveryResult result = deliverWithoutThrowing(notification("alert-unreachable"));
        assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
    }

    @Test
    @DisplayName("a retry carries the same idempotency key as the first attempt")
    void retryCarriesSameIdentity() throws Exception {
        assumeTrue(supports(Behaviour.SERVER_ERROR), "receiver cannot fail on its side");
        Notification n = notification("alert-retry");
        arrange(Behaviour.SERVER_ERROR);
        deliverWithoutThrowing(n);
        arrange(Behaviour.ACCEPT);
        assertThat(deliverWithoutThrowing(n).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        List<String> identities = receivedIdentities();
        assertThat(identities).hasSize(2);
        assertThat(identities.get(1)).isEqualTo(identities.get(0));
    }

    @Test
    @DisplayName("different notifications are told apart")
    void differentNotificationsDiffer() throws Exception {
        arrange(Behaviour.ACCEPT);
        channel().deliver(notification("alert-one"));
        channel().deliver(notification("alert-two"));
        List<String> identities = receivedIdentities();
        assertThat(identities).hasSize(2);
        assertThat(identities.get(1)).isNotEqualTo(identities.get(0));
    }

    @Test
    @DisplayName("secrets appear in no toString and no result reason")
    void secretsStayHidden() throws Exception {
        List<String> texts = new ArrayList<>();
        texts.add(String.valueOf(channel()));
        for (Behaviour b : Behaviour.values()) {
            if (supports(b)) {
                arrange(b);
                DeliveryResult r = deliverWithoutThrowing(notification("alert-secret-" + b.name().toLowerCase()));
                texts.add(r.reason());
                texts.add(String.valueOf(r));
            }
        }
        texts.add(String.valueOf(channel()));
        for (String secret : secrets()) {
            assertThat(secret).as("a configured secret").isNotBlank();
            assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(secret));
        }
    }

    @Test
    @DisplayName("a receiver that stalls its answer: the attempt ends by the channel's deadline, an ambiguous retry-later")
    void stalledAnswerEndsAtTheDeadline() throws Exception {
        Optional<NotificationChannel> impatient = channelWithDeadline(STALL_DEADLINE);
        assumeTrue(impatient.isPresent(), "the channel has no deadline to configure");
        assumeTrue(arrangeStalledAnswer(), "the receiver cannot stall its answer");
        Notification n = notification("alert-stalled");
        // A bound that turns a channel without a whole-exchange deadline into a failure instead of a hung build.
        DeliveryResult result = assertTimeoutPreemptively(STALL_BOUND, () -> impatient.get().deliver(n),
                "deliver() did not return although the channel's deadline was " + STALL_DEADLINE);
        assertThat(result).as("result of deliver()").isNotNull();
        assertThat(result.outcome()).as("outcome of %s", result).isEqualTo(DeliveryResult.Outcome.RETRY_LATER);
        assertThat(result.ambiguous()).as("the receiver has the request and may have acted on it: %s", result).isTrue();
    }

    /**
     * The deadline the stalled-answer case configures: long enough for the request to be sent on a
     * loaded machine (only then is the outcome ambiguous), short enough to keep the case quick.
     */
    static final Duration STALL_DEADLINE = Duration.ofSeconds(1);
    /** How long the stalled-answer case waits for {@code deliver} before failing. */
    static final Duration STALL_BOUND = Duration.ofSeconds(30);

    @Test
    @DisplayName("a null notification is a NullPointerException")
    void nullIsRejected() {
        assertThatThrownBy(() -> channel().deliver(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("concurrent deliveries are all delivered")
    void concurrentDeliveries() throws Exception {
        arrange(Behaviour.ACCEPT);
        NotificationChannel channel = channel();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DeliveryResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Notification n = notification("alert-concurrent-" + i);
                results.add(pool.submit(() -> channel.deliver(n)));
            }
            for (Future<DeliveryResult> f : results) {
                // A bound, not a timing assertion: it only keeps a deadlocked channel from hanging the build.
                assertThat(f.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(receivedIdentities()).hasSize(4).doesNotHaveDuplicates();
    }

    private DeliveryResult deliverWithoutThrowing(Notification n) {
        DeliveryResult[] holder = new DeliveryResult[1];
        assertThatCode(() -> holder[0] = channel().deliver(n)).doesNotThrowAnyException();
        assertThat(holder[0]).as("result of deliver()").isNotNull();
        return holder[0];
    }
}
