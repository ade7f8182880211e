package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads one input file into observations. A reader never throws for bad content: every line it
 * cannot turn into an observation becomes a {@link ParseError}, so one bad line costs one line and
 * the replay goes on (the command line contract says invalid lines are reported and counted).
 */
interface ObservationReader {

    /** Reads the whole file; only an I/O failure (unreadable file) throws. */
    Readings read(Path file) throws IOException;

    /**
     * One observation with where it came from, so that a later rejection by the monitor can still
     * be reported as {@code FILE:LINE}.
     *
     * @param spo2Scale the NEWS2 SpO2 scale given on that line, or {@code null}
     * @param ward      the ward the input places the patient in (an HL7 message's PV1), or {@code null}
     * @param bed       the bed the input places the patient in, or {@code null}
     */
    record Reading(Observation observation, Integer spo2Scale, String file, int line, String ward, String bed) {
        Reading(Observation observation, Integer spo2Scale, String file, int line) {
            this(observation, spo2Scale, file, line, null, null);
        }
    }

    /** A line that could not be read; {@link #toString()} is the {@code FILE:LINE: message} report. */
    record ParseError(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /**
     * What a file yielded.
     *
     * @param unknownFields fields the contract does not name ({@code FILE:LINE: unknown field 'x'}): the
     *                      observations keep their known fields, but the unknown one is not monitored
     */
    record Readings(List<Reading> observations, List<ParseError> errors, List<ParseError> unknownFields) {
        Readings(List<Reading> observations, List<ParseError> errors) {
            this(observations, errors, List.of());
        }
    }

    /**
     * Picks the reader for a file: {@code .jsonl} is JSON Lines; a {@code .csv} whose header starts
     * with {@code Time [s]} is a BIDMC numerics file, any other {@code .csv} the contract's CSV;
     * {@code .hl7} is HL7 v2 ORU^R01 ({@link Hl7FileReader}); {@code .fhir.json}, or a {@code .json}
     * or {@code .xml} FHIR resource, is FHIR R4 ({@link FhirFileReader}).
     *
     * @throws IllegalArgumentException for any other extension
     */
    static ObservationReader forFile(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            return new JsonLinesReader();
        }
        if (name.endsWith(".csv")) {
            String header;
            try (Utf8Lines in = new Utf8Lines(file)) {
                Utf8Lines.Line first = in.next();
                header = first == null ? null : first.text(); // an unreadable header is reported by the reader
            }
            return BidmcReader.isBidmcHeader(header) ? new BidmcReader() : new CsvReader();
        }
        if (name.endsWith(".hl7")) {
            return new Hl7FileReader();
        }
        if (FhirFileReader.accepts(file, name)) {
            return new FhirFileReader();
        }
        throw new IllegalArgumentException(file + ": unknown input format, expected .jsonl, .csv, .hl7 or a FHIR .json/.xml");
    }
}
