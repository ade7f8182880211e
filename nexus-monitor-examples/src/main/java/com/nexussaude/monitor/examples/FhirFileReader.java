package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.fhir.FhirObservations;
import com.nexussaude.monitor.fhir.ParseResult;
import com.nexussaude.monitor.fhir.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a FHIR R4 file (one Observation or one Bundle, JSON or XML) through {@link FhirObservations}.
 * A FHIR document is one value, not lines: every observation and error is reported at line 1, and
 * the error message names the element (e.g. {@code Bundle.entry[2].resource.valueQuantity.code}).
 */
final class FhirFileReader implements ObservationReader {
    private static final Pattern RESOURCE_TYPE = Pattern.compile("\"resourceType\"\\s*:");
    private static final Pattern FHIR_XML = Pattern.compile("xmlns\\s*=\\s*\"http://hl7.org/fhir\"");

    /**
     * True for {@code .fhir.json}/{@code .fhir.xml}, and for a {@code .json}/{@code .xml} file whose
     * start names a {@code resourceType} (JSON) or the FHIR namespace (XML).
     */
    static boolean accepts(Path file, String lowerCaseName) throws IOException {
        if (lowerCaseName.endsWith(".fhir.json") || lowerCaseName.endsWith(".fhir.xml")) {
            return true;
        }
        if (!lowerCaseName.endsWith(".json") && !lowerCaseName.endsWith(".xml")) {
            return false;
        }
        String head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            // Sniffing only: an invalid byte here is replaced, and reported by read() with its line.
            head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
        return lowerCaseName.endsWith(".json") ? RESOURCE_TYPE.matcher(head).find() : FHIR_XML.matcher(head).find();
    }

    @Override
    public Readings read(Path file) throws IOException {
        String name = file.toString();
        byte[] bytes = Files.readAllBytes(file);
        // Decoded line by line, strictly: an invalid byte (or a NUL) is reported at its line and costs the
        // document it is in (a FHIR file is one document), never the replay of the other files.
        StringBuilder text = new StringBuilder(bytes.length);
        int from = 0;
        int number = 0;
        while (from <= bytes.length) {
            int to = from;
            while (to < bytes.length && bytes[to] != '\n') {
                to++;
            }
            number++;
            Utf8Lines.Line line = Utf8Lines.decodeLine(number, bytes, from, to);
            if (line.error() != null) {
                return new Readings(List.of(), List.of(new ParseError(name, number,
                        line.error().replace(": the line is skipped", "") + "; the FHIR document is skipped")));
            }
            text.append(line.text());
            if (to < bytes.length) {
                text.append('\n');
            }
            from = to + 1;
        }
        ParseResult result = FhirObservations.parse(text.toString());
        List<Reading> out = new ArrayList<>();
        for (Observation o : result.observations()) {
            out.add(new Reading(o, null, name, 1));
        }
        List<ParseError> errors = new ArrayList<>();
        for (Rejection r : result.rejections()) {
            errors.add(new ParseError(name, 1, r.toString()));
        }
        return new Readings(out, errors);
    }
}
