package com.nexussaude.monitor.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every FHIR file in {@code shared/data/interop/fhir-r4} (JSON and XML): the values of EXPECTED.tsv
 * come out exactly, and what a monitor must not use is ignored with a reason.
 */
class RealResourcesTest {

    /** The files whose values must not reach a monitor, with the reason given. */
    private static final Map<String, String> IGNORED_FILES = Map.of(
            "fhir-r4/r4spec-observation-example-bmi.json", "not a vital sign this module reads",
            "fhir-r4/r4spec-observation-example-vitals-panel.json",
            "vital-signs panel: its members (hasMember) are Observations of their own",
            "fhir-r4/r4spec-observation-example-bloodpressure-cancel.json", "status cancelled",
            "fhir-r4/r4spec-observation-example-f202-temperature.json", "status entered-in-error");

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    static Stream<String[]> expectedRows() throws IOException {
        return InteropData.expectedRows("fhir-r4/").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedRows")
    void expectedValuesComeOutExactly(String file, String status, String system, String codes, String values,
                                      String unit, String notes) throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read(file));
        assertThat(r.rejections()).as(file).isEmpty();
        if (IGNORED_FILES.containsKey(file)) {
            assertThat(r.measurements()).as(file).isEmpty();
            assertThat(r.observations()).isEmpty();
            assertThat(r.ignored()).extracting(Ignored::reason).contains(IGNORED_FILES.get(file));
            return;
        }
        List<BigDecimal> expected = new ArrayList<>();
        Matcher m = NUMBER.matcher(values);
        while (m.find()) {
            expected.add(new BigDecimal(m.group()));
        }
        assertThat(r.measurements()).as(file).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            FhirMeasurement measured = r.measurements().get(i);
            BigDecimal sent = new BigDecimal(measured.sentValue().split(" ")[0]);
            assertThat(sent).as(file + " value " + i).isEqualByComparingTo(expected.get(i));
            assertThat(measured.value()).isEqualTo(expected.get(i).doubleValue());   // all in the target units already
            assertThat(codes).as(file + " code").contains(measured.code().split(" ")[1]);
            assertThat(measured.sentValue()).endsWith(" " + unit);
        }
    }

    @Test
    void everyFhirFileInTheDirectoryIsCoveredByExpected() throws IOException {
        List<String> listed = InteropData.expectedRows("fhir-r4/").stream().map(r -> r[0]).toList();
        try (Stream<Path> files = Files.list(InteropData.dir().resolve("fhir-r4"))) {
            assertThat(files.map(p -> "fhir-r4/" + p.getFileName()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void bloodPressurePanelBecomesOneObservation() throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read("fhir-r4/r4spec-observation-example-bloodpressure.json"));
        assertThat(r.observations()).containsExactly(Observation.builder("example", Instant.parse("2012-09-17T00:00:00Z"))
                .bloodPressure(107, 60).build());
        assertThat(r.measurements()).extracting(FhirMeasurement::where)
                .containsExactly("Observation.component[0]", "Observation.component[1]");
    }

    @Test
    void anAbsentDiastolicIsIgnoredWithItsReasonAndTheSystolicKept() throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read("fhir-r4/r4spec-observation-example-bloodpressure-dar.json"));
        assertThat(r.observations()).containsExactly(Observation.builder("example", Instant.parse("2012-09-17T00:00:00Z"))
                .systolicBp(107).build());
        assertThat(r.ignored()).singleElement().hasToString(
                "Observation.component[1] LOINC 8462-4: ignored, dataAbsentReason not-performed");
    }

    @Test
    void pocdXmlBloodPressureWithMeanReadsAllThreeAndSubmitsTwo() throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read("fhir-r4/pocd-Observation-NBPCompoundNumericObservation.xml"));
        assertThat(r.measurements()).extracting(FhirMeasurement::kind, FhirMeasurement::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(VitalKind.SYSTOLIC_BP, 120.0),
                org.assertj.core.groups.Tuple.tuple(VitalKind.DIASTOLIC_BP, 80.0),
                org.assertj.core.groups.Tuple.tuple(VitalKind.MEAN_BP, 90.0));
        assertThat(r.observations()).containsExactly(Observation.builder("SomePatient", Instant.parse("2021-07-09T09:30:12Z"))
                .bloodPressure(120, 80).build());
    }

    @Test
    void mdcPulseRateBecomesTheHeartRate() throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read("fhir-r4/fhirtestcases-obs-vital-signs-mdc.json"));
        assertThat(r.measurements()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(VitalKind.PULSE_RATE);
            assertThat(m.code()).isEqualTo("MDC 149530");
        });
        assertThat(r.observations()).containsExactly(Observation.builder("sisansarahId.1.2.3.4.5.6.7.8.10",
                Instant.parse("2018-11-13T22:59:02Z")).heartRate(48).build());
        assertThat(r.ignored()).singleElement().satisfies(i ->
                assertThat(i.reason()).isEqualTo("component of a pulse rate observation: not read"));
    }

    @Test
    void pulseOximetryBundleGivesTwoObservationsAndIgnoresTheOxygenComponents() throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read("fhir-r4/fhirtestcases-PulseOxBundle_25Oct2022.json"));
        assertThat(r.observations()).containsExactly(
                Observation.builder("1763", Instant.parse("2015-06-22T00:00:00Z")).spo2(95).build(),
                Observation.builder("1763", Instant.parse("2017-09-14T00:00:00Z")).spo2(95).build());
        assertThat(r.ignored()).extracting(Ignored::where).containsExactly(
                "Bundle.entry[0].resource.component[0]", "Bundle.entry[0].resource.component[1]",
                "Bundle.entry[1].resource.component[0]", "Bundle.entry[1].resource.component[1]");
    }

    @Test
    void meanPressureAloneIsMeasuredButNotSubmitted() throws IOException {
        ParseResult r = FhirObservations.parse(InteropData.read("fhir-r4/r4spec-observation-example-mbp.json"));
        assertThat(r.measurements()).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo(VitalKind.MEAN_BP));
        assertThat(r.observations()).isEmpty();
    }
}
