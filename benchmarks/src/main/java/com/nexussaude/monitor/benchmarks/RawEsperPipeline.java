package com.nexussaude.monitor.benchmarks;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PersistencePolicy;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import com.nexussaude.monitor.internal.state.PatientReadings;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's EPL on a bare Esper runtime, without the {@code VitalMonitor} wrapper: the
 * baseline that shows what the wrapper costs.
 *
 * <p>It deploys the very {@code .epc} resources the library deploys (the packs precompiled at build
 * time by {@code RulePackCompiler}) on a runtime with the library's Esper configuration
 * ({@link EsperSetup#configuration()}: external time, Esper locking off), loads the same persistence
 * policies, and turns each {@link Observation} into the same {@code VitalSign} events plus one
 * {@code ObservationEnd} and the {@code VitalMinute} and {@code VitalTrend} summaries (through the engine's own
 * {@link PatientReadings}, so the events are identical), sent straight to {@link EPEventService} after {@code advanceTime} to the
 * observation's timestamp. Bands are the global defaults, as for a registered patient without
 * overrides.
 *
 * <p>What it leaves out is exactly the wrapper: validation, the engine lock, late-data checks,
 * the band lookup through patient and ward contexts, the alert lifecycle ({@code AlertBook}) and
 * listener dispatch. Its listeners only count the {@code AlertSignal} and {@code AlertClear} rows.
 *
 * <p>Single-threaded, like the JMH thread that drives it.
 */
public final class RawEsperPipeline implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Vital[] VITALS = Vital.values();

    private final EPRuntime runtime;
    private final EPEventService events;
    private final PatientReadings readings;
    private final Bands[] bands = new Bands[VITALS.length];
    private final Map<String, String> wards = new HashMap<>();
    private long time = Long.MIN_VALUE;
    private long signals;
    private long clears;

    /**
     * Deploys the schema and the given bundled packs (names as in {@link MonitorConfig#packs()}),
     * in the library's order, with {@code config}'s bands and persistence.
     */
    public RawEsperPipeline(Set<String> packs, MonitorConfig config) {
        runtime = EPRuntimeProvider.getRuntime("raw-esper-" + IDS.incrementAndGet(), EsperSetup.configuration());
        events = runtime.getEventService();
        events.advanceTime(0);
        readings = new PatientReadings(events);
        for (Vital v : VITALS) {
            bands[v.ordinal()] = v.hasBands() ? config.bands().get(v) : null;
        }
        UpdateListener onSignal = (newEvents, oldEvents, statement, rt) -> signals += count(newEvents);
        UpdateListener onClear = (newEvents, oldEvents, statement, rt) -> clears += count(newEvents);
        for (String pack : EsperSetup.PACKS) {
            if (!pack.equals("schema") && !packs.contains(pack)) {
                continue;
            }
            EPDeployment d;
            try {
                d = runtime.getDeploymentService().deploy(load(pack));
            } catch (EPDeployException e) {
                throw new IllegalStateException("cannot deploy pack " + pack + ": " + e.getMessage(), e);
            }
            for (EPStatement s : d.getStatements()) {
                if (s.getName().equals("nexus-alert-signals")) {
                    s.addListener(onSignal);
                } else if (s.getName().equals("nexus-alert-clears")) {
                    s.addListener(onClear);
                }
            }
        }
        if (packs.contains("threshold")) {
            // The same policy rows Engine loads at start.
            for (Map.Entry<Vital, PersistencePolicy> p : config.persistence().entrySet()) {
                PersistencePolicy pp = p.getValue();
                events.sendEventObjectArray(new Object[] {p.getKey().name(), pp.mediumDelay().toMillis(),
                        pp.highDelay().toMillis(), pp.maxGap().toMillis(), pp.staleAfter().toMillis(),
                        pp.clearAfter().toMillis()}, "ThresholdPolicyUpdate");
            }
        }
    }

    private static int count(EventBean[] rows) {
        int n = 0;
        for (EventBean e : rows) {
            // Read a field, as any real consumer would, so the row is not dead.
            if (e.get("patientId") != null) {
                n++;
            }
        }
        return n;
    }

    /** The precompiled pack the library ships, read the way the library reads it. */
    static EPCompiled load(String pack) {
        String resource = "/com/nexussaude/monitor/packs/" + pack + ".epc";
        try (InputStream in = EsperSetup.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: build nexus-monitor-core with Maven first");
            }
            try (ObjectInputStream o = new ObjectInputStream(in)) {
                return (EPCompiled) o.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a patient's ward, as registering a {@code PatientContext} does for the library. */
    public void register(String patientId, String ward) {
        wards.put(patientId, ward);
    }

    /** Sends one observation: its VitalSign events, then ObservationEnd. */
    public void send(Observation o) {
        long ts = o.timestamp().toEpochMilli();
        if (ts > time) {
            time = ts;
            events.advanceTime(ts);
        }
        readings.sweep(time, wards::get);
        String pid = o.patientId();
        String ward = wards.get(pid);
        PatientReadings.Patient patient = readings.patient(pid);
        Long boxedTs = ts;
        patient.screen(o.value(Vital.HEART_RATE), o.value(Vital.SPO2), o.value(Vital.RESPIRATORY_RATE), ts);
        for (Vital v : VITALS) {
            Double x = o.value(v);
            if (x == null) {
                continue;
            }
            double value = x;
            Bands b = bands[v.ordinal()];
            int band = -1;
            int direction = 0;
            double limit = Double.NaN;
            if (b != null) {
                band = b.bandOf(value);
                direction = b.directionOf(value);
                limit = b.crossedLimit(value);
            }
            patient.reading(v, x, boxedTs, ward);
            patient.followTrendContext(v, ts, 1);
            events.sendEventObjectArray(new Object[] {pid, ward, v.name(), x, boxedTs, band, direction, limit, 1,
                    patient.artefact(v)}, "VitalSign");
        }
        patient.observationEnd(ward, ts, 1);
    }

    /** AlertSignal rows seen so far. */
    public long signals() {
        return signals;
    }

    /** AlertClear rows seen so far. */
    public long clears() {
        return clears;
    }

    @Override
    public void close() {
        runtime.destroy();
    }
}
