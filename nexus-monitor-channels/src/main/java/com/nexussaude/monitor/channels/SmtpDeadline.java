package com.nexussaude.monitor.channels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The deadline of one SMTP transaction (connect, STARTTLS, AUTH, MAIL, RCPT, DATA): every socket
 * the transaction opens is made through this attempt's factories and recorded, and when the
 * deadline passes they are closed, which ends whatever read or write the transaction is blocked in.
 * Jakarta Mail's own timeouts bound each read and write, not the transaction: a server that answers
 * each command just in time, or a TLS handshake that trickles, could otherwise hold an attempt for
 * many minutes.
 */
final class SmtpDeadline implements AutoCloseable {

    /** One daemon thread closes the sockets of every e-mail channel's late transactions. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nexus-smtp-deadline");
        t.setDaemon(true);
        return t;
    });

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledFuture<?> timer;
    private boolean expired;

    SmtpDeadline(Duration deadline) {
        this.timer = TIMER.schedule(this::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the deadline passed before {@link #close()}. */
    synchronized boolean expired() {
        return expired;
    }

    private synchronized void expire() {
        expired = true;
        sockets.forEach(SmtpDeadline::closeQuietly);
    }

    private synchronized <S extends Socket> S track(S s) {
        if (expired) {
            closeQuietly(s);
        }
        sockets.add(s);
        return s;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is all that matters; the transaction sees the closed socket.
        }
    }

    /** Stops the timer; the transaction is over. */
    @Override
    public void close() {
        timer.cancel(false);
    }

    /** Plain sockets (SMTP, and the connection STARTTLS upgrades), recorded. */
    SocketFactory plain() {
        SocketFactory base = SocketFactory.getDefault();
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return track(base.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return track(base.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return track(base.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return track(base.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return track(base.createSocket(address, port, localAddress, localPort));
            }
        };
    }

    /** TLS sockets over {@code base} (SMTPS, and the STARTTLS layer), recorded. */
    SSLSocketFactory tls(SSLSocketFactory base) {
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return base.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return base.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return track(base.createSocket());
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return track(base.createSocket(s, host, port, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return track(base.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return track(base.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return track(base.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return track(base.createSocket(address, port, localAddress, localPort));
            }
        };
    }
}
