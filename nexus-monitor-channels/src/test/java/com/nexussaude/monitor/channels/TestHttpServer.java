package com.nexussaude.monitor.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on the loopback interface (the JDK's own), which records every request and
 * answers from a script. A response can also "hang" until the server closes, to exercise timeouts.
 */
final class TestHttpServer implements AutoCloseable {

    /** One request as the server saw it. Header names are lower case. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** The form fields of an {@code application/x-www-form-urlencoded} body. */
        Map<String, String> form() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                m.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return m;
        }
    }

    /** An answer: status, headers, body; or {@link #HANG}. */
    record Response(int status, Map<String, String> headers, String body) {
        static final Response HANG = new Response(-1, Map.of(), "");

        static Response of(int status, String body) {
            return new Response(status, Map.of("Content-Type", body.startsWith("{") ? "application/json" : "text/plain"), body);
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Response>> routes = new LinkedHashMap<>();
    private final ArrayDeque<Response> script = new ArrayDeque<>();
    private Response otherwise = Response.of(200, "ok");
    private boolean stopped;
    private ClosedPort closedPort;
    /** Kept: a stopped server no longer reports its address. */
    private final int port;

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** The server's base URL, {@code http://127.0.0.1:port}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI url(String path) {
        return URI.create(url() + path);
    }

    /** Answers every following request (not routed elsewhere) with {@code response}. */
    synchronized TestHttpServer answer(Response response) {
        script.clear();
        otherwise = response;
        return this;
    }

    /** Answers the next requests with these, in order, then as before. */
    synchronized TestHttpServer thenAnswer(Response... responses) {
        script.addAll(List.of(responses));
        return this;
    }

    /** Requests whose path starts with {@code prefix} are answered (and not recorded) by {@code handler}. */
    synchronized TestHttpServer route(String prefix, Function<Request, Response> handler) {
        routes.put(prefix, handler);
        return this;
    }

    /** Stops listening: later connections are refused until {@link #close()}, the port kept. */
    synchronized void refuseConnections() {
        if (!stopped) {
            stop();
            try {
                closedPort = new ClosedPort(port);
            } catch (IOException e) {
                throw new UncheckedIOException("the stopped server's port " + port + " could not be kept", e);
            }
        }
    }

    private synchronized void stop() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }

    /** The requests recorded so far (routed ones excluded). */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            Response response;
            Function<Request, Response> route = null;
            synchronized (this) {
                for (var e : routes.entrySet()) {
                    if (request.path().startsWith(e.getKey())) {
                        route = e.getValue();
                    }
                }
            }
            if (route != null) {
                response = route.apply(request);
            } else {
                requests.add(request);
                synchronized (this) {
                    Response next = script.poll();
                    response = next != null ? next : otherwise;
                }
            }
            if (response == Response.HANG) {
                // No sleep: the handler waits until the test closes the server.
                closing.await();
                return;
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        synchronized (this) {
            stop();
            if (closedPort != null) {
                try {
                    closedPort.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        executor.shutdownNow();
    }
}
