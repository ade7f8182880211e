package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's replay commands, run as written on the sample files in {@code examples/} (so a README that
 * names a file or an option that no longer works fails the build), and the README's rule example is the
 * sample rule file.
 */
class ExampleFilesTest {
    /** The repository root: tests run in the module's directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The {@code ./nexus-monitor replay ...} lines of the README's first replay block. */
    static List<String[]> readmeReplayCommands() throws IOException {
        List<String[]> commands = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            String t = line.strip();
            if (t.startsWith("./nexus-monitor replay ")) {
                String command = t.contains("  #") ? t.substring(0, t.indexOf("  #")).strip() : t;
                commands.add(command.substring("./nexus-monitor ".length()).split("\\s+"));
            }
        }
        return commands;
    }

    @Test
    void theReadmesReplayCommandsRunOnTheSampleFiles() throws IOException {
        List<String[]> commands = readmeReplayCommands();
        assertThat(commands).as("replay commands in README.md").hasSizeGreaterThanOrEqualTo(2);
        int ran = 0;
        for (String[] command : commands) {
            String[] args = Arrays.stream(command).map(this::resolve).toArray(String[]::new);
            if (Arrays.stream(args).anyMatch(a -> a.contains("/shared/data/") && !Files.exists(Path.of(a)))) {
                System.out.println("ExampleFilesTest: skipping '" + String.join(" ", command)
                        + "': ../shared/data is not here");
                continue;
            }
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as("%s\n%s", String.join(" ", command), r.err()).isZero();
            assertThat(r.err()).as(String.join(" ", command)).contains(" 0 rejected").doesNotContain("unknown field '");
            ran++;
        }
        assertThat(ran).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theSamplesRaiseTheirStoryInBothFormatsAndTheRuleFileAlertsWithTheBed() throws IOException {
        Path examples = ROOT.resolve("examples");
        Cli.Result jsonl = Cli.run("replay", "--strict", examples.resolve("vitals.jsonl").toString());
        Cli.Result csv = Cli.run("replay", "--strict", examples.resolve("vitals.csv").toString());
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        assertThat(csv.exit()).as(csv.err()).isZero();
        // The same observations in two formats: the same records.
        assertThat(csv.out()).isEqualTo(jsonl.out());
        List<JsonNode> raised = ReplayCommandTest.events(jsonl.out()).stream()
                .filter(e -> e.get("event").asText().equals("raised")).toList();
        // bed-7 desaturates (SpO2 96 -> 86 over ten minutes); bed-8 is stable and raises nothing.
        assertThat(raised).anySatisfy(e -> {
            assertThat(e.get("patient_id").asText()).isEqualTo("bed-7");
            assertThat(e.get("key").asText()).isEqualTo("SPO2");
        });
        assertThat(raised).noneSatisfy(e -> assertThat(e.get("patient_id").asText()).isEqualTo("bed-8"));

        Path out = dir.resolve("alerts.jsonl");
        Cli.Result rules = Cli.run("replay", "--strict", "--config", examples.resolve("config.json").toString(),
                "--rules", examples.resolve("my-rules.epl").toString(), "--out", out.toString(),
                examples.resolve("vitals.csv").toString());
        assertThat(rules.exit()).as(rules.err()).isZero();
        List<JsonNode> records = ReplayCommandTest.records(Files.readString(out));
        assertThat(records).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("alert");
            assertThat(e.get("rule").asText()).isEqualTo("tachycardia-minute");
        });
        assertThat(records).filteredOn(e -> e.get("type").asText().equals("notification"))
                .isNotEmpty().allSatisfy(n -> assertThat(n.get("bed").asText()).isIn("7", "8"));
    }

    @Test
    void theReadmesRuleExampleIsTheSampleRuleFile() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String rule = Files.readString(ROOT.resolve("examples/my-rules.epl"));
        assertThat(readme).contains("```sql\n" + rule + "```");
    }

    /** A README path relative to the repository root, made absolute; an output path into the temp dir. */
    private String resolve(String arg) {
        if (arg.startsWith("examples/") || arg.startsWith("../shared/")) {
            return ROOT.resolve(arg).normalize().toString();
        }
        if (arg.endsWith(".jsonl") && !arg.contains("/")) {
            return dir.resolve(arg).toString(); // --out alerts.jsonl
        }
        return arg;
    }
}
