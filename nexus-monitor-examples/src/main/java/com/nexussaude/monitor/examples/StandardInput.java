package com.nexussaude.monitor.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard input ({@code -} on the command line) as an observation file: its bytes are spooled to a
 * temporary file that the reader of its format reads, and every report names it {@code <stdin>}.
 * Spooling keeps one reader per format (and their per-line UTF-8 handling) instead of a second set
 * reading streams.
 */
final class StandardInput {
    /** How reports name standard input. */
    static final String NAME = "<stdin>";

    /** The formats {@code --format} accepts. */
    static final List<String> FORMATS = List.of("jsonl", "csv", "hl7", "fhir-json", "fhir-xml");

    private StandardInput() {
    }

    /**
     * Reads all of {@code in} as {@code format}, or, when it is {@code null}, the format its first
     * character tells (after a byte-order mark and white space): {@code {} JSON Lines, {@code MSH|} HL7
     * v2, {@code <} FHIR XML, anything else CSV (a FHIR JSON resource on standard input needs
     * {@code --format fhir-json}: its first character is {@code {} too).
     */
    static ObservationReader.Readings read(InputStream in, String format) throws IOException {
        byte[] bytes = in.readAllBytes();
        String chosen = format != null ? format : sniff(bytes);
        Path dir = Files.createTempDirectory("nexus-monitor-stdin");
        Path file = dir.resolve("stdin" + switch (chosen) {
            case "jsonl" -> ".jsonl";
            case "csv" -> ".csv";
            case "hl7" -> ".hl7";
            case "fhir-json" -> ".fhir.json";
            case "fhir-xml" -> ".xml";
            default -> throw new IllegalArgumentException("unknown --format " + chosen);
        });
        try {
            Files.write(file, bytes);
            return renamed(ObservationReader.forFile(file).read(file), file.toString());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    static String sniff(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i < bytes.length && bytes[i] == '{') {
            return "jsonl";
        }
        if (i < bytes.length && bytes[i] == '<') {
            return "fhir-xml";
        }
        if (new String(bytes, i, Math.min(4, bytes.length - i), StandardCharsets.ISO_8859_1).equals("MSH|")) {
            return "hl7";
        }
        return "csv";
    }

    /** The readings with the temporary file's name replaced by {@link #NAME}. */
    private static ObservationReader.Readings renamed(ObservationReader.Readings r, String tempName) {
        List<ObservationReader.Reading> observations = new ArrayList<>(r.observations().size());
        for (ObservationReader.Reading o : r.observations()) {
            observations.add(new ObservationReader.Reading(o.observation(), o.spo2Scale(), NAME, o.line(), o.ward(), o.bed()));
        }
        return new ObservationReader.Readings(observations, renamed(r.errors(), tempName), renamed(r.unknownFields(), tempName));
    }

    private static List<ObservationReader.ParseError> renamed(List<ObservationReader.ParseError> errors, String tempName) {
        List<ObservationReader.ParseError> out = new ArrayList<>(errors.size());
        for (ObservationReader.ParseError e : errors) {
            out.add(new ObservationReader.ParseError(NAME, e.line(), e.message().replace(tempName, NAME)));
        }
        return out;
    }
}
