package com.nexussaude.monitor.channels;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Keeps a loopback port that a test server stopped listening on, so connections to it are refused
 * for as long as the test needs. Closing a listener alone frees the port, and a server started
 * meanwhile (GreenMail on a dynamic port, a test in another fork) can be given it: a channel told to
 * expect an unreachable receiver then reaches that one instead (seen once in CI: an e-mail "delivered"
 * to the freed port). A bound socket that never listens answers every connection with a reset.
 */
final class ClosedPort implements AutoCloseable {

    private final Socket holder;

    /** Binds {@code port} on the loopback address. */
    ClosedPort(int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        holder = bind(address, false);
    }

    private static Socket bind(InetSocketAddress address, boolean reuse) throws IOException {
        Socket s = new Socket();
        try {
            s.setReuseAddress(reuse);
            s.bind(address);
            return s;
        } catch (BindException inUse) {
            s.close();
            if (reuse) {
                throw inUse;
            }
            // Connections the server closed first linger in TIME_WAIT and refuse a bind without
            // SO_REUSEADDR. With it, the port is still kept from every bind without it (the JDK's
            // ServerSocket on Linux sets it, so not from those), and it never accepts a connection.
            return bind(address, true);
        }
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
