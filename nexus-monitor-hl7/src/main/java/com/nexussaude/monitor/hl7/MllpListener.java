package com.nexussaude.monitor.hl7;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MLLP server for HL7 v2 ORU^R01: reads framed messages ({@code 0x0B} message {@code 0x1C 0x0D})
 * from any number of TCP connections (up to {@link Builder#maxClients(int)} at once), hands each
 * message's {@link OruResult} to an {@link OruHandler}, and answers it with an ACK: AA, or AE/AR with
 * one ERR segment per problem naming segment and field. A bad message, garbage between frames or a
 * client that disconnects mid-frame costs only that message or connection, never the listener.
 *
 * <pre>{@code
 * try (MllpListener listener = MllpListener.builder(OruHandler.feeding(monitor))
 *         .bind(new InetSocketAddress(2575)).start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: one accept thread, one thread per open connection (daemon, named
 * {@code nexus-mllp-*}). The handler runs on the connection's thread before the ACK is written.
 *
 * @since 0.1
 */
public final class MllpListener implements AutoCloseable {

    /** Connections served at once; more are closed at once and counted in {@link Stats#refusedConnections()}. */
    public static final int DEFAULT_MAX_CLIENTS = 64;
    /** Default idle timeout: none (devices may send only every NIBP cycle); TCP keep-alive is always on. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ZERO;
    /** Largest message read, in bytes; a larger one is answered with an AR. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    /** Counts since start. */
    public record Stats(long connections, long refusedConnections, long messages, long accepted, long errors,
                        long rejected, long garbageBytes) {
    }

    private final ServerSocket server;
    private final OruParser parser;
    private final OruHandler handler;
    private final Clock clock;
    private final int maxMessageBytes;
    private final int idleTimeoutMillis;
    private final Semaphore slots;
    private final ExecutorService connections;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCount = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong garbage = new AtomicLong();
    private volatile boolean closed;

    private MllpListener(Builder b) throws IOException {
        this.parser = b.parser;
        this.handler = b.handler;
        this.clock = b.clock;
        this.maxMessageBytes = b.maxMessageBytes;
        this.idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, b.idleTimeout.toMillis());
        this.slots = new Semaphore(b.maxClients);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(b.address);
        AtomicInteger n = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nexus-mllp-" + server.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "nexus-mllp-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts configuring a listener that hands every message to {@code handler}.
     *
     * @param handler called with every message's result on a connection's thread; not null
     * @return a builder; {@link Builder#start()} opens the port
     */
    public static Builder builder(OruHandler handler) {
        return new Builder(handler);
    }

    /**
     * The address it listens on (with the actual port when bound to port 0).
     *
     * @return the address it listens on (with the actual port when bound to port 0)
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /**
     * The port it listens on.
     *
     * @return the port it listens on
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * A snapshot of the counts.
     *
     * @return a snapshot of the counts
     */
    public Stats stats() {
        return new Stats(connectionCount.get(), refused.get(), messages.get(), accepted.get(), errors.get(),
                rejected.get(), garbage.get());
    }

    /** Stops accepting, closes every connection and waits (up to 10 s) for their threads to finish. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
        connections.shutdown();
        try {
            connections.awaitTermination(10, TimeUnit.SECONDS);
            acceptor.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;   // a failed accept (e.g. the client reset first) affects only that client
            }
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                closeQuietly(socket);
                continue;
            }
            connectionCount.incrementAndGet();
            open.add(socket);
            try {
                connections.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                        slots.release();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                open.remove(socket);
                closeQuietly(socket);
                slots.release();
            }
        }
    }

    private void serve(Socket socket) {
        try {
            // Keep-alive finds peers that vanished without a FIN (a device rebooted), which would hold a slot.
            socket.setKeepAlive(true);
            socket.setSoTimeout(idleTimeoutMillis);
        } catch (SocketException e) {
            return;   // already reset by the peer
        }
        try (InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            MllpFrames frames = new MllpFrames(in, maxMessageBytes);
            MllpFrames.Frame frame;
            while ((frame = frames.next()) != null) {
                garbage.addAndGet(frame.garbageBefore());
                String text = frame.tooLarge() ? "" : decode(frame.bytes());
                OruResult result = frame.tooLarge()
                        ? OruResult.refused("", new Hl7Error("MSH", 1, 0, Hl7Error.SEGMENT_SEQUENCE,
                                "message longer than " + maxMessageBytes + " bytes; not read"))
                        : parser.parse(text);
                result = handOver(result);
                messages.incrementAndGet();
                switch (result.ackCode()) {
                    case AA -> accepted.incrementAndGet();
                    case AE -> errors.incrementAndGet();
                    case AR -> rejected.incrementAndGet();
                }
                out.write(MllpFrames.START);
                out.write(OruParser.ack(text, result, clock.instant()).getBytes(charsetOf(text)));
                out.write(MllpFrames.END);
                out.write(MllpFrames.CR);
                out.flush();
            }
            garbage.addAndGet(frames.pendingGarbage());
        } catch (SocketException e) {
            // The peer reset or the listener is closing: nothing left to answer on this connection.
        } catch (IOException e) {
            // Same: a broken connection ends only this connection.
        }
    }

    private OruResult handOver(OruResult result) {
        List<Hl7Error> more;
        try {
            more = handler.handle(result);
        } catch (RuntimeException e) {
            more = List.of(new Hl7Error("MSH", 1, 0, Hl7Error.INTERNAL, "the receiving application failed: " + e));
        }
        if (more == null || more.isEmpty()) {
            return result;
        }
        List<Hl7Error> all = new ArrayList<>(result.errors());
        all.addAll(more);
        return new OruResult(result.controlId(), result.rejected(), result.observations(), result.measurements(),
                result.ignored(), all);
    }

    /** HL7 v2 defaults to ASCII/ISO-8859-1; MSH-18 {@code UNICODE UTF-8} switches to UTF-8. */
    private static String decode(byte[] bytes) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        return charsetOf(latin) == StandardCharsets.UTF_8 ? new String(bytes, StandardCharsets.UTF_8) : latin;
    }

    private static Charset charsetOf(String message) {
        int end = message.indexOf('\r');
        String msh = end < 0 ? message : message.substring(0, end);
        return msh.startsWith("MSH") && msh.contains("UNICODE UTF-8") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed or reset: nothing to release
        }
    }

    /** Configures and starts an {@link MllpListener}. */
    public static final class Builder {
        private final OruHandler handler;
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private OruParser parser;
        private Clock clock = Clock.systemUTC();
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder(OruHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * Where to listen; default loopback on a free port (read it back with {@link #port()}).
         *
         * @param address the local address and port to bind; port 0 for a free one; not null
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The parser (e.g. with the devices' time zone); default {@code new OruParser()} (UTC).
         *
         * @param parser the parser for every message; not null
         * @return this builder
         */
        public Builder parser(OruParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /**
         * The clock for the ACKs' MSH-7; default the system clock.
         *
         * @param clock the clock for the ACK timestamps; not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Connections served at once; default {@value #DEFAULT_MAX_CLIENTS}.
         *
         * @param maxClients the most connections served at once; at least 1
         * @return this builder
         */
        public Builder maxClients(int maxClients) {
            if (maxClients < 1) {
                throw new IllegalArgumentException("maxClients must be at least 1, but was " + maxClients);
            }
            this.maxClients = maxClients;
            return this;
        }

        /**
         * Largest message in bytes; default {@value #DEFAULT_MAX_MESSAGE_BYTES}.
         *
         * @param maxMessageBytes the largest message accepted, in bytes; at least 64
         * @return this builder
         */
        public Builder maxMessageBytes(int maxMessageBytes) {
            if (maxMessageBytes < 64) {
                throw new IllegalArgumentException("maxMessageBytes must be at least 64, but was " + maxMessageBytes);
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /**
         * Closes a connection that sent nothing for this long (a half-open or stuck client would
         * otherwise hold one of the {@link #maxClients(int)} slots); zero means never. Default none.
         *
         * @param idleTimeout how long a connection may send nothing before it is closed; zero for never; not
         *     negative
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative, but was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Binds and starts accepting.
         *
         * @return the listener, bound and accepting connections on its own threads; close it to stop
         * @throws IOException if the address cannot be bound (e.g. the port is in use)
         */
        public MllpListener start() throws IOException {
            if (parser == null) {
                parser = new OruParser();
            }
            return new MllpListener(this);
        }
    }
}
