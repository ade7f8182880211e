package com.nexussaude.monitor.examples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file line by line as bytes and decodes each line on its own as strict UTF-8, so one invalid
 * byte costs its line, never the file: a {@code BufferedReader} throws {@code MalformedInputException}
 * for it and the rest of the replay is lost. Lines end at {@code \n}; a {@code \r} before it is dropped,
 * and so is a UTF-8 byte-order mark at the start of the file.
 */
final class Utf8Lines implements Closeable {

    /**
     * One line: its text, or (when it is not valid UTF-8 or holds a NUL byte) the reason it was skipped.
     *
     * @param number the 1-based line number
     * @param text   the decoded line, or {@code null} when {@code error} is set
     * @param error  why the line cannot be read, e.g. {@code invalid UTF-8 at byte 12 (0xff)}
     */
    record Line(int number, String text, String error) {
    }

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int number;

    Utf8Lines(Path file) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    /** The next line, or {@code null} at the end of the file. */
    Line next() throws IOException {
        buffer.reset();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            buffer.write(b);
        }
        if (!any) {
            return null;
        }
        number++;
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (number == 1 && length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            // A byte-order mark (Excel's "CSV UTF-8" writes one): it marks the encoding, it is not text.
            return decode(number, java.util.Arrays.copyOfRange(bytes, 3, length), length - 3);
        }
        return decode(number, bytes, length);
    }

    private Line decode(int line, byte[] bytes, int length) {
        return decode(decoder, line, bytes, 0, length);
    }

    /**
     * Decodes {@code bytes[from, to)} as one line of strict UTF-8: its text, or why it cannot be read (an
     * invalid sequence or a NUL byte, with its 1-based byte position in the line). For readers that split
     * lines themselves (HL7 segments end at CR too).
     */
    static Line decodeLine(int line, byte[] bytes, int from, int to) {
        return decode(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT), line, bytes, from, to);
    }

    private static Line decode(CharsetDecoder decoder, int line, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                // NUL is valid UTF-8 but never part of a text record; a reader that passed it on would cut a
                // patient id or a number at it somewhere downstream.
                return new Line(line, null, "NUL byte at byte " + (i - from + 1) + ": not a text line");
            }
        }
        ByteBuffer src = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        decoder.reset();
        CoderResult r = decoder.decode(src, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = src.position();
            return new Line(line, null, "invalid UTF-8 at byte " + (at - from + 1) + " (0x"
                    + String.format(Locale.ROOT, "%02x", bytes[at] & 0xff) + "): the line is skipped");
        }
        out.flip();
        return new Line(line, out.toString(), null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
