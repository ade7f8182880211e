package com.nexussaude.monitor.channels;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Keeps a loopback port that a test server stopped listening on (once it has really stopped), so
 * connections to it are refused for as long as the test needs: a closed listener's port is free, and a
 * server started meanwhile (GreenMail on a dynamic port, a test in another fork) could be given it, so
 * that a channel told to expect an unreachable receiver reaches that one instead. A bound socket that
 * never listens answers every connection with a reset.
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
