package com.nexussaude.monitor.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HL7 v2 file in {@code shared/data/interop/hl7v2}: the values of EXPECTED.tsv come out
 * exactly, and what is not used is ignored with a reason.
 */
class RealMessagesTest {
    private final OruParser parser = new OruParser();

    static Stream<String[]> expectedRows() throws IOException {
        return InteropData.expectedRows("hl7v2/").stream();
    }

    /**
     * For each row, every MDC code listed with its value is found in the file: as a measurement with
     * exactly that (converted) value, or, when the file marks it unusable, as ignored with a reason
     * and the value as sent. Rows whose files are ACKs are checked in {@link #theAckFileIsAnAaForItsMessage()}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedRows")
    void expectedValuesComeOutExactly(String file, String status, String system, String codes, String values,
                                      String unit, String notes) throws IOException {
        if (status.equals("AA")) {
            return;
        }
        List<OruResult> results = OruParser.split(InteropData.read(file)).stream().map(parser::parse).toList();
        assertThat(results).allSatisfy(r -> assertThat(r.errors()).as(file).isEmpty());
        List<Measurement> measured = results.stream().flatMap(r -> r.measurements().stream()).toList();
        List<Ignored> ignored = results.stream().flatMap(r -> r.ignored().stream()).toList();
        String[] c = codes.split(" / ");
        String[] v = values.split(" / ");
        assertThat(c).hasSameSizeAs(v);
        for (int i = 0; i < c.length; i++) {
            String code = c[i].replaceAll("\\s.*", "");
            String value = v[i];
            double expected = unit.startsWith("266560") ? (Double.parseDouble(value) - 32) * 5 / 9 : Double.parseDouble(value);
            List<Measurement> m = measured.stream().filter(x -> x.code().equals("MDC " + code)).toList();
            List<Ignored> ig = ignored.stream().filter(x -> x.code().startsWith(code + "^")).toList();
            assertThat(!m.isEmpty() || !ig.isEmpty()).as(file + " MDC " + code).isTrue();
            if (!m.isEmpty()) {
                assertThat(m.get(0).value()).as(file + " MDC " + code).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(m.get(0).sentValue()).startsWith(value + " ");
            } else {
                assertThat(ig.get(0).value()).as(file + " MDC " + code).isEqualTo(value);
                assertThat(ig.get(0).reason()).isNotBlank();
            }
        }
    }

    @Test
    void everyHl7FileInTheDirectoryIsCoveredByExpected() throws IOException {
        List<String> listed = InteropData.expectedRows("hl7v2/").stream().map(r -> r[0]).toList();
        try (Stream<Path> files = Files.list(InteropData.dir().resolve("hl7v2"))) {
            assertThat(files.map(p -> "hl7v2/" + p.getFileName()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void continuaBloodPressureBecomesOneObservationAtTheObrTime() throws IOException {
        OruResult r = parser.parse(InteropData.read("hl7v2/ipf-valid-bp-continua-wan.hl7"));
        assertThat(r.ackCode()).isEqualTo(AckCode.AA);
        assertThat(r.controlId()).isEqualTo("MSGID1234");
        assertThat(r.observations()).containsExactly(Observation.builder("789567", Instant.parse("2009-08-13T09:57:15Z"))
                .bloodPressure(120, 80).build());
        assertThat(r.measurements()).extracting(Measurement::kind)
                .containsExactly(VitalKind.SYSTOLIC_BP, VitalKind.DIASTOLIC_BP, VitalKind.MEAN_BP);
        // The time-sync row, the device profile, the compound parent and the absolute-time row are not vitals.
        assertThat(r.ignored()).extracting(Ignored::where).containsExactly("OBX[1]", "OBX[2]", "OBX[3]", "OBX[7]");
        assertThat(r.ignored()).allSatisfy(i -> assertThat(i.reason()).isNotBlank());
    }

    @Test
    void fahrenheitIsConvertedToCelsiusAtTheObxTime() throws IOException {
        OruResult r = parser.parse(InteropData.read("hl7v2/ipf-valid-thermometer-continua-wan.hl7"));
        assertThat(r.observations()).containsExactly(Observation.builder("789567", Instant.parse("2009-07-15T07:07:07Z"))
                .temperature(37.0).build());
        assertThat(r.measurements().get(0).sentValue()).isEqualTo("98.6 266560^MDC_DIM_FAHR^MDC");
    }

    @Test
    void oximeterSpo2IsReadAndThePlethWaveformIgnored() throws IOException {
        OruResult r = parser.parse(InteropData.read("hl7v2/ipf-valid-oximeter-continua-wan.hl7"));
        assertThat(r.observations()).containsExactly(Observation.builder("789567", Instant.parse("2009-07-15T07:07:07Z"))
                .spo2(80.5).build());
        assertThat(r.ignored()).filteredOn(i -> i.code().startsWith("150452^"))
                .singleElement().satisfies(i -> assertThat(i.reason()).isEqualTo("not a vital sign this module reads"));
    }

    @Test
    void icuGatewayMessageReadsLocationUcumUnitsAndPrefersEcgHeartRate() throws IOException {
        OruResult r = parser.parse(InteropData.read("hl7v2/ipf-valid-pcd01-request2.hl7"));
        assertThat(r.ackCode()).isEqualTo(AckCode.AA);
        Instant obr = Instant.parse("2008-12-11T14:45:00Z");   // no offset in OBR-7: read as UTC
        assertThat(r.observations()).containsExactly(Observation.builder("AB60001", obr)
                .heartRate(60).bloodPressure(120, 80).build());
        assertThat(r.measurements()).allSatisfy(m -> {
            assertThat(m.location()).isEqualTo(new Location("3 WEST ICU", "3001", "1"));
            assertThat(m.time()).isEqualTo(obr);
        });
        assertThat(r.measurements()).extracting(Measurement::kind).containsExactly(VitalKind.HEART_RATE,
                VitalKind.MEAN_BP, VitalKind.SYSTOLIC_BP, VitalKind.DIASTOLIC_BP, VitalKind.PULSE_RATE);
        // PVC count and the pulmonary artery pressures are not vitals; the invasive pulse lost to the ECG rate.
        assertThat(r.ignored()).extracting(Ignored::code, Ignored::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("148065^MDC_ECG_V_P_C_CNT^MDC", "not a vital sign this module reads"),
                org.assertj.core.groups.Tuple.tuple("150047^MDC_PRESS_BLD_ART_PULM_MEAN^MDC", "not a vital sign this module reads"),
                org.assertj.core.groups.Tuple.tuple("150045^MDC_PRESS_BLD_ART_PULM_SYS^MDC", "not a vital sign this module reads"),
                org.assertj.core.groups.Tuple.tuple("150046^MDC_PRESS_BLD_ART_PULM_DIA^MDC", "not a vital sign this module reads"),
                org.assertj.core.groups.Tuple.tuple("MDC 149522",
                        "not submitted: the heart rate of this patient at this time is OBX[1] (MDC 147842)"));
    }

    @Test
    void stressMessageIgnoresQuestionableDeletedAndOddRowsWithReasons() throws IOException {
        OruResult r = parser.parse(InteropData.read("hl7v2/ipf-valid-pcd01-MaximumRequest2.hl7"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.measurements()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(VitalKind.MEAN_BP);
            assertThat(m.value()).isEqualTo(100);
            assertThat(m.patientId()).isEqualTo("111222333444");
            assertThat(m.location().ward()).isEqualTo("B1");
            assertThat(m.time()).isEqualTo(Instant.parse("2009-08-13T04:57:15Z"));   // OBR-7 +0500
        });
        assertThat(r.observations()).as("mean BP alone: core has no parameter for it").isEmpty();
        List<String> reasons = new ArrayList<>();
        r.ignored().forEach(i -> reasons.add(i.where() + " " + i.reason()));
        assertThat(reasons).contains(
                "OBX[3] measurement status (OBX-8) QUES: questionable",
                "OBX[4] result status (OBX-11) D: deleted",
                "OBX[8] not a vital sign this module reads",
                "OBX[10] not a vital sign this module reads");
        assertThat(r.ignored()).hasSize(9);
    }

    @Test
    void theAckFileIsAnAaForItsMessage() throws IOException {
        String ack = InteropData.read("hl7v2/ipf-valid-pcd01-response-ack.hl7");
        assertThat(Acks.parse(ack)).isEqualTo(new Acks.Ack("AA", "MSGID1234", List.of()));
        OruResult asOru = parser.parse(ack);
        assertThat(asOru.ackCode()).isEqualTo(AckCode.AR);
        assertThat(asOru.errors()).singleElement().hasToString("MSH-9: message type 'ACK^R01' is not ORU^R01");
    }
}
