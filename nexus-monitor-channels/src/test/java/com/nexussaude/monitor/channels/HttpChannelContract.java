package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.channels.TestHttpServer.Request;
import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.tck.NotificationChannelContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for a channel that speaks HTTP, against a real {@link TestHttpServer} that
 * is started before and closed after every test. A channel's test supplies its specifics: how to
 * build the channel against the server ({@link #configure}), how its vendor answers each of the
 * kit's behaviours ({@link #answers}), and what it sees of the vendor's wire format, which it checks
 * through {@link #deliverAccepted}. The cases of {@link Http}'s shared status mapping that the kit
 * does not cover (the vendor's error quoted in a rejection, 408, a request timeout,
 * {@code Retry-After} as a date) run here for every channel.
 *
 * @param <C> the channel
 * @param <B> its builder
 */
abstract class HttpChannelContract<C extends NotificationChannel, B extends HttpChannelBuilder<B>>
        extends NotificationChannelContract {

    /**
     * How the vendor answers each behaviour of the kit. The rate-limit answer gets
     * {@code Retry-After} with {@link #RATE_LIMIT_RETRY_AFTER} added; connection refused stands for
     * {@link Behaviour#UNREACHABLE} for every vendor.
     */
    record Answers(Response accepted, Response serverError, Response rateLimited, Response rejected) {
    }

    private final Function<B, C> build;
    private final String vendor;
    private final String address;
    TestHttpServer server;
    /** The receiver of the stalled-answer case, made when that case runs. */
    FaultyHttpServer faulty;
    C channel;

    /**
     * @param build   the builder's {@code build()}, e.g. {@code TwilioSmsChannel.Builder::build}
     * @param vendor  the vendor as the channel names it in its reasons ("Twilio did not answer …")
     * @param address the contact point's address the kit and {@link #sample()} deliver to
     */
    HttpChannelContract(Function<B, C> build, String vendor, String address) {
        this.build = build;
        this.vendor = vendor;
        this.address = address;
    }

    /** A builder of the channel under test pointed at {@code server}; {@link #build} sets the clock. */
    abstract B configure(TestHttpServer server) throws Exception;

    abstract Answers answers();

    /** The exact reason of the failure that the {@link Answers#rejected} answer yields: the vendor's error, quoted. */
    abstract String rejectionReason();

    /** The clock the channel runs on: {@link Fixtures#CLOCK} unless the test needs to move it. */
    Clock clock() {
        return Fixtures.CLOCK;
    }

    @BeforeEach
    final void startServer() throws Exception {
        server = new TestHttpServer();
        channel = build(configure(server));
        arrange(Behaviour.ACCEPT);
    }

    @AfterEach
    final void stopServer() throws Exception {
        server.close();
        if (faulty != null) {
            faulty.close();
        }
    }

    /** The channel {@code builder} describes, on {@link #clock()}; the loopback server speaks plain HTTP. */
    final C build(B builder) {
        return build.apply(builder.clock(clock()).allowInsecureTransport("loopback test server"));
    }

    @Override
    protected final NotificationChannel channel() {
        return channel;
    }

    @Override
    protected final String address() {
        return address;
    }

    @Override
    protected final void arrange(Behaviour behaviour) {
        Answers answers = answers();
        switch (behaviour) {
            case ACCEPT -> server.answer(answers.accepted());
            case SERVER_ERROR -> server.answer(answers.serverError());
            case RATE_LIMITED -> server.answer(answers.rateLimited()
                    .withHeader("Retry-After", Long.toString(RATE_LIMIT_RETRY_AFTER.toSeconds())));
            case REJECT -> server.answer(answers.rejected());
            case UNREACHABLE -> server.refuseConnections();
        }
    }

    /**
     * The channel as {@link #configure} describes it, but reaching its receiver through a raw-socket
     * {@link FaultyHttpServer} acting as its HTTP proxy: the JDK's own server cannot send the headers
     * and then stall the body, which is the fault the deadline case needs.
     */
    @Override
    protected final java.util.Optional<NotificationChannel> channelWithDeadline(Duration deadline) throws Exception {
        java.net.http.HttpClient viaFaulty = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", faulty().port()))).build();
        return java.util.Optional.of(build(configure(server).requestTimeout(deadline).httpClient(viaFaulty)));
    }

    @Override
    protected final boolean arrangeStalledAnswer() throws Exception {
        faulty().alwaysOk("/token", "{\"access_token\":\"ya29.kit\",\"expires_in\":3600}").answer(FaultyHttpServer.Fault.STALL_BODY);
        return true;
    }

    private FaultyHttpServer faulty() throws java.io.IOException {
        if (faulty == null) {
            faulty = new FaultyHttpServer();
        }
        return faulty;
    }

    /** The request bodies: a retry must send the same body. Vendors with an idempotency header override this. */
    @Override
    protected List<String> receivedIdentities() {
        return server.requests().stream().map(Request::body).toList();
    }

    /** The shared test notification, to this channel's name and {@link #address()}. */
    final Notification.Builder sample() {
        return Fixtures.notification(channel.name(), address());
    }

    final DeliveryResult deliverSample() {
        return channel.deliver(sample().build());
    }

    /** Delivers the sample after making the server answer every request with {@code answer}. */
    final DeliveryResult deliverAnswered(Response answer) {
        server.answer(answer);
        return deliverSample();
    }

    /** The request line and headers a success must carry; a header given as {@code null} must be absent. */
    static final class Wire {
        final String method;
        final String path;
        final Map<String, String> headers = new LinkedHashMap<>();

        private Wire(String method, String path) {
            this.method = method;
            this.path = path;
        }

        static Wire post(String path) {
            return new Wire("POST", path);
        }

        Wire header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Wire without(String name) {
            return header(name, null);
        }
    }

    @Test
    @DisplayName("a rejection fails permanently, quoting the vendor's error")
    void rejectionQuotesVendorError() {
        arrange(Behaviour.REJECT);
        DeliveryResult r = deliverSample();
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo(rejectionReason());
    }

    @Test
    @DisplayName("Retry-After as an HTTP date is measured from the channel's clock")
    void retryAfterDate() {
        assertThat(clock().instant()).as("the channel's clock").isEqualTo(Instant.parse("2026-11-25T08:00:15Z"));
        DeliveryResult r = deliverAnswered(Response.of(503, "").withHeader("Retry-After", "Wed, 25 Nov 2026 08:01:15 GMT"));
        assertThat(((DeliveryResult.RetryLater) r).retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("a server that does not answer within the request timeout is retry-later")
    void timeout() throws Exception {
        C impatient = build(configure(server).requestTimeout(Duration.ofMillis(200)));
        server.answer(Response.HANG);
        DeliveryResult r = impatient.deliver(sample().build());
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(r.reason()).isEqualTo(vendor + " did not answer within 200 ms");
    }

    @Test
    @DisplayName("408 is retried")
    void requestTimeoutStatus() {
        assertThat(deliverAnswered(Response.of(408, "")).outcome()).isEqualTo(Outcome.RETRY_LATER);
    }

    /** A delivery the server accepted, and the request it recorded for it. */
    record Accepted(DeliveryResult result, Request request) {
        JsonNode json() {
            return Fixtures.json(request.body());
        }
    }

    /**
     * Delivers {@code n} and checks what every vendor's success has in common: the result is
     * delivered, the request has {@code wire}'s method, path and headers, and its body does not name
     * the patient (the default privacy policy).
     */
    final Accepted deliverAccepted(Notification n, Wire wire) {
        DeliveryResult r = channel.deliver(n);
        assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.DELIVERED);
        Request req = server.lastRequest();
        assertThat(req.method()).isEqualTo(wire.method);
        assertThat(req.path()).isEqualTo(wire.path);
        wire.headers.forEach((name, value) -> assertThat(req.header(name)).as("header %s", name).isEqualTo(value));
        assertThat(req.body()).doesNotContain(Fixtures.PATIENT_NAME);
        return new Accepted(r, req);
    }
}
