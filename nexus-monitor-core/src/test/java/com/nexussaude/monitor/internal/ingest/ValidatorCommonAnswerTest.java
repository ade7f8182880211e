package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ObservationValidator#check} answers the common case (nothing rejected) in a method small enough to inline, so
 * that its {@code Checked} is not an object per observation: every answer, and every refusal, must be the one of the
 * validator before (the copy {@link PlainObservationValidator}), over random observations with every kind of bad value.
 */
class ValidatorCommonAnswerTest {
    private static final Double[] VALUES = {null, null, null, 0d, -0d, 1d, 37.5, 72d, 95d, 120d, 250d, 299.9, 300d,
            300.1, 1e308, -1d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 24.9, 45.1, 80d, 81d};
    private static final String[] IDS = {"p-1", "bed 12", null, "", "  ", "a\nb", "x\u0085", "\u007f", "ok"
            .repeat(64), "ok".repeat(65), "é-ü"};
    private static final Instant[] TIMES = {Instant.parse("2026-12-07T03:00:00Z"), null, Instant.EPOCH,
            Instant.EPOCH.minusMillis(1), Observation.LATEST_TIMESTAMP, Observation.LATEST_TIMESTAMP.plusMillis(1)};

    @Test
    void everyAnswerIsTheOldValidatorsOverRandomObservations() {
        int clean = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            for (int i = 0; i < 2_000; i++) {
                Observation o = observation(r);
                boolean strict = r.nextInt(4) == 0;
                String expected;
                Object accepted = null;
                try {
                    PlainObservationValidator.Checked old = PlainObservationValidator.check(o, strict);
                    expected = old.accepted() + " " + old.rejected();
                    accepted = old.accepted();
                } catch (InvalidObservationException e) {
                    expected = refusal(e);
                }
                String actual;
                try {
                    ObservationValidator.Checked now = ObservationValidator.check(o, strict);
                    actual = now.accepted() + " " + now.rejected();
                    if (accepted == o) {
                        clean++;
                        assertThat(now.accepted()).as("seed %d step %d", seed, i).isSameAs(o);
                    }
                } catch (InvalidObservationException e) {
                    actual = refusal(e);
                }
                assertThat(actual).as("seed %d step %d: %s strict %s", seed, i, o, strict).isEqualTo(expected);
            }
        }
        assertThat(clean).as("observations accepted whole").isGreaterThan(400);
    }

    private static String refusal(InvalidObservationException e) {
        return "refused " + e.field() + " | " + e.value() + " | " + e.allowed() + " | " + e.getMessage();
    }

    private static Observation observation(Random r) {
        boolean plain = r.nextInt(3) > 0; // mostly good ids and times, so that the values decide
        String id = plain ? "p-" + r.nextInt(50) : IDS[r.nextInt(IDS.length)];
        Instant ts = plain ? TIMES[0].plusMillis(r.nextInt(1_000_000)) : TIMES[r.nextInt(TIMES.length)];
        boolean good = r.nextBoolean(); // every value in range: the common answer
        return new Observation(id, ts, value(r, good, 72), value(r, good, 120), value(r, good, 80),
                value(r, good, 37.5), value(r, good, 95), value(r, good, 16),
                r.nextInt(3) == 0 ? Consciousness.values()[r.nextInt(Consciousness.values().length)] : null,
                r.nextInt(3) == 0 ? r.nextBoolean() : null);
    }

    private static Double value(Random r, boolean good, double typical) {
        if (good) {
            return r.nextInt(3) == 0 ? null : typical + r.nextInt(9) - 4;
        }
        return VALUES[r.nextInt(VALUES.length)];
    }
}
