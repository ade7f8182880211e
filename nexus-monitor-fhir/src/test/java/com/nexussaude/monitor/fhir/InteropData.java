package com.nexussaude.monitor.fhir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds {@code shared/data/interop} and its EXPECTED.tsv; tests skip when it is absent. */
final class InteropData {
    private static final String[] CANDIDATES = {"../shared/data/interop", "../../shared/data/interop"};

    private InteropData() {
    }

    static Path dir() {
        for (String c : CANDIDATES) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p.resolve("EXPECTED.tsv"))) {
                return p;
            }
        }
        assumeTrue(false, "shared/data/interop is absent (looked in ../shared/data and ../../shared/data): skipping the"
                + " tests on real FHIR resources");
        throw new AssertionError("unreachable");
    }

    /** The EXPECTED.tsv rows for files under {@code prefix}, as 7 columns (a missing notes column is null). */
    static List<String[]> expectedRows(String prefix) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir().resolve("EXPECTED.tsv"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && line.startsWith(prefix)) {
                rows.add(java.util.Arrays.copyOf(line.split("\t", -1), 7));
            }
        }
        return rows;
    }

    static String read(String file) throws IOException {
        return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
    }
}
