package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BIDMC numerics file (PhysioNet BIDMC PPG and Respiration dataset): header
 * {@code Time [s], HR, PULSE, RESP, SpO2}, one row per second, gaps written as {@code NaN}.
 *
 * <p>The files carry no dates, so time is {@link #EPOCH} plus {@code Time [s]}; the patient id is the
 * file name without {@code _Numerics.csv} ({@code bidmc_32}). HR, RESP and SpO2 map to heart rate,
 * respiratory rate and SpO2; PULSE (the pleth pulse rate) is ignored because it duplicates HR. A
 * {@code NaN} cell means that parameter is absent in the row; an all-{@code NaN} row is no
 * observation and no error (the sensor was off).
 */
final class BidmcReader implements ObservationReader {
    /** The fixed base of BIDMC time, so that replays are reproducible. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SUFFIX = "_Numerics.csv";

    /** True for a BIDMC numerics header (the names have leading spaces in the files). */
    static boolean isBidmcHeader(String header) {
        if (header == null) {
            return false;
        }
        String[] cells = CsvReader.split(header);
        return cells.length > 0 && cells[0].equals("Time [s]");
    }

    /** The largest offset that stays within {@code Observation.LATEST_TIMESTAMP} from the recording's start. */
    private static final double MAX_SECONDS = java.time.Duration.between(EPOCH, Observation.LATEST_TIMESTAMP).getSeconds();

    @Override
    public Readings read(Path file) throws IOException {
        List<Reading> out = new ArrayList<>();
        List<ParseError> errors = new ArrayList<>();
        String name = file.toString();
        String fileName = file.getFileName().toString();
        String patientId = fileName.endsWith(SUFFIX)
                ? fileName.substring(0, fileName.length() - SUFFIX.length())
                : fileName.replaceFirst("\\.csv$", "");
        try (Utf8Lines in = new Utf8Lines(file)) {
            Utf8Lines.Line first = in.next();
            if (first == null) {
                return new Readings(out, errors);
            }
            if (first.error() != null) {
                errors.add(new ParseError(name, 1, "header: " + first.error()));
                return new Readings(out, errors);
            }
            String headerLine = first.text();
            List<String> header = List.of(CsvReader.split(headerLine));
            int time = header.indexOf("Time [s]");
            int hr = header.indexOf("HR");
            int resp = header.indexOf("RESP");
            int spo2 = header.indexOf("SpO2");
            if (time < 0) {
                errors.add(new ParseError(name, 1, "header has no Time [s] column"));
                return new Readings(out, errors);
            }
            Utf8Lines.Line l;
            while ((l = in.next()) != null) {
                int line = l.number();
                if (l.error() != null) {
                    errors.add(new ParseError(name, line, l.error()));
                    continue;
                }
                String text = l.text();
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = CsvReader.split(text);
                if (cells.length != header.size()) {
                    errors.add(new ParseError(name, line,
                            "expected " + header.size() + " columns, but found " + cells.length));
                    continue;
                }
                try {
                    double seconds = ObservationFields.parseNumber("Time [s]", cells[time]);
                    if (!(Math.abs(seconds) <= MAX_SECONDS)) {
                        // Beyond this the instant would leave the range the monitor accepts (or overflow a long).
                        throw new ObservationFields.BadField("Time [s] must be within ±" + (long) MAX_SECONDS
                                + ", but was " + cells[time]);
                    }
                    // Math.round turns the "-0" some files start with into 0 ms.
                    Instant ts = EPOCH.plusMillis(Math.round(seconds * 1000));
                    Observation.Builder b = Observation.builder(patientId, ts);
                    boolean any = false;
                    if (hr >= 0 && ObservationFields.present(cells[hr]) != null) {
                        b.heartRate(ObservationFields.parseNumber("HR", cells[hr]));
                        any = true;
                    }
                    if (resp >= 0 && ObservationFields.present(cells[resp]) != null) {
                        b.respiratoryRate(ObservationFields.parseNumber("RESP", cells[resp]));
                        any = true;
                    }
                    if (spo2 >= 0 && ObservationFields.present(cells[spo2]) != null) {
                        b.spo2(ObservationFields.parseNumber("SpO2", cells[spo2]));
                        any = true;
                    }
                    if (any) {
                        out.add(new Reading(b.build(), null, name, line));
                    }
                } catch (ObservationFields.BadField e) {
                    errors.add(new ParseError(name, line, e.getMessage()));
                }
            }
        }
        return new Readings(out, errors);
    }
}
