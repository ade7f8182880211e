package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    @TempDir
    Path dir;

    /** The alert records of a JSON Lines output (score records left out). */
    static List<JsonNode> events(String jsonl) {
        return records(jsonl).stream().filter(e -> e.get("type").asText().equals("alert")).toList();
    }

    /** Every record of a JSON Lines output. */
    static List<JsonNode> records(String jsonl) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                try {
                    out.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    static long count(List<JsonNode> events, String event, String key) {
        return events.stream()
                .filter(e -> e.get("event").asText().equals(event) && e.get("key").asText().equals(key))
                .count();
    }

    private static String obs(String patient, int second, String vitals) {
        return "{\"patient_id\":\"" + patient + "\",\"timestamp\":\"" + T0.plusSeconds(second) + "\"," + vitals + "}";
    }

    /** SpO2 86 every second for 30 s, heart rate normal. */
    private Path sustainedSpo2(String name, String patient) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s <= 30; s++) {
            lines.add(obs(patient, s, "\"heart_rate\":80,\"oxygen_saturation\":86"));
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void sustainedSpo2RaisesExactlyOneThresholdAlert() throws IOException {
        Path input = sustainedSpo2("spo2.jsonl", "bed-7");
        Cli.Result r = Cli.run("replay", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> events = events(r.out()).stream()
                .filter(e -> e.get("type").asText().equals("alert") && e.get("rule").asText().equals("threshold")).toList();
        assertThat(events).filteredOn(e -> e.get("event").asText().equals("raised")).hasSize(1);
        JsonNode raised = events.get(0);
        assertThat(raised.get("type").asText()).isEqualTo("alert");
        assertThat(raised.get("event").asText()).isEqualTo("raised");
        assertThat(raised.get("rule").asText()).isEqualTo("threshold");
        assertThat(raised.get("key").asText()).isEqualTo("SPO2");
        assertThat(raised.get("patient_id").asText()).isEqualTo("bed-7");
        assertThat(raised.get("severity").asText()).isEqualTo("high");
        assertThat(raised.get("category").asText()).isEqualTo("physiological");
        assertThat(raised.get("alert_id").asText()).isNotBlank();
        assertThat(raised.get("message").asText()).contains("SpO2");
        assertThat(raised.get("evidence").get("value").asDouble()).isEqualTo(86.0);
        // The high delay is 10 s: the alert waits for it, then comes once.
        assertThat(Instant.parse(raised.get("timestamp").asText())).isEqualTo(T0.plusSeconds(10));
        assertThat(r.err()).contains("31 observations read, 31 accepted, 0 rejected");
    }

    @Test
    void invalidLinesAndMonitorRejectionsAreReportedCountedAndSkipped() throws IOException {
        Path input = Files.write(dir.resolve("mixed.jsonl"), List.of(
                obs("bed-1", 0, "\"heart_rate\":80"),
                "not json",
                obs("bed-1", 1, "\"heart_rate\":412"),
                obs("bed-1", 2, "\"heart_rate\":81")));
        Cli.Result r = Cli.run("replay", input.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains(input + ":2: invalid JSON: ");
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(input + ":3: ") + "heart_rate.*412");
        assertThat(r.err()).contains("4 observations read, 2 accepted, 2 rejected (1 invalid input lines, 1 rejected by the monitor)");
    }

    @Test
    void filesAreMergedByTimestampAndOutputGoesToOutFile() throws IOException {
        // b.jsonl starts earlier than a.jsonl ends: replaying a then b would make b's lines late.
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int s = 0; s <= 120; s++) {
            a.add(obs("bed-a", s, "\"heart_rate\":80"));
            b.add(obs("bed-b", s, "\"oxygen_saturation\":86"));
        }
        Path fa = Files.write(dir.resolve("a.jsonl"), a);
        Path fb = Files.write(dir.resolve("b.jsonl"), b);
        Path out = dir.resolve("out.jsonl");
        Cli.Result r = Cli.run("replay", "--out", out.toString(), fa.toString(), fb.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("2 file(s), 242 observations read, 242 accepted, 0 rejected");
        List<JsonNode> events = events(Files.readString(out));
        assertThat(count(events, "raised", "SPO2")).isEqualTo(1);
    }

    @Test
    void spo2ScaleRegistersThePatient() throws IOException {
        // On scale 2 a prescribed 88-92% target applies; the replay must pass the scale on (no error).
        Path input = Files.write(dir.resolve("scale.jsonl"), List.of(
                obs("bed-9", 0, "\"oxygen_saturation\":90,\"spo2_scale\":2"),
                obs("bed-9", 1, "\"oxygen_saturation\":90")));
        Cli.Result r = Cli.run("replay", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 accepted");
    }

    @Test
    void integratorRuleFileRaisesItsAlerts() throws IOException {
        Path rules = Files.writeString(dir.resolve("tachy.epl"),
                "insert into AlertSignal select patientId, 'my-rule' as ruleId, 'high' as severity,\n"
                        + "  'physiological' as category, 'heart rate over 130' as message,\n"
                        + "  evidence('value', value) as evidence, vital as key\n"
                        + "from VitalSign(vital = 'HEART_RATE', value > 130);\n");
        Path input = Files.write(dir.resolve("hr.jsonl"), List.of(obs("bed-1", 0, "\"heart_rate\":135")));
        Cli.Result r = Cli.run("replay", "--rules", rules.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(r.out())).anySatisfy(e -> {
            assertThat(e.get("rule").asText()).isEqualTo("my-rule");
            assertThat(e.get("event").asText()).isEqualTo("raised");
        });
    }

    @Test
    void configChangesThePersistence() throws IOException {
        Path input = sustainedSpo2("spo2.jsonl", "bed-7");
        Path config = Files.writeString(dir.resolve("c.json"),
                "{\"persistence\":{\"oxygen_saturation\":{\"medium_delay_seconds\":60,\"high_delay_seconds\":60}},"
                        + "\"resolve_hold_seconds\":10,\"allowed_lateness_seconds\":5,\"update_interval_seconds\":0,"
                        + "\"bands\":{\"heart_rate\":{\"normal\":[50,110]}},\"packs\":[\"threshold\"]}");
        Cli.Result r = Cli.run("replay", "--config", config.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // 30 s of SpO2 86 is shorter than the configured 60 s delay.
        assertThat(events(r.out())).isEmpty();
    }

    /** SpO2 90 and heart rate 105 every second for 60 s: alarms on scale 1 with the default bands. */
    private Path copdBed(String patient) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s <= 60; s++) {
            lines.add(obs(patient, s, "\"heart_rate\":105,\"oxygen_saturation\":90,\"respiratory_rate\":18"));
        }
        return Files.write(dir.resolve(patient + ".jsonl"), lines);
    }

    @Test
    void thePatientsSectionSetsScaleTwoAndPerPatientBands() throws IOException {
        Path input = copdBed("bed-3");
        Cli.Result plain = Cli.run("replay", input.toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(events(plain.out())).extracting(e -> e.get("key").asText()).contains("SPO2", "HEART_RATE");

        Path config = Files.writeString(dir.resolve("patients.json"), """
                {"patients": {"bed-3": {"ward": "respiratory", "bed": "3", "spo2_scale": 2,
                                        "bands": {"heart_rate": {"normal": [55, 110]}}}}}""");
        Cli.Result r = Cli.run("replay", "--config", config.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(r.out())).as("SpO2 90 is inside the prescribed 88-92 %, HR 105 inside the patient's band")
                .isEmpty();
    }

    @Test
    void aBadPatientsSectionNamesThePathAndTheValue() throws IOException {
        Path input = copdBed("bed-3");
        String[][] cases = {
                {"{\"patients\":{\"bed-3\":{\"spo2_scale\":3}}}", "patients.bed-3.spo2_scale must be 1 or 2", "but was 3"},
                {"{\"patients\":{\"bed-3\":{\"scale\":2}}}", "unknown key 'patients.bed-3.scale'", "spo2_scale"},
                {"{\"patients\":{\"bed-3\":{\"bands\":{\"oxygen_saturation\":{\"normal\":[80,100]}}}}}",
                        "patients.bed-3.bands.oxygen_saturation", "nest"},
                {"{\"patients\":{\"bed-3\":{\"bands\":{\"pulse\":{}}}}}", "patients.bed-3.bands.pulse", ""},
                {"{\"patients\":{\"bed-3\":{\"ward\":7}}}", "patients.bed-3.ward must be a non-empty string", "but was 7"},
                {"{\"patients\":[\"bed-3\"]}", "patients must be an object", ""}};
        for (String[] c : cases) {
            Path config = Files.writeString(dir.resolve("bad-patients.json"), c[0]);
            Cli.Result r = Cli.run("replay", "--config", config.toString(), input.toString());
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains(config.toString()).contains(c[1]).contains(c[2]);
        }
    }

    @Test
    void badConfigIsAUsageErrorNamingTheKey() throws IOException {
        Path input = sustainedSpo2("spo2.jsonl", "bed-7");
        Path unknown = Files.writeString(dir.resolve("u.json"), "{\"resolve_hold\":10}");
        Cli.Result r = Cli.run("replay", "--config", unknown.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'resolve_hold'").contains(unknown.toString());

        Path bad = Files.writeString(dir.resolve("b.json"),
                "{\"bands\":{\"oxygen_saturation\":{\"normal\":[94,\"x\"]}}}");
        r = Cli.run("replay", "--config", bad.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bands.oxygen_saturation.normal");

        Path nesting = Files.writeString(dir.resolve("n.json"),
                "{\"bands\":{\"oxygen_saturation\":{\"normal\":[80,100]}}}");
        r = Cli.run("replay", "--config", nesting.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bands.oxygen_saturation").contains("nest");
    }

    @Test
    void packSettingsAreCheckedAgainstThePacksDeclarations() throws IOException {
        Path input = sustainedSpo2("spo2.jsonl", "bed-7");
        Path unknown = Files.writeString(dir.resolve("ps.json"), "{\"pack_settings\":{\"trend_hr_min_span\":5}}");
        Cli.Result r = Cli.run("replay", "--config", unknown.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(unknown.toString()).contains("unknown setting 'trend_hr_min_span'")
                .contains("trend_hr_min_span_min");
        assertThat(r.out()).isEmpty();

        Path wrongType = Files.writeString(dir.resolve("pt.json"), "{\"pack_settings\":{\"trend_hr_min_span_min\":\"ten\"}}");
        r = Cli.run("replay", "--config", wrongType.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'trend_hr_min_span_min' must be a Double, but was ten");

        Path notScalar = Files.writeString(dir.resolve("pn.json"), "{\"pack_settings\":{\"anomaly_k\":[3]}}");
        r = Cli.run("replay", "--config", notScalar.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("pack_settings.anomaly_k must be a number or a string, but was [3]");

        // A declared setting is applied: with the threshold pack's SpO2 alert left out, a shorter NEWS2
        // alert delay is what raises the NEWS2 alert on 30 s of SpO2 86 (3 points: low-medium risk).
        Path ok = Files.writeString(dir.resolve("po.json"),
                "{\"packs\":[\"news2\"],\"pack_settings\":{\"news2_alert_delay_ms\":600000}}");
        r = Cli.run("replay", "--config", ok.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(r.out())).as("30 s is shorter than the configured 10 min delay").isEmpty();
        Path fast = Files.writeString(dir.resolve("pf.json"),
                "{\"packs\":[\"news2\"],\"pack_settings\":{\"news2_alert_delay_ms\":5000}}");
        r = Cli.run("replay", "--config", fast.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(r.out())).anySatisfy(e -> assertThat(e.get("rule").asText()).isEqualTo("news2"));
    }

    @Test
    void aReplayOnAnExistingJournalResumesItsOpenAlertsInsteadOfRaisingThemAgain() throws IOException {
        Path input = sustainedSpo2("spo2.jsonl", "bed-7");
        Path journal = dir.resolve("alerts.journal");
        Cli.Result first = Cli.run("replay", "--journal", journal.toString(), input.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(events(first.out())).filteredOn(e -> e.get("event").asText().equals("raised")).hasSize(2);
        assertThat(Files.readAllLines(journal)).anySatisfy(l -> assertThat(l).contains("\"type\":\"alert.raised\""));

        Cli.Result again = Cli.run("replay", "--journal", journal.toString(), input.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(events(again.out())).noneSatisfy(e -> assertThat(e.get("event").asText()).isEqualTo("raised"));
        assertThat(records(again.out())).noneSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("notification"));

        Path notAJournal = Files.writeString(dir.resolve("garbage.journal"), "this is not a journal\n");
        Cli.Result bad = Cli.run("replay", "--journal", notAJournal.toString(), input.toString());
        assertThat(bad.exit()).as(bad.err()).isZero();
        assertThat(bad.err()).contains("garbage.journal:1 (byte offset 0)");
    }

    @Test
    void theEscalationPolicyDecidesWhoIsPagedAndWhenAndABadPolicyNamesThePath() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s <= 20 * 60; s += 10) {
            lines.add(obs("bed-9", s, "\"oxygen_saturation\":84"));
        }
        Path input = Files.write(dir.resolve("hypoxic.jsonl"), lines);
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                {"name": "two levels", "repeat": 0,
                 "levels": [
                   {"name": "nurse", "targets": [{"role": "bedside-nurse"}], "channels": ["push"],
                    "wait_minutes": {"critical": 5}},
                   {"name": "rrt", "targets": [{"role": "rapid-response-team"}], "channels": ["push"]}]}
                """);
        Cli.Result r = Cli.run("replay", "--escalation", policy.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(records(r.out())).filteredOn(n -> n.get("type").asText().equals("notification"))
                .extracting(n -> n.get("level").asInt() + " " + n.get("recipient").asText() + " " + n.get("timestamp").asText())
                .containsExactly("1 bedside-nurse 2026-01-01T08:00:00Z", "2 rapid-response-team 2026-01-01T08:05:00Z");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"levels\":[{\"targets\":[{\"role\":\"x\"}],"
                + "\"wait_minutes\":{\"critical\":-5}}]}");
        r = Cli.run("replay", "--escalation", bad.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bad.toString()).contains("levels[0].wait_minutes");
    }

    @Test
    void missingInputFileIsAUsageError() {
        Path missing = dir.resolve("nope.jsonl");
        Cli.Result r = Cli.run("replay", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: " + missing);
    }

    @Test
    void unknownOptionAndNoInputAreUsageErrors() {
        assertThat(Cli.run("replay", "--frobnicate", "x.jsonl").exit()).isEqualTo(2);
        assertThat(Cli.run("replay").exit()).isEqualTo(2);
        assertThat(Cli.run().exit()).isEqualTo(2);
    }

    @Test
    void ruleFileWithAnEplErrorIsAUsageErrorWithFileAndLine() throws IOException {
        Path input = sustainedSpo2("spo2.jsonl", "bed-7");
        Path rules = Files.writeString(dir.resolve("broken.epl"),
                "// my rules\n"
                        + "@Name('fine') select * from VitalSign;\n"
                        + "insert into AlertSignal select patientId, 'r' as ruleId from NoSuchEvent;\n");
        Cli.Result r = Cli.run("replay", "--rules", rules.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        // RuleCompilationException's message: "rule file FILE:LINE: Esper's message".
        // The statement that fails is on line 3 of the file (after a comment and a good statement).
        assertThat(r.err()).contains("broken.epl:3: ").contains("NoSuchEvent");
        System.out.print("EPL error report: " + r.err());
    }

    @Test
    void news2ScoreRecordsFollowTheContract() throws IOException {
        Path input = sustainedSpo2("scores.jsonl", "bed-8");
        Cli.Result r = Cli.run("replay", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> scores = records(r.out()).stream().filter(e -> e.get("type").asText().equals("score")).toList();
        // SpO2 86 and HR 80 from the first line on: one score, no change afterwards
        assertThat(scores).singleElement().satisfies(s -> {
            assertThat(s.get("patient_id").asText()).isEqualTo("bed-8");
            assertThat(s.get("timestamp").asText()).isEqualTo("2026-01-01T08:00:00Z");
            JsonNode n = s.get("news2");
            assertThat(n.get("total").asInt()).isEqualTo(3);
            assertThat(n.get("risk").asText()).isEqualTo("low-medium");
            assertThat(n.get("partial").asBoolean()).isTrue();
            assertThat(n.get("subscores").get("oxygen_saturation").asInt()).isEqualTo(3);
            assertThat(n.get("subscores").get("heart_rate").asInt()).isZero();
            assertThat(n.get("subscores").size()).isEqualTo(7);
        });
        assertThat(r.err()).contains("score events: 1");
    }
}
