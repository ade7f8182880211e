package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.SubmitResult;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.internal.state.PatientReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The validator skips the patient-id checks for an id whose record has taken an observation (the id passed them
 * then; they depend on its text alone). Every answer must be the validator's before (the copy {@link
 * PlainObservationValidator}): the validator alone, told an id was validated only when it was, and the engine's
 * {@code submit} over random observations of monitored, new and invalid ids.
 */
class ValidatedIdSkipTest {
    private static final String[] BAD_IDS = {null, "", "  ", "\t", "a\nb", "x\u0085", "\u007f", "ok".repeat(65)};
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    @Test
    void theValidatorToldAnIdWasValidatedAnswersAsBefore() {
        int skipped = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            for (int i = 0; i < 2_000; i++) {
                Observation o = observation(r, T0.plusMillis(r.nextInt(1_000_000)), r.nextInt(4) == 0);
                boolean strict = r.nextInt(4) == 0;
                boolean idValidated = idPasses(o.patientId()); // as a record's would be: only an id that passed
                skipped += idValidated ? 1 : 0;
                assertThat(answer(() -> ObservationValidator.check(o, strict, idValidated)))
                        .as("seed %d step %d: %s strict %s", seed, i, o, strict)
                        .isEqualTo(answer(() -> PlainObservationValidator.check(o, strict)));
            }
        }
        assertThat(skipped).as("answers with the id checks skipped").isGreaterThan(20_000);
    }

    @Test
    void submitAnswersAsTheOldValidatorForMonitoredNewAndInvalidIds() {
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            boolean strict = r.nextBoolean();
            Engine engine = new Engine(MonitorConfig.defaults(), MonitorClock.eventTime(), List.of(), List.of(),
                    List.of(), Runnable::run, Duration.ofMinutes(2), Journaling.none(), null);
            try {
                engine.inputPolicy(strict, UnknownPatientPolicy.ACCEPT);
                engine.eventTimeFutureTolerance(Duration.ofDays(3650));
                Instant t = T0;
                int accepted = 0;
                for (int i = 0; i < 1_500; i++) {
                    t = t.plusMillis(r.nextInt(2_000));
                    // Mostly a few ids again and again (monitored after their first), sometimes a bad one.
                    Observation o = observation(r, r.nextInt(20) == 0 ? null : t, r.nextInt(6) == 0);
                    String expected = answer(() -> PlainObservationValidator.check(o, strict));
                    String actual;
                    try {
                        SubmitResult s = engine.submit(o);
                        actual = "accepted " + s.rejectedValues();
                        accepted++;
                    } catch (InvalidObservationException e) {
                        actual = refusal(e);
                    }
                    if (expected.startsWith("accepted")) {
                        expected = "accepted " + expected.substring(expected.indexOf(" | ") + 3);
                    }
                    assertThat(actual).as("seed %d step %d: %s strict %s", seed, i, o, strict).isEqualTo(expected);
                }
                assertThat(accepted).as("seed %d: observations accepted", seed).isGreaterThan(500);
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void aRecordIsValidatedOnlyOnceItHasTakenAnObservation() {
        PatientReadings readings = new PatientReadings(null);
        assertThat(readings.patient("restored-watch").idValidated()).isFalse(); // made for a watch, not an observation
        Engine engine = new Engine(MonitorConfig.defaults(), MonitorClock.eventTime(), List.of(), List.of(), List.of(),
                Runnable::run, Duration.ofMinutes(2), Journaling.none(), null);
        try {
            engine.submit(Observation.builder("p-1", T0).heartRate(72).build());
            assertThat(engine.recordForTests("p-1").idValidated()).isTrue();
        } finally {
            engine.close();
        }
    }

    /** Whether the id alone passes the old validator's id checks. */
    private static boolean idPasses(String id) {
        try {
            PlainObservationValidator.check(Observation.builder(id, T0).heartRate(72).build(), true);
            return true;
        } catch (InvalidObservationException e) {
            return !e.field().equals("patient_id");
        } catch (NullPointerException e) {
            return false;
        }
    }

    private static String answer(java.util.function.Supplier<Object> check) {
        try {
            Object c = check.get();
            if (c instanceof PlainObservationValidator.Checked p) {
                return "accepted " + p.accepted() + " | " + p.rejected();
            }
            ObservationValidator.Checked n = (ObservationValidator.Checked) c;
            return "accepted " + n.accepted() + " | " + n.rejected();
        } catch (InvalidObservationException e) {
            return refusal(e);
        }
    }

    private static String refusal(InvalidObservationException e) {
        return "refused " + e.field() + " | " + e.value() + " | " + e.allowed() + " | " + e.getMessage();
    }

    private static Observation observation(Random r, Instant ts, boolean badId) {
        String id = badId ? BAD_IDS[r.nextInt(BAD_IDS.length)] : "p-" + r.nextInt(12);
        Double hr = r.nextInt(10) == 0 ? Double.valueOf(400) : r.nextInt(3) == 0 ? null : Double.valueOf(60 + r.nextInt(40));
        Double spo2 = r.nextInt(10) == 0 ? Double.valueOf(Double.NaN) : r.nextInt(3) == 0 ? null
                : Double.valueOf(90 + r.nextInt(10));
        Double sbp = r.nextInt(4) == 0 ? Double.valueOf(100 + r.nextInt(60)) : null;
        Double dbp = sbp != null && r.nextBoolean() ? Double.valueOf(60 + r.nextInt(120)) : null;
        Double rr = r.nextInt(8) == 0 ? null : Double.valueOf(10 + r.nextInt(15));
        return new Observation(id, ts, hr, sbp, dbp, null, spo2, rr, null, null);
    }
}
