package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} reads HL7 v2 {@code .hl7} files and FHIR R4 JSON/XML files with the same output contract. */
class InteropReplayTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String oru(String id, Instant t, String obx) {
        return "MSH|^~\\&|MONITOR||||" + DTM.format(t) + "+0000||ORU^R01^ORU_R01|" + id + "|P|2.6\r\n"
                + "PID|||bed-9^^^H^PI\r\n"
                + "PV1||I|ICU^1^2\r\n"
                + "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||" + DTM.format(t) + "+0000\r\n"
                + obx;
    }

    private static String spo2Obx(int value) {
        return "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.0.1|" + value + "|262688^MDC_DIM_PERCENT^MDC|||||R\r\n"
                + "OBX|2|NM|147842^MDC_ECG_HEART_RATE^MDC|1.0.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r\n";
    }

    @Test
    void anHl7FileOfManyMessagesRaisesTheSameAlertAsJsonLines() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int s = 0; s <= 30; s++) {
            file.append(oru("M" + s, T0.plusSeconds(s), spo2Obx(86)));
        }
        Path hl7 = Files.writeString(dir.resolve("spo2.hl7"), file.toString());
        Cli.Result r = Cli.run("replay", hl7.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(ReplayCommandTest.count(ReplayCommandTest.events(r.out()), "raised", "SPO2")).isEqualTo(1);
        assertThat(r.err()).contains("1 file(s), 31 observations read, 31 accepted, 0 rejected");
    }

    @Test
    void theWardAndBedOfPv1AreWhereThePagesSendTheNurse() throws IOException {
        StringBuilder file = new StringBuilder();
        for (int s = 0; s <= 30; s++) {
            file.append(oru("M" + s, T0.plusSeconds(s), spo2Obx(80)));
        }
        Path hl7 = Files.writeString(dir.resolve("spo2.hl7"), file.toString());
        Cli.Result r = Cli.run("replay", hl7.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // PV1|ICU^1^2 registers bed-9 in ward ICU, bed 2: no unknown-patient warning, and the page says where.
        assertThat(r.err()).doesNotContain("is not registered");
        assertThat(ReplayCommandTest.records(r.out())).filteredOn(e -> e.get("type").asText().equals("notification"))
                .isNotEmpty().allSatisfy(n -> {
                    assertThat(n.get("ward").asText()).isEqualTo("ICU");
                    assertThat(n.get("bed").asText()).isEqualTo("2");
                });
    }

    @Test
    void badSegmentsAreReportedAtTheirLineAndTheRestIsReplayed() throws IOException {
        String good = oru("GOOD", T0, spo2Obx(97));
        String badUnit = oru("BAD", T0.plusSeconds(1),
                "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.0.1|97|furlongs^^UCUM|||||R\r\n");
        String wrongVersion = oru("OLD", T0.plusSeconds(2), spo2Obx(97)).replace("|P|2.6", "|P|2.1");
        Path hl7 = Files.writeString(dir.resolve("mixed.hl7"), good + badUnit + wrongVersion);
        Cli.Result r = Cli.run("replay", hl7.toString());
        assertThat(r.exit()).isZero();
        // good: lines 1-6; bad: MSH at 7, its OBX at line 11; old: MSH at 12.
        assertThat(r.err()).contains(hl7 + ":11: OBX[1]-6: unit 'furlongs^^UCUM' is not a unit this module reads for spo2");
        assertThat(r.err()).contains(hl7 + ":12: MSH-12: version '2.1' is not supported");
        assertThat(r.err()).contains("1 file(s), 3 observations read, 1 accepted, 2 rejected (2 invalid input lines, 0 rejected by the monitor)");
    }

    @Test
    void fhirJsonIsReadByExtensionOrByItsResourceType() throws IOException {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"resource\":" + fhirSpo2(0, 97) + "},{\"resource\":" + fhirSpo2(1, 96) + "}]}";
        Path named = Files.writeString(dir.resolve("a.fhir.json"), bundle);
        Path detected = Files.writeString(dir.resolve("b.json"), fhirSpo2(2, 95));
        Cli.Result r = Cli.run("replay", named.toString(), detected.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("2 file(s), 3 observations read, 3 accepted, 0 rejected");
    }

    @Test
    void aJsonFileThatIsNotFhirIsStillAUsageError() throws IOException {
        Path json = Files.writeString(dir.resolve("c.json"), "{\"patient_id\":\"x\"}");
        Cli.Result r = Cli.run("replay", json.toString());
        assertThat(r.exit()).isEqualTo(NexusMonitorCli.EXIT_USAGE);
        assertThat(r.err()).contains("unknown input format");
    }

    /**
     * Every shared file through the reader replay picks for it. Read, not replayed together: their
     * timestamps span 1999 to 2021, and one event-time run over 22 years would step the monitor
     * through every timer due in between, which says nothing about reading.
     */
    @Test
    void everySharedInteropFileIsReadByTheReaderReplayPicks() throws IOException {
        Path interop = null;
        for (String c : new String[] {"../shared/data/interop", "../../shared/data/interop"}) {
            if (Files.isDirectory(Path.of(c, "hl7v2"))) {
                interop = Path.of(c);
            }
        }
        assumeTrue(interop != null, "shared/data/interop is absent: skipping the replay of the real HL7 and FHIR files");
        List<Path> files = new ArrayList<>();
        for (String sub : new String[] {"hl7v2", "fhir-r4"}) {
            try (var list = Files.list(interop.resolve(sub))) {
                list.sorted().filter(p -> !p.getFileName().toString().contains("response-ack")).forEach(files::add);
            }
        }
        int observations = 0;
        for (Path file : files) {
            ObservationReader.Readings r = ObservationReader.forFile(file).read(file);
            assertThat(r.errors()).as(file.toString()).isEmpty();
            observations += r.observations().size();
        }
        // hl7: bp, oximeter, thermometer, request, request2 one each (MaximumRequest2 has only a mean BP);
        // fhir: heart-rate, resp, temp, satO2, bp, bp-dar, PoCD HR, PoCD NBP, vital-signs-mdc, 2 pulse-ox.
        assertThat(observations).isEqualTo(16);

        Path thermometer = interop.resolve("hl7v2/ipf-valid-thermometer-continua-wan.hl7");
        Cli.Result r = Cli.run("replay", thermometer.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 file(s), 1 observations read, 1 accepted, 0 rejected");
        assertThat(ReplayCommandTest.records(r.out())).allSatisfy(rec -> assertThat(rec.get("patient_id").asText()).isEqualTo("789567"));
    }

    private static String fhirSpo2(int second, int value) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}]},"
                + "\"subject\":{\"reference\":\"Patient/bed-8\"},\"effectiveDateTime\":\"" + T0.plusSeconds(second) + "\","
                + "\"valueQuantity\":{\"value\":" + value + ",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}";
    }
}
