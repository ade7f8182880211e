package com.nexussaude.monitor.channels;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the channels that speak HTTP: the vendor's base URL (so tests and proxies can point
 * elsewhere) and the timeouts.
 *
 * @param <B> the concrete builder
 */
abstract class HttpChannelBuilder<B extends HttpChannelBuilder<B>> extends ChannelBuilder<B> {

    /** Default time to establish a connection. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time to wait for a response after sending; the Standard Webhooks spec suggests 15–30 s. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    URI baseUrl;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    HttpClient httpClient;
    /** Why {@code http://} is allowed here; null (the default): only {@code https://}. */
    String insecureTransportReason;

    HttpChannelBuilder(String defaultName, String defaultBaseUrl) {
        super(defaultName);
        this.baseUrl = defaultBaseUrl == null ? null : URI.create(defaultBaseUrl);
    }

    /**
     * The vendor API's base URL; each channel documents its default.
     *
     * @param baseUrl an {@code https://} URL ({@code http://} only with {@link #allowInsecureTransport});
     *     not null
     * @return this builder
     */
    public B baseUrl(URI baseUrl) {
        this.baseUrl = Urls.requireHttp(Objects.requireNonNull(baseUrl, "baseUrl"), "baseUrl");
        return self();
    }

    /**
     * Time allowed to connect; default 5 s. Environment: {@value ChannelEnvironment#NOTIFY_HTTP_CONNECT_TIMEOUT_MS}.
     *
     * @param connectTimeout the time allowed to connect; greater than zero
     * @return this builder
     */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return self();
    }

    /**
     * The deadline of one exchange, default 15 s: connecting, sending, the response headers and the
     * whole response body must be done within it, or the attempt is retried later (an
     * {@linkplain com.nexussaude.monitor.notify.DeliveryResult#ambiguous() ambiguous} one once the
     * request was sent). Environment: {@value ChannelEnvironment#NOTIFY_HTTP_REQUEST_TIMEOUT_MS}.
     *
     * @param requestTimeout the deadline of one exchange; greater than zero
     * @return this builder
     */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        return self();
    }

    /**
     * The HTTP client to use (for a proxy or custom TLS trust). By default each channel builds one
     * that connects within the connect timeout and does not follow redirects; a client given here
     * keeps its own connect timeout and redirect policy.
     *
     * @param httpClient the client; not null
     * @return this builder
     */
    public B httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return self();
    }

    /**
     * Allows {@code http://} URLs, which send credentials and patient data in clear text: for tests
     * and for a relay inside the hospital's network. Without it {@code build()} refuses them. The
     * channel logs a WARNING with {@code reason} when it is built. Environment:
     * {@value ChannelEnvironment#NOTIFY_ALLOW_INSECURE_TRANSPORT}.
     *
     * @param reason why clear text is acceptable here, for the log; not blank
     * @return this builder
     * @since 0.2
     */
    public B allowInsecureTransport(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new ChannelConfigurationException(List.of("allowInsecureTransport"),
                    "allowInsecureTransport needs a reason, for the log");
        }
        this.insecureTransportReason = reason;
        return self();
    }

    /**
     * Refuses every {@code http://} URL among {@code urls} (setting name, URL; nulls skipped) unless
     * {@link #allowInsecureTransport} was given, and then logs each one loudly.
     */
    void requireTls(String channel, Map<String, URI> urls) {
        List<String> clear = new ArrayList<>();
        urls.forEach((setting, uri) -> {
            if (uri != null && "http".equalsIgnoreCase(uri.getScheme())) {
                clear.add(setting);
            }
        });
        if (clear.isEmpty()) {
            return;
        }
        if (insecureTransportReason == null) {
            throw new ChannelConfigurationException(clear, channel + " channel: " + String.join(", ", clear)
                    + (clear.size() == 1 ? " is an http:// URL" : " are http:// URLs")
                    + ", which would send credentials and patient data in clear text; use https://, or"
                    + " allowInsecureTransport(reason) (" + ChannelEnvironment.NOTIFY_ALLOW_INSECURE_TRANSPORT
                    + ") for a test or a relay inside the hospital's network");
        }
        for (String setting : clear) {
            BaseChannel.LOG.log(System.Logger.Level.WARNING, "INSECURE TRANSPORT: the " + name + " channel sends to "
                    + Urls.redacted(urls.get(setting)) + " (" + setting + ") in clear text, allowed because: "
                    + insecureTransportReason);
        }
    }

    void readHttp(Settings s, String baseUrlVariable) {
        readCommon(s);
        insecureTransportReason = s.optional(ChannelEnvironment.NOTIFY_ALLOW_INSECURE_TRANSPORT);
        connectTimeout = s.millis(ChannelEnvironment.NOTIFY_HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT);
        requestTimeout = s.millis(ChannelEnvironment.NOTIFY_HTTP_REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT);
        if (baseUrlVariable != null) {
            URI u = s.url(baseUrlVariable, null, false, false);
            if (u != null) {
                baseUrl = u;
            }
        }
    }

    Http http(String vendor) {
        HttpClient client = httpClient != null ? httpClient : Http.newClient(connectTimeout);
        return new Http(client, requestTimeout, clock, vendor);
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new ChannelConfigurationException(List.of(name), name + " must be positive, but was " + d);
        }
        return d;
    }
}
