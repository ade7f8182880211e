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
            for (int s = 0; s < 20; s++) {                        // SpO2 91 % for 20 s
                monitor.submit(Observation.builder("bed-12", t.plusSeconds(s))
                        .heartRate(88).spo2(91).build());
            }
        }                                                         // close() delivers pending events
        // @end region=embedding
        // The NEWS2 pack scores SpO2 91 as 3, but its 30 s alert delay has not passed after 20 s.
        assertThat(printed).containsExactly("RAISED MEDIUM bed-12: SpO2 91 % below 94 for 15 s");
    }
}
