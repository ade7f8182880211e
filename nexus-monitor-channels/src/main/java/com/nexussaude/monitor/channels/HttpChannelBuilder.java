package com.nexussaude.monitor.channels;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
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

    HttpChannelBuilder(String defaultName, String defaultBaseUrl) {
        super(defaultName);
        this.baseUrl = defaultBaseUrl == null ? null : URI.create(defaultBaseUrl);
    }

    /** The vendor API's base URL; each channel documents its default. */
    public B baseUrl(URI baseUrl) {
        this.baseUrl = Urls.requireHttp(Objects.requireNonNull(baseUrl, "baseUrl"), "baseUrl");
        return self();
    }

    /** Time allowed to connect; default 5 s. Environment: {@value ChannelEnvironment#NOTIFY_HTTP_CONNECT_TIMEOUT_MS}. */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return self();
    }

    /** Time allowed for the response; default 15 s. Environment: {@value ChannelEnvironment#NOTIFY_HTTP_REQUEST_TIMEOUT_MS}. */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        return self();
    }

    /**
     * The HTTP client to use (for a proxy or custom TLS trust). By default each channel builds one
     * that connects within the connect timeout and does not follow redirects; a client given here
     * keeps its own connect timeout and redirect policy.
     */
    public B httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return self();
    }

    void readHttp(Settings s, String baseUrlVariable) {
        readCommon(s);
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
