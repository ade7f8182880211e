package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir
    Path dir;

    private ObservationReader.Readings read(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, List.of(lines));
        return ObservationReader.forFile(f).read(f);
    }

    private String f(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void jsonLinesWithEverySupportedField() throws IOException {
        ObservationReader.Readings r = read("a.jsonl",
                "{\"patient_id\":\"bed-1\",\"timestamp\":\"2026-01-01T08:00:00Z\",\"heart_rate\":80,"
                        + "\"blood_pressure_systolic\":120,\"blood_pressure_diastolic\":80,\"temperature\":37.1,"
                        + "\"oxygen_saturation\":95,\"respiratory_rate\":16,\"consciousness\":\"V\","
                        + "\"supplemental_oxygen\":true,\"spo2_scale\":2}",
                "",
                "{\"patient_id\":\"bed-2\",\"timestamp\":\"2026-01-01T09:00:00+01:00\",\"oxygen_saturation\":97}");
        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).hasSize(2);
        ObservationReader.Reading first = r.observations().get(0);
        Observation o = first.observation();
        assertThat(o.patientId()).isEqualTo("bed-1");
        assertThat(o.heartRate()).isEqualTo(80.0);
        assertThat(o.systolicBp()).isEqualTo(120.0);
        assertThat(o.diastolicBp()).isEqualTo(80.0);
        assertThat(o.temperature()).isEqualTo(37.1);
        assertThat(o.spo2()).isEqualTo(95.0);
        assertThat(o.respiratoryRate()).isEqualTo(16.0);
        assertThat(o.consciousness()).isEqualTo(Consciousness.VOICE);
        assertThat(o.supplementalOxygen()).isTrue();
        assertThat(first.spo2Scale()).isEqualTo(2);
        assertThat(first.line()).isEqualTo(1);
        ObservationReader.Reading second = r.observations().get(1);
        assertThat(second.line()).isEqualTo(3);
        assertThat(second.observation().timestamp()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
        assertThat(second.observation().heartRate()).isNull();
        assertThat(second.spo2Scale()).isNull();
    }

    @Test
    void jsonLinesBadLinesAreReportedWithFileAndLine() throws IOException {
        String ok = "{\"patient_id\":\"p\",\"timestamp\":\"2026-01-01T08:00:00Z\",\"heart_rate\":80}";
        ObservationReader.Readings r = read("b.jsonl",
                ok,
                "{\"patient_id\":\"p\",\"timestamp\":",
                "{\"patient_id\":\"p\",\"timestamp\":\"2026-01-01T08:00:01Z\",\"heart_rate\":\"fast\"}",
                "{\"patient_id\":\"p\",\"timestamp\":\"2026-01-01T08:00:02Z\",\"consciousness\":\"X\"}",
                "{\"patient_id\":\"p\",\"timestamp\":\"yesterday\",\"heart_rate\":80}",
                "{\"timestamp\":\"2026-01-01T08:00:03Z\",\"heart_rate\":80}",
                "{\"patient_id\":\"p\",\"timestamp\":\"2026-01-01T08:00:04Z\",\"spo2_scale\":3}",
                "[1,2]",
                "{\"patient_id\":\"p\",\"timestamp\":\"2026-01-01T08:00:05Z\",\"supplemental_oxygen\":\"maybe\"}",
                ok);
        assertThat(r.observations()).extracting(ObservationReader.Reading::line).containsExactly(1, 10);
        List<String> reports = r.errors().stream().map(Object::toString).toList();
        String file = f("b.jsonl");
        assertThat(reports).hasSize(8);
        assertThat(reports.get(0)).startsWith(file + ":2: invalid JSON: ");
        assertThat(reports.subList(1, 8)).containsExactly(
                file + ":3: heart_rate must be a number, but was 'fast'",
                file + ":4: consciousness must be one of A|C|V|P|U (ACVPU), but was 'X'",
                file + ":5: timestamp must be ISO-8601 such as 2026-01-01T08:00:00Z, but was 'yesterday'",
                file + ":6: patient_id is missing",
                file + ":7: spo2_scale must be 1 or 2, but was '3'",
                file + ":8: expected a JSON object, but found array",
                file + ":9: supplemental_oxygen must be true or false, but was 'maybe'");
    }

    @Test
    void csvWithHeaderSpacesEmptyAndNaNCells() throws IOException {
        ObservationReader.Readings r = read("c.csv",
                "patient_id, timestamp, heart_rate, oxygen_saturation, consciousness, supplemental_oxygen",
                "bed-1, 2026-01-01T08:00:00Z, 80, 95, A, false",
                "bed-1, 2026-01-01T08:00:01Z, , NaN, , ",
                "bed-1, 2026-01-01T08:00:02Z, abc, 95, A, false",
                "bed-1, 2026-01-01T08:00:03Z, 80, 95",
                "bed-1, 2026-01-01T08:00:04Z, 80, 95, Q, false");
        assertThat(r.observations()).hasSize(2);
        Observation o = r.observations().get(0).observation();
        assertThat(o.heartRate()).isEqualTo(80.0);
        assertThat(o.spo2()).isEqualTo(95.0);
        assertThat(o.consciousness()).isEqualTo(Consciousness.ALERT);
        assertThat(o.supplementalOxygen()).isFalse();
        Observation empty = r.observations().get(1).observation();
        assertThat(empty.values()).isEmpty();
        String file = f("c.csv");
        assertThat(r.errors()).map(Object::toString).containsExactly(
                file + ":4: heart_rate must be a number, but was 'abc'",
                file + ":5: expected 6 columns, but found 4",
                file + ":6: consciousness must be one of A|C|V|P|U (ACVPU), but was 'Q'");
    }

    @Test
    void csvWithoutPatientColumnIsOneErrorOnTheHeader() throws IOException {
        ObservationReader.Readings r = read("d.csv", "timestamp,heart_rate", "2026-01-01T08:00:00Z,80");
        assertThat(r.observations()).isEmpty();
        assertThat(r.errors()).map(Object::toString).containsExactly(f("d.csv") + ":1: header has no patient_id column");
    }

    @Test
    void bidmcNumericsWithLeadingSpacesNaNAndMinusZero() throws IOException {
        ObservationReader.Readings r = read("bidmc_99_Numerics.csv",
                "Time [s], HR, PULSE, RESP, SpO2",
                "-0,81,80,25,84",
                "1,NaN,80,NaN,85",
                "2,NaN,NaN,NaN,NaN",
                "3,82,x,NaN,NaN",
                "4,8x,80,20,90",
                "5,83,80,21");
        assertThat(r.observations()).extracting(ObservationReader.Reading::line).containsExactly(2, 3, 5);
        Observation first = r.observations().get(0).observation();
        assertThat(first.patientId()).isEqualTo("bidmc_99");
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(first.heartRate()).isEqualTo(81.0);
        assertThat(first.respiratoryRate()).isEqualTo(25.0);
        assertThat(first.spo2()).isEqualTo(84.0);
        Observation second = r.observations().get(1).observation();
        assertThat(second.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(second.heartRate()).isNull();
        assertThat(second.respiratoryRate()).isNull();
        assertThat(second.spo2()).isEqualTo(85.0);
        // PULSE is ignored, even when it is garbage.
        assertThat(r.observations().get(2).observation().values()).hasSize(1);
        String file = f("bidmc_99_Numerics.csv");
        assertThat(r.errors()).map(Object::toString).containsExactly(
                file + ":6: HR must be a number, but was '8x'",
                file + ":7: expected 5 columns, but found 4");
    }

    @Test
    void unknownExtensionIsRefused() {
        Path f = dir.resolve("x.txt");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObservationReader.forFile(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown input format");
    }
}
