package com.nexussaude.monitor.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain TCP MLLP client, as a device would be: frames a message, reads the framed ACK. */
final class MllpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    MllpClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        // Bounds a test that would otherwise hang if an ACK never came; it is not a wait for anything.
        socket.setSoTimeout(20_000);
        socket.connect(address, 20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one framed message and returns the ACK. */
    String send(String message) throws IOException {
        writeRaw(frame(message));
        return readAck();
    }

    static byte[] frame(String message) {
        byte[] body = message.getBytes(StandardCharsets.ISO_8859_1);
        byte[] framed = new byte[body.length + 3];
        framed[0] = 0x0B;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = 0x1C;
        framed[body.length + 2] = 0x0D;
        return framed;
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one framed ACK; returns {@code null} if the server closed the connection first. */
    String readAck() throws IOException {
        int b = in.read();
        if (b == -1) {
            return null;
        }
        if (b != 0x0B) {
            throw new AssertionError("ACK frame must start with 0x0B, but started with " + b);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1C) {
            if (b == -1) {
                throw new AssertionError("connection closed inside an ACK frame: " + buf);
            }
            buf.write(b);
        }
        int cr = in.read();
        if (cr != 0x0D) {
            throw new AssertionError("ACK frame must end with 0x1C 0x0D, but 0x1C was followed by " + cr);
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
