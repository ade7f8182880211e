package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.hl7.Hl7Error;
import com.nexussaude.monitor.hl7.OruParser;
import com.nexussaude.monitor.hl7.Location;
import com.nexussaude.monitor.hl7.Measurement;
import com.nexussaude.monitor.hl7.OruResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .hl7} file of one or many ORU^R01 messages (each starts at an MSH segment; CR,
 * CRLF or LF segment ends) through {@link OruParser}. Each error is reported at the line of the
 * segment it names; values the parser deliberately ignores (non-vital rows, cancelled results)
 * are not errors. Times without an offset are read as UTC. MLLP framing bytes are dropped.
 *
 * <p>Each segment is decoded on its own, as strict UTF-8 (ASCII, which device messages use, is UTF-8),
 * or as ISO-8859-1 when the message's MSH-18 says {@code 8859/1}. A segment that is not valid in its
 * message's character set (or holds a NUL byte) costs its whole message, never the file: it is reported
 * at its line, with the byte, and the messages around it are replayed. (Leaving out one segment and
 * reading the rest could put a value on the wrong patient or time.)
 */
final class Hl7FileReader implements ObservationReader {
    private static final OruParser PARSER = new OruParser();

    @Override
    public Readings read(Path file) throws IOException {
        String name = file.toString();
        List<byte[]> raw = segments(Files.readAllBytes(file));
        String[] lines = new String[raw.size()];
        String[] bad = new String[raw.size()];
        boolean latin1 = false;
        for (int i = 0; i < raw.size(); i++) {
            byte[] b = raw.get(i);
            if (startsWithMsh(b)) {
                latin1 = isLatin1(b);
            }
            Utf8Lines.Line line = Utf8Lines.decodeLine(i + 1, b, 0, b.length);
            if (line.error() == null) {
                lines[i] = line.text();
            } else if (latin1 && !line.error().startsWith("NUL")) {
                lines[i] = new String(b, StandardCharsets.ISO_8859_1);
            } else {
                lines[i] = "";
                bad[i] = line.error().replace(": the line is skipped", "");
            }
        }
        List<Reading> out = new ArrayList<>();
        List<ParseError> errors = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.length; i++) {
            boolean boundary = i == lines.length || lines[i].startsWith("MSH");
            if (boundary && start >= 0) {
                if (!reportUnreadable(name, bad, start, i, errors)) {
                    readMessage(name, lines, start, i, out, errors);
                }
                start = -1;
            }
            if (i < lines.length && lines[i].startsWith("MSH")) {
                start = i;
            } else if (i < lines.length && start < 0 && bad[i] != null) {
                errors.add(new ParseError(name, i + 1, bad[i] + ": the line is skipped"));
            } else if (i < lines.length && start < 0 && !lines[i].isBlank()) {
                errors.add(new ParseError(name, i + 1, "'" + abbreviate(lines[i]) + "' is outside any message (no MSH before it)"));
            }
        }
        return new Readings(out, errors);
    }

    /** Reports every unreadable segment of the message {@code [from, to)}; whether there was one. */
    private static boolean reportUnreadable(String name, String[] bad, int from, int to, List<ParseError> errors) {
        boolean any = false;
        for (int i = from; i < to; i++) {
            if (bad[i] != null) {
                errors.add(new ParseError(name, i + 1, bad[i] + "; the message of line " + (from + 1) + " is skipped"));
                any = true;
            }
        }
        return any;
    }

    /**
     * The file's segments as bytes: split at CR, LF or CRLF, with the MLLP framing bytes (0x0B, 0x1C) dropped,
     * so a capture of an MLLP stream reads as messages.
     */
    static List<byte[]> segments(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream(256);
        for (int i = 0; i < all.length; i++) {
            byte b = all[i];
            if (b == 0x0b || b == 0x1c) {
                continue;
            }
            if (b == '\r' || b == '\n') {
                out.add(current.toByteArray());
                current.reset();
                if (b == '\r' && i + 1 < all.length && all[i + 1] == '\n') {
                    i++;
                }
                continue;
            }
            current.write(b);
        }
        out.add(current.toByteArray()); // as split(..., -1): the text after the last segment end, maybe empty
        return out;
    }

    private static boolean startsWithMsh(byte[] b) {
        return b.length >= 3 && b[0] == 'M' && b[1] == 'S' && b[2] == 'H';
    }

    /** Whether MSH-18 (character set) names ISO-8859-1: {@code 8859/1}. */
    private static boolean isLatin1(byte[] msh) {
        if (msh.length < 4) {
            return false;
        }
        String s = new String(msh, StandardCharsets.ISO_8859_1);
        String[] fields = s.split(java.util.regex.Pattern.quote(String.valueOf(s.charAt(3))), -1);
        // fields[0] is "MSH" and MSH-1 is the separator itself, so MSH-n is fields[n - 1].
        return fields.length > 17 && fields[17].trim().equalsIgnoreCase("8859/1");
    }

    private static void readMessage(String name, String[] lines, int from, int to, List<Reading> out,
                                    List<ParseError> errors) {
        OruResult result = PARSER.parse(String.join("\r", java.util.Arrays.copyOfRange(lines, from, to)));
        int mshLine = from + 1;
        for (Observation o : result.observations()) {
            Location where = result.measurements().stream()
                    .filter(m -> m.patientId().equals(o.patientId()) && m.location() != null)
                    .map(Measurement::location).findFirst().orElse(null);
            out.add(new Reading(o, null, name, lineOf(lines, from, to, "OBX", firstObx(result, o)),
                    where == null ? null : where.ward(), where == null ? null : where.bed()));
        }
        for (Hl7Error e : result.errors()) {
            errors.add(new ParseError(name, e.occurrence() > 0 ? lineOf(lines, from, to, e.segment(), e.occurrence()) : mshLine,
                    e.toString()));
        }
    }

    /** The OBX the observation's first value came from, so a monitor rejection points at a real line. */
    private static int firstObx(OruResult result, Observation o) {
        return result.measurements().stream()
                .filter(m -> m.patientId().equals(o.patientId()) && m.time().equals(o.timestamp()))
                .mapToInt(com.nexussaude.monitor.hl7.Measurement::obx).findFirst().orElse(0);
    }

    /** The 1-based file line of the n-th segment with this id in the message, or of its MSH. */
    private static int lineOf(String[] lines, int from, int to, String segment, int occurrence) {
        int seen = 0;
        for (int i = from; i < to; i++) {
            if (lines[i].startsWith(segment) && ++seen == occurrence) {
                return i + 1;
            }
        }
        return from + 1;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
