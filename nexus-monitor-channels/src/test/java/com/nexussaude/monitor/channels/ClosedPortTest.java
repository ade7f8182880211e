package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The test servers' "unreachable" keeps their port: refused to clients, and not given to another server. */
class ClosedPortTest {

    @Test
    void aStoppedHttpServersPortRefusesConnectionsAndCannotBeTaken() throws Exception {
        try (TestHttpServer server = new TestHttpServer()) {
            server.refuseConnections();
            assertHeld(server.url().getPort());
        }
    }

    @Test
    void aStoppedSmtpFrontsPortRefusesConnectionsAndCannotBeTaken() throws Exception {
        try (SmtpFront front = new SmtpFront(1, TestTls.server())) {
            front.refuseConnections();
            assertHeld(front.port());
        }
    }

    private static void assertHeld(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        assertThatThrownBy(() -> {
            try (Socket client = new Socket()) {
                client.connect(address, 5_000);
            }
        }).isInstanceOf(ConnectException.class);
        // A server socket as GreenMail and the JDK's HttpServer open them (SO_REUSEADDR on, as on Linux by default).
        assertThatThrownBy(() -> {
            try (ServerSocket other = new ServerSocket()) {
                other.setReuseAddress(true);
                other.bind(address);
            }
        }).isInstanceOf(BindException.class);
    }
}
