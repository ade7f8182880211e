package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The alarm bands in force, resolved per reading: the patient's override, else (SpO2 of a scale-2
 * patient) {@link Bands#SPO2_SCALE_2}, else the ward's, else the global bands. All three levels change at runtime; a change applies to readings accepted after it.
 * Thread-safe (copy-on-write maps), read on the engine thread for every reading.
 */
public final class ThresholdTable {
    private volatile Map<Vital, Bands> global;
    private final Map<String, Map<Vital, Bands>> wards = new ConcurrentHashMap<>();
    private final Map<String, PatientContext> patients = new ConcurrentHashMap<>();
    /**
     * Moves on after every change (a registration, a discharge, global or ward bands), so that a reader that resolved
     * a patient's context and bands at one version knows they still hold while it reads the same version (see
     * {@link PatientReadings.Patient#context}). Bumped after the change is in place: a reader that sees the new
     * version sees the change.
     */
    private final AtomicInteger version = new AtomicInteger();

    public ThresholdTable(MonitorConfig config) {
        this.global = new EnumMap<>(config.bands());
        config.wardBands().forEach((w, m) -> wards.put(w, new EnumMap<>(m)));
    }

    public Bands bandsFor(String patientId, Vital vital) {
        return bandsFor(patients.get(patientId), vital);
    }

    /** The bands in force for a patient whose context the caller already holds (null: not registered). */
    public Bands bandsFor(PatientContext ctx, Vital vital) {
        if (ctx != null) {
            Bands own = ctx.bandOverrides().get(vital);
            if (own != null) {
                return own;
            }
            if (vital == Vital.SPO2 && ctx.spo2Scale() == 2) {
                return Bands.SPO2_SCALE_2; // the prescribed target range: the patient's own, not the ward's
            }
            if (ctx.ward() != null) {
                Map<Vital, Bands> ward = wards.get(ctx.ward());
                if (ward != null && ward.containsKey(vital)) {
                    return ward.get(vital);
                }
            }
        }
        return global.get(vital);
    }

    public PatientContext patient(String patientId) {
        return patients.get(patientId);
    }

    String wardOf(String patientId) {
        PatientContext ctx = patients.get(patientId);
        return ctx == null ? null : ctx.ward();
    }

    public void register(PatientContext ctx) {
        patients.put(ctx.patientId(), ctx);
        version.incrementAndGet();
    }

    public boolean discharge(String patientId) {
        boolean removed = patients.remove(patientId) != null;
        version.incrementAndGet();
        return removed;
    }

    /** The version of the registrations and bands: it changes after every change to either. */
    int version() {
        return version.get();
    }

    public synchronized void setGlobal(Vital vital, Bands bands) {
        Map<Vital, Bands> copy = new EnumMap<>(global);
        copy.put(vital, bands);
        global = copy;
        version.incrementAndGet();
    }

    Bands global(Vital vital) {
        return global.get(vital);
    }

    public synchronized void setWard(String ward, Vital vital, Bands bands) {
        Map<Vital, Bands> copy = new EnumMap<>(Vital.class);
        copy.putAll(wards.getOrDefault(ward, Map.of()));
        if (bands == null) {
            copy.remove(vital);
        } else {
            copy.put(vital, bands);
        }
        wards.put(ward, copy);
        version.incrementAndGet();
    }

    int patientCount() {
        return patients.size();
    }
}
