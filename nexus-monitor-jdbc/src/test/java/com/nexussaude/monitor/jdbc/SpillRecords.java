package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.journal.JournalRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The records of the spill tests: record {@code seq} is the same in every JVM. */
final class SpillRecords {
    private SpillRecords() {
    }

    static JournalRecord record(long seq) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("n", seq);
        data.put("note", "reading " + seq + " of a ward\u00e9 \"quoted\"");
        data.put("value", seq / 4.0);
        return new JournalRecord(seq, Instant.parse("2026-11-25T08:00:00Z").plusSeconds(seq).plusNanos(seq % 1000),
                "notification.attempt", "bed-" + (seq % 30), null, "inc-" + (seq % 7), "monitor", "test", data);
    }
}
