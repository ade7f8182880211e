package com.nexussaude.monitor.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 4180 CSV parser: quoted fields may contain commas, doubled quotes and line breaks. */
final class SimpleCsv {
    private SimpleCsv() {
    }

    /** Parses all records, including the header. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field at end of input");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** Parses records into maps keyed by the header, checking every record has the header's width. */
    static List<Map<String, String>> parseWithHeader(String text) {
        List<List<String>> all = parse(text);
        List<String> header = all.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r < all.size(); r++) {
            List<String> rec = all.get(r);
            if (rec.size() != header.size()) {
                throw new IllegalArgumentException(
                        "record " + r + " has " + rec.size() + " fields, header has " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), rec.get(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
