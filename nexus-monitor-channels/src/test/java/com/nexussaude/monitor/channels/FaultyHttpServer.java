package com.nexussaude.monitor.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 receiver on a raw loopback socket that misbehaves as a real one does: it stalls the
 * body after the headers, drips it a byte at a time, resets the connection, answers with bytes that
 * are not HTTP, rate-limits, fails, or takes the request and never answers (a receiver slower than
 * any timeout). Every request it read is recorded, so a test can count what reached the receiver.
 * One connection per request ({@code Connection: close}).
 */
final class FaultyHttpServer implements AutoCloseable {

    /** How the server answers a request. */
    enum Fault {
        /** 200 with the configured body. */
        OK,
        /** Headers announcing 100 bytes, 7 of them, then nothing until the server closes. */
        STALL_BODY,
        /** Headers announcing 100,000 bytes, then one byte every 50 ms: no read ever times out. */
        SLOW_BODY,
        /** Reads the request, then resets the connection (RST). */
        RESET,
        /** Reads the request, answers bytes that are not HTTP and closes. */
        GARBAGE,
        /** 429 with {@code Retry-After: 7}. */
        RATE_LIMITED,
        /** 503 without a body. */
        UNAVAILABLE,
        /** Reads the request (so the message arrived) and never answers until the server closes. */
        NO_ANSWER
    }

    /** One request as read. Header names are lower case. */
    record Received(String requestLine, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Notified on each recorded request: a test waits on it for what the server's threads read. */
    private final Object arrivals = new Object();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "faulty-http-drip"));
    private final ArrayDeque<Fault> script = new ArrayDeque<>();
    private final Map<String, String> okBodies = new LinkedHashMap<>();
    private Fault otherwise = Fault.OK;
    private String okBody = "{}";
    private int okStatus = 200;

    FaultyHttpServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "faulty-http-accept").start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    int port() {
        return listener.getLocalPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    URI url(String path) {
        return URI.create(url() + path);
    }

    /** Answers every request from now on with {@code fault} (after any scripted ones). */
    synchronized FaultyHttpServer answer(Fault fault) {
        otherwise = fault;
        return this;
    }

    /** Answers the next requests with these, in order, then as before. */
    synchronized FaultyHttpServer thenAnswer(Fault... faults) {
        script.addAll(List.of(faults));
        return this;
    }

    /** The status and body of an {@link Fault#OK} answer; default 200 {@code {}}. */
    synchronized FaultyHttpServer okAnswer(int status, String body) {
        okStatus = status;
        okBody = body;
        return this;
    }

    /** Requests whose path starts with {@code prefix} are always answered 200 with {@code body}, and not recorded. */
    synchronized FaultyHttpServer alwaysOk(String prefix, String body) {
        okBodies.put(prefix, body);
        return this;
    }

    /** The requests read so far (those answered by {@link #alwaysOk} excluded). */
    List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Waits, up to {@code bound}, until the requests read so far satisfy {@code condition}, and returns them. A
     * request is recorded by the server's session thread, which can lag the client: an attempt that timed out
     * (no answer, a stalled body) may return before the server has read what it sent.
     *
     * @throws AssertionError naming {@code what} and what was read, if the condition does not hold in time
     */
    List<Received> receivedWhen(Predicate<List<Received>> condition, Duration bound, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (arrivals) {
            while (!condition.test(List.copyOf(received))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(what + ": not within " + bound + "; the server read " + received);
                }
                TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
            return List.copyOf(received);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                daemon(() -> serve(s), "faulty-http-session").start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Received r = read(in);
            if (r == null) {
                s.close();
                return;
            }
            String path = r.requestLine().split(" ")[1];
            if (path.startsWith("http://")) {
                // A request to this server as a proxy: the absolute URI's path is what was asked for.
                int slash = path.indexOf('/', "http://".length());
                path = slash < 0 ? "/" : path.substring(slash);
            }
            String fixed = null;
            Fault fault;
            synchronized (this) {
                for (var e : okBodies.entrySet()) {
                    if (path.startsWith(e.getKey())) {
                        fixed = e.getValue();
                    }
                }
                fault = fixed != null ? Fault.OK : script.isEmpty() ? otherwise : script.poll();
            }
            if (fixed == null) {
                synchronized (arrivals) {
                    received.add(r);
                    arrivals.notifyAll();
                }
            }
            switch (fault) {
                case OK -> {
                    int status;
                    String body;
                    synchronized (this) {
                        status = okStatus;
                        body = fixed != null ? fixed : okBody;
                    }
                    respond(out, status, Map.of("Content-Type", "application/json"), body);
                    finish(s);
                }
                case RATE_LIMITED -> {
                    respond(out, 429, Map.of("Retry-After", "7"), "");
                    finish(s);
                }
                case UNAVAILABLE -> {
                    respond(out, 503, Map.of(), "");
                    finish(s);
                }
                case STALL_BODY -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\":");
                    awaitClose();
                }
                case SLOW_BODY -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n");
                    drip.scheduleAtFixedRate(() -> {
                        try {
                            out.write('x');
                            out.flush();
                        } catch (IOException e) {
                            throw new IllegalStateException("the client went away", e);
                        }
                    }, 50, 50, TimeUnit.MILLISECONDS);
                }
                case RESET -> {
                    s.setSoLinger(true, 0);
                    s.close();
                }
                case GARBAGE -> {
                    write(out, "\u0000\u00ff this is not HTTP at all\r\n\r\n");
                    s.close();
                }
                case NO_ANSWER -> awaitClose();
            }
        } catch (IOException e) {
            // The client gave up (its deadline) or the test closed the server.
        }
    }

    /**
     * A graceful close after an answer: no more output, then wait for the client to close its side,
     * so that the answer is never cut by a reset (closing with unread input would send one).
     */
    private static void finish(Socket s) throws IOException {
        s.shutdownOutput();
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1024];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
        } finally {
            s.close();
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(OutputStream out, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " Status\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The request line, headers and a {@code Content-Length} body; null if the client sent nothing. */
    private static Received read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Received(requestLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        drip.shutdownNow();
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
