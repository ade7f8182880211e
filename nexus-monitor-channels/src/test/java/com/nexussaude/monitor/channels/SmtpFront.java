package com.nexussaude.monitor.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP front on the loopback interface, standing between the e-mail channel and GreenMail
 * for what GreenMail cannot do itself:
 * <ul>
 *   <li>{@link Mode#PROXY}: passes bytes through to GreenMail, recording the client's command lines
 *       (to see that it authenticated);</li>
 *   <li>{@link Mode#STARTTLS}: offers STARTTLS (GreenMail 2.1 does not), terminates TLS with the
 *       test certificate, then passes the decrypted session to GreenMail; a client that sends a
 *       command before STARTTLS gets {@code 530};</li>
 *   <li>{@link Mode#REPLY}: answers the dialogue itself and replies {@link #reply} after the
 *       message data (or to MAIL), for the 4xx and 5xx answers a real server gives under load or
 *       for a refused message.</li>
 * </ul>
 */
final class SmtpFront implements AutoCloseable {

    enum Mode {
        PROXY, STARTTLS, REPLY_TO_MAIL, REPLY_AFTER_DATA,
        /** Accepts the connection and says nothing, not even the greeting, until the front closes. */
        SILENT,
        /** Takes the whole message, then never answers it (a server slower than any timeout). */
        STALL_AFTER_DATA
    }

    private final ServerSocket listener;
    /** The listener's port, kept after it closes. */
    private final int port;
    private ClosedPort closedPort;
    private final Thread acceptor;
    private final int upstreamPort;
    private final SSLContext tls;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<String> clientLines = new CopyOnWriteArrayList<>();
    /** Message-IDs of messages the front answered itself. */
    final List<String> repliedMessageIds = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.PROXY;
    volatile String reply = "451 4.3.0 Temporary failure";
    volatile int tlsSessions;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    SmtpFront(int upstreamPort, SSLContext tls) throws IOException {
        this.upstreamPort = upstreamPort;
        this.tls = tls;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listener.getLocalPort();
        acceptor = new Thread(this::acceptLoop, "smtp-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return port;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "smtp-front-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            switch (mode) {
                case PROXY -> proxy(client, client.getInputStream(), client.getOutputStream(), true);
                case STARTTLS -> startTls(client);
                case SILENT -> awaitClose();
                default -> replyItself(client);
            }
        } catch (IOException e) {
            // The client or the test closed the connection.
        }
    }

    private void startTls(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        write(out, "220 localhost ESMTP front");
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return;
            }
            clientLines.add(line);
            String verb = line.toUpperCase(Locale.ROOT);
            if (verb.startsWith("EHLO")) {
                write(out, "250-localhost\r\n250 STARTTLS");
            } else if (verb.equals("STARTTLS")) {
                write(out, "220 2.0.0 Ready to start TLS");
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, "localhost", client.getPort(), true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                tlsSessions++;
                sockets.add(secure);
                // GreenMail's greeting is dropped: the client already had ours, and now sends EHLO again.
                proxy(secure, secure.getInputStream(), secure.getOutputStream(), false);
                return;
            } else if (verb.startsWith("QUIT")) {
                write(out, "221 bye");
                return;
            } else {
                write(out, "530 5.7.0 Must issue a STARTTLS command first");
            }
        }
    }

    private void proxy(Socket client, InputStream in, OutputStream out, boolean passGreeting) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            sockets.add(upstream);
            InputStream upIn = upstream.getInputStream();
            if (!passGreeting) {
                readLine(upIn);
            }
            Thread down = new Thread(() -> pump(upIn, out), "smtp-front-down");
            down.setDaemon(true);
            down.start();
            OutputStream upOut = upstream.getOutputStream();
            String line;
            boolean inData = false;
            while ((line = readLine(in)) != null) {
                if (!inData) {
                    clientLines.add(line);
                }
                if (inData && line.equals(".")) {
                    inData = false;
                } else if (!inData && line.equalsIgnoreCase("DATA")) {
                    inData = true;
                }
                upOut.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                upOut.flush();
            }
        }
    }

    private void replyItself(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        write(out, "220 localhost ESMTP front");
        String line;
        while ((line = readLine(in)) != null) {
            clientLines.add(line);
            String verb = line.toUpperCase(Locale.ROOT);
            if (verb.startsWith("EHLO")) {
                write(out, "250-localhost\r\n250 AUTH PLAIN LOGIN");
            } else if (verb.startsWith("AUTH")) {
                write(out, "235 2.7.0 Authentication successful");
            } else if (verb.startsWith("MAIL")) {
                write(out, mode == Mode.REPLY_TO_MAIL ? reply : "250 OK");
            } else if (verb.startsWith("RCPT")) {
                write(out, "250 OK");
            } else if (verb.equals("DATA")) {
                write(out, "354 End data with <CR><LF>.<CR><LF>");
                String data;
                String messageId = null;
                while ((data = readLine(in)) != null && !data.equals(".")) {
                    if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                        messageId = data.substring(11).trim();
                    }
                }
                repliedMessageIds.add(String.valueOf(messageId));
                if (mode == Mode.STALL_AFTER_DATA) {
                    awaitClose();
                    return;
                }
                write(out, reply);
            } else if (verb.startsWith("QUIT")) {
                write(out, "221 bye");
                return;
            } else {
                write(out, "250 OK");
            }
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // Either side closed.
        }
    }

    private static void write(OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One CRLF-terminated line, read byte by byte so nothing past it is consumed (TLS follows). */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Stops accepting connections: later ones are refused until {@link #close()}, the port kept. */
    void refuseConnections() throws IOException, InterruptedException {
        if (closedPort == null) {
            listener.close();
            // The socket keeps listening until the acceptor thread, blocked in accept(), has left it: the JDK
            // closes a socket another thread is blocked on only when that thread returns. A channel connecting
            // in between was accepted and served (seen once in CI: an "unreachable" receiver that delivered).
            acceptor.join(TimeUnit.SECONDS.toMillis(30));
            if (acceptor.isAlive()) {
                throw new IllegalStateException("the SMTP front's acceptor did not stop within 30 s");
            }
            closedPort = new ClosedPort(port);
        }
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        listener.close();
        if (closedPort != null) {
            closedPort.close();
        }
        for (Socket s : sockets) {
            s.close();
        }
    }
}
