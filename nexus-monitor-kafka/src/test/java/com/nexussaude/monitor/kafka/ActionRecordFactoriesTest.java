package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The action record factories of {@link ObservationRecords}: the partition, key, header and JSON each writes (field
 * names as the server's REST API), and what they refuse before anything is written.
 */
class ActionRecordFactoriesTest {
    static final Instant AT = Instant.parse("2026-06-02T08:03:00Z");

    @Test
    void anActionOnAnAlertGoesToThePartitionItsIdNames() throws Exception {
        ProducerRecord<String, String> r = ObservationRecords.acknowledgeAlert("w.observations", "bed-03",
                "p3-alert-000007", "nurse-ana", null, AT);
        assertThat(r.partition()).isEqualTo(3);
        assertThat(r.key()).isEqualTo("bed-03");
        assertThat(r.timestamp()).isEqualTo(AT.toEpochMilli());
        assertThat(type(r)).isEqualTo("acknowledge-alert");
        assertThat(json(r)).isEqualTo(Map.of("alert_id", "p3-alert-000007", "actor", "nurse-ana", "reason", ""));
        assertThat(type(ObservationRecords.resolveAlert("w.observations", "bed-03", "p12-alert-1", "dr-cy", "ok", AT)))
                .isEqualTo("resolve-alert");
        assertThatThrownBy(() -> ObservationRecords.resolveAlert("t", "bed-03", "alert-000001", "dr-cy", "", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alert_id").hasMessageContaining("p<partition>-");
        assertThatThrownBy(() -> ObservationRecords.acknowledgeAlert("t", "bed-03", "p1-alert-1", " ", "", AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
    }

    @Test
    void aManualAlertHasTheServersFieldsAndItsRange() throws Exception {
        ProducerRecord<String, String> r = ObservationRecords.raiseAlert("t", "bed-01", Severity.HIGH, null,
                "looks unwell", "concern", Map.of("note", "pale"), 4, "dr-cy", "bedside call", AT);
        assertThat(r.partition()).as("by the key's hash").isNull();
        assertThat(r.key()).isEqualTo("bed-01");
        assertThat(json(r)).containsEntry("patient_id", "bed-01").containsEntry("severity", "high")
                .containsEntry("category", "physiological").containsEntry("ttl_hours", 4)
                .containsEntry("evidence", Map.of("note", "pale")).containsEntry("actor", "dr-cy")
                .containsEntry("reason", "bedside call").containsEntry("key", "concern");
        assertThatThrownBy(() -> ObservationRecords.raiseAlert("t", "bed-01", Severity.HIGH, Category.TECHNICAL, "m",
                null, null, 337, "a", "r", AT)).hasMessageContaining("ttl_hours");
        assertThatThrownBy(() -> ObservationRecords.raiseAlert("t", "bed-01", Severity.HIGH, null, "m", null, null, 1,
                "a", "", AT)).hasMessageContaining("reason");
    }

    @Test
    void aSilenceOfAWardNamesItsPartitionAndAPatientsGoesToThePatients() throws Exception {
        Silence ward = Silence.builder().ward("ward-7").matching(AlertMatcher.any().withRules("threshold")
                .atLeast(Severity.MEDIUM)).until(AT.plusSeconds(3600)).by("nurse-bo").because("drill").build();
        assertThatThrownBy(() -> ObservationRecords.createSilence("t", null, "s-1", ward, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition");
        ProducerRecord<String, String> r = ObservationRecords.createSilence("t", 2, "s-1", ward, AT);
        assertThat(r.partition()).isEqualTo(2);
        assertThat(r.key()).isNull();
        assertThat(type(r)).isEqualTo("create-silence");
        assertThat(json(r)).isEqualTo(Map.of("silence_id", "s-1", "actor", "nurse-bo", "comment", "drill", "ward",
                "ward-7", "rules", java.util.List.of("threshold"), "min_severity", "medium", "ends_at",
                AT.plusSeconds(3600).toString()));
        Silence patient = Silence.builder().patient("bed-05").untilResolved("p1-alert-000002").by("nurse-bo")
                .because("in transport").build();
        ProducerRecord<String, String> p = ObservationRecords.createSilence("t", null, "s-2", patient, AT);
        assertThat(p.key()).isEqualTo("bed-05");
        assertThat(json(p)).containsEntry("until_resolved_alert_id", "p1-alert-000002");
        ProducerRecord<String, String> e = ObservationRecords.expireSilence("t", 2, "s-1", "nurse-bo", null, AT);
        assertThat(e.partition()).isEqualTo(2);
        assertThat(type(e)).isEqualTo("expire-silence");
        assertThat(json(e)).isEqualTo(Map.of("silence_id", "s-1", "actor", "nurse-bo", "reason", ""));
    }

    @Test
    void partitionOfIsKafkasDefaultPartitioner() {
        for (String bed : Ward.BEDS) {
            assertThat(ObservationRecords.partitionOf(bed, WardRun.PARTITIONS)).as(bed)
                    .isEqualTo(WardRun.partitionOf(bed));
        }
    }

    private static String type(ProducerRecord<String, String> r) {
        return new String(r.headers().lastHeader(ObservationRecords.TYPE_HEADER).value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ProducerRecord<String, String> r) throws Exception {
        return ObservationRecords.JSON.readValue(r.value(), Map.class);
    }
}
