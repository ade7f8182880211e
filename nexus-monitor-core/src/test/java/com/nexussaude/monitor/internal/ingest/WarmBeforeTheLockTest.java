package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertListener;
import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.ScoreListener;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.internal.state.PatientReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link PatientReadings.Patient#warm}, which the submitting thread runs on the patient's record before the engine's
 * lock so that the record's cache misses overlap, only reads: with it, and with it called again and again between
 * observations, the alerts and scores are those of an engine that never warms; called from another thread while
 * observations are taken under the lock, it neither throws nor changes an alert or score. The ward takes every shape a record has: all packs' state, open threshold episodes, artefacts
 * (jumps, zeros, motion), minutes of non-short values (the gate's wide form), NIBP, temperature, ACVPU, oxygen.
 */
class WarmBeforeTheLockTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final int BEDS = 12;
    static final int SECONDS = 40 * 60;

    @Test
    void warmingEveryRecordBetweenObservationsChangesNoAlert() {
        List<Observation> ward = ward(11);
        List<String> plain = alerts(ward, false, engine -> { });
        AtomicInteger warmed = new AtomicInteger();
        List<String> warmedTwice = alerts(ward, true, engine -> {
            for (int b = 0; b < BEDS; b++) {
                PatientReadings.Patient r = engine.recordForTests(bed(b));
                if (r != null) {
                    int first = r.warm();
                    assertThat(r.warm()).as("the same record read twice").isEqualTo(first);
                    warmed.incrementAndGet();
                }
            }
        });
        assertThat(plain).hasSizeGreaterThan(50);
        assertThat(warmedTwice).isEqualTo(plain);
        assertThat(warmed.get()).isGreaterThan(BEDS * SECONDS / 2);
    }

    @Test
    void warmingFromAnotherThreadDuringTheLockedStepsChangesNothing() throws Exception {
        List<Observation> ward = ward(12);
        List<String> plain = alerts(ward, false, engine -> { });
        AtomicInteger passes = new AtomicInteger();
        AtomicReference<Engine> running = new AtomicReference<>();
        // A task, not a bare thread: whatever the racer throws comes back to this test through get().
        FutureTask<Void> racing = new FutureTask<>(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Engine engine = running.get();
                if (engine != null) {
                    for (int b = 0; b < BEDS; b++) {
                        PatientReadings.Patient r = engine.recordForTests(bed(b));
                        if (r != null) {
                            r.warm();
                        }
                    }
                    passes.incrementAndGet();
                }
                Thread.onSpinWait();
            }
            return null;
        });
        Thread racer = new Thread(racing, "warm-racer");
        racer.setDaemon(true);
        racer.start();
        int[] submitted = {0};
        List<String> raced;
        try {
            raced = alerts(ward, true, engine -> {
                running.set(engine);
                // Every 500 observations, wait for another pass of the racer: the two threads interleave throughout.
                if (++submitted[0] % 500 == 0) {
                    int seen = passes.get();
                    while (passes.get() == seen && !racing.isDone()) {
                        Thread.onSpinWait();
                    }
                }
            });
        } finally {
            racer.interrupt();
            racer.join();
        }
        racing.get(); // the racer has ended (joined); rethrows, as an ExecutionException, what it threw
        assertThat(passes.get()).isGreaterThanOrEqualTo(ward.size() / 500);
        assertThat(raced).isEqualTo(plain);
    }

    /**
     * The alert and score events of the ward through a fresh engine with the default packs, its records warmed before
     * the lock or not ({@code warm}); {@code between} after each submit.
     */
    private static List<String> alerts(List<Observation> ward, boolean warm, Consumer<Engine> between) {
        List<String> events = new ArrayList<>();
        AlertListener listener = (AlertEvent e) -> events.add(e.type() + " " + e.timestamp() + " " + e.alert());
        ScoreListener scores = e -> events.add("score " + e);
        Engine engine = new Engine(MonitorConfig.defaults(), MonitorClock.eventTime(), List.of(listener),
                List.of(scores), List.of(), Runnable::run, Duration.ofMinutes(2), Journaling.none(), null);
        engine.warmRecordsForTests(warm);
        try {
            for (Observation o : ward) {
                engine.submit(o);
                between.accept(engine);
            }
        } finally {
            engine.close();
        }
        return events;
    }

    private static String bed(int b) {
        return "bed-" + b;
    }

    /**
     * A seeded ward: HR, SpO2 and RR at 1 Hz; NIBP every 15 minutes; temperature, ACVPU and oxygen hourly (more often
     * for the sick). A third of the beds deteriorate; readings jump, drop to zero and take fractional values.
     */
    static List<Observation> ward(long seed) {
        Random r = new Random(seed);
        List<Observation> out = new ArrayList<>();
        for (int s = 0; s < SECONDS; s++) {
            for (int b = 0; b < BEDS; b++) {
                Instant t = T0.plusMillis(s * 1000L + b * 37L);
                boolean sick = b % 3 == 0 && s > SECONDS / 4;
                double drift = sick ? Math.min(1.0, (s - SECONDS / 4) / (SECONDS / 2.0)) : 0;
                double hr = 75 + 60 * drift + r.nextInt(5);
                double spo2 = 97 - 12 * drift - r.nextInt(2);
                double rr = 15 + 14 * drift + r.nextInt(3);
                switch (r.nextInt(400)) {
                    case 0 -> hr = 0; // lead off
                    case 1 -> spo2 = 0; // probe off
                    case 2 -> hr += 90; // a jump
                    case 3 -> spo2 -= 30; // a drop
                    case 4 -> rr = 0; // flat impedance
                    default -> { }
                }
                if (b == 1 && s % 7 == 0) {
                    spo2 += 0.5; // not a whole number: the gate's wide minute
                }
                Observation.Builder o = Observation.builder(bed(b), t).heartRate(hr).spo2(spo2).respiratoryRate(rr);
                if (s % 900 == b) {
                    o.bloodPressure(120 - 45 * drift, 75 - 25 * drift);
                }
                if (s % (sick ? 600 : 3600) == b) {
                    o.temperature(36.8 + 2 * drift).consciousness(drift > 0.8 ? Consciousness.VOICE : Consciousness.ALERT)
                            .supplementalOxygen(drift > 0.5);
                }
                out.add(o.build());
            }
        }
        return out;
    }

    @Test
    void theWardTakesTheShapesItIsFor() {
        List<Observation> ward = ward(11);
        assertThat(ward).anyMatch(o -> o.value(Vital.SPO2) != null && o.value(Vital.SPO2) % 1 != 0);
        assertThat(ward).anyMatch(o -> o.value(Vital.TEMPERATURE) != null);
        assertThat(ward).anyMatch(o -> Double.valueOf(0).equals(o.value(Vital.HEART_RATE)));
    }
}
