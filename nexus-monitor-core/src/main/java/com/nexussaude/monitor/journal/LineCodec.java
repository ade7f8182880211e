package com.nexussaude.monitor.journal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One journal line: {@code <crc> <json>\n}, where {@code <crc>} is the CRC-32C of the JSON's UTF-8
 * bytes as 8 lower-case hex digits. The checksum is what tells a record damaged on disk (a flipped
 * bit that still parses, a half-overwritten line) from a record someone meant to write.
 *
 * <p>The JSON is written field by field rather than by data binding, so the layout is fixed and
 * documented in JOURNAL.md: {@code seq, at, type}, then {@code patientId, alertId, incidentId,
 * actor, reason} when not null, then {@code data} when not empty. Jackson escapes control
 * characters inside strings, so a line never contains a raw line feed.
 */
final class LineCodec {
    /** Longest line accepted, line feed included; a longer "line" in a file is corruption. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final int PREFIX = 9; // 8 hex digits and a space

    // Strict reading: a duplicated key or text after the object is a damaged line, not a record.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private LineCodec() {
    }

    /** Why a line is not a valid record. No stack trace: it is an expected outcome of recovery. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The line for {@code record}, line feed included.
     *
     * @throws IllegalArgumentException if the line would be longer than {@link #MAX_LINE_BYTES}
     */
    static byte[] encode(JournalRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(new byte[PREFIX]); // room for the checksum, filled in below
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", record.seq());
            g.writeStringField("at", record.at().toString());
            g.writeStringField("type", record.type());
            writeIfPresent(g, "patientId", record.patientId());
            writeIfPresent(g, "alertId", record.alertId());
            writeIfPresent(g, "incidentId", record.incidentId());
            writeIfPresent(g, "actor", record.actor());
            writeIfPresent(g, "reason", record.reason());
            if (!record.data().isEmpty()) {
                g.writeObjectField("data", record.data());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        out.write('\n');
        byte[] line = out.toByteArray();
        if (line.length > MAX_LINE_BYTES) {
            throw new JournalRecordTooLargeException("record seq " + record.seq() + " (" + record.type() + ") takes "
                    + line.length + " bytes as a journal line, more than the maximum of " + MAX_LINE_BYTES);
        }
        CRC32C crc = new CRC32C();
        crc.update(line, PREFIX, line.length - PREFIX - 1);
        byte[] hex = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, line, 0, PREFIX);
        return line;
    }

    /**
     * The record in {@code line[0, length)}, which excludes the line feed.
     *
     * @throws BadLine with a message saying what is wrong
     */
    static JournalRecord decode(byte[] line, int length) throws BadLine {
        return decodeChained(line, length).record();
    }

    /**
     * A decoded line: its record, its checksum, and the checksum of the line before it that it names
     * ({@code prev}: 8 hex digits, {@link #FIRST} on a file's first chained line), or null on a line of a
     * journal written before the chain (format 2 and earlier).
     */
    record Decoded(JournalRecord record, long crc, String prev) {
    }

    /** The {@code prev} of the first line of a file. */
    static final String FIRST = "-";

    static Decoded decodeChained(byte[] line, int length) throws BadLine {
        if (length < PREFIX || line[PREFIX - 1] != ' ') {
            throw new BadLine("no checksum prefix (8 hex digits and a space)");
        }
        long stored = storedCrc(line, length);
        if (stored < 0) {
            throw new BadLine("no checksum prefix (8 hex digits and a space)");
        }
        CRC32C crc = new CRC32C();
        crc.update(line, PREFIX, length - PREFIX);
        if (crc.getValue() != stored) {
            throw new BadLine(String.format("checksum mismatch (line says %08x, its content gives %08x)", stored,
                    crc.getValue()));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(line, PREFIX, length - PREFIX);
        } catch (JacksonException e) {
            throw new BadLine("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: reading from memory", e);
        }
        if (root == null || !root.isObject()) {
            throw new BadLine("invalid JSON: not an object");
        }
        try {
            JournalRecord record = new JournalRecord(requiredSeq(root), requiredInstant(root), requiredText(root, "type"),
                    optionalText(root, "patientId"), optionalText(root, "alertId"), optionalText(root, "incidentId"),
                    optionalText(root, "actor"), optionalText(root, "reason"), data(root));
            return new Decoded(record, stored, optionalText(root, "prev"));
        } catch (IllegalArgumentException e) {
            throw new BadLine("invalid record: " + e.getMessage());
        }
    }

