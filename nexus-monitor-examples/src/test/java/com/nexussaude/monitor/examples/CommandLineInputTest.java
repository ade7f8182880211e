package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay's inputs as a host's files come: byte-order marks, directories, standard input, bad lines. */
class CommandLineInputTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private static String obs(int second, String vitals) {
        return "{\"patient_id\":\"p1\",\"timestamp\":\"2026-01-01T08:00:" + String.format("%02d", second) + "Z\","
                + vitals + "}";
    }

    private Path withBom(String name, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(BOM, BOM.length + body.length);
        System.arraycopy(body, 0, all, BOM.length, body.length);
        return Files.write(dir.resolve(name), all);
    }

    @Test
    void aByteOrderMarkStartingACsvOrJsonLinesFileIsNotPartOfTheFirstLine() throws IOException {
        Path csv = withBom("excel.csv", "patient_id,timestamp,heart_rate\np1,2026-01-01T08:00:00Z,80\n"
                + "p1,2026-01-01T08:00:05Z,82\n");
        Cli.Result r = Cli.run("replay", "--strict", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 observations read, 2 accepted, 0 rejected").doesNotContain("unknown field '");

        Path jsonl = withBom("bom.jsonl", obs(0, "\"heart_rate\":80") + "\n" + obs(5, "\"heart_rate\":82") + "\n");
        r = Cli.run("replay", "--strict", jsonl.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 observations read, 2 accepted, 0 rejected");

        Path config = withBom("config.json", "{\"patients\":{\"p1\":{\"ward\":\"w\"}}}");
        r = Cli.run("replay", "--strict", "--config", config.toString(), jsonl.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("0 unknown patient id(s)");
    }

    @Test
    void aDirectoryArgumentIsSaidToBeADirectory() {
        Cli.Result r = Cli.run("replay", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(dir + " is a directory").doesNotContain("no such file");
    }

    @Test
    void aDashReadsStandardInputInTheFormatItsFirstCharacterTellsOrTheOneGiven() throws IOException {
        String jsonl = obs(0, "\"heart_rate\":80") + "\nnot json\n" + obs(5, "\"heart_rate\":82") + "\n";
        Cli.Result r = withStdin(jsonl, "replay", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("<stdin>:2: invalid JSON")
                .contains("1 file(s), 3 observations read, 2 accepted, 1 rejected");
        assertThat(ReplayCommandTest.records(r.out())).isNotEmpty();

        String csv = "patient_id,timestamp,oxygen_saturation\np1,2026-01-01T08:00:00Z,97\n";
        r = withStdin(csv, "replay", "--format", "csv", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 observations read, 1 accepted, 0 rejected");

        assertThat(withStdin(csv, "replay", "--format", "xlsx", "-").err()).contains("must be one of jsonl, csv");
        assertThat(withStdin(csv, "replay", "-", "-").err()).contains("standard input (-) can be given once");
    }

    @Test
    void reportsComeInFileAndLineOrderAndTheSummaryAddsUp() throws IOException {
        // Line order differs from time order, and reading and replaying find problems in different passes.
        Path a = Files.write(dir.resolve("a.jsonl"), List.of(
                obs(30, "\"heart_rate\":80,\"heart_rat\":1"),   // 1: unknown field (reading)
                obs(10, "\"heart_rate\":999,\"oxygen_saturation\":97"), // 2: value rejected (replaying)
                "{",                                            // 3: invalid JSON (reading)
                obs(20, "\"heart_rate\":-5"),                   // 4: rejected by the monitor? no: value rejected
                obs(0, "\"oxygen_saturation\":96")));           // 5: first in time: the unknown-patient warning
        Path b = Files.write(dir.resolve("b.jsonl"), List.of("[1]", obs(1, "\"heart_rate\":81")));
        Cli.Result r = Cli.run("replay", a.toString(), b.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        List<int[]> where = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(\\S+?)\\.jsonl:(\\d+): ").matcher(r.err());
        while (m.find()) {
            where.add(new int[] {m.group(1).endsWith("a") ? 0 : 1, Integer.parseInt(m.group(2))});
        }
        assertThat(where).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 1; i < where.size(); i++) {
            int[] prev = where.get(i - 1);
            int[] cur = where.get(i);
            assertThat(cur[0] > prev[0] || (cur[0] == prev[0] && cur[1] >= prev[1]))
                    .as("report %d (file %d line %d) after file %d line %d in\n%s", i, cur[0], cur[1], prev[0], prev[1], r.err())
                    .isTrue();
        }
        Matcher summary = Pattern.compile("(\\d+) observations read, (\\d+) accepted, (\\d+) rejected").matcher(r.err());
        assertThat(summary.find()).isTrue();
        long read = Long.parseLong(summary.group(1));
        assertThat(read).isEqualTo(7); // every non-blank line of both files
        assertThat(Long.parseLong(summary.group(2)) + Long.parseLong(summary.group(3))).isEqualTo(read);
    }

    @Test
    void strictMakesInputThatWasNotMonitoredAnExitStatus() throws IOException {
        Path clean = Files.write(dir.resolve("clean.jsonl"), List.of(obs(0, "\"heart_rate\":80")));
        Path unknownField = Files.write(dir.resolve("field.jsonl"), List.of(obs(0, "\"heart_rate\":80,\"spo2\":97")));
        Path badValue = Files.write(dir.resolve("value.jsonl"), List.of(obs(0, "\"heart_rate\":999,\"oxygen_saturation\":97")));
        Path badLine = Files.write(dir.resolve("line.jsonl"), List.of("{", obs(0, "\"heart_rate\":80")));

        assertThat(Cli.run("replay", "--strict", clean.toString()).exit()).isZero();
        for (Path p : List.of(unknownField, badValue, badLine)) {
            Cli.Result lenient = Cli.run("replay", p.toString());
            assertThat(lenient.exit()).as("without --strict: %s", lenient.err()).isZero();
            Cli.Result strict = Cli.run("replay", "--strict", p.toString());
            assertThat(strict.exit()).as(strict.err()).isEqualTo(ReplayCommand.EXIT_INPUT_REJECTED);
            assertThat(strict.err()).contains("--strict: input was not monitored");
            // The valid data is still replayed: the score record of the line's good values is written.
            assertThat(ReplayCommandTest.records(strict.out())).isNotEmpty();
        }
    }

    @Test
    void aRuleBreakingTheAlertContractIsReportedOncePerRuleWithItsCountInTheSummary() throws IOException {
        Path rules = Files.writeString(dir.resolve("bad.epl"), """
                insert into AlertSignal select patientId, 'no-message' as ruleId, 'low' as severity,
                  'technical' as category from VitalSign(vital = 'HEART_RATE');
                """);
        List<String> lines = new java.util.ArrayList<>();
        for (int s = 0; s < 40; s++) {
            lines.add(obs(s, "\"heart_rate\":80"));
        }
        Path input = Files.write(dir.resolve("hr.jsonl"), lines);
        Cli.Result r = Cli.run("replay", "--rules", rules.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).containsOnlyOnce("rule 'no-message'")
                .contains("rule 'no-message': 40 alert signal(s) broke the alert contract and were dropped; the first:"
                        + " AlertSignal.message is required")
                .contains("invalid rule signals (dropped): 40 from 1 rule(s)");
    }

    private static Cli.Result withStdin(String text, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
