package com.nexussaude.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.jdbc.VitalsHistoryStore.Resolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vitals history on a real PostgreSQL: raw readings, minute aggregates, retention. */
class VitalsHistoryStoreTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final VitalsHistoryStore.Options OPTIONS = VitalsHistoryStore.Options.defaults()
            .withRawRetention(Duration.ofHours(1)).withAggregateRetention(Duration.ofDays(2))
            .withRetentionInterval(Duration.ZERO);

    /** bed-1: heart rate 60, 61, … and SpO2 every 10 s for three minutes; bed-2 one reading. */
    static void threeMinutes(VitalsHistoryStore store) throws InterruptedException {
        for (int i = 0; i < 18; i++) {
            assertThat(store.record(Observation.builder("bed-1", T0.plusSeconds(10L * i)).heartRate(60 + i)
                    .spo2(i % 2 == 0 ? 97 : 95).build())).isEqualTo(2);
        }
        store.record("bed-2", Vital.HEART_RATE, T0, 120);
        assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
    }

    static VitalPoint minute(Vital v, int minute, double median, double min, double max, int count) {
        return new VitalPoint(v, T0.plusSeconds(60L * minute), median, min, max, count);
    }

    @Test
    void rawReadingsAndMinuteAggregatesOfOnePatient() throws InterruptedException {
        try (VitalsHistoryStore store = VitalsHistoryStore.open(TestPostgres.freshDatabase(), OPTIONS)) {
            threeMinutes(store);
            List<VitalPoint> raw = store.history("bed-1", T0, T0.plusSeconds(180), Resolution.RAW);
            assertThat(raw).hasSize(36);
            assertThat(raw.subList(0, 2)).containsExactly(
                    new VitalPoint(Vital.HEART_RATE, T0, 60, 60, 60, 1), new VitalPoint(Vital.SPO2, T0, 97, 97, 97, 1));
            assertThat(raw).extracting(VitalPoint::at).isSorted();
            // Minutes: HR 60..65 (median 62.5), 66..71, 72..77; SpO2 three 97s and three 95s (median 96).
            assertThat(store.history("bed-1", T0, T0.plusSeconds(180), Resolution.MINUTE)).containsExactly(
                    minute(Vital.HEART_RATE, 0, 62.5, 60, 65, 6), minute(Vital.SPO2, 0, 96, 95, 97, 6),
                    minute(Vital.HEART_RATE, 1, 68.5, 66, 71, 6), minute(Vital.SPO2, 1, 96, 95, 97, 6),
                    minute(Vital.HEART_RATE, 2, 74.5, 72, 77, 6), minute(Vital.SPO2, 2, 96, 95, 97, 6));
            // The range is [from, to), and one patient only.
            assertThat(store.history("bed-1", T0.plusSeconds(10), T0.plusSeconds(30), Resolution.RAW))
                    .extracting(VitalPoint::median).containsExactly(61.0, 95.0, 62.0, 97.0);
            assertThat(store.history("bed-2", T0, T0.plusSeconds(180), Resolution.RAW)).singleElement()
                    .satisfies(p -> assertThat(p.median()).isEqualTo(120));
            assertThat(store.stats()).satisfies(s -> {
                assertThat(s.written()).isEqualTo(37);
                assertThat(s.dropped()).isZero();
                assertThat(s.queued()).isZero();
            });
            assertThatThrownBy(() -> store.history("bed-1", T0, T0, Resolution.RAW))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from must be before to");
            assertThatThrownBy(() -> store.record("bed-1", Vital.HEART_RATE, T0, Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heart_rate of bed-1");
        }
    }

    @Test
    void retentionFoldsOldReadingsIntoMinutesAndDeletesWhatIsPastKeeping() throws InterruptedException {
        try (VitalsHistoryStore store = VitalsHistoryStore.open(TestPostgres.freshDatabase(), OPTIONS)) {
            threeMinutes(store);
            List<VitalPoint> minutes = store.history("bed-1", T0, T0.plusSeconds(180), Resolution.MINUTE);

            // Half an hour later nothing is old enough; two hours later all of it is.
            assertThat(store.runRetention(T0.plus(Duration.ofMinutes(30)))).isEqualTo(new VitalsHistoryStore.Retention(0, 0, 0));
            VitalsHistoryStore.Retention folded = store.runRetention(T0.plus(Duration.ofHours(2)));
            assertThat(folded).isEqualTo(new VitalsHistoryStore.Retention(7, 37, 0));
            // The same minutes as before, now stored; raw asks get them too, as nothing raw is left.
            assertThat(store.history("bed-1", T0, T0.plusSeconds(180), Resolution.MINUTE)).isEqualTo(minutes);
            assertThat(store.history("bed-1", T0, T0.plusSeconds(180), Resolution.RAW)).isEqualTo(minutes);

            // A late reading for a folded minute merges into its min, max and count.
            store.record("bed-1", Vital.HEART_RATE, T0.plusSeconds(5), 50);
            assertThat(store.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(store.history("bed-1", T0, T0.plusSeconds(60), Resolution.MINUTE))
                    .contains(minute(Vital.HEART_RATE, 0, 62.5, 50, 65, 7));
            assertThat(store.runRetention(T0.plus(Duration.ofHours(2))).minutesWritten()).isEqualTo(1);
            assertThat(store.history("bed-1", T0, T0.plusSeconds(60), Resolution.MINUTE))
                    .contains(minute(Vital.HEART_RATE, 0, 62.5, 50, 65, 7));

            // Past the aggregate window: gone.
            assertThat(store.runRetention(T0.plus(Duration.ofDays(3))).minutesDeleted()).isEqualTo(7);
            assertThat(store.history("bed-1", T0, T0.plusSeconds(180), Resolution.MINUTE)).isEmpty();
        }
    }

    @Test
    void theScheduledRetentionRunsAtTheInjectedClock() throws InterruptedException {
        List<Instant> asked = new ArrayList<>();
        VitalsHistoryStore.Options scheduled = OPTIONS.withRetentionInterval(Duration.ofMillis(50)).withClock(() -> {
            synchronized (asked) {
                asked.add(T0.plus(Duration.ofHours(2)));
                asked.notifyAll();
            }
            return T0.plus(Duration.ofHours(2));
        });
        try (VitalsHistoryStore store = VitalsHistoryStore.open(TestPostgres.freshDatabase(), scheduled)) {
            threeMinutes(store);
            // Wait for two runs after the readings are in: the second found them whatever the first did.
            synchronized (asked) {
                int seen = asked.size();
                while (asked.size() < seen + 2) {
                    int before = asked.size();
                    asked.wait(30_000);
                    assertThat(asked.size()).as("the retention job runs every 50 ms").isGreaterThan(before);
                }
            }
            assertThat(store.history("bed-1", T0, T0.plusSeconds(180), Resolution.RAW)).hasSize(6)
                    .allSatisfy(p -> assertThat(p.count()).isEqualTo(6));
        }
    }

    @Test
    void historyQueriesUseTheIndexesNotAScan() throws Exception {
        JdbcConfig config = TestPostgres.freshDatabase();
        try (VitalsHistoryStore store = VitalsHistoryStore.open(config, OPTIONS)) {
            assertThat(store.stats().written()).isZero();
        }
        // A day of 30 beds, three vitals every 10 s, raw and as minutes.
        try (Connection c = JdbcJournalTest.connect(config); Statement st = c.createStatement()) {
            st.execute("INSERT INTO vital_reading SELECT 'bed-' || b, v, timestamptz '2026-11-25 08:00Z' + s * interval "
                    + "'10 s', 60 + (s % 40) FROM generate_series(0, 29) b, unnest(ARRAY['heart_rate', 'spo2', "
                    + "'respiratory_rate']) v, generate_series(0, 8639) s");
            st.execute("INSERT INTO vital_minute SELECT 'bed-' || b, v, timestamptz '2026-11-25 08:00Z' + m * interval "
                    + "'1 min', 70, 60, 80, 6 FROM generate_series(0, 29) b, unnest(ARRAY['heart_rate', 'spo2', "
                    + "'respiratory_rate']) v, generate_series(0, 1439) m");
            st.execute("ANALYZE vital_reading");
            st.execute("ANALYZE vital_minute");
            for (String sql : List.of(VitalsHistoryStore.STORED_MINUTES, VitalsHistoryStore.MINUTES_OF_READINGS,
                    VitalsHistoryStore.READINGS)) {
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                    VitalsHistoryStore.bindRange(ps, "bed-7", T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(4)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertThat(plan.toString()).as("plan of %s", sql).contains("Index").doesNotContain("Seq Scan");
            }
        }
    }
}