    /** The checksum a line's prefix states (whatever its content), or -1 if the prefix is not 8 hex digits. */
    static long storedCrc(byte[] line, int length) {
        if (length < PREFIX) {
            return -1;
        }
        long stored = 0;
        for (int i = 0; i < PREFIX - 1; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                return -1;
            }
            stored = stored << 4 | digit;
        }
        return stored;
    }

    /**
     * {@code line} (from {@link #encode}) with {@code "prev"} added as its last field: the checksum of the
     * line before it in the file ({@code prevCrc}), or {@link #FIRST} when {@code prevCrc} is negative. The
     * checksum is computed again over the whole JSON, so it covers the link: deleting, moving or replacing
     * a line breaks the chain at the line after it.
     *
     * @throws JournalRecordTooLargeException if the line would then be longer than {@link #MAX_LINE_BYTES}
     */
    static byte[] chain(byte[] line, long prevCrc, long seq, String type) {
        byte[] link = (",\"prev\":\"" + (prevCrc < 0 ? FIRST : String.format("%08x", prevCrc)) + "\"}\n")
                .getBytes(StandardCharsets.US_ASCII);
        int keep = line.length - 2; // without the object's closing brace and the line feed
        byte[] out = new byte[keep + link.length];
        System.arraycopy(line, 0, out, 0, keep);
        System.arraycopy(link, 0, out, keep, link.length);
        if (out.length > MAX_LINE_BYTES) {
            throw new JournalRecordTooLargeException("record seq " + seq + " (" + type + ") takes "
                    + out.length + " bytes as a journal line, more than the maximum of " + MAX_LINE_BYTES);
        }
        CRC32C crc = new CRC32C();
        crc.update(out, PREFIX, out.length - PREFIX - 1);
        byte[] hex = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, out, 0, PREFIX);
        return out;
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static long requiredSeq(JsonNode root) throws BadLine {
        JsonNode n = required(root, "seq");
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new BadLine("field \"seq\" is not a whole number: " + n);
        }
        return n.longValue();
    }

    private static Instant requiredInstant(JsonNode root) throws BadLine {
        String text = requiredText(root, "at");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadLine("field \"at\" is not an ISO-8601 instant: \"" + text + "\"");
        }
    }

    private static String requiredText(JsonNode root, String name) throws BadLine {
        JsonNode n = required(root, name);
        if (!n.isTextual()) {
            throw new BadLine("field \"" + name + "\" is not a string: " + n);
        }
        return n.textValue();
    }

    private static JsonNode required(JsonNode root, String name) throws BadLine {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new BadLine("missing field \"" + name + "\"");
        }
        return n;
    }

    private static String optionalText(JsonNode root, String name) throws BadLine {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadLine("field \"" + name + "\" is not a string: " + n);
        }
        return n.textValue();
    }

    private static Map<String, Object> data(JsonNode root) throws BadLine {
        JsonNode n = root.get("data");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new BadLine("field \"data\" is not an object: " + n);
        }
        return object(n, "data");
    }

    private static Map<String, Object> object(JsonNode n, String path) throws BadLine {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            map.put(e.getKey(), value(e.getValue(), path + "." + e.getKey()));
        }
        return map;
    }

    // Only the value kinds encode() produces; numbers come back as Long or Double, as JournalRecord
    // normalises them.
    private static Object value(JsonNode n, String path) throws BadLine {
        switch (n.getNodeType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return n.booleanValue();
            case STRING:
                return n.textValue();
            case NUMBER:
                if (!n.isIntegralNumber()) {
                    return n.doubleValue();
                }
                if (!n.canConvertToLong()) {
                    throw new BadLine(path + " is a whole number outside the range of a long: " + n);
                }
                return n.longValue();
            case ARRAY:
                List<Object> list = new ArrayList<>(n.size());
                for (int i = 0; i < n.size(); i++) {
                    list.add(value(n.get(i), path + "[" + i + "]"));
                }
                return list;
            case OBJECT:
                return object(n, path);
            default:
                throw new BadLine(path + " has an unexpected JSON value: " + n);
        }
    }
}
