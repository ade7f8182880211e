package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.util.Set;

/**
 * Checks that the implementations {@code PipelineBenchmark} compares do the same threshold work on the ward
 * workload: the library with the threshold pack alone and {@link HandWrittenThresholds} must produce exactly the
 * same number of threshold signals (readings whose violation had lasted long enough to alert). Exits 1 if not.
 * Without this, a ratio could compare a fast evaluator that does less. The bare-Esper lane
 * ({@link RawEsperPipeline}) is printed but no longer compared: since issue 21 the packs' per-reading state is
 * kept in Java by the engine and the packs read derived events, which the raw lane (VitalSign and
 * ObservationEnd only) does not send, so its threshold pack signals nothing.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.EquivalenceCheck [PATIENTS] [SECONDS]
 * </pre>
 */
public final class EquivalenceCheck {
    private EquivalenceCheck() {
    }

    /** {@code args}: patients (default 200), seconds of ward time (default 3600). */
    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        WardWorkload w = new WardWorkload(patients, 42);
        WardWorkload.Reading scratch = new WardWorkload.Reading();
        MonitorConfig thresholdOnly = MonitorConfig.builder().packs(Set.of("threshold")).build();
        HandWrittenThresholds hand = new HandWrittenThresholds(thresholdOnly);
        try (VitalMonitor library = VitalMonitor.builder().config(thresholdOnly).clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run).build();
             RawEsperPipeline raw = new RawEsperPipeline(thresholdOnly.packs(), thresholdOnly)) {
            for (int p = 0; p < patients; p++) {
                library.register(w.context(p));
                raw.register(w.patientId(p), w.ward(p));
            }
            for (long seq = 0, end = (long) patients * seconds; seq < end; seq++) {
                Observation o = w.observation(seq, scratch);
                library.submit(o);
                raw.send(o);
                hand.accept(o);
            }
            long lib = library.stats().signals();
            boolean same = lib == hand.signals();
            System.out.printf("threshold signals over %d patients x %d s: library %d, raw Esper %d (not compared), "
                            + "hand-written %d: %s"
                            + " (alerts raised: library %d, hand-written episodes %d)%n", patients, seconds, lib,
                    raw.signals(), hand.signals(), same ? "equal" : "DIFFERENT", library.stats().alertsRaised(),
                    hand.raised());
            if (!same) {
                System.exit(1);
            }
        }
    }
}
