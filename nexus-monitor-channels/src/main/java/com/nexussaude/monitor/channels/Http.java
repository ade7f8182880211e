package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/**
 * One HTTP exchange per delivery attempt on {@link HttpClient}, and the status mapping every HTTP
 * channel shares: 2xx delivered (each channel checks its vendor's nuance first), 408, 429 and 5xx
 * retry later honouring {@code Retry-After}, any other status failed with the vendor's error text.
 * Network errors and timeouts are retry-later. Nothing here throws for what the network does.
 */
final class Http {

    /** Longest piece of a vendor's error body quoted in a reason. */
    static final int MAX_ERROR_TEXT = 300;
    /** Most bytes of a response body read: vendors' answers are small; a huge or endless one is cut. */
    static final int MAX_RESPONSE_BODY = 64 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;
    private final String vendor;

    Http(HttpClient client, Duration requestTimeout, Clock clock, String vendor) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.vendor = vendor;
    }

    /** A client that connects within {@code connectTimeout} and never follows redirects. */
    static HttpClient newClient(Duration connectTimeout) {
        // Redirects are not followed: a receiver that moved must be reconfigured (the Standard
        // Webhooks spec says so), and following one could send a credential to another host.
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A {@code POST} of {@code body} as {@code contentType} to {@code uri}, with the JDK's request
     * timeout set (it ends at the response headers; {@link #exchange} bounds the rest).
     */
    HttpRequest.Builder post(URI uri, String contentType, String body) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    Clock clock() {
        return clock;
    }

    /** The response handler of one vendor: status, headers and body in, a result out. */
    @FunctionalInterface
    interface ResponseHandler {
        DeliveryResult handle(HttpResponse<String> response);
    }

    /**
     * Sends {@code request} and lets {@code handler} judge the answer; network failures are
     * retry-later. The request timeout is a deadline on the whole exchange: connecting, sending, the
     * response headers and the complete body. The JDK client's own request timeout ends once the
     * headers have arrived, so a receiver that then stalls the body would hold the attempt for ever;
     * here the exchange is abandoned (and its connection cancelled) at the deadline. A response body
     * is read up to {@link #MAX_RESPONSE_BODY} bytes; the rest is not waited for.
     */
    DeliveryResult exchange(HttpRequest request, ResponseHandler handler) {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, BoundedBody.handler(MAX_RESPONSE_BODY));
        try {
            return handler.handle(future.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return noAnswer();
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryResult.ambiguous("interrupted while waiting for " + vendor);
        }
    }

    private DeliveryResult noAnswer() {
        // The request may have reached the receiver: a retry could deliver it twice.
        return DeliveryResult.ambiguous(vendor + " did not answer within " + requestTimeout.toMillis() + " ms");
    }

    private DeliveryResult failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return DeliveryResult.retryLater(vendor + " could not be reached within the connect timeout");
        }
        if (cause instanceof HttpTimeoutException) {
            return noAnswer();
        }
        if (cause instanceof ConnectException) {
            return DeliveryResult.retryLater(vendor + " could not be reached (connection refused)");
        }
        if (cause instanceof SSLHandshakeException) {
            return DeliveryResult.retryLater(vendor + " TLS handshake failed: " + cause.getClass().getSimpleName());
        }
        // A reset, an early close or an answer that is not HTTP after the request went out: the
        // receiver may have taken it. The exception message is left out: some name the URL, and
        // webhook URLs are secrets.
        return DeliveryResult.ambiguous(vendor + " request failed after it was sent: "
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName()));
    }

    /** The shared mapping for a status that is not a success the vendor's handler recognised. */
    DeliveryResult byStatus(HttpResponse<String> response, String errorText) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(vendor + " accepted the message (HTTP " + status + ")");
        }
        String what = "HTTP " + status + " from " + vendor + (errorText == null || errorText.isBlank() ? "" : ": " + errorText);
        return isTransient(status) ? retryLater(what, response) : DeliveryResult.failed(what);
    }

    /** Retry later for {@code why}, after the response's {@code Retry-After} if it has a readable one. */
    DeliveryResult retryLater(String why, HttpResponse<?> response) {
        Optional<Duration> after = retryAfter(response.headers(), clock);
        return after.isPresent() ? DeliveryResult.retryLater(why, after.get()) : DeliveryResult.retryLater(why);
    }

    /** 408 request timeout, 429 too many requests and every 5xx may succeed later. */
    static boolean isTransient(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The {@code Retry-After} header as a delay: delta-seconds or an HTTP date (RFC 9110 §10.2.3),
     * measured from {@code clock}; a date in the past is zero. Empty if absent or unreadable.
     */
    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        return headers.firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, clock));
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), date.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A vendor's error text made fit for a reason: one line, at most {@link #MAX_ERROR_TEXT} characters. */
    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = Text.oneLine(text);
        return oneLine.length() <= MAX_ERROR_TEXT ? oneLine : oneLine.substring(0, MAX_ERROR_TEXT) + "…";
    }

    /** A response body as JSON; a blank body, or one that is not JSON, is an empty object. */
    static JsonNode jsonBody(String body) {
        try {
            return BaseChannel.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            return BaseChannel.JSON.createObjectNode();
        }
    }

    /** An {@code application/x-www-form-urlencoded} body of {@code form}, in its order. */
    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
