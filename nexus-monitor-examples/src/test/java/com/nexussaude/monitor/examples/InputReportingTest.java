package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line never lets input silently stop monitoring: unknown fields, invalid values and
 * unregistered patients are reported on stderr as {@code FILE:LINE: ...} and counted in the summary,
 * while the valid part of each line is monitored.
 */
class InputReportingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @TempDir
    Path dir;

    private static String obs(String patient, int second, String vitals) {
        return "{\"patient_id\":\"" + patient + "\",\"timestamp\":\"" + T0.plusSeconds(second) + "\"," + vitals + "}";
    }

    private static List<JsonNode> raised(Cli.Result r, String key) {
        return ReplayCommandTest.events(r.out()).stream()
                .filter(e -> e.get("event").asText().equals("raised") && e.get("key").asText().equals(key)).toList();
    }

    @Test
    void aMisspeltFieldIsReportedWithFileAndLineAndTheLinesKnownFieldsAreMonitored() throws IOException {
        Path input = Files.write(dir.resolve("typo.jsonl"), List.of(
                obs("bed-1", 0, "\"heart_rat\":130,\"oxygen_saturation\":84"),
                obs("bed-1", 1, "\"heart_rate\":80,\"spo2\":84")));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", input.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(input + ":1: unknown field 'heart_rat'", input + ":2: unknown field 'spo2'");
        assertThat(r.err()).contains("2 observations read, 2 accepted, 0 rejected");
        assertThat(r.err()).contains("input: 2 unknown field(s) not monitored");
        assertThat(raised(r, "SPO2")).singleElement()
                .satisfies(e -> assertThat(e.get("severity").asText()).isEqualTo("critical"));
    }

    @Test
    void anUnknownCsvColumnIsReportedOnceAtTheHeader() throws IOException {
        Path input = Files.write(dir.resolve("typo.csv"), List.of("patient_id,timestamp,heart_rate,spo2",
                "bed-1," + T0 + ",80,84", "bed-1," + T0.plusSeconds(1) + ",81,84"));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", input.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(input + ":1: unknown field 'spo2'").doesNotContain(input + ":2:");
        assertThat(r.err()).contains("input: 1 unknown field(s) not monitored");
    }

    @Test
    void anInvalidValueIsRejectedAloneAndTheOtherValuesOfItsLineAreMonitored() throws IOException {
        Path input = Files.write(dir.resolve("hr999.jsonl"), List.of(obs("bed-1", 0, "\"heart_rate\":999,\"oxygen_saturation\":84")));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", input.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(input + ":1: heart_rate of patient bed-1 must be within 0..300 /min"
                + " (physiologically possible), but was 999 (value rejected; the line's other values were accepted)");
        assertThat(r.err()).contains("1 observations read, 1 accepted, 0 rejected")
                .contains("1 value(s) rejected with their observation accepted");
        assertThat(raised(r, "SPO2")).hasSize(1);
    }

    @Test
    void anUnregisteredPatientIsWarnedOfOnceAndMonitoredByDefault() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            lines.add(obs("bed-404", s, "\"oxygen_saturation\":84"));
            lines.add(obs("bed-12", s, "\"oxygen_saturation\":97,\"spo2_scale\":1")); // registered by its scale
        }
        Path input = Files.write(dir.resolve("beds.jsonl"), lines);
        Cli.Result r = Cli.run("replay", input.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(input + ":1: patient_id 'bed-404' is not registered; monitored anyway")
                .doesNotContain("'bed-12'");
        assertThat(r.err().split("bed-404' is not registered", -1)).hasSize(2); // once per id
        assertThat(r.err()).contains("1 unknown patient id(s) (--unknown-patients warn)");
        assertThat(raised(r, "SPO2")).singleElement()
                .satisfies(e -> assertThat(e.get("patient_id").asText()).isEqualTo("bed-404"));
    }

    @Test
    void rejectSkipsAnUnregisteredPatientsLinesAndCountsThem() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            lines.add(obs("bed-404", s, "\"oxygen_saturation\":84"));
        }
        Path input = Files.write(dir.resolve("typo-bed.jsonl"), lines);
        Cli.Result r = Cli.run("replay", "--unknown-patients", "reject", input.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(input + ":1: patient_id 'bed-404' is not registered");
        assertThat(r.err()).contains("3 observations read, 0 accepted, 3 rejected");
        assertThat(raised(r, "SPO2")).isEmpty();
        assertThat(Cli.run("replay", "--unknown-patients", "maybe", input.toString()).exit()).isEqualTo(2);
    }

    /** HR 80, SpO2 97, RR 16 once a second from {@code from} to {@code to}. */
    private static List<String> normal(String patient, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            lines.add(obs(patient, s, "\"heart_rate\":80,\"oxygen_saturation\":97,\"respiratory_rate\":16"));
        }
        return lines;
    }

    /** The alert records of {@code patient} as "event rule key timestamp". */
    private static List<String> alertsOf(Cli.Result r, String patient) {
        return ReplayCommandTest.events(r.out()).stream().filter(e -> e.get("patient_id").asText().equals(patient))
                .map(e -> e.get("event").asText() + " " + e.get("rule").asText() + " " + e.get("key").asText() + " "
                        + e.get("timestamp").asText()).toList();
    }

    @Test
    void aPatientReplayedAloneOrBesideAnotherFileGetsTheSameAlertsAtTheSameTimes() throws IOException {
        // bed-1: 10 s of data, 10 min of silence, 10 s; bed-2: every second for 15 min.
        List<String> bed1 = new ArrayList<>(normal("bed-1", 0, 10));
        bed1.addAll(normal("bed-1", 600, 610));
        Path a = Files.write(dir.resolve("bed-1.jsonl"), bed1);
        Path b = Files.write(dir.resolve("bed-2.jsonl"), normal("bed-2", 0, 900));

        // Alone, the replay runs on to where the other file ends (--drain 290 s past 08:10:10).
        Cli.Result alone = Cli.run("replay", "--unknown-patients", "accept", "--drain", "290", a.toString());
        Cli.Result beside = Cli.run("replay", "--unknown-patients", "accept", a.toString(), b.toString());

        assertThat(alone.exit()).as(alone.err()).isZero();
        assertThat(beside.exit()).as(beside.err()).isZero();
        // The loss in the gap is stamped 60 s after the last reading, not when the clock next moved.
        assertThat(alertsOf(alone, "bed-1")).contains("raised signal-loss HEART_RATE 2026-01-01T08:01:10Z",
                "resolved signal-loss HEART_RATE 2026-01-01T08:10:30Z", "raised signal-loss HEART_RATE 2026-01-01T08:11:10Z");
        assertThat(alertsOf(beside, "bed-1")).isEqualTo(alertsOf(alone, "bed-1"));
    }
}
