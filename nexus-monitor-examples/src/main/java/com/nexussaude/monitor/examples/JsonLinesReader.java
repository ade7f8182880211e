package com.nexussaude.monitor.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON Lines: one JSON object per line with the contract's field names; blank lines are skipped. */
final class JsonLinesReader implements ObservationReader {
    /** Strict JSON: a key given twice is an error naming it, not last-wins. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Override
    public Readings read(Path file) throws IOException {
        List<Reading> out = new ArrayList<>();
        List<ParseError> errors = new ArrayList<>();
        List<ParseError> unknownFields = new ArrayList<>();
        String name = file.toString();
        try (Utf8Lines in = new Utf8Lines(file)) {
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
                try {
                    Map<String, String> fields = fields(text);
                    out.add(ObservationFields.toReading(fields, name, line));
                    for (String unknown : ObservationFields.unknown(fields.keySet())) {
                        unknownFields.add(new ParseError(name, line, ObservationFields.unknownFieldMessage(unknown)));
                    }
                } catch (ObservationFields.BadField e) {
                    errors.add(new ParseError(name, line, e.getMessage()));
                }
            }
        }
        return new Readings(out, errors, unknownFields);
    }

    /** The object's scalar members as text; {@code null} members count as absent. */
    private static Map<String, String> fields(String text) throws ObservationFields.BadField {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ObservationFields.BadField("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ObservationFields.BadField("expected a JSON object, but found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isContainerNode()) {
                throw new ObservationFields.BadField(e.getKey() + " must be a single value, but was " + v);
            }
            fields.put(e.getKey(), v.asText());
        }
        return fields;
    }
}
