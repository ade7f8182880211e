package com.nexussaude.monitor.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local file that makes a {@link JdbcJournal}'s outage buffer survive a crash: while the database
 * fails, every buffered record is appended to it as one JSON line and forced to disk before
 * {@code append} returns; once the buffer is written to the database the file is emptied. The first
 * line names the database the records belong to, so that they are never written to another one.
 * Not API; not thread-safe (the journal serialises its use).
 */
final class SpillFile {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path path;
    private final String database;
    private FileChannel channel;
    private int lines;
    /** The line of each record of the last {@link #read}, by seq. */
    private final Map<Long, Integer> lineOf = new java.util.HashMap<>();

    SpillFile(Path path, String database) {
        this.path = path.toAbsolutePath();
        this.database = database;
    }

    Path path() {
        return path;
    }

    /** Records waiting in the file (written since it was last emptied). */
    int size() {
        return lines;
    }

    /**
     * Appends {@code r} and forces it to disk.
     *
     * @throws IOException if it cannot be written; the file may then end in a partial line, which
     *                     {@link #read} ignores
     */
    void append(JournalRecord r) throws IOException {
        if (channel == null) {
            Files.createDirectories(path.getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        long before = channel.size();
        try {
            if (before == 0) {
                write(MAPPER.writeValueAsString(Map.of("spillOf", database)));
            }
            write(MAPPER.writeValueAsString(encode(r)));
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(before); // no partial line in the middle of the file
            } catch (IOException ignored) {
                // read() skips a damaged line with a problem
            }
            throw e;
        }
        lines++;
    }

    private void write(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Empties the file (every record in it is in the database now) and forces that to disk. */
    void clear() throws IOException {
        if (channel != null) {
            channel.truncate(0);
            channel.force(true);
        } else if (Files.exists(path)) {
            try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE)) {
                c.truncate(0);
                c.force(true);
            }
        }
        lines = 0;
    }

    /**
     * The records a previous process left (it stopped while the database was failing), in file order.
     * A last line without its newline was being written when that process died: its {@code append}
     * never returned, so it is dropped silently. Any other line that cannot be read is reported in
     * {@code problems} and skipped.
     *
     * @throws JournalException if the file belongs to another database, or cannot be read
     */
    List<JournalRecord> read(List<JournalProblem> problems) {
        List<JournalRecord> out = new ArrayList<>();
        if (!Files.exists(path)) {
            return out;
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JournalException("cannot read the journal's spill file " + path, e);
        }
        String[] all = text.split("\n", -1);
        // all[last] is "" after a final newline, or the torn line of a crash: never a returned append.
        for (int i = 0; i < all.length - 1; i++) {
            String line = all[i];
            if (i == 0) {
                String of = header(line);
                if (!database.equals(of)) {
                    throw new JournalException("the journal's spill file " + path + " holds records of the database "
                            + of + ", not of " + database + ": write them there (open that journal with this file) or"
                            + " move the file aside", null);
                }
                continue;
            }
            try {
                JournalRecord r = decode(MAPPER.readValue(line, MAP));
                out.add(r);
                lineOf.put(r.seq(), i + 1);
            } catch (JsonProcessingException | RuntimeException e) {
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                problems.add(new JournalProblem(path.toString(), i + 1, 0, "unreadable spilled record (" + why
                        + "): skipped"));
            }
        }
        return out;
    }

    /** The line of a record of the last {@link #read} (1-based), or 1 if unknown. */
    int lineOf(long seq) {
        return lineOf.getOrDefault(seq, 1);
    }

    /** Moves a file with unreadable lines aside for a person, once its readable records are in the database. */
    Path moveAside() throws IOException {
        Path aside = path.resolveSibling(path.getFileName() + ".damaged-" + System.currentTimeMillis());
        Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    private String header(String line) {
        try {
            Object of = MAPPER.readValue(line, MAP).get("spillOf");
            if (of instanceof String s) {
                return s;
            }
        } catch (JsonProcessingException e) {
            // falls through
        }
        throw new JournalException("the journal's spill file " + path + " does not start with the line naming its"
                + " database; move it aside if it is not a spill file", null);
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static Map<String, Object> encode(JournalRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("atSeconds", r.at().getEpochSecond());
        m.put("atNanos", r.at().getNano());
        m.put("type", r.type());
        m.put("patientId", r.patientId());
        m.put("alertId", r.alertId());
        m.put("incidentId", r.incidentId());
        m.put("actor", r.actor());
        m.put("reason", r.reason());
        m.put("data", r.data());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static JournalRecord decode(Map<String, Object> m) {
        return new JournalRecord(((Number) m.get("seq")).longValue(),
                Instant.ofEpochSecond(((Number) m.get("atSeconds")).longValue(), ((Number) m.get("atNanos")).longValue()),
                (String) m.get("type"), (String) m.get("patientId"), (String) m.get("alertId"),
                (String) m.get("incidentId"), (String) m.get("actor"), (String) m.get("reason"),
                (Map<String, Object>) m.get("data"));
    }
}
