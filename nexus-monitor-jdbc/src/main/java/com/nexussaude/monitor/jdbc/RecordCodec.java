package com.nexussaude.monitor.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nexussaude.monitor.journal.JournalRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;

/** A {@link JournalRecord} as a row of {@code journal_event} and back. Not API. */
final class RecordCodec {
    static final String COLUMNS = "seq, at_seconds, at_nanos, type, patient_id, alert_id, incident_id, actor, reason, data";
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private RecordCodec() {
    }

    /** Binds the ten columns of {@link #COLUMNS}, in order, from parameter 1. */
    static void bind(PreparedStatement ps, JournalRecord r) throws SQLException {
        ps.setLong(1, r.seq());
        ps.setLong(2, r.at().getEpochSecond());
        ps.setInt(3, r.at().getNano());
        ps.setString(4, r.type());
        setNullable(ps, 5, r.patientId());
        setNullable(ps, 6, r.alertId());
        setNullable(ps, 7, r.incidentId());
        setNullable(ps, 8, r.actor());
        setNullable(ps, 9, r.reason());
        ps.setString(10, json(r.data()));
    }

    /** The record in the current row, read from the columns of {@link #COLUMNS}. */
    static JournalRecord read(ResultSet rs) throws SQLException, BadRow {
        long seq = rs.getLong("seq");
        try {
            return new JournalRecord(seq, Instant.ofEpochSecond(rs.getLong("at_seconds"), rs.getInt("at_nanos")),
                    rs.getString("type"), rs.getString("patient_id"), rs.getString("alert_id"),
                    rs.getString("incident_id"), rs.getString("actor"), rs.getString("reason"),
                    MAPPER.readValue(rs.getString("data"), MAP));
        } catch (JsonProcessingException e) {
            throw new BadRow(seq, "invalid JSON in data: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new BadRow(seq, e.getMessage());
        }
    }

    static String json(Map<String, Object> data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            // JournalRecord admits only JSON values, so this is a bug, not bad input.
            throw new IllegalStateException("cannot write record data as JSON", e);
        }
    }

    static Map<String, Object> map(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid JSON in the database: " + e.getOriginalMessage(), e);
        }
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    /** A row that does not map to a valid record. */
    static final class BadRow extends Exception {
        private static final long serialVersionUID = 1L;
        final long seq;

        BadRow(long seq, String message) {
            super(message);
            this.seq = seq;
        }
    }
}
