package com.nexussaude.monitor.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the contract's CSV: a header row of field names (any order, any subset of the vitals,
 * surrounding spaces ignored), then one observation per row; an empty or {@code NaN} cell is an
 * absent value. No quoting: none of the fields can contain a comma.
 */
final class CsvReader implements ObservationReader {

    @Override
    public Readings read(Path file) throws IOException {
        List<Reading> out = new ArrayList<>();
        List<ParseError> errors = new ArrayList<>();
        String name = file.toString();
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
            String[] header = split(headerLine);
            for (String required : new String[] {ObservationFields.PATIENT_ID, ObservationFields.TIMESTAMP}) {
                if (!List.of(header).contains(required)) {
                    errors.add(new ParseError(name, 1, "header has no " + required + " column"));
                    return new Readings(out, errors);
                }
            }
            // An unknown column is reported once, at the header, not on every row.
            List<ParseError> unknownFields = ObservationFields.unknown(List.of(header)).stream()
                    .map(u -> new ParseError(name, 1, ObservationFields.unknownFieldMessage(u))).toList();
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
                String[] cells = split(text);
                if (cells.length != header.length) {
                    errors.add(new ParseError(name, line,
                            "expected " + header.length + " columns, but found " + cells.length));
                    continue;
                }
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    fields.put(header[i], cells[i]);
                }
                try {
                    out.add(ObservationFields.toReading(fields, name, line));
                } catch (ObservationFields.BadField e) {
                    errors.add(new ParseError(name, line, e.getMessage()));
                }
            }
            return new Readings(out, errors, unknownFields);
        }
    }

    /** Splits on commas keeping empty trailing cells, trims cells and strips one pair of quotes. */
    static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].trim();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1).trim();
            }
            cells[i] = c;
        }
        return cells;
    }
}
