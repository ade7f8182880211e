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
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buf = new char[4096];
            int n = in.read(buf);
            head = n < 0 ? "" : new String(buf, 0, n);
        }
        return lowerCaseName.endsWith(".json") ? RESOURCE_TYPE.matcher(head).find() : FHIR_XML.matcher(head).find();
    }

    @Override
    public Readings read(Path file) throws IOException {
        String name = file.toString();
        ParseResult result = FhirObservations.parse(Files.readString(file, StandardCharsets.UTF_8));
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
