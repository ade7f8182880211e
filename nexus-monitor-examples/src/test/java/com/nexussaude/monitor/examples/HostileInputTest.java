package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, items 3, 9 and 14 on the command line: invalid UTF-8, NUL bytes, lone surrogates, extreme
 * timestamps, duplicate keys and non-JSON numbers each cost their own line, reported as
 * {@code FILE:LINE: ...}, and the replay goes on to alert on the valid lines after them.
 */
class HostileInputTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @TempDir
    Path dir;

    private static String obs(String patient, Object timestamp, String vitals) {
        return "{\"patient_id\":\"" + patient + "\",\"timestamp\":\"" + timestamp + "\"," + vitals + "}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> raisedSpo2(Cli.Result r) {
        return ReplayCommandTest.events(r.out()).stream()
                .filter(e -> e.get("event").asText().equals("raised") && e.get("key").asText().equals("SPO2")
                        && e.get("rule").asText().equals("threshold")).toList();
    }

    private Path write(String name, byte[]... lines) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            b.write(l);
            b.write('\n');
        }
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    private static byte[] with(byte[] prefix, byte[] bad, byte[] suffix) {
        byte[] out = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(bad, 0, out, prefix.length, bad.length);
        System.arraycopy(suffix, 0, out, prefix.length + bad.length, suffix.length);
        return out;
    }

    @Test
    void invalidUtf8NulAndLoneSurrogateLinesAreSkippedAndReportedAndTheReplayGoesOn() throws IOException {
        byte[] open = utf8("{\"patient_id\":\"bed-");
        byte[] close = utf8("\",\"timestamp\":\"" + T0 + "\",\"heart_rate\":80}");
        Path input = write("bad-bytes.jsonl",
                utf8(obs("bed-1", T0, "\"heart_rate\":80")),
                with(open, new byte[] {(byte) 0xff}, close),                           // 2: invalid byte
                with(open, new byte[] {0, (byte) 0xc3}, close),                        // 3: NUL beside a cut sequence
                with(open, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, close), // 4: lone surrogate (CESU)
                with(open, new byte[] {(byte) 0xc0, (byte) 0xaf}, close),              // 5: overlong '/'
                with(open, new byte[] {0}, close),                                     // 6: NUL alone
                utf8(obs("bed-2", T0.plusSeconds(1), "\"oxygen_saturation\":84")));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", input.toString());

        assertThat(r.exit()).as(r.err()).isZero(); // invalid lines are reported and counted, as documented
        assertThat(r.err()).contains(input + ":2: invalid UTF-8 at byte 20 (0xff)", input + ":3: NUL byte at byte 20",
                input + ":4: invalid UTF-8 at byte 20 (0xed)", input + ":5: invalid UTF-8 at byte 20 (0xc0)",
                input + ":6: NUL byte at byte 20");
        assertThat(r.err()).contains("7 observations read, 2 accepted, 5 rejected (5 invalid input lines");
        assertThat(raisedSpo2(r)).singleElement().satisfies(e -> assertThat(e.get("patient_id").asText()).isEqualTo("bed-2"));
    }

    @Test
    void anInvalidByteInACsvRowOrHeaderIsReportedNotACrash() throws IOException {
        Path rows = write("bad.csv", utf8("patient_id,timestamp,oxygen_saturation"),
                with(utf8("bed-1,"), new byte[] {(byte) 0xfe}, utf8("," + T0)),
                utf8("bed-2," + T0.plusSeconds(1) + ",84"));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", rows.toString());
        assertThat(r.err()).contains(rows + ":2: invalid UTF-8 at byte 7 (0xfe)");
        assertThat(raisedSpo2(r)).hasSize(1);

        Path header = write("badheader.csv", with(utf8("patient_id,timestamp,"), new byte[] {(byte) 0x80}, utf8("x")),
                utf8("bed-2," + T0 + ",84"));
        Cli.Result h = Cli.run("replay", header.toString());
        assertThat(h.err()).contains(header + ":1: header: invalid UTF-8 at byte 22 (0x80)");
    }

    @Test
    void extremeTimestampsAreReportedAsLinesAndAReadingDaysAheadDoesNotMakeLaterLinesLate() throws IOException {
        Path input = Files.write(dir.resolve("times.jsonl"), List.of(
                obs("bed-1", T0, "\"heart_rate\":80"),
                obs("bed-1", "2262-04-12T00:00:00Z", "\"heart_rate\":80"),
                obs("bed-1", "+292278994-08-17T07:12:55.808Z", "\"heart_rate\":80"),
                obs("bed-1", "-292275055-05-16T16:47:04.192Z", "\"heart_rate\":80"),
                obs("bed-1", "+1000000000-12-31T23:59:59.999999999Z", "\"heart_rate\":80"),
                obs("bed-1", T0.plusSeconds(2 * 86_400), "\"heart_rate\":80"), // beyond the monitor's default tolerance
                obs("bed-2", T0.plusSeconds(1), "\"oxygen_saturation\":84")));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", input.toString());

        assertThat(r.exit()).as(r.err()).isZero(); // invalid lines are reported and counted, as documented
        assertThat(r.err()).contains(input + ":2: timestamp 2262-04-12T00:00:00Z of patient bed-1 must be within"
                + " 1970-01-01T00:00:00Z..2200-01-01T00:00:00Z");
        assertThat(r.err()).contains(input + ":3:", input + ":4:", input + ":5:");
        // The replay sorts its input by time: the reading days ahead is submitted last and cannot make bed-2's late.
        assertThat(r.err()).doesNotContain(input + ":6:");
        assertThat(r.err()).contains("7 observations read, 3 accepted, 4 rejected");
        assertThat(raisedSpo2(r)).singleElement().satisfies(e -> assertThat(e.get("patient_id").asText()).isEqualTo("bed-2"));
    }

    @Test
    void duplicateKeysHexFloatsAndControlCharactersInIdsAreRejectedNamingWhatWasWrong() throws IOException {
        Path input = Files.write(dir.resolve("lenient.jsonl"), List.of(
                "{\"patient_id\":\"bed-1\",\"timestamp\":\"" + T0 + "\",\"heart_rate\":80,\"heart_rate\":300}",
                obs("bed-1", T0, "\"heart_rate\":\"0x1p6\""),
                obs("bed-1", T0, "\"heart_rate\":\"1d\""),
                obs("bed-1", T0, "\"heart_rate\":1e308"),
                obs("bed-1\\nERROR forged", T0, "\"heart_rate\":80"),
                obs("bed-2", T0.plusSeconds(1), "\"oxygen_saturation\":84")));
        Cli.Result r = Cli.run("replay", "--unknown-patients", "accept", input.toString());

        assertThat(r.err()).contains(input + ":1: invalid JSON: Duplicate field 'heart_rate'");
        assertThat(r.err()).contains(input + ":2: heart_rate must be a number, but was '0x1p6'");
        assertThat(r.err()).contains(input + ":3: heart_rate must be a number, but was '1d'");
        assertThat(r.err()).contains(input + ":4: heart_rate of patient bed-1 must be within 0..300 /min"
                + " (physiologically possible), but was 1.0E308").doesNotContain("9223372036854775807");
        assertThat(r.err()).contains(input + ":5: patient_id 'bed-1\\u000aERROR forged' contains the control character U+000A");
        assertThat(r.err().lines()).noneMatch(l -> l.startsWith("ERROR forged"));
        assertThat(raisedSpo2(r)).hasSize(1);
    }

    @Test
    void configRefusesDuplicateKeysAndNumbersItCannotHold() throws IOException {
        Path data = Files.write(dir.resolve("ok.jsonl"), List.of(obs("bed-1", T0, "\"heart_rate\":80")));
        String[][] cases = {
                {"{\"allowed_lateness_seconds\": 10, \"allowed_lateness_seconds\": 20}", "Duplicate field 'allowed_lateness_seconds'"},
                {"{\"allowed_lateness_seconds\": 1e308}", "allowed_lateness_seconds must be a number of seconds within 0..31536000"},
                {"{\"pack_settings\": {\"trend_hr_min_points\": 4294967297}}", "'trend_hr_min_points' must be a whole number within -2147483648..2147483647, but was 4294967297"},
                {"{\"pack_settings\": {\"anomaly_min_readings\": 18446744073709551617}}", "18446744073709551617"},
                {"{\"bands\": {\"heart_rate\": {\"normal\": [50, 1e400]}}}", "bounds must be finite numbers or null"},
        };
        for (String[] c : cases) {
            Path config = Files.writeString(dir.resolve("config.json"), c[0]);
            Cli.Result r = Cli.run("replay", "--config", config.toString(), data.toString());
            assertThat(r.exit()).as(c[0] + "\n" + r.err()).isEqualTo(NexusMonitorCli.EXIT_USAGE);
            assertThat(r.err()).as(c[0]).contains(c[1]);
        }
    }
}
