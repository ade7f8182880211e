package com.nexussaude.monitor.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads MLLP frames ({@code 0x0B} message {@code 0x1C 0x0D}) from a stream. Bytes outside a frame
 * are counted as garbage and skipped; a start byte inside a frame discards the cut-off frame; a
 * frame longer than the limit is read to its end and returned as too large, so the stream stays in
 * step and the sender still gets an answer.
 */
final class MllpFrames {
    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    /** One frame: its bytes (empty if too large) and the garbage bytes skipped before it. */
    record Frame(byte[] bytes, boolean tooLarge, long garbageBefore) {
    }

    private final InputStream in;
    private final int maxBytes;
    private long garbage;

    MllpFrames(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Garbage bytes skipped and not yet reported with a frame (those before end of stream). */
    long pendingGarbage() {
        return garbage;
    }

    /** The next frame, or {@code null} at end of stream (a frame cut off by it counts as garbage). */
    Frame next() throws IOException {
        int b;
        while ((b = in.read()) != START) {
            if (b == -1) {
                return null;
            }
            garbage++;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long length = 0;
        b = in.read();
        while (true) {
            if (b == -1) {
                garbage += length + 1;
                return null;
            }
            if (b == START) {
                // A new frame began before this one ended: the cut-off part is garbage.
                garbage += length + 1;
                buf.reset();
                length = 0;
                b = in.read();
                continue;
            }
            if (b == END) {
                int after = in.read();
                if (after == CR || after == -1) {
                    Frame f = new Frame(length > maxBytes ? new byte[0] : buf.toByteArray(), length > maxBytes, garbage);
                    garbage = 0;
                    return f;
                }
                // A lone 0x1C is content (never valid in HL7 text); the byte after it is looked at afresh,
                // so 0x1C 0x1C 0x0D still ends the frame.
                length += append(buf, END, length);
                b = after;
                continue;
            }
            length += append(buf, b, length);
            b = in.read();
        }
    }

    private int append(ByteArrayOutputStream buf, int b, long length) {
        if (length < maxBytes) {
            buf.write(b);
        }
        return 1;
    }
}
