package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks that the implementations {@code PipelineBenchmark} compares do the same threshold work on the ward
 * workload: the library with the threshold pack alone and {@link HandWrittenThresholds} must produce exactly the
 * same number of threshold signals (readings that alert under the pack's rules: persistence with tolerance,
 * confirmed criticals, at least medium once alerted), and the library's alerts raised must equal the hand-written
 * episodes that signalled (the lifecycle's stale and resolve-hold timers could make these two differ on another
 * workload; on this one they agree at every size tried). Exits 1 if not. Without this, a ratio could compare a fast evaluator that does less.
 * The bare-Esper lane ({@link RawEsperPipeline}) is printed but no longer compared: since issue 21 the packs'
 * per-reading state is kept in Java by the engine and the packs read derived events, which the raw lane
 * (VitalSign and ObservationEnd only) does not send, so its threshold pack signals nothing.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.EquivalenceCheck [PATIENTS] [SECONDS] [SEED]
 * </pre>
 */
public final class EquivalenceCheck {
    /** The ward workload's seed every benchmark uses. */
    static final long SEED = 42;

    private EquivalenceCheck() {
    }

    /** What the library (threshold pack alone, event time) and the hand-written evaluator did on one workload. */
    record Counts(long librarySignals, long libraryAlertsRaised, long handSignals, long handEpisodesRaised) {
        boolean same() {
            return librarySignals == handSignals && libraryAlertsRaised == handEpisodesRaised;
        }
    }

    /**
     * Feeds {@code patients} x {@code seconds} of the ward workload from {@code seed} to the library and the
     * hand-written evaluator, each observation also to {@code alsoTo}.
     */
    static Counts compare(int patients, int seconds, long seed, MonitorConfig thresholdOnly,
            Consumer<Observation> alsoTo) {
        WardWorkload w = new WardWorkload(patients, seed);
        WardWorkload.Reading scratch = new WardWorkload.Reading();
        HandWrittenThresholds hand = new HandWrittenThresholds(thresholdOnly);
        try (VitalMonitor library = VitalMonitor.builder().config(thresholdOnly).clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run).build()) {
            for (int p = 0; p < patients; p++) {
                library.register(w.context(p));
            }
            for (long seq = 0, end = (long) patients * seconds; seq < end; seq++) {
                Observation o = w.observation(seq, scratch);
                library.submit(o);
                alsoTo.accept(o);
                hand.accept(o);
            }
            return new Counts(library.stats().signals(), library.stats().alertsRaised(), hand.signals(),
                    hand.raised());
        }
    }

    /** The threshold pack alone, default bands, persistence and settings. */
    static MonitorConfig thresholdOnly() {
        return MonitorConfig.builder().packs(Set.of("threshold")).build();
    }

    /** {@code args}: patients (default 200), seconds of ward time (default 3600), seed (default 42). */
    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        MonitorConfig thresholdOnly = thresholdOnly();
        WardWorkload w = new WardWorkload(patients, seed);
        try (RawEsperPipeline raw = new RawEsperPipeline(thresholdOnly.packs(), thresholdOnly)) {
            for (int p = 0; p < patients; p++) {
                raw.register(w.patientId(p), w.ward(p));
            }
            Counts c = compare(patients, seconds, seed, thresholdOnly, raw::send);
            boolean same = c.same();
            System.out.printf("threshold signals over %d patients x %d s: library %d, raw Esper %d (not compared), "
                            + "hand-written %d: %s"
                            + " (alerts raised: library %d, hand-written episodes %d)%n", patients, seconds,
                    c.librarySignals(), raw.signals(), c.handSignals(), same ? "equal" : "DIFFERENT",
                    c.libraryAlertsRaised(), c.handEpisodesRaised());
            if (!same) {
                System.exit(1);
            }
        }
    }
}
