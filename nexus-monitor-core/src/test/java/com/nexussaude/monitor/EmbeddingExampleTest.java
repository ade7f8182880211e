package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding example of README.md, compiled and run so it cannot rot. Keep the two in sync. */
class EmbeddingExampleTest {

    @Test
    void readmeEmbeddingExampleRaisesAnSpo2Alert() {
        List<String> printed = new ArrayList<>();
        // @start region=embedding (README.md "Embedding")
        try (VitalMonitor monitor = VitalMonitor.builder()
                .clock(MonitorClock.eventTime())                 // or MonitorClock.live()
                .listener(event -> printed.add(event.type() + " " + event.alert().severity()
                        + " " + event.alert().patientId() + ": " + event.alert().message()))
                .build()) {
            monitor.register(PatientContext.of("bed-12").withWard("cardiology"));
            Instant t = Instant.parse("2026-11-25T08:00:00Z");
            for (int s = 0; s < 40; s++) {                        // SpO2 92 % for 40 s
                monitor.submit(Observation.builder("bed-12", t.plusSeconds(s))
                        .heartRate(88).spo2(92).build());
            }
        }                                                         // close() delivers pending events
        // @end region=embedding
        // SpO2 92 scores 2 in NEWS2 (no single 3, total 2: low risk). Since 0.2 the SpO2 alarm delay to medium
        // is 30 s (it was 15 s, and this example ran 20 s of SpO2 91).
        assertThat(printed).containsExactly("RAISED MEDIUM bed-12: SpO2 92 % below 94 for 30 s");
    }
}
