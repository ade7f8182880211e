package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.VitalMonitor;
import java.util.ArrayList;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A {@link VitalMonitor} fed the {@link WardWorkload} stream, as the throughput benchmarks drive it: the
 * ward registered, event-time clock, listeners called on the submitting thread, one {@code submit} per
 * reading.
 *
 * <p>Why a class of its own: {@link InterleavedBenchmark}'s {@code before} lane loads this very class,
 * with {@link WardWorkload}, in a class loader that holds the core library built at another commit
 * ({@link BeforeCode}). The old library then runs the same bytecode on the same seeded stream as the
 * current one, with no reflection per reading: the benchmark calls it through the JDK's interfaces only
 * ({@link IntConsumer}: feed the next {@code n} readings; {@link Supplier}: what it did; {@link
 * AutoCloseable}). It may therefore use nothing from this module but {@link WardWorkload}, and nothing of
 * the core but API that the old commit has with the same signatures.
 */
public final class WardFeed implements IntConsumer, Supplier<String>, AutoCloseable {
    private final WardWorkload workload;
    private final VitalMonitor monitor;
    private final WardWorkload.Reading scratch = new WardWorkload.Reading();
    /** Whether {@link #accept} hands a turn's readings to {@code submitAll} as one list (this jar's library only). */
    private final boolean batch;
    /** The turn's observations for {@code submitAll}, reused: only the observations are new each turn. */
    private final ArrayList<Observation> turn = new ArrayList<>();
    private long seq;
    private long alertEvents;

    /**
     * A monitor with {@code packs} (see {@link #config}) over a ward of {@code patients} beds from
     * {@code seed}; the constructor the {@code before} lane calls reflectively, once.
     */
    public WardFeed(String packs, int patients, long seed) {
        this(packs, new WardWorkload(patients, seed), false);
    }

    /**
     * {@code batch}: each {@link #accept} call submits its readings as one {@code submitAll} list (API the
     * {@code before} lane's library lacks; that lane never asks for it).
     */
    WardFeed(String packs, WardWorkload workload, boolean batch) {
        this.workload = workload;
        this.batch = batch;
        this.monitor = VitalMonitor.builder()
                .config(config(packs))
                .clock(MonitorClock.eventTime())
                .listenerExecutor(Runnable::run)
                .listener(e -> alertEvents++)
                .build();
        for (int p = 0; p < workload.patients(); p++) {
            monitor.register(workload.context(p));
        }
    }

    /**
     * {@code all}: the default packs; {@code none}: no pack (only the schema: the floor of sending
     * events); otherwise bundled pack names joined by {@code +} ({@code threshold+news2}).
     */
    static MonitorConfig config(String packs) {
        return switch (packs) {
            case "all" -> MonitorConfig.defaults();
            case "none" -> MonitorConfig.builder().packs(Set.of()).build();
            default -> MonitorConfig.builder().packs(Set.of(packs.split("\\+"))).build();
        };
    }

    /** Submits the next {@code n} readings of the stream. */
    @Override
    public void accept(int n) {
        if (batch) {
            acceptAll(n);
            return;
        }
        VitalMonitor m = monitor;
        WardWorkload w = workload;
        long s = seq;
        for (long end = s + n; s < end; s++) {
            m.submit(w.observation(s, scratch));
        }
        seq = s;
    }

    /** Submits the next {@code n} readings of the stream as one {@code submitAll} list. */
    private void acceptAll(int n) {
        turn.clear();
        long s = seq;
        for (long end = s + n; s < end; s++) {
            turn.add(workload.observation(s, scratch));
        }
        monitor.submitAll(turn);
        seq = s;
    }

    /** The monitor's stats, the alert events seen and the ward time reached. */
    @Override
    public String get() {
        return monitor.stats() + "; alert events " + alertEvents + "; ward time " + workload.secondOf(seq) + " s";
    }

    /** Readings submitted so far. */
    public long readings() {
        return seq;
    }

    /** Alert events the listener received so far. */
    public long alertEvents() {
        return alertEvents;
    }

    /** The monitor's class: which library this feed drives. */
    public Class<?> monitorClass() {
        return monitor.getClass();
    }

    /**
     * A digest of readings {@code from .. from + n - 1} of this feed's ward, every field of every reading
     * (what {@code submit} would be given); two feeds of equal wards give equal digests.
     */
    public long readingsDigest(long from, int n) {
        WardWorkload.Reading r = new WardWorkload.Reading();
        long h = 17;
        for (long s = from; s < from + n; s++) {
            workload.fill(s, r);
            h = 31 * h + r.patient;
            h = 31 * h + r.patientId.hashCode();
            h = 31 * h + r.timestampMs;
            for (double v : new double[] {r.heartRate, r.spo2, r.respiratoryRate, r.systolicBp, r.diastolicBp,
                    r.temperature}) {
                h = 31 * h + Double.doubleToLongBits(v);
            }
        }
        return h;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
