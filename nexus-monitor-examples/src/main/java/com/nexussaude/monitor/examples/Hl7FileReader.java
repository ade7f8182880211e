package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.hl7.Hl7Error;
import com.nexussaude.monitor.hl7.OruParser;
import com.nexussaude.monitor.hl7.Location;
import com.nexussaude.monitor.hl7.Measurement;
import com.nexussaude.monitor.hl7.OruResult;
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
 */
final class Hl7FileReader implements ObservationReader {
    private static final OruParser PARSER = new OruParser();

    @Override
    public Readings read(Path file) throws IOException {
        String name = file.toString();
        // HL7 v2 defaults to ISO-8859-1 (ASCII in practice for device messages).
        // MLLP framing bytes (0x0B, 0x1C) are dropped: a capture of an MLLP stream reads as messages.
        String[] lines = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\u000b", "").replace("\u001c", "")
                .split("\r\n|\r|\n", -1);
        List<Reading> out = new ArrayList<>();
        List<ParseError> errors = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.length; i++) {
            boolean boundary = i == lines.length || lines[i].startsWith("MSH");
            if (boundary && start >= 0) {
                readMessage(name, lines, start, i, out, errors);
                start = -1;
            }
            if (i < lines.length && lines[i].startsWith("MSH")) {
                start = i;
            } else if (i < lines.length && start < 0 && !lines[i].isBlank()) {
                errors.add(new ParseError(name, i + 1, "'" + abbreviate(lines[i]) + "' is outside any message (no MSH before it)"));
            }
        }
        return new Readings(out, errors);
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
